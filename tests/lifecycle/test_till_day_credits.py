"""What a till credited in a day (hq/till_bounds.py `Allowance`, written as plain statements by
each push): the day's row carries over from push to push, a new HQ day starts a new row, a push
that credits nothing leaves the row as it was, and what passes the day's bound is held, not
counted. On SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from hq.models import Member, ReconciliationItem, TillCredit
from hq.service import HQ
from hq.till_bounds import Bounds, save

from .conftest import Chain, Clock


@pytest.fixture(params=["sqlite_url", pytest.param("pg_url", marks=pytest.mark.postgres)])
def url(request, tmp_path):
    if request.param == "sqlite_url":
        return f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    return request.getfixturevalue("pg_url")


def test_a_tills_day_of_credits_carries_over_pushes_and_days(url):
    clock = Clock(datetime(2026, 4, 1, 10))
    hq = HQ(url, clock)
    try:
        chain = Chain(hq, clock, tills=2)
        with hq.tx() as s:
            save(s, chain.chain_id, Bounds(points_per_event=1_000, points_per_day=2_500))
        chain.register("M1", "13900000001")
        chain.sale("M1", 90_000, earned=900)  # till 0: 900
        chain.sale("M1", 90_000, earned=900)  # 1,800
        chain.sale("M1", 10_000)  # earns nothing: the row stays
        chain.sale("M1", 90_000, earned=900)  # 2,700 > 2,500: held
        chain.sale("M1", 50_000, earned=500, till=1)  # the other till's own day
        clock.advance(days=1)
        chain.sale("M1", 90_000, earned=900)  # a new day at HQ
        with hq.tx() as s:
            rows = {
                (r.till_id, r.day): (r.points, r.stored_value_fen)
                for r in s.scalars(select(TillCredit).order_by(TillCredit.till_id, TillCredit.day))
            }
            held = [(r.kind, r.detail) for r in s.scalars(select(ReconciliationItem))]
            points = s.scalar(select(Member.points).where(Member.id == "M1"))
        t0, t1 = chain.tills
        assert rows == {
            (t0, "2026-04-01"): (1_800, 0),
            (t1, "2026-04-01"): (500, 0),
            (t0, "2026-04-02"): (900, 0),
        }
        assert held == [("credit_held", {"event_kind": "sale", "points": 900})]
        assert points == 1_800 + 500 + 900
    finally:
        hq.close()


def test_points_held_for_review_make_no_lot(url):
    """A credit past the till's bound is held (hq/till_bounds.py): not in the balance, the ledger or
    the member's points lots, which the tills are sent and expiry takes from. On a refund, points
    given back past the bound give no lot back either."""
    from sqlalchemy import func

    from hq.models import PointsEntry, PointsLot

    clock = Clock(datetime(2026, 4, 1, 10))
    hq = HQ(url, clock)
    try:
        chain = Chain(hq, clock, tills=1)
        with hq.tx() as s:
            save(s, chain.chain_id, Bounds(points_per_event=1_000, points_per_day=2_500))
        chain.register("M1", "13900000001")
        chain.sale("M1", 90_000, earned=5_000)  # past the event's bound: held
        chain.sale("M1", 50_000, earned=500)  # applied, with its lot
        spent = chain.sale("M1", 20_000, spent=400)
        chain.refund(spent, "M1", restored=400)  # a credit within the bounds: its lot given back
        with hq.tx() as s:
            points = s.scalar(select(Member.points).where(Member.id == "M1"))
            ledger = s.scalar(select(func.sum(PointsEntry.delta)).where(PointsEntry.member_id == "M1"))
            lots = s.scalar(select(func.sum(PointsLot.remaining)).where(PointsLot.member_id == "M1"))
            held = [(r.kind, r.detail) for r in s.scalars(select(ReconciliationItem))]
        assert held == [("credit_held", {"event_kind": "sale", "points": 5_000})]
        assert points == ledger == lots == 500
    finally:
        hq.close()
