"""Member tags (issue 19, item 2): automatic ones from rules over the member facts, re-evaluated
by the nightly `member_facts` job (hq/segments/facts.py), and manual ones put or removed by
staff, each change in HQ's audit log. A manual tag of the same name wins over the rule (the job
never removes it)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import and_, delete, or_, select

from pos_app.domain.errors import DomainError

from ..base import bulk_upsert
from ..models import Member
from ..models_segments import MemberFact, MemberTag, TagCount
from ..services import audit

F = MemberFact.__table__
T = MemberTag.__table__
TC = TagCount.__table__
AUTO_TAGS = ("loyal", "high_value", "at_risk", "dormant", "category_lover", "weekend_regular")
DORMANT_DAYS = 60
TAG = re.compile(r"^[\w\u4e00-\u9fff-]{1,32}$")


class TagError(DomainError):
    """A manual tag refused (code tag.*)."""


def auto_tag_rules(day: date) -> dict:
    """tag -> SQL condition over member_facts (the rules, one place):
    loyal: ≥ 12 visit days in 365 and a visit in the last 60 days; high value: top RFM monetary
    quintile; at risk: frequent (F ≥ 4) but not lately (R ≤ 2); dormant: no visit for 60 days
    (or none since joining 60 days ago); category lover: ≥ 3 visits and ≥ 50 % of spend in one
    category; weekend regular: ≥ 4 visit days in 365, ≥ 60 % of them on Saturday or Sunday."""
    quiet = day - timedelta(days=DORMANT_DAYS)
    return {
        "loyal": and_(F.c.frequency_365 >= 12, F.c.last_visit > quiet),
        "high_value": F.c.m_score == 5,
        "at_risk": and_(F.c.f_score >= 4, F.c.r_score <= 2, F.c.r_score > 0),
        "dormant": or_(F.c.last_visit <= quiet, and_(F.c.last_visit.is_(None), F.c.joined_on <= quiet)),
        "category_lover": and_(F.c.visits_total >= 3, F.c.favourite_category_pct >= 50),
        "weekend_regular": and_(F.c.frequency_365 >= 4, F.c.weekend_pct >= 60),
    }


def tag_counts(hq, chain_id: str) -> list[tuple[str, str, int]]:
    """(tag, source, members) of the chain, the most used first: `tag_counts` as the nightly job
    counted them and manual tagging moved them (counted now, once, for a chain never counted)."""
    with hq.tx() as s:
        query = (
            select(TC.c.tag, TC.c.source, TC.c.members)
            .where(TC.c.chain_id == chain_id, TC.c.members > 0)
            .order_by(TC.c.members.desc(), TC.c.tag)
        )
        rows = s.execute(query).all()
        if not rows and s.scalar(select(T.c.member_id).where(T.c.chain_id == chain_id).limit(1)) is not None:
            from .segments import refresh_tag_counts

            refresh_tag_counts(s, chain_id, hq.clock())
            rows = s.execute(query).all()
        return [(t, src, int(n)) for t, src, n in rows]


def _move_count(s, chain_id: str, tag: str, source: str, delta: int, now) -> None:
    """A manual tagging's change to `tag_counts` (one upsert adding `delta`; a chain never
    counted is counted whole)."""
    if s.scalar(select(TC.c.tag).where(TC.c.chain_id == chain_id).limit(1)) is None:
        from .segments import refresh_tag_counts

        refresh_tag_counts(s, chain_id, now)
    elif delta:
        row = dict(chain_id=chain_id, tag=tag, source=source, members=delta, counted_at=now)
        bulk_upsert(s, TC, [row], [TC.c.chain_id, TC.c.tag, TC.c.source], add=["members"])


def member_tags(hq, member_id: str) -> list[tuple[str, str]]:
    with hq.tx() as s:
        return [
            (t, src)
            for t, src in s.execute(select(T.c.tag, T.c.source).where(T.c.member_id == member_id).order_by(T.c.tag))
        ]


def _check(s, chain_id: str, member_ids: list[str], tag: str) -> list[str]:
    tag = (tag or "").strip()
    if not TAG.match(tag):
        raise TagError("tag.name_invalid")
    ids = sorted({m.strip() for m in member_ids if m.strip()})
    if not ids or len(ids) > 1000:
        raise TagError("tag.members_invalid")
    known = set(s.scalars(select(Member.id).where(Member.chain_id == chain_id, Member.id.in_(ids))))
    if len(known) != len(ids):
        raise TagError("tag.unknown_member", count=len(ids) - len(known))
    return ids


def add_manual(hq, actor: audit.Actor, member_ids: list[str], tag: str) -> int:
    """Put a manual tag on members (a list of ids); the count newly tagged. Audited `tags.added`."""
    now = hq.clock()
    with hq.tx() as s:
        ids = _check(s, actor.chain_id, member_ids, tag)
        tag = tag.strip()
        autos = s.execute(delete(T).where(T.c.tag == tag, T.c.member_id.in_(ids), T.c.source == "auto")).rowcount
        _move_count(s, actor.chain_id, tag, "auto", -autos, now)
        have = set(s.scalars(select(T.c.member_id).where(T.c.tag == tag, T.c.member_id.in_(ids))))
        new = [m for m in ids if m not in have]
        if new:
            s.execute(
                T.insert(),
                [
                    dict(member_id=m, tag=tag, chain_id=actor.chain_id, source="manual", at=now, by=actor.name[:64])
                    for m in new
                ],
            )
        _move_count(s, actor.chain_id, tag, "manual", len(new), now)
        audit.record(s, actor, "tags.added", tag, after={"tag": tag, "members": len(new)}, now=now)
        return len(new)


def remove_manual(hq, actor: audit.Actor, member_ids: list[str], tag: str) -> int:
    """Take a manual tag off members; the count untagged. Audited `tags.removed`."""
    now = hq.clock()
    with hq.tx() as s:
        ids = _check(s, actor.chain_id, member_ids, tag)
        n = s.execute(delete(T).where(T.c.tag == tag.strip(), T.c.member_id.in_(ids), T.c.source == "manual")).rowcount
        _move_count(s, actor.chain_id, tag.strip(), "manual", -n, now)
        audit.record(s, actor, "tags.removed", tag.strip(), before={"tag": tag.strip(), "members": n}, now=now)
        return n
