"""HQ's audit log: every change a staff member makes is recorded here, in the same transaction
as the change itself (who, what, before/after, when, from where).

Append-only and hash-chained: `hash = sha256(prev_hash + canonical JSON of the entry)`, the first
entry's `prev_hash` is 64 zeros. `verify()` recomputes the chain and names the first entry that
does not match, so an edited, deleted or inserted row is found. Writers are serialised on the
chain's tail: PostgreSQL takes a transaction-level advisory lock before reading the last hash;
SQLite's writers are serialised already (BEGIN IMMEDIATE).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from ..models import AuditEntry

GENESIS = "0" * 64
AUDIT_LOCK = 6_150_017  # advisory lock key (0004's change feed uses 6_150_001)


@dataclass(frozen=True)
class Actor:
    """Who is acting and from where: a staff member, or the command line (`staff_id` None)."""

    chain_id: str
    staff_id: str | None
    name: str
    client: str = ""


def _canonical(entry: AuditEntry) -> bytes:
    body = {
        "at": entry.at.isoformat(timespec="microseconds"),
        "chain_id": entry.chain_id,
        "staff_id": entry.staff_id,
        "staff_name": entry.staff_name,
        "action": entry.action,
        "target": entry.target,
        "before": entry.before,
        "after": entry.after,
        "client": entry.client,
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def entry_hash(prev_hash: str, entry: AuditEntry) -> str:
    return hashlib.sha256(prev_hash.encode() + _canonical(entry)).hexdigest()


def record(
    s: Session,
    actor: Actor,
    action: str,
    target: str = "",
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    now: datetime,
) -> AuditEntry:
    """Append one entry, chained to the last, in the caller's transaction. `before`/`after`
    carry no secrets (no password hashes, no TOTP secrets) and no more personal data than needed."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK})
    prev = s.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)) or GENESIS
    entry = AuditEntry(
        at=now,
        chain_id=actor.chain_id,
        staff_id=actor.staff_id,
        staff_name=actor.name[:64],
        action=action,
        target=target[:120],
        before=before,
        after=after,
        client=actor.client[:64],
        prev_hash=prev,
    )
    entry.hash = entry_hash(prev, entry)
    s.add(entry)
    s.flush()
    return entry


@dataclass(frozen=True)
class Verification:
    ok: bool
    entries: int
    first_bad_id: int | None = None


def verify(s: Session, batch: int = 5000) -> Verification:
    """Walk the whole chain in id order; the first entry whose link or hash does not match is named."""
    prev, after_id, n = GENESIS, 0, 0
    while True:
        rows = list(s.scalars(select(AuditEntry).where(AuditEntry.id > after_id).order_by(AuditEntry.id).limit(batch)))
        if not rows:
            return Verification(True, n)
        for entry in rows:
            if entry.prev_hash != prev or entry_hash(prev, entry) != entry.hash:
                return Verification(False, n, entry.id)
            prev, after_id, n = entry.hash, entry.id, n + 1


def search(
    s: Session,
    chain_id: str,
    *,
    action: str = "",
    staff: str = "",
    target: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 200,
    before_id: int | None = None,
) -> list[AuditEntry]:
    """A chain's entries, newest first, filtered (action prefix, staff name, target substring, time range)."""
    q = select(AuditEntry).where(AuditEntry.chain_id == chain_id)
    if action:
        q = q.where(AuditEntry.action.startswith(action))
    if staff:
        q = q.where(func.lower(AuditEntry.staff_name) == staff.lower())
    if target:
        q = q.where(AuditEntry.target.contains(target))
    if since:
        q = q.where(AuditEntry.at >= since)
    if until:
        q = q.where(AuditEntry.at < until)
    if before_id:
        q = q.where(AuditEntry.id < before_id)
    return list(s.scalars(q.order_by(AuditEntry.id.desc()).limit(limit)))


def size(s: Session) -> int:
    """The number of entries (the newest id: rows are never deleted)."""
    return s.scalar(select(func.max(AuditEntry.id))) or 0


def actions(s: Session, chain_id: str) -> list[str]:
    return list(
        s.scalars(
            select(AuditEntry.action).where(AuditEntry.chain_id == chain_id).distinct().order_by(AuditEntry.action)
        )
    )
