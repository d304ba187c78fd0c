"""Points earning and lots, tiers, stored value: worked examples with the seeds' figures."""

from __future__ import annotations

from datetime import date

import pytest

from pos_app.domain import PointsError, PointsProgram, StoredValueError, price_cart
from pos_app.domain.demo import TIERS
from pos_app.domain.points import PointsLot, apply_consumption, balance, consume, expire, expiring_within, expiry_for
from pos_app.domain.stored_value import StoredValue, TopUpPlan, close_account, give_back, spend, top_up
from pos_app.domain.tiers import evaluate_tier, qualifying_tier

from .helpers import GOLD, NOW, line, member

PROGRAM = PointsProgram()  # 1 point per yuan; 1.5x from 100 yuan, 2x from 200 yuan


@pytest.mark.parametrize("amount, points", [(9999, 99), (10000, 150), (19999, 299), (20000, 400)])
def test_spend_bands_multiply_points(amount, points):
    assert price_cart([line("a", amount)], now=NOW, member=member()).points_earned == points


def test_tier_member_day_and_birthday_multipliers_combine_with_one_floor_at_the_end():
    program = PointsProgram(
        member_day_weekday=0, member_day_multiplier_pct=200, birthday_multiplier_pct=200, birthday_bonus_points=50
    )
    m = member(GOLD, birthday=date(1990, 11, 2))
    priced = price_cart([line("a", 1234)], now=NOW, member=m, program=program)
    # paid 12.34 - 5% gold discount (0.61) = 11.73 yuan
    # 11.73 x 1.5 (gold) x 2 (member day) x 2 (birthday) = 70.38 -> 70; the birthday bonus is
    # HQ's yearly gift, never added to an order (tests/domain/test_earning_rules.py)
    assert priced.payable_fen == 1173
    assert priced.points_earned == 70


def test_non_earning_categories_and_products_earn_nothing():
    program = PointsProgram(non_earning_category_ids=frozenset({"tobacco"}))
    cart = [line("cig", 5000, 1, "tobacco"), line("card", 10000, 1, "gift", non_earning=True), line("milk", 3000)]
    priced = price_cart(cart, now=NOW, member=member(), program=program)
    assert priced.points_earned == 30
    assert [pl.points_earned for pl in priced.lines] == [0, 0, 30]


def test_no_member_no_points():
    assert price_cart([line("a", 50000)], now=NOW).points_earned == 0


def test_rolling_expiry_is_the_end_of_the_twelfth_month_after_the_month_earned():
    assert expiry_for(PROGRAM, date(2026, 3, 15)) == date(2027, 4, 1)
    assert expiry_for(PointsProgram(expiry="fixed", expiry_days=365), date(2026, 3, 15)) == date(2027, 3, 15)
    assert expiry_for(PointsProgram(expiry="never"), date(2026, 3, 15)) is None


LOTS = [
    PointsLot("L2", date(2026, 2, 1), 300, 300, date(2027, 3, 1)),
    PointsLot("L1", date(2025, 6, 1), 200, 200, date(2026, 12, 1)),
    PointsLot("L0", date(2025, 1, 1), 100, 100, date(2026, 2, 1)),
]  # expired


def test_points_are_spent_oldest_first_and_expired_lots_are_skipped():
    today = date(2026, 11, 23)
    assert balance(LOTS, today) == 500
    assert consume(LOTS, 250, today) == [("L1", 200), ("L2", 50)]
    after = apply_consumption(LOTS, consume(LOTS, 250, today))
    assert balance(after, today) == 250
    assert expiring_within(LOTS, today, 30) == 200
    assert expire(LOTS, today) == [("L0", 100)]


def test_500_points_for_a_towel_fails_cleanly_when_short():
    with pytest.raises(PointsError, match="Only 500 points"):
        consume(LOTS, 600, date(2026, 11, 23))


def test_tier_upgrades_at_once_and_downgrades_only_at_review():
    regular, silver, gold, _ = TIERS
    assert qualifying_tier(TIERS, 600000, 0) == gold
    up = evaluate_tier(TIERS, silver, 600000, 0, date(2026, 11, 23), date(2027, 6, 1))
    assert (up.tier, up.reason) == (gold, "upgrade")
    early = evaluate_tier(TIERS, gold, 0, 0, date(2026, 11, 23), date(2027, 6, 1))
    assert (early.tier, early.changed) == (gold, False)
    due = evaluate_tier(TIERS, gold, 120000, 0, date(2027, 6, 1), date(2027, 6, 1))
    assert (due.tier, due.reason) == (silver, "downgrade")


PLANS = [TopUpPlan("p500", "充500送50", 50000, 5000), TopUpPlan("p1000", "充1000送120", 100000, 12000)]


def test_top_up_500_gives_50_bonus_kept_apart():
    bal, split = top_up(StoredValue(), 50000, PLANS)
    assert (bal.principal_fen, bal.bonus_fen) == (50000, 5000)
    assert top_up(StoredValue(), 30000, PLANS)[0] == StoredValue(30000, 0)


def test_spending_takes_principal_and_bonus_in_proportion_and_refund_returns_the_split():
    bal = StoredValue(50000, 5000)
    after, split = spend(bal, 11000)
    assert (split.principal_fen, split.bonus_fen) == (10000, 1000)
    assert give_back(after, split) == bal
    with pytest.raises(StoredValueError):
        spend(after, after.total_fen + 1)


def test_closing_stored_value_refunds_principal_only():
    assert close_account(StoredValue(45000, 4500)) == (45000, 4500)
