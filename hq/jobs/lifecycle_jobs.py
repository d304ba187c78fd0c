"""The lifecycle's jobs, one chunk at a time (see runs.py): each walks members in id order from
the cursor and is idempotent by construction — what it did is visible in the data it filters on
(a lapsed lot has nothing left; a reviewed member's review date has moved on; a benefit or a
message has its unique row), so walking a period again finds nothing left to do.

Locks, in the order every writer takes them: the job's row, the members (by id), their lots and
ledger, the change feed last.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, func, select, text, update
from sqlalchemy.orm import Session

from ..base import among
from ..ingest import bulk_insert
from ..models import ChangeRow, EventRow, Member, PointsEntry, PointsLot, Store, StoreDay, TillRow
from .runs import Context, feed, job

_lots = PointsLot.__table__
_members = Member.__table__


def subtract_points(s: Session, sums: dict[str, int]) -> None:
    """members.points -= n for each (member, n), in one statement (the rows as one JSON parameter)."""
    if not sums:
        return
    rows = json.dumps([{"i": m, "n": n} for m, n in sums.items()])
    if s.get_bind().dialect.name == "postgresql":
        source = "json_to_recordset(CAST(:rows AS json)) AS v(i text, n bigint)"
    else:
        source = "(SELECT value ->> 'i' AS i, value ->> 'n' AS n FROM json_each(:rows)) AS v"
    s.connection().execute(
        text(f"UPDATE members SET points = members.points - v.n FROM {source} WHERE members.id = v.i"), {"rows": rows}
    )


def _lock_members(s: Session, ids: list[str]) -> dict[str, str]:
    """Lock the members (in id order) and return their chains."""
    return dict(
        s.connection()
        .execute(
            select(_members.c.id, _members.c.chain_id)
            .where(among(s, _members.c.id, ids))
            .order_by(_members.c.id)
            .with_for_update()
        )
        .all()
    )


# ---- walking members in id order ------------------------------------------------------------------
def member_range(s: Session, cursor: str, limit: int) -> str | None:
    """The last id of the next `limit` members after `cursor` (None: no member after it). A chunk
    is the members in (cursor, that id]: an index range of the members' key and of every table
    keyed by member (lots, rollup, tier timeline), so each statement of a chunk reads its own
    slice and nothing else, however large the chain."""
    last = (
        s.connection()
        .execute(select(_members.c.id).where(_members.c.id > cursor).order_by(_members.c.id).offset(limit - 1).limit(1))
        .scalar()
    )
    if last is None:
        last = s.connection().execute(select(func.max(_members.c.id)).where(_members.c.id > cursor)).scalar()
    return last


# ---- points expiry --------------------------------------------------------------------------------
@job("points_expiry")
def points_expiry(s: Session, ctx: Context, cursor: str) -> tuple[str | None, int]:
    """Lots that lapse by the period's day (expires_on <= day) with points left: their points go
    to `expired`, each member gets one ledger entry (kind `expire`, ref the period) and its
    balance cache drops by the same sum, exactly. Set-based per chunk of members: the members
    with lapsing lots locked (one SELECT … FOR UPDATE), their sums (one GROUP BY), one UPDATE of
    the lots, the ledger and the feed by COPY, the balances by one UPDATE … FROM."""
    upper = member_range(s, cursor, ctx.limit)
    if upper is None:
        return None, 0
    due = and_(
        _lots.c.member_id > cursor, _lots.c.member_id <= upper, _lots.c.remaining > 0, _lots.c.expires_on <= ctx.day
    )
    conn = s.connection()
    chains = dict(
        conn.execute(
            select(_members.c.id, _members.c.chain_id)
            .where(
                _members.c.id > cursor, _members.c.id <= upper, _members.c.id.in_(select(_lots.c.member_id).where(due))
            )
            .order_by(_members.c.id)
            .with_for_update()
        ).all()
    )
    if not chains:
        return upper, 0
    sums = {
        m: int(n)
        for m, n in conn.execute(
            select(_lots.c.member_id, func.sum(_lots.c.remaining)).where(due).group_by(_lots.c.member_id)
        )
    }
    lots = conn.execute(
        update(_lots)
        .where(due)
        .values(expired=_lots.c.expired + _lots.c.remaining, remaining=0)
        .returning(_lots.c.id, _lots.c.member_id)
    ).all()
    at = datetime.combine(ctx.day, datetime.min.time())
    ref = f"expiry:{ctx.day.isoformat()}"
    bulk_insert(
        s,
        PointsEntry,
        [dict(member_id=m, delta=-n, kind="expire", ref=ref, event_id=None, at=at) for m, n in sums.items()],
    )
    subtract_points(s, sums)
    rows = [dict(chain_id=chains[m], store_code="", kind="members", key=m) for m in sums]
    rows += [dict(chain_id=chains[m], store_code="", kind="points_lots", key=lot) for lot, m in lots]
    s.flush()
    from ..feed import fan_out

    bulk_insert(s, ChangeRow, fan_out(s, rows))  # the feed's lock last; members to their stores
    return upper, len(lots)


# ---- expiry reminders -----------------------------------------------------------------------------
@job("expiry_reminders")
def expiry_reminders(s: Session, ctx: Context, cursor: str) -> tuple[str | None, int]:
    """Members whose points lapse in N days (the chain's `reminder_days`: lots usable through the
    day before `day + N`) get one reminder for the period, through the message channel."""
    from ..lifecycle.program import lifecycle_settings
    from ..messaging import queue

    settings = ctx.cache.setdefault("settings", {})
    days = int(ctx.cache.setdefault("reminder_days", _first_chain_settings(s)["reminder_days"]))
    lapse_on = ctx.day + timedelta(days=days)
    rows = (
        s.connection()
        .execute(
            select(_lots.c.member_id, func.sum(_lots.c.remaining))
            .where(_lots.c.remaining > 0, _lots.c.expires_on == lapse_on, _lots.c.member_id > cursor)
            .group_by(_lots.c.member_id)
            .order_by(_lots.c.member_id)
            .limit(ctx.limit)
        )
        .all()
    )
    if not rows:
        return None, 0
    members = {
        m.id: m
        for m in s.execute(
            select(Member.id, Member.chain_id, Member.consent).where(among(s, Member.id, [r[0] for r in rows]))
        )
    }
    queued = 0
    for member_id, points in rows:
        m = members[member_id]
        if m.chain_id not in settings:
            settings[m.chain_id] = lifecycle_settings(s, m.chain_id)
        queued += queue(
            s,
            member_id,
            "expiry_reminder",
            ctx.day.isoformat(),
            {"points": int(points), "date": (lapse_on - timedelta(days=1)).isoformat()},
            ctx.now,
            settings[m.chain_id]["messages_per_member_per_day"],
            m.consent,
        )
    return rows[-1][0], queued


def _first_chain_settings(s: Session) -> dict:
    """The lifecycle settings of the HQ's first chain: lead times (reminders, notices) are read
    once per run, as one HQ serves one chain in practice; per-chain figures (limits) are read per chain."""
    from ..lifecycle.program import DEFAULT_SETTINGS, lifecycle_settings
    from ..models import Chain

    first = s.scalar(select(Chain.id).order_by(Chain.id).limit(1))
    return lifecycle_settings(s, first) if first else dict(DEFAULT_SETTINGS)


# ---- tier review ----------------------------------------------------------------------------------
@job("tier_review")
def tier_review(s: Session, ctx: Context, cursor: str) -> tuple[str | None, int]:
    """Members whose review date has come (or who have no tier timeline yet): downgrade to the
    tier they qualify for, or keep it; the next review a year on (hq/lifecycle/tiers.py, set-based
    per chunk of members)."""
    from ..lifecycle.tiers import lock_range, review_range

    upper = member_range(s, cursor, ctx.limit)
    if upper is None:
        return None, 0
    by_chain: dict[str, list] = defaultdict(list)
    for row in lock_range(s, cursor, upper, ctx.day):
        by_chain[row[1]].append(row)
    moved, changes = 0, []
    for chain_id, locked in sorted(by_chain.items()):
        n, c = review_range(s, chain_id, cursor, upper, ctx.day, locked)
        moved += n
        changes += [(chain_id, kind, key) for kind, key in c]
    feed(s, changes)
    return upper, moved


# ---- birthdays ------------------------------------------------------------------------------------
def _month_days(day: date) -> list[str]:
    """The birthdays celebrated on `day` as 'MM-DD' (29 February on the 28th in common years)."""
    out = [day.strftime("%m-%d")]
    if out[0] == "02-28" and (day + timedelta(days=1)).month == 3:
        out.append("02-29")
    return out


@job("birthday_benefits")
def birthday_benefits(s: Session, ctx: Context, cursor: str) -> tuple[str | None, int]:
    """On the birthday: the birthday benefit (once per member and year); `birthday_notice_days`
    before it: a notice through the message channel (once per member and year)."""
    from ..lifecycle.benefits import birthday_spec, grant
    from ..messaging import queue

    notice_days = int(_first_chain_settings(s)["birthday_notice_days"])
    today = _month_days(ctx.day)
    ahead_day = ctx.day + timedelta(days=notice_days)
    ahead = _month_days(ahead_day)
    mmdd = func.substr(_members.c.birthday, 6, 5)
    rows = (
        s.connection()
        .execute(
            select(_members.c.id, _members.c.chain_id, _members.c.consent, mmdd)
            .where(_members.c.id > cursor, mmdd.in_(today + ahead))
            .order_by(_members.c.id)
            .limit(ctx.limit)
        )
        .all()
    )
    if not rows:
        return None, 0
    _lock_members(s, [r[0] for r in rows if r[3] in today])
    done, changes = 0, []
    specs = ctx.cache.setdefault("birthday", {})
    for member_id, chain_id, consent, day in rows:
        if chain_id not in specs:
            specs[chain_id] = birthday_spec(s, chain_id)
        if day in today:
            spec = specs[chain_id]
            if spec:
                got = grant(s, chain_id, member_id, "birthday", str(ctx.day.year), spec, ctx.now)
                done += bool(got)
                changes += [(chain_id, k, key) for k, key in got]
        if day in ahead and specs[chain_id]:
            done += queue(
                s,
                member_id,
                "birthday_notice",
                str(ahead_day.year),
                {"date": ahead_day.isoformat()},
                ctx.now,
                consent=consent,
            )
    feed(s, changes)
    return rows[-1][0], done


# ---- member day -----------------------------------------------------------------------------------
@job("member_day")
def member_day(s: Session, ctx: Context, cursor: str) -> tuple[str | None, int]:
    """On the chain's member day (the points programme's weekday or day of the month, the rule the
    tills earn double points by), the member-day benefit to every consenting member, once per
    member and day."""
    from ..lifecycle.benefits import _spec, grant
    from ..lifecycle.program import points_program

    rows = (
        s.connection()
        .execute(
            select(_members.c.id, _members.c.chain_id)
            .where(_members.c.id > cursor, _members.c.consent.is_(True))
            .order_by(_members.c.id)
            .limit(ctx.limit)
        )
        .all()
    )
    if not rows:
        return None, 0
    done, changes = 0, []
    specs = ctx.cache.setdefault("member_day", {})
    for member_id, chain_id in rows:
        if chain_id not in specs:
            # the programme's member day (a weekday or a day of the month), as the tills read it
            is_day = points_program(s, chain_id).is_member_day(ctx.day)
            specs[chain_id] = _spec(s, chain_id, "member_day") if is_day else None
        if specs[chain_id]:
            got = grant(s, chain_id, member_id, "member_day", ctx.day.isoformat(), specs[chain_id], ctx.now)
            done += bool(got)
            changes += [(chain_id, k, key) for k, key in got]
    feed(s, changes)
    return rows[-1][0], done


# ---- daily rollups --------------------------------------------------------------------------------
@job("daily_rollups")
def daily_rollups(s: Session, ctx: Context, cursor: str) -> tuple[str | None, int]:
    """The store-day rollup of the period's day, made from the events (sales and refunds by the
    till's store), written whole: a re-run writes the same figures. One chunk for every store:
    the sales by one GROUP BY over the day's events joined to their tills (one pass, however many
    stores); the refunds' tender amounts (nested in the payload, and few) summed here."""
    start = datetime.combine(ctx.day, datetime.min.time())
    day_events = and_(EventRow.at >= start, EventRow.at < start + timedelta(days=1))
    source = EventRow.__table__.join(TillRow, TillRow.id == EventRow.till_id).join(Store, Store.id == TillRow.store_id)
    p = EventRow.payload
    figures = {
        code: dict(sales=0, refunds=0, sales_fen=0, refunds_fen=0, member_sales=0, points_earned=0, points_spent=0)
        for code in s.scalars(select(Store.code).order_by(Store.code))
    }
    for code, n, fen, members, earned, spent in s.execute(
        select(
            Store.code,
            func.count(),
            func.sum(p["payable_fen"].as_integer()),
            func.sum(case((p["member_id"].as_string().is_not(None), 1), else_=0)),
            func.sum(func.coalesce(p["points_earned"].as_integer(), 0)),
            func.sum(func.coalesce(p["points_spent"].as_integer(), 0)),
        )
        .select_from(source)
        .where(day_events, EventRow.kind == "sale")
        .group_by(Store.code)
    ):
        figures[code].update(
            sales=int(n),
            sales_fen=int(fen or 0),
            member_sales=int(members or 0),
            points_earned=int(earned or 0),
            points_spent=int(spent or 0),
        )
    for code, payload in s.execute(
        select(Store.code, EventRow.payload).select_from(source).where(day_events, EventRow.kind == "refund")
    ):
        figures[code]["refunds"] += 1
        figures[code]["refunds_fen"] += sum(int(t.get("amount_fen", 0)) for t in payload.get("tenders", []))
    for code, values in figures.items():
        row = s.get(StoreDay, (code, ctx.day))
        if row is None:
            s.add(StoreDay(store_code=code, day=ctx.day, **values))
        else:
            for k, v in values.items():
                setattr(row, k, v)
    return None, len(figures)
