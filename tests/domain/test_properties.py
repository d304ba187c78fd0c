"""Property tests: the invariants that must hold for every cart, rule set and return sequence."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain import CartLine, Payment, PricingOptions, RefundError, SaleRecord, allocate, plan_refund, price_cart
from pos_app.domain.stored_value import StoredValue, give_back, spend

from .helpers import GOLD, NOW, REGULAR, coupon, member, promo

PRODUCTS = ["a", "b", "c", "d", "e"]
PROMOS = [
    promo("SP", "special_price", product_ids=["a"], price_fen=150),
    promo("BG", "bogo", product_ids=["b", "c"], exclusive=True),
    promo("ND", "nth_discount", product_ids=["a", "d"], n=3, percent_off=40),
    promo("BU", "bundle", product_ids=["c", "e"], bundle_price_fen=500),
    promo("MD", "member_day", weekday=0, percent_off=10, category_ids=["k1"]),
    promo("MP", "member_price", prices={"e": 90}),
]
COUPONS = [
    coupon("LAD", "spend_save", ladder=[[1000, 100], [2000, 250]]),
    coupon("PCT", "percent_off", percent=15, cap_fen=300, stackable=True),
    coupon("CSH", "cash_voucher", amount_fen=800, stackable=True),
    coupon("FRE", "free_item", product_id="d", stackable=True),
    coupon("CAT", "percent_off", percent=30, category_ids=["k2"], min_spend_fen=500),
]

lines_st = st.lists(
    st.tuples(
        st.sampled_from(PRODUCTS),
        st.integers(0, 5000),
        st.integers(1, 12),
        st.sampled_from(["k1", "k2", "k3"]),
        st.booleans(),
    ),
    min_size=1,
    max_size=12,
).map(lambda rows: [CartLine(str(i), p, p, price, qty, cat, ne) for i, (p, price, qty, cat, ne) in enumerate(rows)])

scenario = st.fixed_dictionaries(
    {
        "lines": lines_st,
        "promotions": st.lists(st.sampled_from(PROMOS), unique_by=lambda p: p.id),
        "coupons": st.lists(st.sampled_from(COUPONS), max_size=4),
        "member": st.sampled_from([None, member(REGULAR, 0), member(GOLD, 3000), member(GOLD, 100000)]),
        "redeem_points": st.integers(0, 20000),
        "options": st.builds(
            PricingOptions,
            rounding=st.sampled_from(["none", "jiao", "yuan"]),
            tier_discount_on_promoted_lines=st.booleans(),
        ),
    }
)


def priced_of(s):
    return price_cart(
        s["lines"],
        now=NOW,
        member=s["member"],
        promotions=s["promotions"],
        coupons=s["coupons"],
        options=s["options"],
        redeem_points=s["redeem_points"],
    )


@settings(max_examples=300, deadline=None)
@given(scenario)
def test_payable_is_never_negative_and_every_fen_is_accounted_for(s):
    p = priced_of(s)
    assert p.payable_fen >= 0
    assert all(pl.net_fen >= 0 for pl in p.lines)
    assert sum(pl.net_fen for pl in p.lines) == p.payable_fen
    assert p.subtotal_fen - p.discount_fen - p.points_offset_fen - p.rounding_fen == p.payable_fen
    for pl in p.lines:
        assert pl.line.gross_fen - pl.reduction_fen == pl.net_fen
    if s["member"] is not None:
        assert p.points_spent <= s["member"].points_balance
    assert p.points_offset_fen * 2 <= p.payable_fen + p.points_offset_fen + p.rounding_fen


@settings(max_examples=300, deadline=None)
@given(st.integers(-(10**9), 10**9), st.lists(st.integers(0, 10**6), min_size=1, max_size=30))
def test_allocations_sum_exactly_and_never_exceed_their_weight(total, weights):
    if sum(weights) == 0:
        total = 0
    else:
        total = total % (sum(weights) + 1)
    parts = allocate(total, weights)
    assert sum(parts) == total
    assert all(0 <= part <= w for part, w in zip(parts, weights))


@settings(max_examples=200, deadline=None)
@given(scenario)
def test_repricing_is_deterministic_and_idempotent(s):
    first = priced_of(s)
    assert priced_of(s) == first
    # adding a line and taking it away again gives the very same price
    extra = CartLine("x", "zzz", "zzz", 999, 1)
    price_cart(
        [*s["lines"], extra],
        now=NOW,
        member=s["member"],
        promotions=s["promotions"],
        coupons=s["coupons"],
        options=s["options"],
        redeem_points=s["redeem_points"],
    )
    assert priced_of(s) == first


def settle(p, use_stored_value: bool):
    """Pay part with stored value (principal/bonus split by the rules), the rest with cash."""
    sv_part = p.payable_fen // 3 if use_stored_value else 0
    payments = []
    if sv_part:
        _, split = spend(StoredValue(10**9, 10**8), sv_part)
        payments.append(Payment("stored_value", sv_part, split.principal_fen, split.bonus_fen))
    if p.payable_fen - sv_part:
        payments.append(Payment("cash", p.payable_fen - sv_part))
    return payments


returns_st = st.lists(st.tuples(st.integers(0, 11), st.integers(1, 12)), max_size=30)


@settings(max_examples=300, deadline=None)
@given(scenario, st.booleans(), returns_st)
def test_returns_never_give_back_more_than_was_paid_and_a_full_return_restores_everything(s, use_sv, attempts):
    p = priced_of(s)
    sale = SaleRecord.from_priced("S", p, settle(p, use_sv))
    done = []
    for index, units in attempts:  # arbitrary partial returns, some refused
        if index >= len(p.lines):
            continue
        try:
            done.append(plan_refund(sale, {p.lines[index].line.line_id: units}, done))
        except RefundError:
            pass
        assert sum(x.money_fen for x in done) <= p.payable_fen
        assert sum(x.points_reversed for x in done) <= p.points_earned
        assert sum(x.points_restored for x in done) <= p.points_spent
    returned = {}
    for plan in done:
        for r in plan.lines:
            returned[r.line_id] = returned.get(r.line_id, 0) + r.qty
    rest = {pl.line.line_id: pl.line.qty - returned.get(pl.line.line_id, 0) for pl in p.lines}
    rest = {k: v for k, v in rest.items() if v}
    if rest:
        done.append(plan_refund(sale, rest, done))
    # everything is back: money to its tenders, points spent restored, points earned reversed
    assert sum(x.money_fen for x in done) == p.payable_fen
    assert sum(x.points_restored for x in done) == p.points_spent
    assert sum(x.points_reversed for x in done) == p.points_earned
    for i, pay in enumerate(sale.payments):
        given_back = [t for x in done for t in x.tenders if t.payment_index == i]
        assert sum(t.amount_fen for t in given_back) == pay.amount_fen
        assert sum(t.principal_fen for t in given_back) == pay.principal_fen
        assert sum(t.bonus_fen for t in given_back) == pay.bonus_fen
    if p.lines:
        assert done[-1].completes_sale


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**7), st.integers(0, 10**6), st.integers(1, 10**7))
def test_stored_value_spend_then_refund_restores_the_balance(principal, bonus, amount):
    bal = StoredValue(principal, bonus)
    if amount > bal.total_fen:
        return
    after, split = spend(bal, amount)
    assert split.principal_fen >= 0 and split.bonus_fen >= 0 and split.total_fen == amount
    assert after.principal_fen >= 0 and after.bonus_fen >= 0
    assert give_back(after, split) == bal
