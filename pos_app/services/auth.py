"""Cashier login by PIN, roles and permissions, manager override, lockout, audit.

PINs are stored as argon2 hashes only. Five wrong PINs in a row lock this till's PIN entry for
five minutes (login and overrides alike). Every protected action is written to the hash-chained
audit log by the service that performs it, with who asked and who approved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .errors import LockedOut, PermissionDenied
from .till import Till

ROLES = ("cashier", "supervisor", "manager")
PROTECTED = (
    "refund",
    "void_after_subtotal",
    "price_override",
    "manual_discount",
    "no_sale",
    "points_adjustment",
    "member_spend",
)
PERMISSIONS: dict[str, frozenset[str]] = {
    "cashier": frozenset({"sell", "register_member", "top_up", "redeem_gift", "shift"}),
    "supervisor": frozenset(
        {
            "sell",
            "register_member",
            "top_up",
            "redeem_gift",
            "shift",
            "refund",
            "void_after_subtotal",
            "price_override",
            "manual_discount",
            "no_sale",
        }
    ),
    "manager": frozenset(
        {"sell", "register_member", "top_up", "redeem_gift", "shift", *PROTECTED, "dashboard", "settings"}
    ),
}
MAX_ATTEMPTS = 5
LOCK_FOR = timedelta(minutes=5)
_hasher = PasswordHasher()


@dataclass(frozen=True)
class CashierInfo:
    id: str
    name: str
    role: str

    def may(self, permission: str) -> bool:
        return permission in PERMISSIONS.get(self.role, frozenset())


def hash_pin(pin: str) -> str:
    return _hasher.hash(pin)


def _check_lock(till: Till, uow, now: datetime) -> None:
    state = uow.rules.setting("pin_lock") or {}
    until = state.get("until")
    if until and datetime.fromisoformat(until) > now:
        raise LockedOut("auth.locked_out", until=until[11:16])


def _match(till: Till, pin: str) -> CashierInfo | None:
    with till.uow() as uow:
        cashiers = uow.cashiers.all_active()
    for c in cashiers:
        try:
            if _hasher.verify(c.pin_hash, pin):
                return CashierInfo(c.id, c.name, c.role)
        except (VerificationError, InvalidHashError):
            continue
    return None


def _record_attempt(till: Till, ok: bool, now: datetime, context: str) -> None:
    with till.uow() as uow:
        state = dict(uow.rules.setting("pin_lock") or {})
        if ok:
            state = {}
        else:
            state["failures"] = state.get("failures", 0) + 1
            if state["failures"] >= MAX_ATTEMPTS:
                state["until"] = (now + LOCK_FOR).isoformat()
                state["failures"] = 0
                uow.audit.append("pin_lockout", "-", now, {"context": context})
        uow.rules.set_setting("pin_lock", state)
        uow.commit()


def login(till: Till, pin: str) -> CashierInfo:
    """The cashier whose PIN this is; PermissionDenied on a wrong PIN, LockedOut when locked."""
    now = till.now()
    with till.uow() as uow:
        _check_lock(till, uow, now)
    if not pin.isdigit() or not 4 <= len(pin) <= 8:
        raise PermissionDenied("auth.pin_format")
    cashier = _match(till, pin)
    _record_attempt(till, cashier is not None, now, "login")
    if cashier is None:
        raise PermissionDenied("auth.wrong_pin")
    return cashier


def approve(till: Till, pin: str, action: str, requested_by: CashierInfo) -> CashierInfo:
    """Manager override: the PIN must belong to someone allowed to do `action`.

    Returns the approver. The service doing the action writes the audit entry (with approver).
    """
    if action not in PROTECTED:
        raise ValueError(f"{action} is not a protected action")
    now = till.now()
    with till.uow() as uow:
        _check_lock(till, uow, now)
    approver = _match(till, pin) if pin.isdigit() else None
    _record_attempt(till, approver is not None, now, f"override:{action}")
    if approver is None:
        raise PermissionDenied("auth.wrong_pin")
    if not approver.may(action):
        raise PermissionDenied("auth.may_not_approve")
    return approver


def authorize(till: Till, cashier: CashierInfo, action: str, approver_pin: str | None) -> CashierInfo:
    """The cashier may do it themself, or a PIN of someone who may must be given."""
    if cashier.may(action):
        return cashier
    if not approver_pin:
        raise PermissionDenied("auth.approval_needed")
    return approve(till, approver_pin, action, cashier)


def verify_audit(till: Till) -> tuple[bool, int | None, int]:
    with till.uow() as uow:
        return uow.audit.verify()
