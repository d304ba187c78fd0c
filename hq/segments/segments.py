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

from sqlalchemy import func, insert, literal, select

from ..base import new_id
from ..models_segments import MemberFact, Segment, SegmentMember, SegmentSnapshot
from ..services import audit
from .conditions import SegmentError, count_query, members_query, parse
from .facts import RFM_GROUPS

SM = SegmentMember.__table__


@dataclass(frozen=True)
class SegmentView:
    id: str
    name: str
    definition: dict
    builtin: bool
    members: int


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
    today = today or hq.clock().date()
    with hq.tx() as s:
        ensure_builtins(s, chain_id, hq.clock())
        rows = list(
            s.scalars(
                select(Segment).where(Segment.chain_id == chain_id).order_by(Segment.builtin.desc(), Segment.name)
            )
        )
        groups = {}
        if counts:  # the built-in RFM segments: one GROUP BY (the chain's rfm index), not eight counts
            F = MemberFact.__table__
            groups = {
                g: int(n)
                for g, n in s.execute(
                    select(F.c.rfm_group, func.count()).where(F.c.chain_id == chain_id).group_by(F.c.rfm_group)
                )
            }
        out = []
        for r in rows:
            if not counts:
                n = -1
            elif r.builtin and r.definition == rfm_definition(r.name.removeprefix("rfm.")):
                n = groups.get(r.name.removeprefix("rfm."), 0)
            else:
                n = int(s.execute(count_query(parse(r.definition), chain_id, today)).scalar())
            out.append(SegmentView(r.id, r.name, r.definition, r.builtin, n))
        return out


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
    return snap.id, snap.members
