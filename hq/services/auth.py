"""Console sign-in and authorisation: staff passwords (argon2), optional TOTP (pyotp), lockout
after repeated failures, sessions (a fresh token at every sign-in; HQ keeps its hash and the
session's CSRF token), and the one permission table with the one check every console route uses.

Nothing here logs or stores a password, a session token or a TOTP code.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pos_app.domain.errors import DomainError

from ..base import digest
from ..models import Staff, StaffSession
from . import audit

if TYPE_CHECKING:
    from ..service import HQ
    from ..settings import Settings

# ---- errors --------------------------------------------------------------------------------------


class ConsoleError(DomainError):
    """A console request refused; `status` is its HTTP status, the code's text is in error_texts."""

    status = 400


class NotSignedIn(ConsoleError):
    status = 401


class Forbidden(ConsoleError):
    status = 403


class NotFound(ConsoleError):
    status = 404


class Conflict(ConsoleError):
    status = 409


class Invalid(ConsoleError):
    status = 422


# ---- roles and the one permission table ----------------------------------------------------------

CHAIN_ADMIN, MARKETING, FINANCE, STORE_MANAGER, AUDITOR = (
    "chain_admin",
    "marketing",
    "finance",
    "store_manager",
    "auditor",
)
ROLES = (CHAIN_ADMIN, MARKETING, FINANCE, STORE_MANAGER, AUDITOR)
ALL = frozenset(ROLES)

# permission -> the roles that hold it. Read-only permissions end in `.view`; the auditor holds
# only those. A store manager's permissions marked in STORE_SCOPED reach only their own stores.
PERMISSIONS: dict[str, frozenset[str]] = {
    "console.view": ALL,
    "account.manage": ALL,  # one's own password and TOTP
    "audit.view": frozenset({CHAIN_ADMIN, AUDITOR}),
    "staff.view": frozenset({CHAIN_ADMIN, AUDITOR}),
    "staff.manage": frozenset({CHAIN_ADMIN}),
    "stores.view": ALL,
    "stores.manage": frozenset({CHAIN_ADMIN}),
    "tills.manage": frozenset({CHAIN_ADMIN, STORE_MANAGER}),
    "reconciliation.view": frozenset({CHAIN_ADMIN, FINANCE, STORE_MANAGER, AUDITOR}),
    "reconciliation.resolve": frozenset({CHAIN_ADMIN, FINANCE}),
    "rules.view": frozenset({CHAIN_ADMIN, MARKETING, FINANCE, AUDITOR}),
    "rules.edit": frozenset({CHAIN_ADMIN, MARKETING}),
    "rules.publish": frozenset({CHAIN_ADMIN, MARKETING}),
    "members.view": ALL,
    "members.adjust": frozenset({CHAIN_ADMIN, FINANCE, STORE_MANAGER}),
    "members.approve": frozenset({CHAIN_ADMIN, FINANCE}),
    "members.merge": frozenset({CHAIN_ADMIN}),
    "members.export": frozenset({CHAIN_ADMIN}),
    "members.delete": frozenset({CHAIN_ADMIN}),
    "members.limits": frozenset({CHAIN_ADMIN}),  # the chain's approval limits (hq-rules)
    # member lifecycle (issue 18): the scheduled jobs' runs, and re-running a period
    "jobs.view": frozenset({CHAIN_ADMIN, MARKETING, FINANCE, AUDITOR}),
    "jobs.rerun": frozenset({CHAIN_ADMIN}),
    # benefits on triggers and earning tasks (issue 18, branch earn)
    "benefits.view": frozenset({CHAIN_ADMIN, MARKETING, FINANCE, AUDITOR}),
    "benefits.manage": frozenset({CHAIN_ADMIN, MARKETING}),
    # points mall and coupon issuing (branch mall): items, stock and orders; issuing coupons
    "mall.view": frozenset({CHAIN_ADMIN, MARKETING, FINANCE, AUDITOR}),
    "mall.manage": frozenset({CHAIN_ADMIN, MARKETING}),
    "coupons.issue": frozenset({CHAIN_ADMIN, MARKETING}),
    # segments, campaigns and analytics (issue 19, branch segments)
    "segments.view": frozenset({CHAIN_ADMIN, MARKETING, AUDITOR}),
    "segments.manage": frozenset({CHAIN_ADMIN, MARKETING}),
    "campaigns.view": frozenset({CHAIN_ADMIN, MARKETING, FINANCE, AUDITOR}),
    "campaigns.manage": frozenset({CHAIN_ADMIN, MARKETING}),
    "analytics.view": frozenset({CHAIN_ADMIN, MARKETING, FINANCE, AUDITOR}),
}
STORE_SCOPED = frozenset({"stores.view", "tills.manage", "reconciliation.view", "members.adjust"})


@dataclass(frozen=True)
class StaffUser:
    """The signed-in staff member as routes see them (no secrets)."""

    id: str
    chain_id: str
    username: str
    display_name: str
    role: str
    store_codes: tuple[str, ...]
    csrf_token: str = ""
    has_totp: bool = False

    @property
    def store_scope(self) -> tuple[str, ...] | None:
        """The stores this person may see: None for the whole chain."""
        return self.store_codes if self.role == STORE_MANAGER else None

    def can(self, permission: str, store_code: str | None = None) -> bool:
        try:
            authorize(self, permission, store_code)
        except Forbidden:
            return False
        return True

    def actor(self, client: str = "") -> audit.Actor:
        return audit.Actor(self.chain_id, self.id, self.username, client)


def authorize(staff: StaffUser, permission: str, store_code: str | None = None) -> None:
    """The one check: raises Forbidden unless `staff` holds `permission` (for `store_code`, when
    the permission is store-scoped and they manage stores)."""
    roles = PERMISSIONS.get(permission)
    if roles is None:
        raise KeyError(f"unknown permission {permission!r}")  # a programming error, not a refusal
    if staff.role not in roles:
        raise Forbidden("console.forbidden", permission=permission)
    if (
        store_code is not None
        and permission in STORE_SCOPED
        and staff.role == STORE_MANAGER
        and store_code not in staff.store_codes
    ):
        raise Forbidden("console.forbidden_store", store=store_code)


# ---- passwords -------------------------------------------------------------------------------------

HASHER = PasswordHasher()
MIN_PASSWORD = 10
_DUMMY = HASHER.hash("an unknown user is checked against this, as long as a real check")


def hash_password(password: str) -> str:
    check_password_rules(password)
    return HASHER.hash(password)


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise Invalid("staff.password_too_short", min=MIN_PASSWORD)
    if len(password) > 256:
        raise Invalid("staff.password_too_long", max=256)


def _password_matches(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# ---- sign-in and sessions ---------------------------------------------------------------------------


def totp_step(secret: str, code: str, now: datetime) -> int | None:
    """The 30-second step whose code `code` is (the current one or its neighbours, for clock
    drift), or None."""
    totp = pyotp.TOTP(secret)
    code = (code or "").strip()
    if not code.isdigit():
        return None
    for drift in (0, -1, 1):
        at = now + timedelta(seconds=30 * drift)
        if secrets.compare_digest(totp.at(at), code):
            return totp.timecode(at)
    return None


@dataclass(frozen=True)
class SignedIn:
    token: str  # for the cookie only; HQ keeps its hash
    staff: StaffUser


def staff_user(row: Staff, csrf_token: str = "") -> StaffUser:
    return StaffUser(
        row.id,
        row.chain_id,
        row.username,
        row.display_name,
        row.role,
        tuple(row.store_codes or ()),
        csrf_token,
        bool(row.totp_secret),
    )


def sign_in(
    hq: HQ,
    settings: Settings,
    username: str,
    password: str,
    otp: str = "",
    *,
    client: str = "",
    replaces: str | None = None,
) -> SignedIn:
    """Check the password (and the TOTP code when the account has one) and open a new session.

    The session a browser held before (`replaces`, the old cookie's token) is deleted, never
    upgraded: a session id planted before sign-in is worth nothing after it. Every failure counts
    towards the lockout (committed although refused); a locked account is refused even with the
    right password. Unknown user, wrong password and wrong TOTP code give the same answer."""
    refused: ConsoleError | None = None
    with hq.tx() as s:
        try:
            return _sign_in(s, settings, username, password, otp, hq.clock(), client, replaces)
        except _Refused as r:
            refused = r.error  # leaving the block normally commits the failure count
    raise refused


class _Refused(Exception):
    def __init__(self, error: ConsoleError):
        super().__init__(error.code)
        self.error = error


def _sign_in(
    s: Session,
    settings: Settings,
    username: str,
    password: str,
    otp: str,
    now: datetime,
    client: str,
    replaces: str | None,
) -> SignedIn:
    if replaces:
        s.execute(delete(StaffSession).where(StaffSession.token_hash == digest(replaces)))
    row = s.scalar(select(Staff).where(Staff.username == username.strip().lower()).with_for_update())
    if row is None or not row.active:
        _password_matches(_DUMMY, password)  # as long as a real check
        raise _Refused(NotSignedIn("console.sign_in_failed"))
    if row.locked_until is not None and row.locked_until > now:
        minutes = int((row.locked_until - now).total_seconds() // 60) + 1
        raise _Refused(NotSignedIn("console.locked", minutes=minutes))
    ok = _password_matches(row.password_hash, password)
    if ok and row.totp_secret:
        step = totp_step(row.totp_secret, otp, now)
        ok = step is not None and step > (row.totp_last_step or 0)  # a code seen once is spent
        if ok:
            row.totp_last_step = step
    actor = audit.Actor(row.chain_id, row.id, row.username, client)
    if not ok:
        row.failed_sign_ins += 1
        if row.failed_sign_ins >= settings.lockout_failures:
            row.locked_until = now + timedelta(minutes=settings.lockout_minutes)
            row.failed_sign_ins = 0
            audit.record(s, actor, "staff.locked", row.username, after={"minutes": settings.lockout_minutes}, now=now)
            raise _Refused(NotSignedIn("console.locked", minutes=settings.lockout_minutes))
        raise _Refused(NotSignedIn("console.sign_in_failed"))
    row.failed_sign_ins, row.locked_until = 0, None
    s.execute(delete(StaffSession).where(StaffSession.staff_id == row.id, StaffSession.expires_at <= now))
    if HASHER.check_needs_rehash(row.password_hash):
        row.password_hash = HASHER.hash(password)
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    s.add(
        StaffSession(
            token_hash=digest(token),
            staff_id=row.id,
            csrf_token=csrf,
            created_at=now,
            expires_at=now + timedelta(hours=settings.session_hours),
            client=client[:64],
        )
    )
    audit.record(s, actor, "staff.signed_in", row.username, now=now)
    return SignedIn(token, staff_user(row, csrf))


def session_staff(hq: HQ, token: str | None) -> StaffUser:
    """The staff member of a session cookie, or NotSignedIn."""
    if not token:
        raise NotSignedIn("console.not_signed_in")
    with hq.tx() as s:
        row = s.execute(
            select(StaffSession, Staff)
            .join(Staff, Staff.id == StaffSession.staff_id)
            .where(StaffSession.token_hash == digest(token))
        ).first()
        if row is None or row[0].expires_at <= hq.clock() or not row[1].active:
            raise NotSignedIn("console.not_signed_in")
        return staff_user(row[1], row[0].csrf_token)


def sign_out(hq: HQ, staff: StaffUser | None, token: str | None, client: str = "") -> None:
    if not token:
        return
    with hq.tx() as s:
        gone = s.execute(delete(StaffSession).where(StaffSession.token_hash == digest(token))).rowcount
        if gone and staff is not None:
            audit.record(s, staff.actor(client), "staff.signed_out", staff.username, now=hq.clock())


def check_csrf(staff: StaffUser, sent: str | None) -> None:
    if not sent or not staff.csrf_token or not secrets.compare_digest(sent.encode(), staff.csrf_token.encode()):
        raise Forbidden("console.csrf")
