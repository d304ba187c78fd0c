"""Console pages for staff accounts (chain admins manage them, auditors read them) and HQ's
audit log (filtered, with the hash chain's check)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from ..i18n import describe_error, translate
from ..services import audit as audit_service
from ..services import auth
from ..services import staff as staff_service
from ..services.auth import StaffUser
from .deps import CurrentStaff, HQDep, client_of, permit
from .render import render, request_lang

router = APIRouter(prefix="/console", include_in_schema=False)


# ---- staff accounts (chain admin; the auditor reads) ----------------------------------------------


def _staff_page(
    request: Request,
    hq,
    staff: StaffUser,
    flash: str = "",
    flash_kind: str = "ok",
    status_code: int = 200,
    form: dict | None = None,
) -> Response:
    return render(
        request,
        "console/staff.html",
        {
            "accounts": staff_service.list_staff(hq, staff),
            "roles": auth.ROLES,
            "flash": flash,
            "flash_kind": flash_kind,
            "form": form or {},
            "can_manage": staff.can("staff.manage"),
        },
        status_code=status_code,
    )


@router.get("/staff", dependencies=[permit("staff.view")])
def staff_list(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    return _staff_page(request, hq, staff)


def _codes(stores: str) -> list[str]:
    return [c.strip() for c in stores.replace("，", ",").split(",") if c.strip()]


@router.post("/staff", dependencies=[permit("staff.manage")])
def staff_create(
    request: Request,
    hq: HQDep,
    staff: CurrentStaff,
    username: Annotated[str, Form(max_length=64)],
    role: Annotated[str, Form(max_length=32)],
    password: Annotated[str, Form(max_length=256)],
    display_name: Annotated[str, Form(max_length=64)] = "",
    stores: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    lang = request_lang(request)
    try:
        staff_service.create_staff(
            hq, staff, username, display_name, role, password, _codes(stores), client_of(request)
        )
    except auth.ConsoleError as error:
        return _staff_page(
            request,
            hq,
            staff,
            describe_error(error, lang),
            "error",
            error.status,
            {"username": username, "display_name": display_name, "role": role, "stores": stores},
        )
    return _staff_page(request, hq, staff, translate("staff.created", lang, username=username.strip().lower()))


@router.post("/staff/{staff_id}", dependencies=[permit("staff.manage")])
def staff_update(
    request: Request,
    hq: HQDep,
    staff: CurrentStaff,
    staff_id: str,
    role: Annotated[str, Form(max_length=32)],
    display_name: Annotated[str, Form(max_length=64)] = "",
    stores: Annotated[str, Form(max_length=500)] = "",
    active: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    lang = request_lang(request)
    try:
        staff_service.update_staff(
            hq,
            staff,
            staff_id,
            role=role,
            store_codes=_codes(stores),
            display_name=display_name,
            active=bool(active),
            client=client_of(request),
        )
    except auth.ConsoleError as error:
        return _staff_page(request, hq, staff, describe_error(error, lang), "error", error.status)
    return _staff_page(request, hq, staff, translate("common.done", lang))


@router.post("/staff/{staff_id}/password", dependencies=[permit("staff.manage")])
def staff_reset_password(request: Request, hq: HQDep, staff: CurrentStaff, staff_id: str) -> Response:
    lang = request_lang(request)
    password = staff_service.reset_password(hq, staff, staff_id, client_of(request))
    target = staff_service.get_staff(hq, staff_id)
    return _staff_page(
        request, hq, staff, translate("staff.new_password", lang, username=target.username, password=password), "warn"
    )


@router.post("/staff/{staff_id}/totp/off", dependencies=[permit("staff.manage")])
def staff_totp_off(request: Request, hq: HQDep, staff: CurrentStaff, staff_id: str) -> Response:
    staff_service.disable_totp(hq, staff, staff_id, client_of(request))
    return _staff_page(request, hq, staff, translate("common.done", request_lang(request)))


# ---- HQ audit log ------------------------------------------------------------------------------------


def _day(value: str) -> datetime | None:
    try:
        return datetime.strptime(value, "%Y-%m-%d") if value else None
    except ValueError:
        return None


@router.get("/audit", dependencies=[permit("audit.view")])
def audit_log(
    request: Request,
    hq: HQDep,
    staff: CurrentStaff,
    action: Annotated[str, Query(max_length=48)] = "",
    who: Annotated[str, Query(max_length=64)] = "",
    target: Annotated[str, Query(max_length=120)] = "",
    since: Annotated[str, Query(max_length=10)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
    before: Annotated[int | None, Query(ge=1)] = None,
    verify: Annotated[str, Query(max_length=1)] = "",
) -> Response:
    until_day = _day(until)
    with hq.tx() as s:
        entries = audit_service.search(
            s,
            staff.chain_id,
            action=action,
            staff=who,
            target=target,
            since=_day(since),
            until=until_day + timedelta(days=1) if until_day else None,
            limit=PAGE + 1,
            before_id=before,
        )
        actions = audit_service.actions(s, staff.chain_id)
        # the whole chain is walked: on every view while the log is small, on request once it is large
        wanted = before is None and (verify == "1" or audit_service.size(s) <= AUTO_VERIFY)
        check = audit_service.verify(s) if wanted else None
    more = len(entries) > PAGE
    entries = entries[:PAGE]
    filters = {"action": action, "who": who, "target": target, "since": since, "until": until}
    context = {
        "entries": entries,
        "actions": actions,
        "filters": filters,
        "check": check,
        "older": (
            urlencode({**{k: v for k, v in filters.items() if v}, "before": entries[-1].id}) if more and entries else ""
        ),
    }
    template = "console/audit_rows.html" if request.headers.get("hx-request") else "console/audit.html"
    return render(request, template, context)


PAGE = 100
AUTO_VERIFY = 20_000
