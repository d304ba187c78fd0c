"""Jobs on PostgreSQL with several workers at once: the period is done once, member by member."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from hq.jobs import lifecycle_jobs  # noqa: F401
from hq.jobs.runs import job_runs, run_job
from hq.models import PointsEntry
from hq.service import HQ

from .conftest import Chain, pg_admin_url, pg_url  # noqa: F401
from .test_jobs import ledger, members_with_points


@pytest.mark.postgres
def test_two_workers_on_one_period_expire_each_member_once(pg_url, clock):
    hq = HQ(pg_url, clock)
    try:
        chain = Chain(hq, clock)
        members_with_points(chain, clock, n=30)
        errors, start = [], threading.Barrier(3)

        def worker():
            try:
                start.wait()
                run_job(hq, "points_expiry", "2026-02-04", limit=1)
            except Exception as exc:
                errors.append(exc)

        threads = [threading.Thread(target=worker) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert errors == []
        (run,) = job_runs(hq)
        assert run.status == "done" and run.rows == 30 and run.chunks <= 31  # no member twice
        with hq.tx() as s:
            assert s.scalar(select(func.count()).select_from(PointsEntry).where(PointsEntry.kind == "expire")) == 30
        assert all(points == total for points, total in ledger(hq).values())
    finally:
        hq.close()
