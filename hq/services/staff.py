"""Staff accounts: create, change role and stores, reset a password, deactivate; one's own
password and TOTP. Every change is written to HQ's audit log in the same transaction (the
audit entry's before/after never carries a password hash or a TOTP secret).
"""

from __future__ import annotations

import re
import secrets
from typing import TYPE_CHECKING

import pyotp
from sqlalchemy import func, select

from ..base import new_id
from ..models import Chain, Staff, StaffSession, Store
from . import audit
from .auth import (
    CHAIN_ADMIN,
    ROLES,
    STORE_MANAGER,
    Conflict,
    Invalid,
    NotFound,
    StaffUser,
    _password_matches,
    authorize,
    hash_password,
    staff_user,
)

if TYPE_CHECKING:
    from ..service import HQ

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")


def _public(row: Staff) -> dict:
    """What the audit log shows of an account: no hash, no secret."""
    return {
        "username": row.username,
        "display_name": row.display_name,
        "role": row.role,
        "store_codes": list(row.store_codes or []),
        "active": row.active,
        "totp": bool(row.totp_secret),
    }


def _check(s, chain_id: str, role: str, store_codes: list[str]) -> list[str]:
    if role not in ROLES:
        raise Invalid("staff.bad_role", role=role[:32])
    codes = sorted({c.strip() for c in store_codes if c.strip()})
    if role == STORE_MANAGER and not codes:
        raise Invalid("staff.stores_needed")
    if role != STORE_MANAGER:
        codes = []
    known = set(s.scalars(select(Store.code).where(Store.chain_id == chain_id, Store.code.in_(codes))))
    for code in codes:
        if code not in known:
            raise Invalid("staff.unknown_store", store=code[:16])
    return codes


def list_staff(hq: HQ, actor: StaffUser) -> list[dict]:
    authorize(actor, "staff.view")
    with hq.tx() as s:
        rows = s.scalars(select(Staff).where(Staff.chain_id == actor.chain_id).order_by(Staff.username))
        return [dict(_public(r), id=r.id, locked=bool(r.locked_until and r.locked_until > hq.clock())) for r in rows]


def create_staff(
    hq: HQ,
    actor: StaffUser | audit.Actor,
    username: str,
    display_name: str,
    role: str,
    password: str,
    store_codes: list[str] | None = None,
    client: str = "",
) -> str:
    """A new account in the actor's chain. `actor` is a signed-in chain admin, or an `audit.Actor`
    for the command line (`pos-hq demo`, `pos-hq staff`)."""
    if isinstance(actor, StaffUser):
        authorize(actor, "staff.manage")
        who = actor.actor(client)
    else:
        who = actor
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise Invalid("staff.bad_username")
    display_name = display_name.strip()[:64] or username
    password_hash = hash_password(password)
    with hq.tx() as s:
        if s.get(Chain, who.chain_id) is None:
            raise NotFound("staff.unknown_chain", chain=who.chain_id[:40])
        if s.scalar(select(Staff.id).where(Staff.username == username)) is not None:
            raise Conflict("staff.username_taken", username=username)
        codes = _check(s, who.chain_id, role, store_codes or [])
        row = Staff(
            id=new_id(),
            chain_id=who.chain_id,
            username=username,
            display_name=display_name,
            role=role,
            store_codes=codes,
            password_hash=password_hash,
            totp_secret=None,
            totp_last_step=0,
            failed_sign_ins=0,
            locked_until=None,
            active=True,
            created_at=hq.clock(),
        )
        s.add(row)
        s.flush()
        audit.record(s, who, "staff.created", username, after=_public(row), now=hq.clock())
        return row.id


def update_staff(
    hq: HQ,
    actor: StaffUser,
    staff_id: str,
    *,
    role: str,
    store_codes: list[str],
    display_name: str,
    active: bool,
    client: str = "",
) -> None:
    authorize(actor, "staff.manage")
    with hq.tx() as s:
        row = s.get(Staff, staff_id, with_for_update=True)
        if row is None or row.chain_id != actor.chain_id:
            raise NotFound("staff.not_found")
        before = _public(row)
        codes = _check(s, actor.chain_id, role, store_codes)
        if row.role == CHAIN_ADMIN and (role != CHAIN_ADMIN or not active) and _admins(s, actor.chain_id) <= 1:
            raise Conflict("staff.last_admin")
        row.role, row.store_codes, row.active = role, codes, active
        row.display_name = display_name.strip()[:64] or row.username
        if not active:
            s.query(StaffSession).filter(StaffSession.staff_id == row.id).delete()
        after = _public(row)
        if after != before:
            audit.record(
                s, actor.actor(client), "staff.changed", row.username, before=before, after=after, now=hq.clock()
            )


def _admins(s, chain_id: str) -> int:
    return (
        s.scalar(
            select(func.count())
            .select_from(Staff)
            .where(Staff.chain_id == chain_id, Staff.role == CHAIN_ADMIN, Staff.active)
        )
        or 0
    )


def reset_password(hq: HQ, actor: StaffUser, staff_id: str, client: str = "") -> str:
    """A chain admin gives an account a new random password (shown once) and ends its sessions."""
    authorize(actor, "staff.manage")
    password = secrets.token_urlsafe(12)
    password_hash = hash_password(password)
    with hq.tx() as s:
        row = s.get(Staff, staff_id, with_for_update=True)
        if row is None or row.chain_id != actor.chain_id:
            raise NotFound("staff.not_found")
        row.password_hash, row.failed_sign_ins, row.locked_until = password_hash, 0, None
        s.query(StaffSession).filter(StaffSession.staff_id == row.id).delete()
        audit.record(s, actor.actor(client), "staff.password_reset", row.username, now=hq.clock())
    return password


def change_own_password(hq: HQ, actor: StaffUser, current: str, new: str, client: str = "") -> None:
    authorize(actor, "account.manage")
    password_hash = hash_password(new)
    with hq.tx() as s:
        row = s.get_one(Staff, actor.id, with_for_update=True)
        if not _password_matches(row.password_hash, current):
            raise Invalid("staff.wrong_password")
        row.password_hash = password_hash
        audit.record(s, actor.actor(client), "staff.password_changed", row.username, now=hq.clock())


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(secret: str, username: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name="MemberTill HQ")


def enable_totp(hq: HQ, actor: StaffUser, secret: str, code: str, client: str = "") -> None:
    """Turn on TOTP with `secret` once the person proves their authenticator shows `code`."""
    authorize(actor, "account.manage")
    if not re.fullmatch(r"[A-Z2-7]{16,64}", secret or "") or not pyotp.TOTP(secret).verify(
        (code or "").strip(), for_time=hq.clock(), valid_window=1
    ):
        raise Invalid("staff.totp_wrong_code")
    with hq.tx() as s:
        row = s.get_one(Staff, actor.id, with_for_update=True)
        row.totp_secret, row.totp_last_step = secret, 0
        audit.record(s, actor.actor(client), "staff.totp_enabled", row.username, now=hq.clock())


def disable_totp(hq: HQ, actor: StaffUser, staff_id: str, client: str = "") -> None:
    """One's own TOTP off (account.manage), or another's by a chain admin (a lost phone)."""
    authorize(actor, "account.manage" if staff_id == actor.id else "staff.manage")
    with hq.tx() as s:
        row = s.get(Staff, staff_id, with_for_update=True)
        if row is None or row.chain_id != actor.chain_id:
            raise NotFound("staff.not_found")
        row.totp_secret = None
        audit.record(s, actor.actor(client), "staff.totp_disabled", row.username, now=hq.clock())


def get_staff(hq: HQ, staff_id: str) -> StaffUser | None:
    with hq.tx() as s:
        row = s.get(Staff, staff_id)
        return staff_user(row) if row else None
