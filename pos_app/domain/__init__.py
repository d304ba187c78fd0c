"""Pure rules of MemberTill: money, pricing, promotions, coupons, points, tiers, stored value,
refunds. Imports nothing of ours and no Qt, SQLAlchemy or I/O; time is always an argument."""
from .cart import CartLine, CouponOutcome, OrderReduction, PricedCart, PricedLine, Reduction
from .errors import AmountError, DomainError, Notice, PointsError, RefundError, RuleError, StoredValueError
from .money import allocate, format_fen, parse_yuan
from .pricing import PromotionBook, price_cart
from .refunds import Payment, RefundPlan, SaleRecord, plan_refund
from .open_cart import CartDiscount, LineOverride, OpenCart, OpenLine
from .tenders import Tender, TenderKind
from .rules import (Coupon, CouponTemplate, Member, PointsProgram, PricingOptions, Promotion, Tier,
                    Window, coupon_template_from_row, promotion_from_row)

__all__ = [
    "Tender", "TenderKind", "CartDiscount", "LineOverride", "OpenCart", "OpenLine",
    "CartLine", "CouponOutcome", "OrderReduction", "PricedCart", "PricedLine", "Reduction",
    "AmountError", "DomainError", "Notice", "PointsError", "RefundError", "RuleError", "StoredValueError",
    "allocate", "format_fen", "parse_yuan", "price_cart", "PromotionBook", "Payment", "RefundPlan", "SaleRecord",
    "plan_refund", "Coupon", "CouponTemplate", "Member", "PointsProgram", "PricingOptions",
    "Promotion", "Tier", "Window", "coupon_template_from_row", "promotion_from_row",
]
