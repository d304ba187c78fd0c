"""Campaigns (issue 19, item 4): audience = a segment, snapshotted at launch; action = issue a
coupon (hq/lifecycle/coupons.py: tills get them on their next pull), credit points (a benefit
grant: a points lot, the ledger, the balance, once per member and campaign) or a message through
the message channel (hq/messaging; consent and the daily limit hold); a budget (members treated
at most) and a per-member limit (coupons each); a holdout control group by default — a share of
the audience, chosen by a hash of (campaign, member), so the split is deterministic and
reproducible — gets nothing. Results: redemption and incremental sales of the treated group
against the control group over the measurement window, with a 95 % confidence interval
(stats.lift_ci), read from the rollups (member_days), never the events.

A `daily` campaign (a trigger, e.g. dormant 60 days → a comeback coupon) is launched once and
then each night (job `campaign_triggers`) treats the segment's members it has not reached yet."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, literal_column, select
from sqlalchemy.orm import Session

from pos_app.domain.errors import DomainError

from ..base import new_id
from ..ingest import bulk_insert
from ..jobs.runs import Context, job
from ..models import Coupon, MemberDay
from ..models_segments import Campaign, CampaignMember, SegmentMember
from ..services import audit
from .segments import get_segment, snapshot
from .stats import Lift, lift_ci

ACTIONS = ("coupon", "points", "message")
TRIGGERS = ("once", "daily")
CM = CampaignMember.__table__
D = MemberDay.__table__


class CampaignError(DomainError):
    """A campaign refused (code campaign.*)."""


def in_control(campaign_id: str, member_id: str, holdout_pct: int) -> bool:
    """Deterministic holdout: the first 4 bytes of sha256(campaign:member) below the share."""
    h = int.from_bytes(hashlib.sha256(f"{campaign_id}:{member_id}".encode()).digest()[:4], "big")
    return h % 10_000 < holdout_pct * 100


def _int(value: Any, low: int, high: int, code: str) -> int:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        raise CampaignError(code) from None
    if not low <= n <= high:
        raise CampaignError(code)
    return n


def create(
    hq,
    actor: audit.Actor,
    *,
    name: str,
    segment_id: str,
    action: str,
    params: dict[str, Any],
    holdout_pct: Any = 10,
    budget: Any = 0,
    per_member_limit: Any = 1,
    measure_days: Any = 30,
    trigger: str = "once",
) -> str:
    """A draft campaign (checked); its id. Audited `campaigns.created`."""
    name = (name or "").strip()
    if not 1 <= len(name) <= 64:
        raise CampaignError("campaign.name_invalid")
    if action not in ACTIONS:
        raise CampaignError("campaign.action_invalid")
    if trigger not in TRIGGERS:
        raise CampaignError("campaign.trigger_invalid")
    holdout = _int(holdout_pct, 0, 50, "campaign.holdout_invalid")
    budget_n = _int(budget or 0, 0, 10_000_000, "campaign.budget_invalid")
    limit = _int(per_member_limit or 1, 1, 5, "campaign.limit_invalid")
    days = _int(measure_days or 30, 1, 365, "campaign.measure_invalid")
    clean: dict[str, Any] = {}
    if action == "coupon":
        template = str(params.get("template_id") or "").strip()
        if not template:
            raise CampaignError("campaign.template_missing")
        clean = {
            "template_id": template[:32],
            "valid_days": _int(params.get("valid_days") or 30, 1, 3660, "coupon.valid_days_invalid"),
        }
    elif action == "points":
        clean = {"points": _int(params.get("points"), 1, 100_000, "campaign.points_invalid")}
    else:
        clean = {"text": str(params.get("text") or "").strip()[:200]}
        if not clean["text"]:
            raise CampaignError("campaign.text_missing")
    get_segment(hq, actor.chain_id, segment_id)
    now = hq.clock()
    cid = new_id()
    with hq.tx() as s:
        s.add(
            Campaign(
                id=cid,
                chain_id=actor.chain_id,
                name=name,
                segment_id=segment_id,
                snapshot_id=None,
                action=action,
                params=clean,
                holdout_pct=holdout,
                budget=budget_n,
                per_member_limit=limit,
                measure_days=days,
                trigger=trigger,
                status="draft",
                created_by=actor.name[:64],
                created_at=now,
                launched_at=None,
                treated=0,
                control=0,
            )
        )
        audit.record(
            s,
            actor,
            "campaigns.created",
            f"{cid} {name}"[:120],
            after={
                "action": action,
                "params": clean,
                "holdout_pct": holdout,
                "budget": budget_n,
                "per_member_limit": limit,
                "trigger": trigger,
            },
            now=now,
        )
    return cid


def _treat(s: Session, c: Campaign, members: list[str], now: datetime) -> dict[str, tuple[str | None, int]]:
    """Apply the action to `members`: member -> (first coupon code, points)."""
    out: dict[str, tuple[str | None, int]] = {}
    if c.action == "coupon":
        from ..lifecycle.coupons import issue_within

        repeated = [m for m in members for _ in range(c.per_member_limit)]
        codes = issue_within(s, c.chain_id, c.params["template_id"], repeated, int(c.params["valid_days"]), now)
        for m, code in zip(repeated, codes):
            out.setdefault(m, (code, 0))
    elif c.action == "points":
        from ..jobs.runs import feed
        from ..lifecycle.benefits import grant

        changes = []
        for m in members:
            got = grant(s, c.chain_id, m, "campaign", c.id, {"points": int(c.params["points"])}, now)
            changes += [(c.chain_id, k, key) for k, key in got]
            out[m] = (None, int(c.params["points"]) if got else 0)
        feed(s, changes)
    else:
        from ..messaging import queue

        for m in members:
            queue(s, m, "campaign", c.id[:32], {"text": c.params["text"]}, now)
            out[m] = (None, 0)
    return out


# in_control() in SQL: the first 4 bytes of sha256(campaign:member), big-endian, mod 10000
SQL_HASH = """(((get_byte(h, 0)::bigint << 24) | (get_byte(h, 1) << 16) | (get_byte(h, 2) << 8) | get_byte(h, 3))
               % 10000)"""


def _run_coupons_pg(s: Session, c: Campaign, snap_id: int, now: datetime) -> tuple[int, int]:
    """`_run`'s split and treatment of a one-coupon campaign on PostgreSQL, set-based: the new
    members of the snapshot split into control (the same hash as `in_control`), treat (the first
    members by id within the budget) and skipped, each treated one given a code, in a staging
    table of the transaction; then the coupons and their feed rows (`issue_staged`) and the
    campaign's members, one INSERT … SELECT each — no member through Python.

    What its time went on at 200k members (bench analytics, 2026-12-01, ~111k in the audience):
    the hash was computed four times a member (the LATERAL sub-select was pulled up into each
    get_byte: OFFSET 0 keeps it one sub-select), a window over the whole audience sorted by id
    even without a budget (only a budget needs the order: the first members by id), and an
    ANALYZE of the staging table (a table never analysed is planned on its real size)."""
    from sqlalchemy import text

    from ..lifecycle.coupons import SQL_CODE, issue_staged

    s.execute(
        text(
            """CREATE TEMPORARY TABLE campaign_stage (member_id varchar(40), grp varchar(8), code varchar(32))
               ON COMMIT DROP"""
        )
    )
    if c.budget:  # the first `room` members by id of those not held out
        grp = """CASE WHEN ctl THEN 'control'
                      WHEN row_number() OVER (PARTITION BY ctl ORDER BY member_id) <= :room THEN 'treat'
                      ELSE 'skipped' END"""
    else:
        grp = "CASE WHEN ctl THEN 'control' ELSE 'treat' END"
    s.execute(
        text(
            f"""INSERT INTO campaign_stage (member_id, grp, code)
                SELECT member_id, grp, CASE WHEN grp = 'treat' THEN {SQL_CODE} END FROM (
                  SELECT member_id, {grp} AS grp
                  FROM (SELECT sm.member_id, {SQL_HASH} < :share AS ctl
                        FROM segment_members sm,
                             LATERAL (SELECT sha256(convert_to(CAST(:cid AS text) || ':' || sm.member_id, 'UTF8')) AS h
                                      OFFSET 0) x
                        WHERE sm.snapshot_id = :snap
                          AND NOT EXISTS (SELECT 1 FROM campaign_members cm
                                          WHERE cm.campaign_id = :cid AND cm.member_id = sm.member_id)) split
                ) grouped"""
        ),
        {"cid": c.id, "snap": snap_id, "share": c.holdout_pct * 100, "room": max(0, c.budget - c.treated)},
    )
    counts: dict[str, int] = {
        g: int(n) for g, n in s.execute(text("SELECT grp, count(*) FROM campaign_stage GROUP BY grp"))
    }
    treated, control = int(counts.get("treat", 0)), int(counts.get("control", 0))
    s.execute(
        text(
            """INSERT INTO campaign_members (campaign_id, member_id, grp, coupon_code, points, at)
               SELECT :cid, member_id, grp, code, 0, :now FROM campaign_stage"""
        ),
        {"cid": c.id, "now": now},
    )
    if treated:  # the feed rows last: the feed's lock is the last a transaction takes
        issue_staged(
            s, c.chain_id, c.params["template_id"], "campaign_stage", treated, int(c.params["valid_days"]), now
        )
    s.execute(text("DROP TABLE campaign_stage"))
    return treated, control


def _run(s: Session, c: Campaign, today: date, now: datetime) -> tuple[int, int]:
    """Snapshot the segment, split new members into treat/control, treat them: (treated, control) added."""
    segment = get_segment_in(s, c)
    snap_id, _ = snapshot(s, c.chain_id, segment, f"campaign:{c.id}", today, now)
    if c.action == "coupon" and c.per_member_limit == 1 and s.get_bind().dialect.name == "postgresql":
        n_treat, n_control = _run_coupons_pg(s, c, snap_id, now)
        c.snapshot_id = snap_id
        c.treated += n_treat
        c.control += n_control
        return n_treat, n_control
    SMt = SegmentMember.__table__
    fresh = list(
        s.scalars(
            select(SMt.c.member_id)
            .where(
                SMt.c.snapshot_id == snap_id,
                ~select(CM.c.member_id).where(CM.c.campaign_id == c.id, CM.c.member_id == SMt.c.member_id).exists(),
            )
            .order_by(SMt.c.member_id)
        )
    )
    control = [m for m in fresh if in_control(c.id, m, c.holdout_pct)]
    treat = [m for m in fresh if not in_control(c.id, m, c.holdout_pct)]
    skipped: list[str] = []
    if c.budget:
        room = max(0, c.budget - c.treated)
        treat, skipped = treat[:room], treat[room:]
    given = _treat(s, c, treat, now) if treat else {}
    rows = [
        dict(campaign_id=c.id, member_id=m, grp="treat", coupon_code=given[m][0], points=given[m][1], at=now)
        for m in treat
    ]
    rows += [dict(campaign_id=c.id, member_id=m, grp="control", coupon_code=None, points=0, at=now) for m in control]
    rows += [dict(campaign_id=c.id, member_id=m, grp="skipped", coupon_code=None, points=0, at=now) for m in skipped]
    bulk_insert(s, CampaignMember, rows)
    c.snapshot_id = snap_id
    c.treated += len(treat)
    c.control += len(control)
    return len(treat), len(control)


def get_segment_in(s: Session, c: Campaign):
    from ..models_segments import Segment

    row = s.scalar(select(Segment).where(Segment.id == c.segment_id, Segment.chain_id == c.chain_id))
    if row is None:
        from .conditions import SegmentError

        raise SegmentError("segment.unknown", segment=c.segment_id[:40])
    return row


def launch(hq, actor: audit.Actor, campaign_id: str) -> tuple[int, int]:
    """Launch a draft: (treated, control). Audited `campaigns.launched`."""
    now = hq.clock()
    with hq.tx() as s:
        c = s.scalar(
            select(Campaign).where(Campaign.id == campaign_id, Campaign.chain_id == actor.chain_id).with_for_update()
        )
        if c is None:
            raise CampaignError("campaign.unknown")
        if c.status != "draft":
            raise CampaignError("campaign.already_launched")
        treated, control = _run(s, c, now.date(), now)
        c.status, c.launched_at = "launched", now
        audit.record(
            s,
            actor,
            "campaigns.launched",
            f"{c.id} {c.name}"[:120],
            after={"treated": treated, "control": control, "snapshot": c.snapshot_id},
            now=now,
        )
    return treated, control


@job("campaign_triggers")
def campaign_triggers(s: Session, ctx: Context, cursor: str) -> tuple[str | None, int]:
    """Each launched `daily` campaign, one a chunk: the members that entered its segment since
    its last run are split and treated (the members it reached are never reached again)."""
    c = s.scalar(
        select(Campaign)
        .where(Campaign.trigger == "daily", Campaign.status == "launched", Campaign.id > cursor)
        .order_by(Campaign.id)
        .limit(1)
        .with_for_update()
    )
    if c is None:
        return None, 0
    treated, control = _run(s, c, ctx.day, ctx.now)
    return c.id, treated + control


def per_member_fen(spend_fen: int, members: int) -> int:
    """A group's spend per member to the nearest fen (half up), as the lift beside it is shown."""
    return (2 * spend_fen + members) // (2 * members) if members else 0


@dataclass(frozen=True)
class GroupFigures:
    members: int
    buyers: int
    spend_fen: int
    per_member_fen: int


@dataclass(frozen=True)
class Results:
    campaign: Campaign
    treat: GroupFigures
    control: GroupFigures
    coupons_issued: int
    coupons_used: int
    points_given: int
    lift: Lift | None
    window: tuple[date, date]
    through: date | None = None  # the sales as the nightly job summed them, through this day (None: now)


def window_of(c: Campaign) -> tuple[date, date]:
    start = (c.launched_at or c.created_at).date()
    return start, start + timedelta(days=c.measure_days)


def window_sums(s: Session, c: Campaign, start: date, end: date) -> dict[str, tuple[int, int, int]]:
    """Per group (treat, control): (buyers, spend, sum of each member's spend squared) over the
    member days in [start, end) — the window's member days first (ix_member_days_day_member),
    then the campaign's members."""
    spend = (
        select(D.c.member_id, func.sum(D.c.spend_fen).label("x"), func.sum(D.c.sales).label("n"))
        .where(D.c.day >= start, D.c.day < end)
        .group_by(D.c.member_id)
        .subquery()
    )
    return {
        g: (int(b or 0), int(x or 0), int(xx or 0))
        for g, b, x, xx in s.execute(
            select(
                CM.c.grp,
                func.sum(case((spend.c.n > 0, 1), else_=0)),
                func.sum(spend.c.x),
                func.sum(spend.c.x * spend.c.x),
            )
            .select_from(CM.join(spend, spend.c.member_id == CM.c.member_id))
            .where(CM.c.campaign_id == c.id, CM.c.grp.in_(("treat", "control")))
            .group_by(CM.c.grp)
        )
    }


def _results_key(campaign_id: str) -> str:
    return f"campaign:{campaign_id}"[:64]


def _stored_results(s: Session, campaign_id: str) -> dict | None:
    import json

    from ..models import Setting

    row = s.get(Setting, _results_key(campaign_id))
    return json.loads(row.value) if row is not None else None


def store_results(s: Session, chain_id: str, day: date) -> int:
    """The nightly part of the results (from `analytics_figures`): each launched campaign's window
    sums through `day` (or its last day), kept in `hq_settings` — a 30-day window is ~1.8M member
    days at 1M members, too many for each request; a campaign launched since is summed live (its
    window so far: today). Campaigns whose stored sums already cover their window are left.
    The campaigns summed."""
    import json

    from ..models import Setting

    done = 0
    for c in s.scalars(select(Campaign).where(Campaign.chain_id == chain_id, Campaign.status == "launched")):
        start, end = window_of(c)
        through = min(day, end - timedelta(days=1))
        if through < start:
            continue
        stored = _stored_results(s, c.id)
        if stored and stored["through"] >= through.isoformat():
            continue
        sums = window_sums(s, c, start, through + timedelta(days=1))
        value = json.dumps({"through": through.isoformat(), "sums": {g: list(v) for g, v in sums.items()}})
        row = s.get(Setting, _results_key(c.id))
        if row is None:
            s.add(Setting(key=_results_key(c.id), value=value))
        else:
            row.value = value
        done += 1
    return done


def results(hq, chain_id: str, campaign_id: str) -> Results:
    with hq.tx() as s:
        c = s.scalar(select(Campaign).where(Campaign.id == campaign_id, Campaign.chain_id == chain_id))
        if c is None:
            raise CampaignError("campaign.unknown")
        s.expunge(c)
        start, end = window_of(c)
        stored = _stored_results(s, c.id)
        sums = {g: tuple(v) for g, v in stored["sums"].items()} if stored else window_sums(s, c, start, end)
        through = date.fromisoformat(stored["through"]) if stored else None
        # the groups' sizes and the coupons issued as the launch and the daily runs counted them
        # (not a count of 100k campaign members at each request)
        sizes = {"treat": c.treated, "control": c.control}
        figures = {g: (int(sizes.get(g, 0)), *sums.get(g, (0, 0, 0))) for g in ("treat", "control")}
        issued = used = 0
        if c.action == "coupon":
            issued = c.treated * c.per_member_limit
            # redeemed: the template's used coupons (ix_coupons_used_template) held by a treated
            # member, issued by this campaign (its code on the member's row; with several a
            # member, issued at or after the launch)
            mine = (
                Coupon.code == CM.c.coupon_code
                if c.per_member_limit == 1
                else Coupon.valid_from >= (c.launched_at or c.created_at)
            )
            used = s.scalar(
                select(func.count())
                .select_from(Coupon)
                .join(CM, and_(CM.c.campaign_id == c.id, CM.c.member_id == Coupon.member_id))
                .where(
                    Coupon.template_id == c.params["template_id"],
                    Coupon.status == literal_column("'used'"),
                    CM.c.grp == "treat",
                    mine,
                )
            )
        points = 0
        if c.action == "points":
            points = int(s.scalar(select(func.coalesce(func.sum(CM.c.points), 0)).where(CM.c.campaign_id == c.id)))
    t = figures.get("treat", (0, 0, 0, 0))
    k = figures.get("control", (0, 0, 0, 0))

    def group(f):
        return GroupFigures(f[0], f[1], f[2], per_member_fen(f[2], f[0]))

    return Results(
        c,
        group(t),
        group(k),
        int(issued or 0),
        int(used or 0),
        points,
        lift_ci(t[0], t[2], t[3], k[0], k[2], k[3]),
        (start, end),
        through,
    )


def list_campaigns(hq, chain_id: str) -> list[Campaign]:
    with hq.tx() as s:
        rows = list(
            s.scalars(
                select(Campaign).where(Campaign.chain_id == chain_id).order_by(Campaign.created_at.desc(), Campaign.id)
            )
        )
        for r in rows:
            s.expunge(r)
        return rows
