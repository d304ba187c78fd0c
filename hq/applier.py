"""The applier: what a push leaves for after its commit (issue 23) — the member-day rollup, the
segment rollups (member_months, member_facts, member_stores, member_categories), the immediate
tier upgrade and the purchase benefits — applied for many pushes at once.

A push keeps what money and exactly-once need (events, ledgers, balances, points lots,
reconciliation items, till bounds, the store's followers, the change rows of balances and lots)
and writes its added-up figures as one `applier_queue` row (hq/lifecycle/at_ingest.py). A pass
of the applier, in one transaction: take the queue's rows (`DELETE … RETURNING`: the rows it
applies are gone in the same commit as their effects, so a pass that dies changes nothing and a
row is applied exactly once), add their figures up, write the rollup tables for them all (one
statement on PostgreSQL, hq/segments/facts.py),
then the tier upgrades and purchase benefits their buyers qualify for (those members locked in id
order first, as every writer locks members) and those changes' feed rows, last.

When: right after a push commits, the same request tries the applier's lock without waiting
(PostgreSQL: `pg_try_advisory_xact_lock`; the embedded SQLite HQ: a lock of the process, its
writers being serialised by BEGIN IMMEDIATE anyway). Whoever holds it drains the queue, pass
after pass, each of everything pending; after each pass it has released the lock it looks again
for rows, so a push whose try failed while a pass ran (its row not seen by that pass) is applied
by the next. Under load one pass takes the rows of many pushes. The job worker drains the queue
every minute too (hq/jobs/worker.py): a safety net for a request that died between its commit and
its pass, or a pass that failed.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, exists, select, text
from sqlalchemy.orm import Session

from .base import among
from .models import ApplierWork, Member

log = logging.getLogger(__name__)

APPLIER_LOCK = 6_150_002  # the advisory lock's key (the change feed's is 6_150_001, migration 0004)
PASS_ROWS = 500  # queue rows (pushes) a pass takes at most
MAX_PASSES = 100  # a request drains at most this many passes (the minute job takes what is left)
_queue = ApplierWork.__table__


def pending(s: Session) -> bool:
    return bool(s.scalar(select(exists().where(_queue.c.id > 0))))


def apply_pass(s: Session, limit: int = PASS_ROWS) -> int | None:
    """One pass in the caller's transaction: None if another pass holds the applier's lock
    (PostgreSQL), else the number of queue rows applied (0: none pending)."""
    locked = text("SELECT pg_try_advisory_xact_lock(:k)")
    if s.get_bind().dialect.name == "postgresql" and not s.connection().execute(locked, {"k": APPLIER_LOCK}).scalar():
        return None
    rows = take(s, limit)
    if rows:
        apply_work(s, [(r.chain_id, r.at, r.work) for r in rows])
    return len(rows)


def take(s: Session, limit: int) -> list[Any]:
    """The oldest `limit` queue rows, deleted (gone for good when the caller's transaction
    commits, with their effects), in push order: (id, chain_id, at, work)."""
    oldest = select(_queue.c.id).order_by(_queue.c.id).limit(limit)
    rows = (
        s.connection()
        .execute(
            delete(_queue)
            .where(_queue.c.id.in_(oldest))
            .returning(_queue.c.id, _queue.c.chain_id, _queue.c.at, _queue.c.work)
        )
        .all()
    )
    return sorted(rows, key=lambda r: r.id)


def apply_work(s: Session, rows: list[tuple[str, datetime, dict[str, Any]]]) -> None:
    """Apply queued work, [(chain, push time, work)] in push order: the rollups for them all (a
    chain's in one statement on PostgreSQL), then the chains' upgrades and benefits."""
    from .jobs.runs import feed
    from .lifecycle.benefits import on_purchases, purchase_spec, qualifies
    from .lifecycle.tiers import upgrade_candidates, upgrade_now
    from .segments.facts import add_to_rollups

    days: dict[str, dict[tuple[str, date], list[int]]] = defaultdict(dict)
    stores: dict[str, dict[tuple[str, str], list[int]]] = defaultdict(dict)
    lines: dict[str, dict[tuple[str, str], list[int]]] = defaultdict(dict)
    purchases: dict[str, list[tuple[str, date, int, datetime]]] = defaultdict(list)
    latest: dict[str, datetime] = {}
    for chain_id, at, work in rows:
        latest[chain_id] = max(latest.get(chain_id, at), at)
        for m, d, spend, points, sales in work.get("days", ()):
            day = date.fromisoformat(d)
            f = days[chain_id].setdefault((m, day), [0, 0, 0])
            f[0] += spend
            f[1] += points
            f[2] += sales
            if sales > 0:  # each push's member-day judged on its own, as when the push did it
                purchases[chain_id].append((m, day, spend, at))
        for m, code, visits, spend in work.get("stores", ()):
            f = stores[chain_id].setdefault((m, code), [0, 0])
            f[0] += visits
            f[1] += spend
        for m, product, amount, n in work.get("lines", ()):
            f = lines[chain_id].setdefault((m, product), [0, 0])
            f[0] += amount
            f[1] += n
    changes: list[tuple[str, str, str]] = []
    for chain_id in sorted(latest):  # member_days too (a member is of one chain)
        add_to_rollups(s, chain_id, days[chain_id], stores[chain_id], lines[chain_id], member_days=True)
        now = latest[chain_id]
        buyers = sorted({m for (m, _), f in days[chain_id].items() if f[0] > 0 or f[1] > 0})
        upgrading = upgrade_candidates(s, chain_id, buyers, now)
        spec = purchase_spec(s, chain_id) if purchases[chain_id] else None
        gifted = [p for p in purchases[chain_id] if qualifies(spec, p[2])]
        lock_members(s, sorted(set(upgrading) | {p[0] for p in gifted}))
        mine = upgrade_now(s, chain_id, upgrading, now) + on_purchases(s, chain_id, gifted, spec)
        changes += [(chain_id, kind, key) for kind, key in mine]
    feed(s, changes)


def lock_members(s: Session, ids: list[str]) -> None:
    """Lock these members in id order (as a push's balance UPDATE does) before changing them."""
    if ids and s.get_bind().dialect.name == "postgresql":
        for i in range(0, len(ids), 5000):
            s.connection().execute(
                select(Member.id).where(among(s, Member.id, ids[i : i + 5000])).order_by(Member.id).with_for_update()
            ).all()


def drain(hq, max_passes: int = MAX_PASSES) -> int:
    """Apply what is pending, pass after pass, unless another pass holds the lock (it looks
    again after releasing it: see the module docstring). Returns the queue rows applied."""
    postgres = hq.engine.dialect.name == "postgresql"
    applied = 0
    for _ in range(max_passes):
        if not postgres and not hq.applier_lock.acquire(blocking=False):
            return applied
        try:
            with hq.sessions() as s, s.begin():
                n = apply_pass(s)
        finally:
            if not postgres:
                hq.applier_lock.release()
        if n is None:  # another pass runs: it looks again after it commits
            return applied
        applied += n
        with hq.sessions() as s:  # the lock released: anything committed meanwhile?
            if not pending(s):
                return applied
    return applied


def drain_after_push(hq) -> None:
    """A push's attempt at the applier after its commit: its failure never fails the push (the
    rows stay queued for the next pass or the minute job)."""
    try:
        drain(hq)
    except Exception as exc:  # the push is committed; its work waits
        log.warning("applier pass failed (%s); the queued work stays for the next pass", type(exc).__name__)
