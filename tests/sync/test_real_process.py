"""HQ under uvicorn on 127.0.0.1 (PostgreSQL with two worker processes, and the same suite on
SQLite), two tills' sync workers over real HTTP; HQ is killed in the middle of the tills' pushes
and started again: nothing is lost or doubled, and both tills converge."""

from __future__ import annotations

import time
from datetime import datetime

import pytest
from sqlalchemy import func, select

from hq.models import EventRow, Member
from hq.service import HQ
from pos_app.services import SaleSession, Tender, Till, complete_sale, login, open_shift
from pos_app.store import Database, cipher
from sync.till import TillSync
from sync.transport import HttpTransport
from sync.worker import SyncWorker

from .conftest import demo_hq

NOW = datetime(2026, 11, 23, 10)
CODES = ["6901939621257", "6921168509256", "6920152400012"]


def wait_until(predicate, timeout=60.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.005)
    return False


def sell(till: Till, cashier, n: int, member_every: int = 3) -> list[str]:
    receipts = []
    for i in range(n):
        sale = SaleSession(till, cashier)
        sale.scan(CODES[i % 3])
        if i % member_every == 0:
            sale.attach_member(f"M{(i % 40) + 1:08d}")
        payable = sale.view().priced.payable_fen
        receipts.append(complete_sale(sale, [Tender("cash", payable, cash_given_fen=payable)]).receipt_no)
    return receipts


def scenario(url: str, served, tmp_path, workers: int = 1) -> None:
    codes = demo_hq(url, NOW)
    server = served(url, workers)
    tills, workers, cashiers = [], [], []
    for n, code in enumerate(codes):
        till = Till(Database(tmp_path / f"till{n}.sqlite3"), lambda: NOW)
        sync = TillSync(till, HttpTransport(server.base, timeout=(1.0, 5.0)), batch=5, page=500)
        sync.enrol(code)
        sync.pull_all()
        cashier = login(till, "1111")
        open_shift(till, cashier, 50000)
        tills.append(till)
        cashiers.append(cashier)
        workers.append(SyncWorker(sync, pull_every_s=0.5, base_backoff_s=0.05, max_backoff_s=0.5))
    sold = [sell(t, c, 60) for t, c in zip(tills, cashiers)]
    for w in workers:
        w.start()

    # cut HQ off while the tills are in the middle of pushing their batches
    def acked(till):
        con = cipher.connect(till.db.path)
        try:
            return con.execute("select count(*) from outbox where acked = 1").fetchone()[0]
        finally:
            con.close()

    assert wait_until(lambda: any(acked(t) > 0 for t in tills), 30)
    server.stop()
    assert any(acked(t) < 60 for t in tills), "HQ should be stopped before every batch was through"
    sold = [s + sell(t, c, 40) for s, t, c in zip(sold, tills, cashiers)]  # selling on, offline
    assert wait_until(lambda: all(not w.status()["online"] for w in workers), 30)
    assert all(w.status()["waiting"] > 0 for w in workers)
    server.start()
    for w in workers:
        w.nudge(pull=True)
    assert wait_until(lambda: all(w.status()["waiting"] == 0 and w.status()["online"] for w in workers), 60), [
        w.status() for w in workers
    ]
    for w in workers:
        w.stop()
    for w in workers:  # a final sync, as a till does on demand
        w.sync.pull_all()
    hq = HQ(url, lambda: NOW)
    with hq.tx() as s:
        events = s.scalar(select(func.count()).select_from(EventRow))
        hq_points = {m.id: m.points for m in s.scalars(select(Member))}
    at_hq = sorted(receipt for _, receipt in hq.receipts("sale"))
    expected = sorted(r for receipts in sold for r in receipts)
    assert len(at_hq) == len(expected) == 200  # nothing lost, nothing doubled
    assert at_hq == expected  # receipt numbers carry the till code
    assert events == 200
    for n, till in enumerate(tills):
        con = cipher.connect(till.db.path)
        assert con.execute("select count(*) from outbox where acked = 0").fetchone()[0] == 0
        for mid, points in con.execute("select id, hq_points from members where id like 'M000000%'"):
            assert points == hq_points[mid], (n, mid)
        assert con.execute("select count(*) from points_ledger where synced = 0").fetchone()[0] == 0
        con.close()
        till.db.close()
    for mid, (points, lp, principal, lprin, bonus, lbonus) in hq.ledger_sums().items():
        assert (points, principal, bonus) == (lp, lprin, lbonus), mid
    hq.close()


@pytest.mark.postgres
@pytest.mark.slow
def test_two_tills_over_http_survive_hq_killed_mid_batch_postgres(pg_url, served, tmp_path):
    """HQ as deployed on PostgreSQL: two worker processes, so the tills' pushes and pulls meet in
    the database (shared members, the change feed) and the tills must still converge."""
    scenario(pg_url, served, tmp_path, workers=2)


@pytest.mark.slow
def test_two_tills_over_http_survive_hq_killed_mid_batch_sqlite(sqlite_url, served, tmp_path):
    scenario(sqlite_url, served, tmp_path)
