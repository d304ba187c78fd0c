"""Deciding a message (`queue`) and delivering it (`deliver`).

`queue` runs in the transaction that decides the message (a job's chunk): it writes one row per
(member, purpose, period) — the unique key makes a re-run decide nothing new — with status
`queued`, or `refused` when the member has not consented or today's send limit is reached (the
refusal is recorded, so it is decided once too). `deliver` (the worker, after commit) takes
queued rows (skipping rows another worker holds), sends each through the channel and records
`sent` / `stored` / `failed`. Logs name message ids, never a phone or a name.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..base import dialect_insert
from ..models import Member, Message
from .channel import MessageChannel, SendFailed

log = logging.getLogger(__name__)
COUNTED = ("queued", "sent", "stored")


def queue(
    s: Session,
    member_id: str,
    purpose: str,
    period: str,
    params: dict[str, Any],
    now: datetime,
    limit_per_day: int = 3,
    consent: bool | None = None,
) -> bool:
    """Decide a message once; True when it is queued now (False: decided before, or refused)."""
    if consent is None:
        consent = bool(s.scalar(select(Member.consent).where(Member.id == member_id)))
    status, detail = "queued", ""
    if not consent:
        status, detail = "refused", "message.no_consent"
    else:
        start = datetime(now.year, now.month, now.day)
        sent_today = s.execute(
            select(func.count())
            .select_from(Message)
            .where(
                Message.member_id == member_id,
                Message.status.in_(COUNTED),
                Message.created_at >= start,
                Message.created_at < start + timedelta(days=1),
            )
        ).scalar_one()
        if sent_today >= limit_per_day:
            status, detail = "refused", "message.limit_reached"
    table = Message.__table__
    upsert = dialect_insert(s, table)
    done = s.connection().execute(
        upsert.values(
            member_id=member_id,
            purpose=purpose,
            period=period[:32],
            params=params,
            status=status,
            provider="",
            detail=detail,
            created_at=now,
            sent_at=None,
        ).on_conflict_do_nothing(index_elements=[table.c.member_id, table.c.purpose, table.c.period])
    )
    return done.rowcount == 1 and status == "queued"


def deliver(hq, channel: MessageChannel, batch: int = 200) -> int:
    """Send queued messages through `channel`, a batch at a time; returns how many were handled."""
    handled = 0
    while True:
        with hq.tx() as s:
            query = (
                select(Message.id, Message.purpose, Message.params, Member.phone)
                .join(Member, Member.id == Message.member_id)
                .where(Message.status == "queued")
                .order_by(Message.id)
                .limit(batch)
            )
            if s.bind.dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True, of=Message)
            rows = s.execute(query).all()
            if not rows:
                return handled
            now = hq.clock()
            for message_id, purpose, params, phone in rows:
                row = s.get(Message, message_id)
                try:
                    ref = channel.send(phone, purpose, params)
                    row.status = "stored" if channel.name == "outbox" else "sent"
                    row.detail = ref[:200]
                except SendFailed as exc:
                    row.status, row.detail = "failed", exc.code
                    log.warning("message %s not sent: %s", message_id, exc.code)
                row.provider, row.sent_at = channel.name, now
                handled += 1
