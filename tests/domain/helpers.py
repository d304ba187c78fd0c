"""Small builders shared by the domain tests."""

from __future__ import annotations

from datetime import date, datetime

from pos_app.domain import CartLine, Coupon, Member, Tier, coupon_template_from_row, promotion_from_row

NOW = datetime(2026, 11, 23, 15, 30)  # a Monday
REGULAR = Tier("regular", "普通会员", 0)
GOLD = Tier("gold", "金卡会员", 2, discount_percent=5, points_multiplier_pct=150, min_spend_12m_fen=500000)


def line(
    product: str, price: int, qty: int = 1, category: str = "c", line_id: str | None = None, non_earning: bool = False
) -> CartLine:
    return CartLine(line_id or product, product, product, price, qty, category, non_earning)


def member(tier: Tier = REGULAR, points: int = 0, birthday: date | None = None) -> Member:
    """A member; `birthday` a date for the test's reading (the member keeps its month and day)."""
    return Member("M1", tier, (birthday.month, birthday.day) if birthday else None, points)


def promo(id: str, kind: str, **params):
    exclusive = params.pop("exclusive", False)
    priority = params.pop("priority", 100)
    window = params.pop("window", (None, None))
    return promotion_from_row(
        id, id, kind, params, valid_from=window[0], valid_to=window[1], exclusive=exclusive, priority=priority
    )


def coupon(code: str, kind: str, window=(None, None), **params) -> Coupon:
    return Coupon(code, coupon_template_from_row(code, code, kind, params, valid_from=window[0], valid_to=window[1]))
