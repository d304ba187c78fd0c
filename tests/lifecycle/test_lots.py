"""Points lots at HQ: every credit a lot with its expiry, spends oldest usable lots first, a
refund restores the lots it took, balance / expiring / liability from lots."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from hq.lifecycle import lots
from hq.models import PointsLot

from .conftest import Chain


def member_lots(hq, member_id):
    with hq.tx() as s:
        return {
            l.id: (l.earned_on, l.expires_on, l.points, l.remaining, l.expired)
            for l in s.scalars(
                select(PointsLot).where(PointsLot.member_id == member_id).order_by(PointsLot.earned_on, PointsLot.id)
            )
        }


def test_every_credit_is_a_lot_with_the_programmes_expiry(chain, clock, hq):
    m = chain.register("M1", "13800000001")
    chain.sale(m, 10000, earned=100, lot_id="till-lot-1")
    got = member_lots(hq, m)
    assert got == {"till-lot-1": (date(2026, 1, 5), date(2026, 2, 4), 100, 100, 0)}  # fixed 30 days


def test_rolling_expiry_runs_to_the_end_of_the_nth_month(hq, clock):
    chain = Chain(hq, clock, program={"expiry": "rolling", "expiry_months": 12})
    m = chain.register("M1", "13800000001")
    chain.sale(m, 10000, earned=100)
    ((earned, expires, *_),) = member_lots(hq, m).values()
    assert (earned, expires) == (date(2026, 1, 5), date(2027, 2, 1))  # usable through 2027-01-31


def test_never_expiring_programme_makes_lots_without_expiry(hq, clock):
    chain = Chain(hq, clock, program={"expiry": "never"})
    m = chain.register("M1", "13800000001")
    chain.sale(m, 10000, earned=100)
    ((_, expires, *_),) = member_lots(hq, m).values()
    assert expires is None


def test_a_spend_takes_the_oldest_usable_lots_first(chain, clock, hq):
    m = chain.register("M1", "13800000001")
    chain.sale(m, 10000, earned=100, lot_id="old")
    clock.advance(days=10)
    chain.sale(m, 10000, earned=100, lot_id="new")
    clock.advance(days=1)
    chain.sale(m, 5000, spent=150)
    got = member_lots(hq, m)
    assert got["old"][3] == 0 and got["new"][3] == 50


def test_a_spend_never_takes_an_expired_lot(chain, clock, hq):
    m = chain.register("M1", "13800000001")
    chain.sale(m, 10000, earned=100, lot_id="old")
    clock.advance(days=25)
    chain.sale(m, 10000, earned=100, lot_id="new")
    clock.advance(days=10)  # "old" lapsed 5 days ago; the expiry job has not run
    chain.sale(m, 5000, spent=80)
    got = member_lots(hq, m)
    assert got["old"][3] == 100 and got["new"][3] == 20


def test_a_spend_takes_the_lots_the_till_named_while_they_are_usable(chain, clock, hq):
    m = chain.register("M1", "13800000001")
    chain.sale(m, 10000, earned=100, lot_id="old")
    chain.sale(m, 10000, earned=100, lot_id="new")
    chain.sale(m, 5000, spent=120, points_lots=[["new", 100], ["old", 20]])
    got = member_lots(hq, m)
    assert got["new"][3] == 0 and got["old"][3] == 80


def test_a_refund_restores_the_very_lots_the_spend_took_with_their_expiry(chain, clock, hq):
    m = chain.register("M1", "13800000001")
    chain.sale(m, 10000, earned=100, lot_id="old")
    clock.advance(days=10)
    chain.sale(m, 10000, earned=100, lot_id="new")
    clock.advance(days=1)
    sale = chain.sale(m, 5000, spent=150)
    clock.advance(days=1)
    chain.refund(sale, m, restored=70, money_fen=2000, lot_id="till-refund-lot")
    got = member_lots(hq, m)
    # last taken first back: the 50 from "new", then 20 of "old"; no new lot is made
    assert got["new"][3] == 100 and got["old"][3] == 20
    assert set(got) == {"old", "new"}
    assert got["old"][1] == date(2026, 2, 4)


def test_a_refund_of_earned_points_takes_them_from_the_sales_own_lot_first(chain, clock, hq):
    m = chain.register("M1", "13800000001")
    chain.sale(m, 10000, earned=100, lot_id="old")
    sale = chain.sale(m, 20000, earned=200, lot_id="sale-lot")
    chain.refund(sale, m, reversed_=150, money_fen=15000)
    got = member_lots(hq, m)
    assert got["sale-lot"][3] == 50 and got["old"][3] == 100


def test_balance_expiring_and_liability_come_from_lots(chain, clock, hq):
    a = chain.register("M1", "13800000001")
    b = chain.register("M2", "13800000002")
    chain.sale(a, 10000, earned=100)
    clock.advance(days=10)
    chain.sale(a, 10000, earned=40)
    chain.sale(b, 10000, earned=7)
    with hq.tx() as s:
        today = clock().date()
        assert lots.balance(s, a, today) == 140
        assert lots.expiring_on(s, a, date(2026, 2, 4)) == 100
        assert lots.balance(s, a, date(2026, 2, 4)) == 40  # the first lot lapsed that day
        assert lots.liability(s, chain.chain_id, today) == 147
        assert lots.expiry_schedule(s, a, today) == [(date(2026, 2, 4), 100), (date(2026, 2, 14), 40)]


def test_a_spend_no_lot_covers_is_a_reconciliation_item_and_lots_stay_whole(chain, clock, hq):
    m = chain.register("M1", "13800000001")
    chain.sale(m, 10000, earned=100)
    clock.advance(days=40)  # lapsed; an offline till still spent it
    chain.sale(m, 5000, spent=100)
    items = [i for i in hq.reconciliation() if i.kind == "points_uncovered"]
    assert [(i.member_id, i.detail["points"]) for i in items] == [(m, 100)]
    (lot,) = member_lots(hq, m).values()
    assert lot[3] == 100


def test_sign_in_and_referral_points_are_lots_too(chain, clock, hq):
    from hq.members import MemberAPI

    api = MemberAPI(hq, chain_id=chain.chain_id)
    m = chain.register("M1", "13800000001")
    api.daily_sign_in(m)
    (lot,) = member_lots(hq, m).values()
    assert lot[2] == lot[3] == 5 and lot[1] == clock().date() + timedelta(days=30)


def test_lots_reach_the_change_feed_in_the_tills_row_shape(chain, clock, hq):
    m = chain.register("M1", "13800000001")
    chain.sale(m, 10000, earned=100, lot_id="L1")
    page = hq.pull(chain.tills[1], "S1", chain.chain_id, 0)
    lots_ = [c.data for c in page.changes if c.kind == "points_lots"]
    assert lots_ == [
        {
            "id": "L1",
            "member_id": m,
            "earned_on": "2026-01-05",
            "expires_on": "2026-02-04",
            "points": 100,
            "remaining": 100,
            "source": "R00000001",
        }
    ]
