"""Tables of member facts, tags, segments and campaigns (issue 19; hq/segments owns them).

Every table is keyed by member id first where it holds one row per member (member_months,
member_facts, member_tags, member_stores, member_categories, segment_members, campaign_members):
on Citus they are distributed by member_id and co-located with `members` (docs/segments.md)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Index, Integer, SmallInteger, String, text
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, Coupon, Id, MemberDay

# a campaign's results read the member-day rollup of its window: by day first, then the members
Index("ix_member_days_day_member", MemberDay.day, MemberDay.member_id)
# and its redemptions from the used coupons of its template (issued ones are not in this index)
USED = "status = 'used'"
Index("ix_coupons_used_template", Coupon.template_id, postgresql_where=text(USED), sqlite_where=text(USED))


class MemberMonth(Base):
    """Monthly rollup per member (month = its first day), kept at ingest like member_days."""

    __tablename__ = "member_months"
    member_id: Mapped[str] = mapped_column(Id, primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    spend_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    points_earned: Mapped[int] = mapped_column(BigInteger, default=0)
    sales: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (Index("ix_member_months_month", "month", "member_id"),)


class MemberStore(Base):
    """Where a member shops: visits and spend per store (all time), kept at ingest."""

    __tablename__ = "member_stores"
    member_id: Mapped[str] = mapped_column(Id, primary_key=True)
    store_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    visits: Mapped[int] = mapped_column(Integer, default=0)
    spend_fen: Mapped[int] = mapped_column(BigInteger, default=0)


class MemberCategory(Base):
    """What a member buys: net line amount per product category (all time), kept at ingest."""

    __tablename__ = "member_categories"
    member_id: Mapped[str] = mapped_column(Id, primary_key=True)
    category_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    spend_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    lines: Mapped[int] = mapped_column(Integer, default=0)


COVERED = ("frequency_365", "monetary_365_fen", "tier_code", "consent", "favourite_store")


class MemberFact(Base):
    """One row per member: what segments, tags and dashboards read (never the events). Visits
    and spend are moved at ingest; the nightly job (`member_facts`) recomputes the windows,
    favourites, balances, RFM scores and automatic tags set-based by member-id range."""

    __tablename__ = "member_facts"
    member_id: Mapped[str] = mapped_column(Id, primary_key=True)
    chain_id: Mapped[str] = mapped_column(String(40))
    joined_on: Mapped[date | None] = mapped_column(Date)
    first_visit: Mapped[date | None] = mapped_column(Date)
    last_visit: Mapped[date | None] = mapped_column(Date)
    visits_total: Mapped[int] = mapped_column(Integer, default=0)
    spend_total_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    frequency_365: Mapped[int] = mapped_column(Integer, default=0)  # visit days in the last 365
    monetary_365_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    avg_ticket_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    weekend_pct: Mapped[int] = mapped_column(SmallInteger, default=0)  # share of visit days on Sat/Sun
    usual_gap_days: Mapped[int] = mapped_column(Integer, default=0)  # mean days between visits
    favourite_store: Mapped[str] = mapped_column(String(16), default="")
    favourite_category: Mapped[str] = mapped_column(String(32), default="")
    favourite_category_pct: Mapped[int] = mapped_column(SmallInteger, default=0)
    tier_code: Mapped[str] = mapped_column(String(16), default="")
    consent: Mapped[bool] = mapped_column(Boolean, default=False)  # copied nightly (segments
    # need no join to members; a message re-checks the member's consent when it is queued)
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    points_expiring_30d: Mapped[int] = mapped_column(BigInteger, default=0)
    principal_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    bonus_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    r_score: Mapped[int] = mapped_column(SmallInteger, default=0)  # 1..5 (0: never bought)
    f_score: Mapped[int] = mapped_column(SmallInteger, default=0)
    m_score: Mapped[int] = mapped_column(SmallInteger, default=0)
    rfm_group: Mapped[str] = mapped_column(String(24), default="")
    computed_on: Mapped[date | None] = mapped_column(Date)
    __table_args__ = (
        # covering on PostgreSQL (INCLUDE): a segment over recency, frequency, monetary, tier,
        # consent and favourite store (the RFM fields, the usual filters, a campaign's stores) is
        # counted and snapshotted by an index-only scan, not a read of the whole facts rows
        Index("ix_member_facts_chain_last", "chain_id", "last_visit", postgresql_include=list(COVERED)),
        Index("ix_member_facts_chain_monetary", "chain_id", "monetary_365_fen"),
        Index("ix_member_facts_chain_rfm", "chain_id", "rfm_group"),
    )


class MemberTag(Base):
    """A tag on a member: `auto` (a rule of hq/segments/tags.py, re-evaluated nightly) or
    `manual` (put by staff, audited)."""

    __tablename__ = "member_tags"
    member_id: Mapped[str] = mapped_column(Id, primary_key=True)
    tag: Mapped[str] = mapped_column(String(32), primary_key=True)
    chain_id: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(8))  # auto | manual
    at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(64), default="")
    __table_args__ = (Index("ix_member_tags_chain_tag", "chain_id", "tag", "member_id"),)


class Segment(Base):
    """A saved condition tree (hq/segments/conditions.py), or a built-in one (RFM groups)."""

    __tablename__ = "segments"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    chain_id: Mapped[str] = mapped_column(String(40), index=True)
    name: Mapped[str] = mapped_column(String(64))
    definition: Mapped[dict[str, Any]] = mapped_column()
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # its members as last counted (saved, used, or the nightly `analytics_figures`): what the
    # segments page lists, without counting a million members' facts per segment at each request
    members: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    counted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class TagCount(Base):
    """Members per (chain, tag, source), counted by the nightly `analytics_figures` and moved by
    each manual tagging: the segments page's tag list without a GROUP BY of every tag row."""

    __tablename__ = "tag_counts"
    chain_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    tag: Mapped[str] = mapped_column(String(32), primary_key=True)
    source: Mapped[str] = mapped_column(String(8), primary_key=True)
    members: Mapped[int] = mapped_column(BigInteger, default=0)
    counted_at: Mapped[datetime] = mapped_column(DateTime)


class SegmentSnapshot(Base):
    """A segment's membership at the moment it was used (a campaign's audience): reproducible."""

    __tablename__ = "segment_snapshots"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    segment_id: Mapped[str] = mapped_column(Id, index=True)
    chain_id: Mapped[str] = mapped_column(String(40))
    definition: Mapped[dict[str, Any]] = mapped_column()
    members: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(String(48), default="")
    taken_at: Mapped[datetime] = mapped_column(DateTime)


class SegmentMember(Base):
    __tablename__ = "segment_members"
    snapshot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    member_id: Mapped[str] = mapped_column(Id, primary_key=True)


class Campaign(Base):
    """Audience (a segment, snapshotted at launch), action (coupon | points | message), budget
    (members treated at most), per-member limit, holdout share, and how long results are measured."""

    __tablename__ = "campaigns"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    chain_id: Mapped[str] = mapped_column(String(40), index=True)
    name: Mapped[str] = mapped_column(String(64))
    segment_id: Mapped[str] = mapped_column(Id)
    snapshot_id: Mapped[int | None] = mapped_column(BigInteger)
    action: Mapped[str] = mapped_column(String(16))
    params: Mapped[dict[str, Any]] = mapped_column()
    holdout_pct: Mapped[int] = mapped_column(SmallInteger, default=10)
    budget: Mapped[int] = mapped_column(Integer, default=0)  # 0: no limit
    per_member_limit: Mapped[int] = mapped_column(SmallInteger, default=1)
    measure_days: Mapped[int] = mapped_column(SmallInteger, default=30)
    trigger: Mapped[str] = mapped_column(String(16), default="once")  # once | daily
    status: Mapped[str] = mapped_column(String(12), default="draft")  # draft | launched
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    launched_at: Mapped[datetime | None] = mapped_column(DateTime)
    treated: Mapped[int] = mapped_column(Integer, default=0)
    control: Mapped[int] = mapped_column(Integer, default=0)


class CampaignMember(Base):
    """A member of a campaign's audience: `treat` (got the action) or `control` (held out)."""

    __tablename__ = "campaign_members"
    campaign_id: Mapped[str] = mapped_column(Id, primary_key=True)
    member_id: Mapped[str] = mapped_column(Id, primary_key=True)
    grp: Mapped[str] = mapped_column(String(8))
    coupon_code: Mapped[str | None] = mapped_column(String(32))
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    at: Mapped[datetime] = mapped_column(DateTime)
    # no index by member: nothing reads a member's campaigns, and a launch wrote 100k entries to it
