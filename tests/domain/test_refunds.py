"""Returns: partial and full, exact to the fen and the point; no line returned twice."""

from __future__ import annotations

import pytest

from pos_app.domain import Payment, RefundError, SaleRecord, plan_refund, price_cart
from pos_app.domain.demo import sample

from .helpers import NOW, line, member


def demo_sale():
    s = sample()
    priced = price_cart(
        s["lines"],
        now=s["now"],
        member=s["member"],
        promotions=s["promotions"],
        coupons=s["coupons"],
        program=s["program"],
        options=s["options"],
        redeem_points=s["redeem_points"],
    )
    sv = 5000
    payments = [Payment("stored_value", sv, 4546, 454), Payment("cash", priced.payable_fen - sv)]
    return priced, SaleRecord.from_priced("S1", priced, payments)


def test_full_return_gives_back_exactly_what_was_paid_spent_and_earned():
    priced, sale = demo_sale()
    plan = plan_refund(sale, {pl.line.line_id: pl.line.qty for pl in priced.lines})
    assert plan.money_fen == priced.payable_fen
    assert plan.points_restored == priced.points_spent
    assert plan.points_reversed == priced.points_earned
    sv = next(t for t in plan.tenders if t.tender == "stored_value")
    assert (sv.principal_fen, sv.bonus_fen) == (4546, 454)
    assert plan.coupons_restored == ("C-200-25",) and plan.completes_sale


def test_partial_returns_in_any_order_add_up_to_the_sale():
    priced, sale = demo_sale()
    earlier = []
    for returns in ({"1": 1}, {"3": 2, "6": 1}, {"1": 3}, {"2": 2, "3": 1, "4": 1, "5": 1, "6": 1}):
        earlier.append(plan_refund(sale, returns, earlier))
    assert sum(p.money_fen for p in earlier) == priced.payable_fen
    assert sum(p.points_reversed for p in earlier) == priced.points_earned
    assert sum(t.amount_fen for p in earlier for t in p.tenders) == priced.payable_fen
    assert [p.coupons_restored for p in earlier][:-1] == [(), (), ()]
    assert earlier[-1].coupons_restored == ("C-200-25",)


def test_a_line_cannot_be_returned_twice_or_beyond_its_quantity():
    priced, sale = demo_sale()
    first = plan_refund(sale, {"5": 1})
    with pytest.raises(RefundError, match="already been fully returned"):
        plan_refund(sale, {"5": 1}, [first])
    with pytest.raises(RefundError, match="only 4 left"):
        plan_refund(sale, {"1": 5}, [first])
    with pytest.raises(RefundError, match="not on sale"):
        plan_refund(sale, {"99": 1})
    with pytest.raises(RefundError, match="positive"):
        plan_refund(sale, {"1": 0})


def test_half_the_units_returns_half_the_points():
    priced = price_cart([line("a", 10000, 2)], now=NOW, member=member())  # 200 yuan x 2 = 400
    sale = SaleRecord.from_priced("S", priced, [Payment("cash", priced.payable_fen)])
    plan = plan_refund(sale, {"a": 1})
    assert priced.points_earned == 400 and plan.points_reversed == 200


def test_payments_must_settle_the_sale():
    priced = price_cart([line("a", 1000)], now=NOW)
    with pytest.raises(RefundError, match="do not settle"):
        SaleRecord.from_priced("S", priced, [Payment("cash", 999)])
