"""Saved segments, the built-in RFM ones, and snapshots (issue 19, item 3).

A segment is a name and a condition tree (conditions.py). The eight standard RFM groups are
built in (made for a chain when first listed). Each use of a segment (a campaign's launch)
snapshots its membership — `segment_snapshots` + `segment_members`, written by one
INSERT … SELECT of the compiled query — so a campaign's audience is reproducible."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, delete, func, insert, literal, select, update

from ..base import new_id
from ..models_segments import MemberFact, MemberTag, Segment, SegmentMember, SegmentSnapshot, TagCount
from ..services import audit
from .conditions import SegmentError, condition, count_query, members_query, parse
from .facts import RFM_GROUPS

SM = SegmentMember.__table__


@dataclass(frozen=True)
class SegmentView:
    id: str
    name: str
    definition: dict
    builtin: bool
    members: int
    counted_at: datetime | None = None


def rfm_definition(group: str) -> dict:
    return {"match": "all", "items": [{"field": "rfm_group", "op": "eq", "value": group}]}


def _builtin_id(chain_id: str, group: str) -> str:
    return "rfm-" + hashlib.sha256(f"{chain_id}:{group}".encode()).hexdigest()[:20]


def ensure_builtins(s, chain_id: str, now: datetime) -> None:
    have = set(s.scalars(select(Segment.id).where(Segment.chain_id == chain_id, Segment.builtin.is_(True))))
    for group in RFM_GROUPS:
        sid = _builtin_id(chain_id, group)
        if sid not in have:
            s.add(
                Segment(
                    id=sid,
                    chain_id=chain_id,
                    name=f"rfm.{group}",
                    definition=rfm_definition(group),
                    builtin=True,
                    created_by="",
                    updated_at=now,
                )
            )
    s.flush()


def list_segments(hq, chain_id: str, today: date | None = None, counts: bool = True) -> list[SegmentView]:
    """The chain's segments, built-in first; with `counts`, each one's members as last counted
    (those never counted are counted now, once)."""
    today = today or hq.clock().date()
    with hq.tx() as s:
        ensure_builtins(s, chain_id, hq.clock())
        query = select(Segment).where(Segment.chain_id == chain_id).order_by(Segment.builtin.desc(), Segment.name)
        rows = list(s.scalars(query))
        if counts and any(r.members is None for r in rows):
            refresh_counts(s, chain_id, today, hq.clock(), only_missing=True)
        return [
            SegmentView(
                r.id,
                r.name,
                r.definition,
                r.builtin,
                int(r.members or 0) if counts else -1,
                r.counted_at if counts else None,
            )
            for r in rows
        ]


def _is_rfm(row: Segment) -> bool:
    return row.builtin and row.definition == rfm_definition(row.name.removeprefix("rfm."))


def refresh_counts(s, chain_id: str, today: date, now: datetime, only_missing: bool = False, per_pass: int = 50) -> int:
    """Count the chain's segments now and store the counts (the nightly job; `only_missing`:
    those never counted). The built-in RFM groups: one GROUP BY (the chain's rfm index); the
    saved segments: one read of the facts per `per_pass` segments, a sum of each one's
    condition. With every segment (not `only_missing`), the tag counts too. The segments counted."""
    ensure_builtins(s, chain_id, now)
    rows = [
        r
        for r in s.scalars(select(Segment).where(Segment.chain_id == chain_id).order_by(Segment.id))
        if not only_missing or r.members is None
    ]
    F = MemberFact.__table__
    if any(_is_rfm(r) for r in rows):
        groups = {
            g: int(n)
            for g, n in s.execute(
                select(F.c.rfm_group, func.count()).where(F.c.chain_id == chain_id).group_by(F.c.rfm_group)
            )
        }
        for r in rows:
            if _is_rfm(r):
                r.members, r.counted_at = groups.get(r.name.removeprefix("rfm."), 0), now
    saved = [r for r in rows if not _is_rfm(r)]
    for i in range(0, len(saved), per_pass):
        part = saved[i : i + per_pass]
        sums = [func.coalesce(func.sum(case((condition(parse(r.definition), today), 1), else_=0)), 0) for r in part]
        values = s.execute(select(*sums).select_from(F).where(F.c.chain_id == chain_id)).one()
        for r, n in zip(part, values):
            r.members, r.counted_at = int(n), now
    if not only_missing:
        refresh_tag_counts(s, chain_id, now)
    s.flush()
    return len(rows)


def refresh_tag_counts(s, chain_id: str, now: datetime) -> None:
    """`tag_counts` of the chain counted again from the tags (one GROUP BY)."""
    T, TC = MemberTag.__table__, TagCount.__table__
    s.execute(delete(TC).where(TC.c.chain_id == chain_id))
    s.execute(
        insert(TC).from_select(
            ["chain_id", "tag", "source", "members", "counted_at"],
            select(literal(chain_id), T.c.tag, T.c.source, func.count(), literal(now))
            .where(T.c.chain_id == chain_id)
            .group_by(T.c.tag, T.c.source),
        )
    )


def get_segment(hq, chain_id: str, segment_id: str) -> Segment:
    with hq.tx() as s:
        ensure_builtins(s, chain_id, hq.clock())
        row = s.scalar(select(Segment).where(Segment.id == segment_id, Segment.chain_id == chain_id))
        if row is None:
            raise SegmentError("segment.unknown", segment=segment_id[:40])
        s.expunge(row)
        return row


def save_segment(hq, actor: audit.Actor, name: str, definition: Any, segment_id: str | None = None) -> str:
    """Create or change a segment (built-in ones are not changed); its id. Audited `segments.saved`."""
    name = (name or "").strip()
    if not 1 <= len(name) <= 64:
        raise SegmentError("segment.name_invalid")
    tree = parse(definition).model_dump()
    now = hq.clock()
    with hq.tx() as s:
        if segment_id:
            row = s.scalar(
                select(Segment).where(Segment.id == segment_id, Segment.chain_id == actor.chain_id).with_for_update()
            )
            if row is None or row.builtin:
                raise SegmentError("segment.unknown", segment=segment_id[:40])
            before = {"name": row.name, "definition": row.definition}
            row.name, row.definition, row.updated_at = name, tree, now
        else:
            before, segment_id = None, new_id()
            s.add(
                Segment(
                    id=segment_id,
                    chain_id=actor.chain_id,
                    name=name,
                    definition=tree,
                    builtin=False,
                    created_by=actor.name[:64],
                    updated_at=now,
                )
            )
        # counted as saved: the segments page lists it without counting it again
        s.flush()
        n = int(s.scalar(count_query(parse(tree), actor.chain_id, now.date())))
        s.execute(update(Segment).where(Segment.id == segment_id).values(members=n, counted_at=now))
        audit.record(
            s,
            actor,
            "segments.saved",
            f"{segment_id} {name}"[:120],
            before=before,
            after={"name": name, "definition": tree},
            now=now,
        )
    return segment_id


def snapshot(s, chain_id: str, segment: Segment, purpose: str, today: date, now: datetime) -> tuple[int, int]:
    """Freeze the segment's members now, in the caller's transaction: (snapshot id, members)."""
    tree = parse(segment.definition)
    snap = SegmentSnapshot(
        segment_id=segment.id,
        chain_id=chain_id,
        definition=segment.definition,
        members=0,
        purpose=purpose[:48],
        taken_at=now,
    )
    s.add(snap)
    s.flush()
    q = members_query(tree, chain_id, today)
    rows = q.with_only_columns(literal(snap.id), q.selected_columns[0])
    s.connection().execute(insert(SM).from_select(["snapshot_id", "member_id"], rows))
    snap.members = int(s.scalar(select(func.count()).select_from(SM).where(SM.c.snapshot_id == snap.id)))
    segment.members, segment.counted_at = snap.members, now  # its count as of this use
    return snap.id, snap.members
