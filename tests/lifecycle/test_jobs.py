"""Scheduled jobs: once per period, resumable after a crash mid-run, exact ledger sums."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hq.jobs import lifecycle_jobs  # noqa: F401 (registers the jobs)
from hq.jobs.runs import Interrupted, JobError, job_runs, run_job
from hq.models import ChangeRow, Member, PointsEntry, PointsLot


def ledger(hq):
    with hq.tx() as s:
        return {
            m.id: (
                m.points,
                int(
                    s.scalar(select(func.coalesce(func.sum(PointsEntry.delta), 0)).where(PointsEntry.member_id == m.id))
                ),
            )
            for m in s.scalars(select(Member).order_by(Member.id))
        }


def lots_state(hq):
    with hq.tx() as s:
        return sorted((l.id, l.remaining, l.expired) for l in s.scalars(select(PointsLot)))


def members_with_points(chain, clock, n=7):
    ids = []
    for i in range(n):
        m = chain.register(f"M{i:03d}", f"138{i:08d}")
        chain.sale(m, 10000, earned=100 + i)
        ids.append(m)
    clock.advance(days=10)
    for m in ids[:3]:
        chain.sale(m, 10000, earned=50)  # lapse 10 days later than the first lots
    return ids


def test_points_expiry_lapses_due_lots_and_keeps_ledger_sums_exact(chain, clock, hq):
    ids = members_with_points(chain, clock)
    chain.sale(ids[0], 3000, spent=30)
    result = run_job(hq, "points_expiry", "2026-02-04", limit=2)
    assert result.status == "done" and result.rows == 7
    after = ledger(hq)
    assert all(points == total for points, total in after.values())  # cache = ledger sum
    assert after[ids[0]][0] == 50 and after[ids[6]][0] == 0
    with hq.tx() as s:
        expired = s.scalar(select(func.sum(PointsEntry.delta)).where(PointsEntry.kind == "expire"))
        assert expired == -(70 + sum(100 + i for i in range(1, 7)))


def test_a_second_run_of_the_same_period_changes_nothing(chain, clock, hq):
    members_with_points(chain, clock)
    run_job(hq, "points_expiry", "2026-02-04")
    before = (ledger(hq), lots_state(hq))
    again = run_job(hq, "points_expiry", "2026-02-04")
    rerun = run_job(hq, "points_expiry", "2026-02-04", rerun=True)
    assert (ledger(hq), lots_state(hq)) == before
    assert again.runs == 1 and rerun.runs == 2 and rerun.rows == 7  # the re-run added no rows


def test_a_run_killed_mid_way_resumes_and_gives_the_same_ledgers(chain, clock, hq, tmp_path):
    members_with_points(chain, clock)
    with pytest.raises(Interrupted):
        run_job(hq, "points_expiry", "2026-02-04", limit=2, stop_after=2)
    (half,) = job_runs(hq, "points_expiry")
    assert half.status == "running" and half.rows == 4
    resumed = run_job(hq, "points_expiry", "2026-02-04", limit=2)
    assert resumed.status == "done" and resumed.rows == 7 and resumed.runs == 2
    assert all(points == total for points, total in ledger(hq).values())
    with hq.tx() as s:
        assert s.scalar(select(func.count()).select_from(PointsEntry).where(PointsEntry.kind == "expire")) == 7


def test_expired_lots_and_balances_reach_the_change_feed(chain, clock, hq):
    members_with_points(chain, clock, n=1)
    with hq.tx() as s:
        last = s.scalar(select(func.max(ChangeRow.seq)))
    run_job(hq, "points_expiry", "2026-02-04")
    page = hq.pull(chain.tills[0], "S1", chain.chain_id, last)
    got = {(c.kind, c.key): c.data for c in page.changes}
    lot = next(d for (k, _), d in got.items() if k == "points_lots")
    assert lot["remaining"] == 0 and got[("members", "M000")]["hq_points"] == 50


def test_unknown_job_and_bad_period_are_refused_with_codes(hq):
    with pytest.raises(JobError) as unknown:
        run_job(hq, "no_such_job", "2026-01-01")
    with pytest.raises(JobError) as bad:
        run_job(hq, "points_expiry", "yesterday")
    assert (unknown.value.code, bad.value.code) == ("job.unknown", "job.period_invalid")
    assert job_runs(hq) == []


def test_expiry_reminders_go_once_through_the_outbox_to_consenting_members(chain, clock, hq):
    from hq.messaging import OutboxProvider, deliver
    from hq.models import Message

    members_with_points(chain, clock, n=3)
    with hq.tx() as s:
        s.get(Member, "M002").consent = False
    run_job(hq, "expiry_reminders", "2026-01-28")  # 7 days before the first lots lapse
    run_job(hq, "expiry_reminders", "2026-01-28", rerun=True)
    assert deliver(hq, OutboxProvider()) == 2
    with hq.tx() as s:
        got = sorted((m.member_id, m.status, m.params["points"], m.params["date"]) for m in s.scalars(select(Message)))
    assert got == [
        ("M000", "stored", 100, "2026-02-03"),
        ("M001", "stored", 101, "2026-02-03"),
        ("M002", "refused", 102, "2026-02-03"),
    ]
