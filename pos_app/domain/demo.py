"""A worked example: a sample cart priced for a gold member, printed as the till would explain it.

Used by `python -m pos_app --demo-pricing` and the docs; the figures follow the seed documents
(1 point per yuan, 1.5x from 100 yuan, 2x from 200 yuan, 100 points = 1 yuan, 满200减25).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .cart import CartLine, PricedCart
from .money import format_fen
from .rules import Coupon, Member, PointsProgram, PricingOptions, Tier, coupon_template_from_row, promotion_from_row

TIERS = (
    Tier("regular", "普通会员", 0),
    Tier("silver", "银卡会员", 1, discount_percent=2, points_multiplier_pct=120, min_spend_12m_fen=100000),
    Tier("gold", "金卡会员", 2, discount_percent=5, points_multiplier_pct=150, min_spend_12m_fen=500000),
    Tier("platinum", "白金会员", 3, discount_percent=8, points_multiplier_pct=200, min_spend_12m_fen=2000000),
)


def sample() -> dict[str, Any]:
    """The sample cart, member, promotions and coupons (also used by tests and the benchmark)."""
    lines = [
        CartLine("1", "cola330", "可口可乐 330ml", 350, 4, "drinks"),
        CartLine("2", "water550", "农夫山泉 550ml", 200, 2, "drinks"),
        CartLine("3", "noodle", "康师傅红烧牛肉面", 550, 3, "food"),
        CartLine("4", "rice5kg", "五常大米 5kg", 8990, 1, "grain"),
        CartLine("5", "cig", "中华(硬) 香烟", 4500, 1, "tobacco", non_earning=True),
        CartLine("6", "chips", "乐事薯片 原味", 790, 2, "snacks"),
    ]
    promotions = [
        promotion_from_row(
            "P1", "可乐第二件半价", "nth_discount", {"product_ids": ["cola330"], "n": 2, "percent_off": 50}
        ),
        promotion_from_row(
            "P2",
            "大米限时特价",
            "special_price",
            {"product_ids": ["rice5kg"], "price_fen": 7990},
            valid_from=datetime(2026, 11, 1),
            valid_to=datetime(2026, 12, 1),
        ),
        promotion_from_row("P3", "面买一送一", "bogo", {"product_ids": ["noodle"]}, exclusive=True),
    ]
    coupons = [
        Coupon(
            "C-200-25",
            coupon_template_from_row(
                "T1", "满100减10/满200减25", "spend_save", {"ladder": [[10000, 1000], [20000, 2500]]}
            ),
        )
    ]
    member = Member("M0001", TIERS[2], birthday=(3, 15), points_balance=2600)
    return {
        "lines": lines,
        "promotions": promotions,
        "coupons": coupons,
        "member": member,
        "program": PointsProgram(non_earning_category_ids=frozenset({"tobacco"})),
        "options": PricingOptions(rounding="jiao"),
        "now": datetime(2026, 11, 23, 15, 30),
        "redeem_points": 1000,
    }


def explain(priced: PricedCart) -> str:
    out = []
    for pl in priced.lines:
        out.append(
            f"{pl.line.name:<16} {pl.line.qty:>3} x {format_fen(pl.line.unit_price_fen):>7}"
            f" = {format_fen(pl.line.gross_fen):>8}"
        )
        for r in pl.reductions:
            out.append(f"    - {r.label}: -{format_fen(r.amount_fen)}")
    out.append(f"Subtotal          {format_fen(priced.subtotal_fen):>10}")
    for total in priced.reductions:
        out.append(f"  {total.label:<22} -{format_fen(total.amount_fen)}")
    for c in priced.coupons:
        if not c.applied:
            out.append(f"  coupon {c.code} not applied: {c.reason}")
    out.append(f"Points offset ({priced.points_spent} pts) -{format_fen(priced.points_offset_fen)}")
    out.append(f"Rounding              -{format_fen(priced.rounding_fen)}")
    out.append(f"Payable           {format_fen(priced.payable_fen):>10}")
    out.append(f"Points earned     {priced.points_earned:>10}")
    return "\n".join(out)


def print_demo_pricing() -> None:
    from .pricing import price_cart

    s = sample()
    print(
        explain(
            price_cart(
                s["lines"],
                now=s["now"],
                member=s["member"],
                promotions=s["promotions"],
                coupons=s["coupons"],
                program=s["program"],
                options=s["options"],
                redeem_points=s["redeem_points"],
            )
        )
    )
