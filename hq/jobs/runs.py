"""Running a job for a period: once, resumable, safe with several workers.

A job is a function that does one chunk: `chunk(s, ctx, cursor) -> (next cursor | None, rows)`
in the caller's transaction. `run_job` keeps a row per (job, period) in `job_runs` (unique):
every chunk's transaction first locks that row, reads the cursor (the progress marker), does the
chunk and writes the new cursor with it — the chunk's effects and its marker commit together.

* A second run of a period that is done changes nothing (`rerun=True` walks it again: every job
  is idempotent by construction, so the walk finds nothing left to do and adds no rows).
* A run that crashed (killed worker, lost connection) left its row `running` or `failed` with
  the cursor of its last committed chunk: the next run resumes there.
* Two workers on the same period take turns chunk by chunk on the row lock (PostgreSQL's
  `FOR UPDATE`; SQLite's writers are serialised): each chunk starts from the cursor the other
  left, so no member is handled twice.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.domain.errors import DomainError

from ..base import dialect_insert
from ..models import ChangeRow, JobRun

log = logging.getLogger(__name__)


@dataclass
class Context:
    """What a chunk knows: the day of the period, the clock, a chunk size, and a cache it may fill."""

    day: date
    now: datetime
    limit: int
    cache: dict[str, Any] = field(default_factory=dict)


Chunk = Callable[[Session, Context, str], tuple[str | None, int]]
JOBS: dict[str, Chunk] = {}


def job(name: str):
    def register(fn: Chunk) -> Chunk:
        JOBS[name] = fn
        return fn

    return register


@dataclass(frozen=True)
class RunResult:
    job: str
    period: str
    status: str
    rows: int
    chunks: int
    runs: int
    started: datetime
    finished: datetime | None
    error: str


class JobError(DomainError):
    """A job or period asked for does not exist (code `job.unknown` / `job.period_invalid`)."""


class Interrupted(Exception):
    """Raised by `stop_after` (tests and the crash simulation): the worker dies between chunks."""


def period_day(period: str) -> date:
    try:
        return date.fromisoformat(period)
    except (TypeError, ValueError):
        raise JobError("job.period_invalid", period=str(period)[:20]) from None


def _result(row: JobRun) -> RunResult:
    return RunResult(
        row.job, row.period, row.status, row.rows, row.chunks, row.runs, row.started, row.finished, row.error
    )


def run_job(
    hq, name: str, period: str, *, rerun: bool = False, limit: int = 2000, stop_after: int | None = None
) -> RunResult:
    """Run job `name` for `period` (an ISO date) to the end, or resume it (see the module docstring).
    `stop_after` chunks: raise Interrupted after that many (a crash between commits)."""
    if name not in JOBS:
        raise JobError("job.unknown", job=str(name)[:32])
    chunk = JOBS[name]
    day = period_day(period)
    now = hq.clock()
    with hq.tx() as s:
        table = JobRun.__table__
        upsert = dialect_insert(s, table)
        fresh = (
            s.connection()
            .execute(
                upsert.values(
                    job=name,
                    period=period,
                    status="running",
                    cursor="",
                    rows=0,
                    chunks=0,
                    runs=1,
                    started=now,
                    finished=None,
                    error="",
                )
                .on_conflict_do_nothing(index_elements=[table.c.job, table.c.period])
                .returning(table.c.id)  # not `rowcount`: -1 on PostgreSQL (the insert's RETURNING),
            )  # which made every re-run there of a finished period a no-op
            .first()
            is not None
        )
        row = s.scalar(select(JobRun).where(JobRun.job == name, JobRun.period == period).with_for_update())
        if not fresh:
            if row.status == "done" and not rerun:
                return _result(row)
            if row.status == "done":  # a re-run: its own start and duration
                row.cursor, row.finished, row.started = "", None, now
            row.status, row.runs, row.error = "running", row.runs + 1, ""
    ctx = Context(day, now, limit)
    done_chunks = 0
    try:
        while True:
            with hq.tx() as s:
                row = s.scalar(select(JobRun).where(JobRun.job == name, JobRun.period == period).with_for_update())
                if row.status == "done":  # another worker finished it meanwhile
                    return _result(row)
                ctx.now = hq.clock()
                cursor, rows = chunk(s, ctx, row.cursor)
                row.rows += rows
                row.chunks += 1
                if cursor is None:
                    row.status, row.finished = "done", hq.clock()
                else:
                    row.cursor = cursor
                s.flush()
                result = _result(row)
            if cursor is None:
                log.info("job %s %s done: %s rows in %s chunks", name, period, result.rows, result.chunks)
                return result
            done_chunks += 1
            if stop_after is not None and done_chunks >= stop_after:
                raise Interrupted(f"{name} {period} stopped after {done_chunks} chunks")
    except Interrupted:
        raise
    except Exception as exc:
        with hq.tx() as s:
            row = s.scalar(select(JobRun).where(JobRun.job == name, JobRun.period == period).with_for_update())
            row.status, row.error = "failed", "".join(traceback.format_exception_only(exc))[-2000:]
        log.exception("job %s %s failed", name, period)
        raise


def job_runs(hq, name: str | None = None, limit: int = 200) -> list[RunResult]:
    """The newest runs (the console's list): job, period, status, rows, chunks, times, error."""
    with hq.tx() as s:
        query = select(JobRun).order_by(JobRun.started.desc(), JobRun.id.desc()).limit(limit)
        if name:
            query = query.where(JobRun.job == name)
        return [_result(r) for r in s.scalars(query)]


def feed(s: Session, rows: list[tuple[str, str, str]]) -> None:
    """Change-feed rows (chain, kind, key), deduplicated, written last (the feed's lock is the last
    a transaction takes)."""
    if rows:
        s.flush()
        from ..feed import fan_out  # members' changes to the stores following them
        from ..ingest import bulk_insert  # COPY on PostgreSQL

        changes = fan_out(s, [dict(chain_id=c, store_code="", kind=k, key=key) for c, k, key in dict.fromkeys(rows)])
        if changes:
            bulk_insert(s, ChangeRow, changes)
