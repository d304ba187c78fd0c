"""Worked examples for each pricing rule (figures from the seeds where they give them)."""

from __future__ import annotations

from datetime import datetime

import pytest

from pos_app.domain import DomainError, PointsProgram, PricingOptions, RuleError, price_cart
from pos_app.domain.demo import explain, sample

from .helpers import GOLD, NOW, coupon, line, member, promo


def test_time_limited_price_applies_only_inside_its_window():
    p = promo(
        "P",
        "special_price",
        product_ids=["a"],
        price_fen=800,
        window=(datetime(2026, 11, 1), datetime(2026, 11, 23, 12)),
    )
    inside = price_cart([line("a", 1000, 2)], now=datetime(2026, 11, 20), promotions=[p])
    after = price_cart([line("a", 1000, 2)], now=NOW, promotions=[p])
    assert inside.payable_fen == 1600 and inside.reductions[0].label == "P"
    assert after.payable_fen == 2000 and after.reductions == ()


def test_buy_one_get_one_frees_the_cheaper_unit_of_each_pair():
    p = promo("B", "bogo", product_ids=["a", "b"])
    priced = price_cart([line("a", 500, 1), line("b", 300, 2)], now=NOW, promotions=[p])
    # units 500, 300, 300 -> one pair (500, 300): 300 free; the last 300 is alone
    assert priced.payable_fen == 800
    assert priced.discount_fen == 300


def test_second_item_half_price():
    p = promo("H", "nth_discount", product_ids=["a"], n=2, percent_off=50)
    priced = price_cart([line("a", 399, 5)], now=NOW, promotions=[p])
    assert priced.discount_fen == 2 * (399 * 50 // 100)
    assert priced.payable_fen == 5 * 399 - 2 * 199


def test_bundle_prices_each_complete_set():
    p = promo("K", "bundle", product_ids=["burger", "cola"], bundle_price_fen=1500)
    priced = price_cart([line("burger", 1200, 2), line("cola", 500, 1)], now=NOW, promotions=[p])
    assert priced.payable_fen == 1500 + 1200
    by_line = {pl.line.line_id: pl.reduction_fen for pl in priced.lines}
    assert by_line["burger"] + by_line["cola"] == 200


def test_member_price_needs_a_member():
    p = promo("MP", "member_price", prices={"a": 900})
    assert price_cart([line("a", 1000)], now=NOW, promotions=[p]).payable_fen == 1000
    assert price_cart([line("a", 1000)], now=NOW, promotions=[p], member=member()).payable_fen == 900


def test_member_day_applies_on_its_weekday_only():
    p = promo("MD", "member_day", weekday=0, percent_off=10)  # Monday
    monday = price_cart([line("a", 1000)], now=NOW, promotions=[p], member=member())
    tuesday = price_cart([line("a", 1000)], now=datetime(2026, 11, 24), promotions=[p], member=member())
    assert (monday.payable_fen, tuesday.payable_fen) == (900, 1000)


def test_best_price_wins_between_price_promotions():
    ps = [
        promo("S1", "special_price", product_ids=["a"], price_fen=800),
        promo("S2", "special_price", product_ids=["a"], price_fen=700),
    ]
    priced = price_cart([line("a", 1000)], now=NOW, promotions=ps)
    assert priced.payable_fen == 700 and [r.source_id for r in priced.reductions] == ["S2"]


def test_exclusive_promotion_blocks_later_ones_and_combinable_ones_stack():
    special_excl = promo("S", "special_price", product_ids=["a"], price_fen=800, exclusive=True)
    half = promo("H", "nth_discount", product_ids=["a"], n=2, percent_off=50)
    only_special = price_cart([line("a", 1000, 2)], now=NOW, promotions=[special_excl, half])
    assert only_special.payable_fen == 1600
    special = promo("S", "special_price", product_ids=["a"], price_fen=800)
    both = price_cart([line("a", 1000, 2)], now=NOW, promotions=[special, half])
    assert both.payable_fen == 1600 - 400


def test_tier_discount_skips_promoted_lines_unless_the_store_says_otherwise():
    p = promo("S", "special_price", product_ids=["a"], price_fen=800)
    cart = [line("a", 1000), line("b", 1000)]
    default = price_cart(cart, now=NOW, promotions=[p], member=member(GOLD))
    assert default.payable_fen == 800 + 950
    extended = price_cart(
        cart, now=NOW, promotions=[p], member=member(GOLD), options=PricingOptions(tier_discount_on_promoted_lines=True)
    )
    assert extended.payable_fen == 760 + 950


def test_rounding_to_jiao_and_yuan_goes_down_and_never_below_zero():
    cart = [line("a", 1234)]
    assert price_cart(cart, now=NOW, options=PricingOptions(rounding="jiao")).payable_fen == 1230
    assert price_cart(cart, now=NOW, options=PricingOptions(rounding="yuan")).payable_fen == 1200
    assert price_cart([line("a", 5)], now=NOW, options=PricingOptions(rounding="yuan")).payable_fen == 0


def test_points_offset_100_points_is_one_yuan_capped_at_half_the_payable():
    priced = price_cart([line("a", 3000)], now=NOW, member=member(points=5000), redeem_points=1000)
    assert (priced.points_spent, priced.points_offset_fen, priced.payable_fen) == (1000, 1000, 2000)
    capped = price_cart([line("a", 3000)], now=NOW, member=member(points=5000), redeem_points=5000)
    assert (capped.points_spent, capped.payable_fen) == (1500, 1500)
    assert any(n.code == "points.offset_capped" and n.params == {"percent": 50} for n in capped.notes)
    assert any("at most 50%" in str(n) for n in capped.notes)


def test_points_offset_never_exceeds_the_balance_or_works_without_a_member():
    short = price_cart([line("a", 10000)], now=NOW, member=member(points=250), redeem_points=1000)
    assert short.points_spent == 200
    nobody = price_cart([line("a", 10000)], now=NOW, redeem_points=1000)
    assert nobody.points_spent == 0 and nobody.notes


def test_every_reduction_names_its_rule():
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
    labels = {r.label for r in priced.reductions}
    assert {"可乐第二件半价", "大米限时特价", "面买一送一", "满100减10/满200减25", "金卡会员"} <= labels
    assert all(r.label for pl in priced.lines for r in pl.reductions)
    text = explain(priced)
    assert "Payable" in text and "满100减10" in text


def test_bad_rules_and_quantities_are_refused_with_a_reason():
    with pytest.raises(RuleError, match="percent_off"):
        promo("X", "nth_discount", product_ids=["a"], n=2, percent_off=150)
    with pytest.raises(RuleError, match="unknown promotion kind"):
        promo("X", "magic")
    with pytest.raises(RuleError, match="ladder"):
        coupon("C", "spend_save", ladder=[[1000, 2000]])
    with pytest.raises(DomainError, match="Quantity"):
        line("a", 100, -1)
    with pytest.raises(DomainError, match="Quantity"):
        line("a", 100, 10**6)


def test_cash_paid_after_rounding_is_at_least_the_points_offset():
    """1 point = 1 fen, ¥100.05 of goods, 抹零 to the jiao: before the fix the offset was capped on
    the unrounded payable (50.02) and rounding left 50.00 of cash, below the offset."""
    program = PointsProgram(redeem_points=1, redeem_fen=1)
    for rounding in ("jiao", "yuan"):
        for price in (10005, 10099, 333, 19999, 101):
            priced = price_cart(
                [line("a", price)],
                now=NOW,
                member=member(points=100000),
                redeem_points=100000,
                program=program,
                options=PricingOptions(rounding=rounding),
            )
            assert priced.payable_fen >= priced.points_offset_fen, (rounding, price)
            assert priced.points_offset_fen + priced.rounding_fen + priced.payable_fen == price


def test_points_offset_on_100_05_with_jiao_rounding_leaves_cash_equal_or_above():
    program = PointsProgram(redeem_points=1, redeem_fen=1)
    priced = price_cart(
        [line("a", 10005)],
        now=NOW,
        member=member(points=100000),
        redeem_points=100000,
        program=program,
        options=PricingOptions(rounding="jiao"),
    )
    assert (priced.points_offset_fen, priced.rounding_fen, priced.payable_fen) == (5000, 5, 5000)


def test_a_price_override_sets_the_line_price_and_names_who_and_why():
    from pos_app.domain.manual import PriceOverride

    p = promo("P1", "special_price", product_ids=["a"], price_fen=900)
    label = "改价 王经理：包装破损"
    priced = price_cart(
        [line("a", 1000, qty=2), line("b", 500)],
        now=NOW,
        promotions=[p],
        member=member(GOLD),
        overrides=[PriceOverride("a", 600, label)],
    )
    a = priced.lines[0]
    assert a.net_fen == 1200 and [r.source_kind for r in a.reductions] == ["override"]  # no promo, no tier on top
    assert ("override", "a", label, 800) in [
        (r.source_kind, r.source_id, r.label, r.amount_fen) for r in priced.reductions
    ]
    with pytest.raises(DomainError):
        price_cart([line("a", 1000)], now=NOW, overrides=[PriceOverride("a", 1200, label)])


def test_a_manual_discount_comes_after_coupons_and_before_points_and_rounding():
    from pos_app.domain.manual import ManualDiscount

    c = coupon("Q1", "cash_voucher", amount_fen=500)
    priced = price_cart(
        [line("a", 3000), line("b", 1001)],
        now=NOW,
        coupons=[c],
        member=member(points=10000),
        redeem_points=1000,
        manual_discount=ManualDiscount("折扣 王经理：老顾客", percent=10),
        options=PricingOptions(rounding="jiao"),
    )
    manual = next(r for r in priced.reductions if r.source_kind == "manual")
    assert manual.amount_fen == (4001 - 500) * 10 // 100 and manual.label == "折扣 王经理：老顾客"
    assert priced.points_offset_fen == 1000
    assert sum(pl.net_fen for pl in priced.lines) == priced.payable_fen
    assert priced.payable_fen + priced.rounding_fen + priced.points_offset_fen + manual.amount_fen + 500 == 4001
    amount = price_cart([line("a", 300)], now=NOW, manual_discount=ManualDiscount("x", amount_fen=1000))
    assert amount.payable_fen == 0  # never below zero
    with pytest.raises(DomainError):
        ManualDiscount("x", percent=120)
