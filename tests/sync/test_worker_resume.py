"""Issue 22, defect 8: a till back from an HQ outage resumes within seconds of HQ's return, without
a thundering herd: while HQ is away the worker probes its health check at a jittered interval of
a few seconds (never a minute of backoff), starts after a spread moment when HQ answers, and
honours Retry-After. A real HQ process stopped and started; the assertions read the schedule the
worker computed (no wall-clock figures)."""

from __future__ import annotations

import random
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from pos_app.services import SaleSession, Tender, Till, complete_sale, login, open_shift
from pos_app.store import Database
from sync.till import TillSync
from sync.transport import HttpTransport, retry_after_seconds
from sync.worker import SyncWorker

from .conftest import demo_hq

NOW = datetime(2026, 11, 23, 10)


def wait_until(predicate, timeout: float = 60.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def sell(till, cashier) -> None:
    sale = SaleSession(till, cashier)
    sale.scan("6901939621257")
    payable = sale.view().priced.payable_fen
    complete_sale(sale, [Tender("cash", payable, cash_given_fen=payable)])


def test_a_till_probes_a_stopped_hq_every_few_seconds_and_resumes_when_it_returns(sqlite_url, served, tmp_path):
    codes = demo_hq(sqlite_url, NOW, tills=1)
    server = served(sqlite_url)
    till = Till(Database(tmp_path / "till.sqlite3"), lambda: NOW)
    sync = TillSync(till, HttpTransport(server.base, timeout=(1.0, 5.0)))
    sync.enrol(codes[0])
    sync.pull_all()
    cashier = login(till, "1111")
    open_shift(till, cashier, 50000)
    # the defaults a till runs with, but for the probe interval and the spread (scaled down for a quick test)
    worker = SyncWorker(sync, probe_every_s=(0.2, 0.6), resume_spread_s=0.4, rng=random.Random(7)).start()
    try:
        assert wait_until(lambda: worker.status()["online"])
        server.stop()
        sell(till, cashier)
        worker.nudge()
        assert wait_until(lambda: not worker.status()["online"])
        worker.failures = 12  # as after minutes away: the old backoff was then 60 s
        down_from = len(worker.schedule)
        assert wait_until(lambda: sum(r == "probe" for r, _ in list(worker.schedule)[down_from:]) >= 4)
        sell(till, cashier)
        worker.nudge()  # a sale while HQ is away changes nothing of the schedule
        server.start()
        assert wait_until(lambda: worker.status()["online"] and worker.status()["waiting"] == 0)
        after = list(worker.schedule)[down_from:]
        reasons = [r for r, _ in after]
        assert "backoff" not in reasons
        assert all(0.2 <= s <= 0.6 for r, s in after if r == "probe")
        resumed = reasons.index("resume")
        assert set(reasons[:resumed]) == {"probe"}  # probing all the time HQ was away
        assert 0 <= after[resumed][1] <= 0.4  # then a spread moment, then the round
        assert reasons[resumed + 1] == "next"
    finally:
        worker.stop()
        till.db.close()


class Busy503(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(503)
        self.send_header("Retry-After", "7")
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"detail": "HQ is busy: try again shortly"}')

    do_POST = do_GET

    def log_message(self, *args):
        pass


def test_a_busy_hq_s_retry_after_is_honoured_with_jitter_and_sales_do_not_cut_it_short(tmp_path):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Busy503)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    till = Till(Database(tmp_path / "till.sqlite3"), lambda: NOW)
    with till.uow() as uow:
        uow.rules.set_setting("sync", {"till_id": "t1", "token": "tok"})
        uow.commit()
    sync = TillSync(till, HttpTransport(f"http://127.0.0.1:{httpd.server_address[1]}", timeout=(1.0, 2.0)))
    worker = SyncWorker(sync, resume_spread_s=3.0, rng=random.Random(3))
    try:
        assert worker.run_once() is False
        assert worker.retry_after == 7 and not worker.status()["online"]
        waits = [worker.busy_wait() for _ in range(200)]
        assert all(7 <= w <= 10 for w in waits) and max(waits) - min(waits) > 2
        worker.start()
        assert wait_until(lambda: any(r == "retry_after" for r, _ in worker.schedule))
        worker.nudge()
        time.sleep(0.2)
        assert [r for r, _ in worker.schedule] == ["retry_after"]  # the nudge did not start a round
    finally:
        worker.stop(0.5)
        httpd.shutdown()
        till.db.close()


def test_two_thousand_tills_return_spread_over_the_resume_window():
    tills = [SyncWorker(None, rng=random.Random(n)) for n in range(2000)]  # the defaults a till runs with
    # from HQ's return: the rest of the till's probe interval (at most one) and its resume moment
    starts = sorted(w.probe_wait() + w.resume_wait() for w in tills)
    per_second = [sum(1 for s in starts if k <= s < k + 1) for k in range(8)]
    assert max(per_second) < 2000 * 0.35  # no second carries more than a third of the chain
    assert starts[-1] <= 7.0  # and every till is back within seconds


def test_retry_after_as_seconds_or_an_http_date():
    assert retry_after_seconds("5") == 5
    assert retry_after_seconds(None) == 0 and retry_after_seconds("soon") == 0
    assert retry_after_seconds("99999") == 300
    assert (
        retry_after_seconds("Mon, 30 Nov 2026 12:00:10 GMT", datetime.fromisoformat("2026-11-30T12:00:00+00:00")) == 10
    )
