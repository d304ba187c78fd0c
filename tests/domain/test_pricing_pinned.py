"""The benchmark's carts (`bench.pricing.scenario`: 100 lines, 100 promotions, 20 coupons, a
points offset, jiao rounding) priced exactly as before issue 23's speed work: every line's fen,
every reduction, every coupon's outcome. The figures were computed with the engine of commit
23fa1d9 (before the work); a change to the engine that moves one fen anywhere fails here."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from bench.pricing import scenario
from pos_app.domain import PricedCart, PricingOptions, price_cart

NOW = datetime(2026, 11, 23, 12)

# net fen of each of the 100 lines with all 20 coupons applied
ALL_APPLIED_NET = [
    7488, 16609, 9403, 1024, 7510, 9573, 354, 0, 5458, 6586, 48005, 72068, 9911, 9654, 32959, 14323,
    2614, 9912, 24427, 0, 3952, 12436, 86464, 8112, 13448, 83816, 854, 34568, 10248, 22200, 3106,
    30896, 2446, 48528, 4565, 1811, 11049, 7668, 17140, 928, 50011, 79902, 7265, 385, 12434, 4389,
    52867, 478, 6585, 4525, 205, 55963, 2549, 42768, 9729, 9566, 767, 3445, 46656, 3739, 22116,
    41017, 9158, 13454, 8858, 10372, 44518, 30967, 1704, 6240, 323, 8549, 24946, 10341, 71045, 9479,
    12317, 1705, 501, 4131, 15491, 9143, 8120, 54498, 1462, 43983, 37212, 20388, 21566, 422, 1074,
    3654, 16818, 2212, 14753, 907, 3654, 2414, 10241, 48656,
]  # fmt: skip


def canonical(priced: PricedCart) -> str:
    """Everything a priced cart says, as text: lines with their reductions, totals, coupons."""
    return json.dumps(
        {
            "lines": [
                [
                    p.line.line_id,
                    p.net_fen,
                    p.points_offset_fen,
                    p.points_spent,
                    p.points_earned,
                    [list(r) for r in p.reductions],
                ]
                for p in priced.lines
            ],
            "totals": [
                priced.subtotal_fen,
                priced.points_offset_fen,
                priced.points_spent,
                priced.rounding_fen,
                priced.payable_fen,
                priced.points_earned,
            ],
            "reductions": [[r.source_kind, r.source_id, r.label, r.amount_fen] for r in priced.reductions],
            "coupons": [
                [c.code, c.applied, c.amount_fen, c.reason and [c.reason.code, c.reason.params]]
                for c in priced.coupons + priced.held_coupons
            ],
            "notes": [[n.code, n.params] for n in priced.notes],
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def digest(priced: PricedCart) -> str:
    return hashlib.sha256(canonical(priced).encode()).hexdigest()


def test_all_twenty_coupons_applied_price_as_before():
    s = scenario()
    priced = price_cart(
        s["lines"],
        now=NOW,
        member=s["member"],
        promotions=s["promotions"],
        coupons=s["coupons"],
        options=PricingOptions(rounding="jiao"),
        redeem_points=5000,
    )
    assert [p.net_fen for p in priced.lines] == ALL_APPLIED_NET
    assert (priced.payable_fen, priced.points_offset_fen, priced.rounding_fen, priced.points_earned) == (
        1734750,
        5000,
        8,
        52042,
    )
    assert sum(len(p.reductions) for p in priced.lines) == 1158
    applied = {c.code: c.amount_fen for c in priced.coupons if c.applied}
    assert applied == {
        "C03": 344, "C07": 1321, "C11": 18199, "C15": 4821, "C19": 2256,
        "C01": 2000, "C05": 2000, "C09": 2000, "C13": 2000, "C17": 2000,
        "C02": 500, "C06": 500, "C10": 500, "C14": 500, "C18": 500,
    }  # fmt: skip
    assert [c.reason.code for c in priced.coupons if c.reason] == ["coupon.not_combinable"] * 5
    # every reduction of every line, to the fen, and the rest of the result
    assert digest(priced) == "bf905ce46930fd4c6efadd9564658080a2660af0dd21dd97bc5f22f26dc71e0b"


def test_three_applied_and_seventeen_held_price_as_before():
    s = scenario()
    applied = [c for c in s["coupons"] if c.template.stackable][:3]
    priced = price_cart(
        s["lines"],
        now=NOW,
        member=s["member"],
        promotions=s["promotions"],
        coupons=applied,
        held_coupons=s["coupons"],
        options=PricingOptions(rounding="jiao"),
        redeem_points=5000,
    )
    assert [(c.code, c.applied, c.amount_fen) for c in priced.coupons] == [
        ("C03", True, 344),
        ("C01", True, 2000),
        ("C02", True, 500),
    ]
    assert priced.payable_fen == 1771350
    assert digest(priced) == "e54a4cd3f6b59da5ff0e6e2c6dc96134cbc1108a4b06045dae29ad3b07e6208d"
