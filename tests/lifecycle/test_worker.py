"""`pos-hq worker`: huey runs the jobs (immediate mode in process; a real worker process too)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date

from hq.jobs.runs import job_runs
from hq.jobs.worker import build, periods

from .test_jobs import members_with_points


def test_a_job_asked_through_huey_runs_once_in_immediate_mode(chain, clock, hq):
    members_with_points(chain, clock)
    huey = build(hq, immediate=True)
    first = huey.run_period("points_expiry", "2026-02-04")()
    again = huey.run_period("points_expiry", "2026-02-04")()
    assert first == again == {"job": "points_expiry", "period": "2026-02-04", "status": "done", "rows": 7}
    assert [r.runs for r in job_runs(hq)] == [1]


def test_a_scheduled_run_catches_up_the_days_the_worker_missed():
    assert periods(date(2026, 3, 10), 0) == ["2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10"]
    assert periods(date(2026, 3, 1), 1, catch_up=1) == ["2026-02-27", "2026-02-28"]


def test_pos_hq_worker_runs_a_job_put_on_its_queue(chain, clock, hq, tmp_path):
    members_with_points(chain, clock)
    queue = tmp_path / "queue.sqlite3"
    log = (tmp_path / "worker.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "hq", "--db", hq.url, "worker", "--queue", str(queue), "--threads", "1"],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        build(hq, queue).run_period("points_expiry", "2026-02-04")  # enqueued, not run here
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not [r for r in job_runs(hq) if r.status == "done"]:
            time.sleep(0.2)
        (run,) = job_runs(hq)
        assert (run.status, run.rows) == ("done", 7), (tmp_path / "worker.log").read_text()[-2000:]
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
