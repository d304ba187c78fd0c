"""Dependencies shared by HQ's routers, as types (the FastAPI full-stack template's
`api/deps.py`): `SessionDep`, `CurrentStaff`, `CurrentTill`, `CurrentMember`, `AdminToken`, and
`Permit(permission)`, the one way a console route states what it needs.

A console route is declared with `dependencies=[Permit("x.view")]` (or takes `CurrentStaff` and
calls `authorize` for a store-scoped check); `tests/hq/test_route_security.py` walks app.routes
and fails on a console route without a Permit.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from ..base import HQError
from ..members import MemberAPI
from ..service import HQ
from ..services.auth import NotSignedIn, StaffUser, authorize, check_csrf, session_staff
from ..settings import Settings

SESSION_COOKIE = "hq_session"
LANG_COOKIE = "hq_lang"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


# Dependencies that only read the request are `async def`: FastAPI runs a plain `def` dependency
# on its thread pool, a hand-off to a thread and back for nothing (three per push or pull before
# issue 22's soak: these two and the route). Those that touch the database stay plain `def`.
async def get_hq(request: Request) -> HQ:
    return request.app.state.hq


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


HQDep = Annotated[HQ, Depends(get_hq)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_db(hq: HQDep) -> Iterator[Session]:
    """One transaction for the request's reads (services that write open their own)."""
    with hq.tx() as s:
        yield s


SessionDep = Annotated[Session, Depends(get_db)]


def client_of(request: Request) -> str:
    return request.client.host if request.client else ""


async def current_staff(request: Request, hq: HQDep) -> StaffUser:
    """The signed-in staff member (session cookie only: the admin token and till or member
    bearer tokens mean nothing here). A state-changing request must carry the session's CSRF
    token, in the `X-CSRF-Token` header (htmx) or the form's `csrf_token` field."""
    cached = getattr(request.state, "staff", None)
    if cached is not None:
        return cached
    staff = session_staff(hq, request.cookies.get(SESSION_COOKIE))
    if request.method not in SAFE_METHODS:
        sent: str | UploadFile | None = request.headers.get(CSRF_HEADER)
        if not sent and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            sent = (await request.form()).get(CSRF_FIELD)
        check_csrf(staff, sent if isinstance(sent, str) else None)
    request.state.staff = staff
    return staff


CurrentStaff = Annotated[StaffUser, Depends(current_staff)]


class Permit:
    """`dependencies=[Permit("rules.edit")]`: the route needs a signed-in staff member holding the
    permission (the one check, `services.auth.authorize`)."""

    def __init__(self, permission: str):
        from ..services.auth import PERMISSIONS

        if permission not in PERMISSIONS:
            raise KeyError(f"unknown permission {permission!r}")
        self.permission = permission
        self.dependency = Depends(self)

    def __call__(self, staff: CurrentStaff) -> StaffUser:
        authorize(staff, self.permission)
        return staff


def permit(permission: str):
    """The dependency object for `dependencies=[permit("x")]` (a Permit inside Depends)."""
    return Permit(permission).dependency


def optional_staff(request: Request, hq: HQDep) -> StaffUser | None:
    try:
        return session_staff(hq, request.cookies.get(SESSION_COOKIE))
    except NotSignedIn:
        return None


# ---- machine and member credentials ------------------------------------------------------------------


async def till_token(authorization: Annotated[str | None, Header()] = None) -> str | None:
    """The till's bearer token; push and pull check it inside their own transaction."""
    return authorization[7:] if authorization and authorization.startswith("Bearer ") else None


TillToken = Annotated[str | None, Depends(till_token)]


def current_till(hq: HQDep, token: TillToken) -> tuple[str, str, str]:
    """(till id, store code, chain id) of an enrolled, unrevoked till."""
    return hq.authenticate(token)


CurrentTill = Annotated[tuple[str, str, str], Depends(current_till)]


async def get_member_api(request: Request) -> MemberAPI:
    return request.app.state.member_api


MemberAPIDep = Annotated[MemberAPI, Depends(get_member_api)]


def current_member(members: MemberAPIDep, authorization: Annotated[str | None, Header()] = None) -> str:
    token = authorization[7:] if authorization and authorization.startswith("Bearer ") else None
    return members.session_member(token)


CurrentMember = Annotated[str, Depends(current_member)]


async def admin_token(settings: SettingsDep, x_admin_token: Annotated[str | None, Header()] = None) -> None:
    """Machine-to-machine only: the console never accepts it."""
    expected = settings.admin_token
    if not expected or not secrets.compare_digest((x_admin_token or "").encode(), expected.encode()):
        raise HQError(401, "Admin token missing or wrong")


AdminToken = Depends(admin_token)
