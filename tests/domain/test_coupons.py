"""Coupons: ladders, caps, vouchers, free items, scope, windows, stacking, and reasons in words."""

from __future__ import annotations

from datetime import datetime

from pos_app.domain import price_cart

from .helpers import NOW, coupon, line

LADDER = dict(ladder=[[10000, 1000], [20000, 2500]])


def outcome(priced):
    return priced.coupons[0]


def test_spend_save_ladder_picks_the_highest_step_reached():
    c = coupon("L", "spend_save", **LADDER)
    assert price_cart([line("a", 9999)], now=NOW, coupons=[c]).payable_fen == 9999
    assert price_cart([line("a", 15000)], now=NOW, coupons=[c]).payable_fen == 14000
    assert price_cart([line("a", 20000)], now=NOW, coupons=[c]).payable_fen == 17500


def test_spend_save_says_how_much_more_is_needed():
    c = coupon("L", "spend_save", **LADDER)
    o = outcome(price_cart([line("a", 9000)], now=NOW, coupons=[c]))
    assert not o.applied and str(o.reason) == "Spend 100.00 to save 10.00; 10.00 more needed"


def test_percent_off_respects_its_cap():
    c = coupon("P", "percent_off", percent=20, cap_fen=1500)
    assert price_cart([line("a", 5000)], now=NOW, coupons=[c]).payable_fen == 4000
    assert price_cart([line("a", 50000)], now=NOW, coupons=[c]).payable_fen == 48500


def test_cash_voucher_never_takes_more_than_the_order():
    c = coupon("V", "cash_voucher", amount_fen=2000)
    priced = price_cart([line("a", 1500)], now=NOW, coupons=[c])
    assert priced.payable_fen == 0 and outcome(priced).amount_fen == 1500


def test_free_item_takes_one_unit_of_that_product():
    c = coupon("F", "free_item", product_id="cola")
    priced = price_cart([line("cola", 350, 3), line("b", 1000)], now=NOW, coupons=[c])
    assert priced.payable_fen == 700 + 1000
    missing = outcome(price_cart([line("b", 1000)], now=NOW, coupons=[c]))
    assert not missing.applied and "not in the cart" in str(missing.reason)


def test_scope_and_minimum_spend_count_only_eligible_items():
    c = coupon("S", "spend_save", ladder=[[5000, 500]], category_ids=["dairy"], min_spend_fen=5000)
    priced = price_cart([line("milk", 3000, 1, "dairy"), line("tv", 90000, 1, "electronics")], now=NOW, coupons=[c])
    o = outcome(priced)
    assert not o.applied and "20.00 more needed" in str(o.reason)
    elsewhere = coupon("S2", "percent_off", percent=10, category_ids=["dairy"])
    o2 = outcome(price_cart([line("tv", 90000, 1, "electronics")], now=NOW, coupons=[elsewhere]))
    assert o2.reason.code == "coupon.no_item_covered"


def test_expired_coupon_is_refused():
    c = coupon("E", "cash_voucher", window=(None, datetime(2026, 11, 1)), amount_fen=500)
    o = outcome(price_cart([line("a", 1000)], now=NOW, coupons=[c]))
    assert not o.applied and "not valid at this time" in str(o.reason)


def test_one_per_order_coupon_does_not_combine_but_stackable_ones_do():
    solo = coupon("A1", "cash_voucher", amount_fen=500)
    solo2 = coupon("A2", "cash_voucher", amount_fen=300)
    priced = price_cart([line("a", 10000)], now=NOW, coupons=[solo, solo2])
    assert [c.applied for c in priced.coupons] == [True, False]
    assert "cannot be combined" in str(priced.coupons[1].reason)
    s1 = coupon("S1", "cash_voucher", amount_fen=500, stackable=True)
    s2 = coupon("S2", "cash_voucher", amount_fen=300, stackable=True)
    assert price_cart([line("a", 10000)], now=NOW, coupons=[s1, s2]).payable_fen == 9200


def test_the_same_coupon_twice_applies_once():
    c = coupon("D", "cash_voucher", amount_fen=500, stackable=True)
    priced = price_cart([line("a", 10000)], now=NOW, coupons=[c, c])
    assert priced.payable_fen == 9500 and priced.coupons[1].reason.code == "coupon.already_applied"


def test_coupon_reduction_is_allocated_to_lines_exactly():
    c = coupon("L", "spend_save", **LADDER)
    priced = price_cart([line("a", 3333, 3), line("b", 101), line("c", 7)], now=NOW, coupons=[c])
    parts = [sum(r.amount_fen for r in pl.reductions if r.source_kind == "coupon") for pl in priced.lines]
    assert sum(parts) == 1000 and all(p >= 0 for p in parts)


def test_held_coupons_are_checked_so_the_till_can_show_which_are_usable():
    ladder = coupon("L", "spend_save", **LADDER)
    voucher = coupon("V", "cash_voucher", amount_fen=500, stackable=True)
    dairy = coupon("D", "percent_off", percent=10, category_ids=["dairy"])
    priced = price_cart([line("a", 12000)], now=NOW, coupons=[voucher], held_coupons=[ladder, voucher, dairy])
    held = {c.code: c for c in priced.held_coupons}
    assert set(held) == {"L", "D"}  # the applied one is not repeated
    assert held["L"].applied and held["L"].amount_fen == 1000
    assert not held["D"].applied and "No item" in str(held["D"].reason)
