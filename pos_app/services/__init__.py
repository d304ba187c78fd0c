"""Use cases the UI calls (one transaction each): auth, sale, checkout, refunds, members, shifts."""

from .auth import CashierInfo, approve, authorize, login, verify_audit
from .checkout import CompletedSale, Tender, complete_sale
from .errors import InvalidInput, LockedOut, NotFound, PermissionDenied, ServiceError
from .members import MemberView, edit_member, look_up, mask_phone, redeem_gift, register, top_up
from .refunds import find_sale, refund
from .sale import SaleSession, SaleView
from .shifts import cash_movement, close_shift, current_shift, open_shift, x_report
from .till import Till

__all__ = [
    "CashierInfo",
    "CompletedSale",
    "InvalidInput",
    "LockedOut",
    "MemberView",
    "NotFound",
    "PermissionDenied",
    "SaleSession",
    "SaleView",
    "ServiceError",
    "Tender",
    "Till",
    "approve",
    "authorize",
    "cash_movement",
    "close_shift",
    "complete_sale",
    "current_shift",
    "edit_member",
    "find_sale",
    "login",
    "look_up",
    "mask_phone",
    "open_shift",
    "redeem_gift",
    "refund",
    "register",
    "top_up",
    "verify_audit",
    "x_report",
]
