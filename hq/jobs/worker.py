"""The job worker, `pos-hq worker`: huey runs the lifecycle jobs on a schedule beside `pos-hq serve`.

Why huey: a small, maintained task queue with periodic tasks (crontab), retries, an immediate
mode for tests, and a SQLite storage that needs no server. Its queue is the worker's own (a
SQLite file per HQ host); what makes a job run once across hosts and workers is not the queue but
`job_runs` in HQ's database (the unique (job, period) row, locked by every chunk; runs.py). So
several workers, each with its own schedule firing, still do each period once — no Redis and no
PostgreSQL-backed queue is needed (docs/lifecycle.md). `run_period` is also a task, for re-runs
asked from the console or `pos-hq job`.

Schedule (HQ's local time): expiry 00:05, tier review 00:30, rollups 00:45 (yesterday), member
day 08:00, birthdays 09:00, expiry reminders 09:15; queued messages are delivered every minute,
and every minute the applier's queue is drained (hq/applier.py: pushes drain it as they commit;
this catches what a failed or cut-short pass left).
Each periodic run also walks the last `CATCH_UP_DAYS` periods: a day the worker was down is done
late (periods already done return at once).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from huey import SqliteHuey, crontab

from ..segments import alerts, analytics, campaigns, facts  # noqa: F401 (registers issue 19's jobs)
from . import lifecycle_jobs  # noqa: F401 (registers the jobs)
from .runs import JOBS, run_job

log = logging.getLogger(__name__)
CATCH_UP_DAYS = 3
SCHEDULE = {
    "points_expiry": (crontab(minute="5", hour="0"), 0),
    "tier_review": (crontab(minute="30", hour="0"), 0),
    "daily_rollups": (crontab(minute="45", hour="0"), 1),  # (when, days back: yesterday's figures)
    "member_day": (crontab(minute="0", hour="8"), 0),
    "birthday_benefits": (crontab(minute="0", hour="9"), 0),
    "expiry_reminders": (crontab(minute="15", hour="9"), 0),
    "member_facts": (crontab(minute="0", hour="2"), 1),  # facts, RFM, tags (hq/segments, issue 19)
    "analytics_figures": (crontab(minute="30", hour="3"), 1),  # the analytics page's monthly figures
    "campaign_triggers": (crontab(minute="0", hour="7"), 0),  # triggered campaigns (after the facts)
    "analytics_alerts": (crontab(minute="30", hour="7"), 0),  # alerts into subscribers' notes (issue 19)
}


def periods(today, back: int, catch_up: int = CATCH_UP_DAYS) -> list[str]:
    """The periods a scheduled run walks: the oldest first, the due one last."""
    due = today - timedelta(days=back)
    return [(due - timedelta(days=n)).isoformat() for n in range(catch_up, -1, -1)]


def build(hq, queue_file: str | Path | None = None, channel=None, immediate: bool = False) -> SqliteHuey:
    """A huey instance whose tasks run `hq`'s jobs; `immediate` runs tasks at once, in process (tests)."""
    huey = SqliteHuey("membertill-hq", filename=str(queue_file or ":memory:"), immediate=immediate, utc=False)

    @huey.task(retries=2, retry_delay=60, name="run_period")
    def run_period(name: str, period: str, rerun: bool = False) -> dict:
        r = run_job(hq, name, period, rerun=rerun)
        return {"job": r.job, "period": r.period, "status": r.status, "rows": r.rows}

    def scheduled(name: str, back: int):
        def run_scheduled() -> None:
            for period in periods(hq.clock().date(), back):
                run_job(hq, name, period)

        return run_scheduled

    for name, (when, back) in SCHEDULE.items():
        huey.periodic_task(when, name=f"scheduled_{name}")(scheduled(name, back))

    @huey.periodic_task(crontab(minute="*"), name="apply_pending")
    def apply_pending() -> None:
        """The applier's safety net (hq/applier.py): pushes drain it as they commit; a request
        that died between its commit and its pass, or a pass that failed, left rows queued."""
        from ..applier import drain

        drain(hq)

    huey.apply_pending = apply_pending
    if channel is not None:
        from ..messaging import deliver

        @huey.periodic_task(crontab(minute="*"), name="deliver_messages")
        def deliver_messages() -> None:
            deliver(hq, channel)

    huey.run_period = run_period
    assert set(SCHEDULE) == set(JOBS)
    return huey


def serve(hq, queue_file: str | Path, channel, workers: int = 2) -> None:
    """Run the consumer (blocking): the schedule, re-runs asked through the queue, message delivery."""
    huey = build(hq, queue_file, channel)
    consumer = huey.create_consumer(workers=workers, worker_type="thread", periodic=True)
    log.info("job worker started (%s threads)", workers)
    consumer.run()
