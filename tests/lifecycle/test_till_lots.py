"""At the till: an expired lot is never spendable, even offline before HQ's expiry job has run;
lots HQ sends replace the till's figure, less what this till's unsent events took."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from pos_app.services import Till, login
from pos_app.services.errors import InvalidInput
from pos_app.services.members import member_view, redeem_gift
from pos_app.store import Database
from pos_app.store.models import MemberRow, PointsLotRow
from sync.protocol import Change, PullResponse
from sync.till import TillSync
from tests.services.conftest import Clock, demo_file  # noqa: F401 (fixtures)


@pytest.fixture
def clock():
    return Clock(datetime(2026, 11, 23, 10, 0))


@pytest.fixture
def till(demo_file, tmp_path, clock):
    import shutil

    path = tmp_path / "till.sqlite3"
    shutil.copy(demo_file, path)
    t = Till(Database(path), clock)
    yield t
    t.db.close()


def member_with(till, points: int) -> str:
    with till.uow() as uow:
        return uow.session.scalar(select(MemberRow.id).where(MemberRow.hq_points == points).order_by(MemberRow.id))


def test_points_of_a_lapsed_lot_leave_the_balance_at_the_till_before_hq_expires_them(till, clock):
    m = member_with(till, 480)  # lots: 300 lapsing 2026-12-13, 180 later
    with till.uow() as uow:
        assert member_view(till, uow, uow.members.by_id(m)).points == 480
    clock.now = datetime(2026, 12, 13, 9)
    with till.uow() as uow:
        view = member_view(till, uow, uow.members.by_id(m))
    assert view.points == 180


def test_a_gift_cannot_be_paid_with_points_of_a_lapsed_lot(till, clock):
    m = member_with(till, 480)
    cashier = login(till, "1111")
    clock.now = datetime(2026, 12, 14, 9)
    redeem_gift(till, cashier, m, "G01", identified_by="member_code")  # 100 of the 180 still usable
    with pytest.raises(InvalidInput):
        redeem_gift(till, cashier, m, "G01", identified_by="member_code")  # 80 left: the lapsed 300 do not count
    with till.uow() as uow:
        lots = {
            l.id[-1]: l.remaining for l in uow.session.scalars(select(PointsLotRow).where(PointsLotRow.member_id == m))
        }
    assert lots == {"a": 300, "b": 80}  # the lapsed lot was not touched


def test_lots_from_hq_replace_the_tills_figure_less_its_unsent_spends(till, clock):
    m = member_with(till, 480)
    cashier = login(till, "1111")
    redeem_gift(till, cashier, m, "G01", identified_by="member_code")  # takes 100 of lot a here; not pushed yet
    with till.uow() as uow:
        lot_a = uow.session.scalar(select(PointsLotRow).where(PointsLotRow.member_id == m, PointsLotRow.id.like("%a")))
        cursor = 0
    data = {
        "id": lot_a.id,
        "member_id": m,
        "earned_on": lot_a.earned_on.isoformat(),
        "expires_on": lot_a.expires_on.isoformat(),
        "points": 300,
        "remaining": 250,
        "source": "hq",
    }
    page = PullResponse(
        changes=[Change(seq=1, kind="points_lots", key=lot_a.id, data=data)], cursor=1, more=False, till_seq=0
    )  # HQ: another till took 50; this till's gift not applied yet
    TillSync(till, transport=None).apply(page, cursor)
    with till.uow() as uow:
        assert uow.session.get(PointsLotRow, lot_a.id).remaining == 150


def test_a_lot_hq_deletes_leaves_the_till(till, clock):
    m = member_with(till, 480)
    with till.uow() as uow:
        lot_id = uow.session.scalar(select(PointsLotRow.id).where(PointsLotRow.member_id == m))
    page = PullResponse(
        changes=[Change(seq=1, kind="points_lots", key=lot_id, data=None)], cursor=1, more=False, till_seq=0
    )
    TillSync(till, transport=None).apply(page, 0)
    with till.uow() as uow:
        assert uow.session.get(PointsLotRow, lot_id) is None
