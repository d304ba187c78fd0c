"""Pure rules of MemberTill: money, pricing, promotions, coupons, points, tiers, stored value,
refunds. Imports nothing of ours and no Qt, SQLAlchemy or I/O; time is always an argument.

The package's names load on first use (PEP 562): what the till's start needs before its window
shows (an error class, the error texts, money) does not bring the pricing and rules modules with
it (issue 23)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cart import CartLine, CouponOutcome, OrderReduction, PricedCart, PricedLine, Reduction
    from .errors import AmountError, DomainError, Notice, PointsError, RefundError, RuleError, StoredValueError
    from .money import allocate, format_fen, parse_yuan
    from .open_cart import CartDiscount, LineOverride, OpenCart, OpenLine
    from .pricing import PromotionBook, price_cart
    from .refunds import Payment, RefundPlan, SaleRecord, plan_refund
    from .rules import (
        Coupon,
        CouponTemplate,
        Member,
        PointsProgram,
        PricingOptions,
        Promotion,
        Tier,
        Window,
        coupon_template_from_row,
        promotion_from_row,
    )
    from .tenders import Tender, TenderKind

__all__ = [
    "AmountError",
    "CartDiscount",
    "CartLine",
    "Coupon",
    "CouponOutcome",
    "CouponTemplate",
    "DomainError",
    "LineOverride",
    "Member",
    "Notice",
    "OpenCart",
    "OpenLine",
    "OrderReduction",
    "Payment",
    "PointsError",
    "PointsProgram",
    "PricedCart",
    "PricedLine",
    "PricingOptions",
    "Promotion",
    "PromotionBook",
    "Reduction",
    "RefundError",
    "RefundPlan",
    "RuleError",
    "SaleRecord",
    "StoredValueError",
    "Tender",
    "TenderKind",
    "Tier",
    "Window",
    "allocate",
    "coupon_template_from_row",
    "format_fen",
    "parse_yuan",
    "plan_refund",
    "price_cart",
    "promotion_from_row",
]

_WHERE = {
    "AmountError": "errors",
    "CartDiscount": "open_cart",
    "CartLine": "cart",
    "Coupon": "rules",
    "CouponOutcome": "cart",
    "CouponTemplate": "rules",
    "DomainError": "errors",
    "LineOverride": "open_cart",
    "Member": "rules",
    "Notice": "errors",
    "OpenCart": "open_cart",
    "OpenLine": "open_cart",
    "OrderReduction": "cart",
    "Payment": "refunds",
    "PointsError": "errors",
    "PointsProgram": "rules",
    "PricedCart": "cart",
    "PricedLine": "cart",
    "PricingOptions": "rules",
    "Promotion": "rules",
    "PromotionBook": "pricing",
    "Reduction": "cart",
    "RefundError": "errors",
    "RefundPlan": "refunds",
    "RuleError": "errors",
    "SaleRecord": "refunds",
    "StoredValueError": "errors",
    "Tender": "tenders",
    "TenderKind": "tenders",
    "Tier": "rules",
    "Window": "rules",
    "allocate": "money",
    "coupon_template_from_row": "rules",
    "format_fen": "money",
    "parse_yuan": "money",
    "plan_refund": "refunds",
    "price_cart": "pricing",
    "promotion_from_row": "rules",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:  # a submodule (`from pos_app.domain import money`) is imported as usual
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value
