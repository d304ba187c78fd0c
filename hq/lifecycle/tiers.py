"""Tiers that move (M4): an upgrade as soon as a push qualifies the member (`upgrade_now`, by the
applier right after the push commits: hq/applier.py), a downgrade only at the member's review date (`review_range`, the
tier-review job, set-based over a range of members), and what the member has to spend to keep
the tier (`tier_progress`, shown to them).

Spend and points are read from the member-day rollup (`member_days`, written by the applier), over the
rolling 12 months ending on the day: the days after `add_months(day, -12)`. The decision is the
domain's (`pos_app.domain.tiers`), the same code the tills use; the review job has the database
make it (`decision_sql`, the same rule as CASE expressions, property-tested against the domain
in tests/lifecycle/test_tier_sql.py). The review date is the
anniversary of the last tier change (or of registration): at it the member keeps the tier they
qualify for, or falls to it; either way the next review is a year on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, false, func, insert, literal, or_, select, true, update
from sqlalchemy.orm import Session

from pos_app.domain.points import add_months
from pos_app.domain.rules import Tier
from pos_app.domain.tiers import qualifying_tier

from ..base import among, bulk_upsert
from ..models import Member, MemberDay, MemberTier, TierChange
from .program import tiers as chain_tiers

_days = MemberDay.__table__


def add_member_days(s: Session, days: dict[tuple[str, date], list[int]]) -> None:
    """Add a push's figures to the member-day rollup (one upsert for all its rows)."""
    rows = [
        dict(member_id=m, day=d, spend_fen=f[0], points_earned=f[1], sales=f[2]) for (m, d), f in sorted(days.items())
    ]
    bulk_upsert(s, _days, rows, [_days.c.member_id, _days.c.day], add=["spend_fen", "points_earned", "sales"])


def window_start(day: date) -> date:
    """The rolling 12 months ending on `day` are the days after this one."""
    return add_months(day, -12)


def _twelve_months(
    s: Session, member_ids: list[str], day: date, *columns: str, reaching: tuple[int, int] | None = None
):
    """Rows (member id, *the members' `columns`, spend in fen, points earned) over the 12 months
    ending on `day`. Each member's days are read by the key (member, day): a correlated sum per
    member, never the window's days of every member (ix_member_days_day_member), which a planner
    with stale statistics picked and then filtered the whole window against the ids (~170 ms a
    push at 10,000 members). The sums are None for a member without days in the window."""
    members = Member.__table__
    window = and_(_days.c.member_id == members.c.id, _days.c.day > window_start(day), _days.c.day <= day)
    spend: Any
    points: Any
    if s.get_bind().dialect.name == "postgresql":  # both sums from one range of the key (LATERAL)
        sums = (
            select(func.sum(_days.c.spend_fen).label("spend"), func.sum(_days.c.points_earned).label("points"))
            .where(window)
            .lateral()
        )
        spend, points = sums.c.spend, sums.c.points
        source: Any = members.join(sums, true())
    else:
        spend = select(func.sum(_days.c.spend_fen)).where(window).scalar_subquery()
        points = select(func.sum(_days.c.points_earned)).where(window).scalar_subquery()
        source = members
    # `reaching` (spend, points): only the members whose figures reach one of them (0: no bound)
    wanted = [] if reaching is None else [c >= n for c, n in zip((spend, points), reaching) if n > 0]
    for i in range(0, len(member_ids), 5000):
        chunk = member_ids[i : i + 5000]
        query = select(members.c.id, *(members.c[c] for c in columns), spend, points).select_from(source)
        if reaching is not None:
            query = query.where(or_(false(), *wanted))
        yield from s.connection().execute(query.where(among(s, members.c.id, chunk, as_json=True))).all()


def figures_12m(s: Session, member_ids: list[str], day: date) -> dict[str, tuple[int, int]]:
    """member -> (spend in fen, points earned) over the 12 months ending on `day`, for the
    members with days in that window."""
    return {
        m: (int(spent or 0), int(earned or 0))
        for m, spent, earned in _twelve_months(s, member_ids, day)
        if spent is not None or earned is not None
    }


def standing(s: Session, member_ids: list[str], day: date) -> dict[str, tuple[str, int, int]]:
    """member -> (tier code, spend in fen, points earned over the 12 months ending on `day`): the
    members' tiers and `figures_12m` in one query (the applier asks it of every buyer)."""
    return {
        m: (tier, int(spent or 0), int(earned or 0))
        for m, tier, spent, earned in _twelve_months(s, member_ids, day, "tier_code")
    }


def upgrade_candidates(s: Session, chain_id: str, member_ids: list[str], now: datetime) -> list[str]:
    """Which of these members (not locked) qualify now for a higher tier than theirs: those the
    applier locks and hands to `upgrade_now`, which decides again under the lock."""
    if not member_ids:
        return []
    tiers = chain_tiers(s, chain_id)
    if len(tiers) < 2:
        return []
    floor = min(tiers.values(), key=lambda t: t.rank)
    # only a member whose figures reach a tier above the floor can move up: the others are not
    # read back (the lowest spend and points thresholds of those tiers, 0 where none sets one)
    above = [t for t in tiers.values() if t.rank > floor.rank]
    spend_bars = [t.min_spend_12m_fen for t in above if t.min_spend_12m_fen > 0]
    points_bars = [t.min_points_12m for t in above if t.min_points_12m > 0]
    if not spend_bars and not points_bars:  # no tier above the floor can be reached
        return []
    reaching = (min(spend_bars, default=0), min(points_bars, default=0))
    known = {
        m: (tier, int(spent or 0), int(earned or 0))
        for m, tier, spent, earned in _twelve_months(s, member_ids, now.date(), "tier_code", reaching=reaching)
    }
    ladder = list(tiers.values())
    return [
        m
        for m in member_ids
        if m in known and qualifying_tier(ladder, *known[m][1:]).rank > tiers.get(known[m][0], floor).rank
    ]


def upgrade_now(s: Session, chain_id: str, member_ids: list[str], now: datetime) -> list[tuple[str, str]]:
    """Upgrade at once each of these members (locked by the caller) whose 12 months now qualify
    for a higher tier; the tier-upgrade benefit follows. Returns change-feed rows."""
    if not member_ids:
        return []
    tiers = chain_tiers(s, chain_id)
    today = now.date()
    known = standing(s, member_ids, today)
    floor = min(tiers.values(), key=lambda t: t.rank)
    moves: list[tuple[str, str, Tier, int]] = []  # (member, tier before, tier after, 12-month spend)
    for m in member_ids:
        tier_now, spend, points = known.get(m, ("", 0, 0))
        target = qualifying_tier(list(tiers.values()), spend, points)
        if target.rank > tiers.get(tier_now, floor).rank:
            moves.append((m, tier_now, target, spend))
    if not moves:
        return []
    # set-based for them all (the applier upgrades many members a pass): tiers, history, timelines
    from ..ingest import bulk_insert

    update_rows(s, "members", "id", {"tier_code": "text"}, [{"i": m, "tier_code": t.code} for m, _, t, _ in moves])
    bulk_insert(
        s,
        TierChange,
        [
            dict(member_id=m, from_tier=old, to_tier=t.code, reason="upgrade", changed_on=today, spend_12m_fen=spend)
            for m, old, t, spend in moves
        ],
    )
    timelines = MemberTier.__table__
    ids = [m for m, *_ in moves]
    held = set(
        s.connection().execute(select(timelines.c.member_id).where(among(s, timelines.c.member_id, ids))).scalars()
    )
    if held:
        s.connection().execute(
            update(timelines)
            .where(among(s, timelines.c.member_id, sorted(held)))
            .values(since=today, review_on=add_months(today, 12))
        )
    fresh = [dict(member_id=m, since=today, review_on=add_months(today, 12)) for m in ids if m not in held]
    if fresh:
        s.connection().execute(insert(timelines), fresh)
    changes: list[tuple[str, str]] = [("members", m) for m in ids]
    from .benefits import _spec, grant

    gifts = _spec(s, chain_id, "tier_upgrade") or {}
    for m, _, target, _ in moves:
        if gifts.get(target.code):
            changes += grant(s, chain_id, m, "tier_upgrade", target.code, gifts[target.code], now)
    return changes


def lock_range(s: Session, after: str, upto: str, day: date) -> Sequence[Any]:
    """The members with ids in (after, upto] that the tier review on `day` handles, locked in id
    order (one statement): those whose review date has come and those with no tier timeline yet.
    Rows: (id, chain_id, created_at, review_on or None for no timeline)."""
    members_t, tiers_t = Member.__table__, MemberTier.__table__
    # the range named on both keys, so that each table is read by an index range, not scanned whole
    timeline = and_(tiers_t.c.member_id == members_t.c.id, tiers_t.c.member_id > after, tiers_t.c.member_id <= upto)
    return (
        s.connection()
        .execute(
            select(members_t.c.id, members_t.c.chain_id, members_t.c.created_at, tiers_t.c.review_on)
            .outerjoin(tiers_t, timeline)
            .where(
                members_t.c.id > after,
                members_t.c.id <= upto,
                or_(tiers_t.c.member_id.is_(None), tiers_t.c.review_on <= day),
            )
            .order_by(members_t.c.id)
            .with_for_update(of=members_t)
        )
        .all()
    )


def review_range(
    s: Session, chain_id: str, after: str, upto: str, day: date, locked: list
) -> tuple[int, list[tuple[str, str]]]:
    """The tier review on `day` of the chain's members with ids in (after, upto], `locked` by
    `lock_range`: members whose review date has come keep the tier they qualify for or fall to it
    (the next review a year on, or a year from the change); a member with no tier timeline gets
    one (reviewed on the anniversary of registration). Set-based for the whole range (the job
    reviews a million members): the decision made by the database in one statement
    (`decision_sql`, the domain's `evaluate_tier` as CASE expressions) for the changed members
    only, the changes written by COPY and UPDATE … FROM. Returns (members changed, feed rows)."""
    tiers = chain_tiers(s, chain_id)
    members_t, tiers_t = Member.__table__, MemberTier.__table__
    conn = s.connection()
    due = [(r[0], r[3]) for r in locked if r[3] is not None]
    fresh = [(r[0], r[2]) for r in locked if r[3] is None]
    in_range = and_(
        members_t.c.id > after,
        members_t.c.id <= upto,
        members_t.c.chain_id == chain_id,
        tiers_t.c.member_id > after,
        tiers_t.c.member_id <= upto,
    )
    figures = (
        select(
            _days.c.member_id,
            func.sum(_days.c.spend_fen).label("spend"),
            func.sum(_days.c.points_earned).label("points"),
        )
        .where(
            _days.c.member_id > after, _days.c.member_id <= upto, _days.c.day > window_start(day), _days.c.day <= day
        )
        .group_by(_days.c.member_id)
        .subquery()
    )
    spend, points = func.coalesce(figures.c.spend, 0), func.coalesce(figures.c.points, 0)
    current_rank, target_code, target_rank = decision_sql(list(tiers.values()), members_t.c.tier_code, spend, points)
    changed = conn.execute(
        select(members_t.c.id, members_t.c.tier_code, target_code, target_rank > current_rank, spend)
        .join(tiers_t, tiers_t.c.member_id == members_t.c.id)
        .outerjoin(figures, figures.c.member_id == members_t.c.id)
        .where(in_range, tiers_t.c.review_on <= day, target_rank != current_rank)
        .order_by(members_t.c.id)
    ).all()
    moved = {r[0] for r in changed}
    if changed:
        from ..ingest import bulk_insert

        bulk_insert(
            s,
            TierChange,
            [
                dict(
                    member_id=m,
                    from_tier=old,
                    to_tier=new,
                    reason="upgrade" if up else "downgrade",
                    changed_on=day,
                    spend_12m_fen=int(n),
                )
                for m, old, new, up, n in changed
            ],
        )
        update_rows(
            s, "members", "id", {"tier_code": "text"}, [{"i": m, "tier_code": new} for m, _, new, _, _ in changed]
        )
        conn.execute(
            update(tiers_t)
            .where(among(s, tiers_t.c.member_id, sorted(moved)))
            .values(since=day, review_on=add_months(day, 12))
        )
    kept: dict[date, list[str]] = {}
    for m, review_on in due:
        if m not in moved:
            kept.setdefault(review_on, []).append(m)
    for review_on, ids in kept.items():
        next_review = review_on
        while next_review <= day:
            next_review = add_months(next_review, 12)
        conn.execute(update(tiers_t).where(among(s, tiers_t.c.member_id, ids)).values(review_on=next_review))
    if fresh:  # after the decision: a timeline made today is not reviewed today
        conn.execute(
            insert(tiers_t),
            [dict(member_id=m, since=at.date(), review_on=_anniversary(at.date(), day)) for m, at in fresh],
        )
    changes = [("members", m) for m in sorted(moved)]
    upgraded = [(m, new) for m, _, new, up, _ in changed if up]
    if upgraded:
        from .benefits import _spec, grant

        gifts = _spec(s, chain_id, "tier_upgrade") or {}
        for member_id, tier_code in upgraded:
            if gifts.get(tier_code):
                changes += grant(
                    s,
                    chain_id,
                    member_id,
                    "tier_upgrade",
                    tier_code,
                    gifts[tier_code],
                    datetime.combine(day, datetime.min.time()),
                )
    return len(changed), changes


def decision_sql(tiers: list[Tier], tier_code, spend, points):
    """The domain's tier decision (`qualifying_tier`, `evaluate_tier` on a due review) as SQL
    expressions over a member's tier code and 12-month figures: (current rank, target code,
    target rank). An unknown tier code counts as the lowest tier, as in `evaluate_tier`'s callers.
    tests/lifecycle/test_tier_sql.py checks it against the domain on random figures."""
    ordered = sorted(tiers, key=lambda t: t.rank)
    lowest = ordered[0].rank
    floor = [t for t in ordered if t.rank == lowest][-1]  # qualifying_tier: the last at the floor's rank
    whens = []
    for tier in reversed(ordered):  # the highest qualifying tier wins
        if tier.rank == lowest:
            continue
        reach = [spend >= tier.min_spend_12m_fen] if tier.min_spend_12m_fen > 0 else []
        reach += [points >= tier.min_points_12m] if tier.min_points_12m > 0 else []
        if reach:
            whens.append((or_(*reach), tier))
    target_code = (
        case(*[(cond, literal(t.code)) for cond, t in whens], else_=literal(floor.code))
        if whens
        else literal(floor.code)
    )
    target_rank = (
        case(*[(cond, literal(t.rank)) for cond, t in whens], else_=literal(floor.rank))
        if whens
        else literal(floor.rank)
    )
    current_rank = case({t.code: literal(t.rank) for t in ordered}, value=tier_code, else_=literal(ordered[0].rank))
    return current_rank, target_code, target_rank


def update_rows(s: Session, table: str, key: str, columns: dict[str, str], rows: list[dict]) -> None:
    """Set `columns` (name: SQL type) of many rows, keyed by `key` (row field "i"), in one UPDATE
    … FROM a JSON recordset (one parameter, however many rows: far cheaper than an executemany)."""
    import json

    from sqlalchemy import text

    if s.get_bind().dialect.name == "postgresql":
        fields = ", ".join(f"{c} {ty}" for c, ty in columns.items())
        source = f"json_to_recordset(CAST(:rows AS json)) AS v(i text, {fields})"
    else:
        fields = ", ".join(f"value ->> '{c}' AS {c}" for c in columns)
        source = f"(SELECT value ->> 'i' AS i, {fields} FROM json_each(:rows)) AS v"
    sets = ", ".join(f"{c} = v.{c}" for c in columns)
    s.connection().execute(
        text(f"UPDATE {table} SET {sets} FROM {source} WHERE {table}.{key} = v.i"), {"rows": json.dumps(rows)}
    )


def _anniversary(since: date, day: date) -> date:
    """The first anniversary of `since` (a year on at the earliest) that falls on or after `day`."""
    review_on = add_months(since, 12)
    while review_on < day:
        review_on = add_months(review_on, 12)
    return review_on


def tier_progress(s: Session, chain_id: str, member_id: str, today: date) -> dict:
    """What the member sees of their tier: since when, the review date, the 12-month spend, what
    is still to spend by the review to keep the tier, and what the next tier needs."""
    tiers = chain_tiers(s, chain_id)
    member = s.get_one(Member, member_id)
    state = s.get(MemberTier, member_id)
    review_on = state.review_on if state else _anniversary(member.created_at.date(), today)
    spend, points = figures_12m(s, [member_id], today).get(member_id, (0, 0))
    have = tiers.get(member.tier_code) or min(tiers.values(), key=lambda t: t.rank)
    higher = sorted((t for t in tiers.values() if t.rank > have.rank), key=lambda t: t.rank)
    # what counts at the review: the 12 months ending then; what was spent before its window drops out
    kept_by_then = figures_12m(s, [member_id], review_on).get(member_id, (0, 0))[0] if review_on > today else spend
    return {
        "tier": have.code,
        "since": (state.since if state else member.created_at.date()).isoformat(),
        "review_on": review_on.isoformat(),
        "spend_12m_fen": spend,
        "keep_fen": max(0, have.min_spend_12m_fen - kept_by_then) if have.min_spend_12m_fen else 0,
        "next_tier": higher[0].code if higher else None,
        "next_fen": max(0, higher[0].min_spend_12m_fen - spend) if higher else 0,
    }
