"""Pure rules of MemberTill: money, pricing, promotions, coupons, points, tiers, stored value,
refunds. Imports nothing of ours and no Qt, SQLAlchemy or I/O; time is always an argument."""

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
