"""HQ's tables (SQLAlchemy 2.0; PostgreSQL in production, SQLite for the embedded demo)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

Id: String = String(40)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON}
    __table__: ClassVar[Table]  # every model here is one Table (SQLAlchemy types it a FromClause)


class Chain(Base):
    __tablename__ = "chains"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))


class Store(Base):
    __tablename__ = "stores"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    chain_id: Mapped[str] = mapped_column(ForeignKey("chains.id"), index=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))


class TillRow(Base):
    __tablename__ = "tills"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"), index=True)
    code: Mapped[str] = mapped_column(String(8))
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_reason: Mapped[str] = mapped_column(String(200), default="")
    acked_seq: Mapped[int] = mapped_column(BigInteger, default=0)  # highest contiguous seq held
    last_seen: Mapped[datetime | None] = mapped_column(DateTime)
    __table_args__ = (UniqueConstraint("store_id", "code"),)


class EnrolmentCode(Base):
    __tablename__ = "enrolment_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    till_id: Mapped[str] = mapped_column(ForeignKey("tills.id"))
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class Member(Base):
    __tablename__ = "members"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    chain_id: Mapped[str] = mapped_column(ForeignKey("chains.id"))
    phone: Mapped[str] = mapped_column(String(16))
    card_no: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(64))
    birthday: Mapped[str | None] = mapped_column(String(10))
    tier_code: Mapped[str] = mapped_column(String(16))
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_at: Mapped[datetime | None] = mapped_column(DateTime)
    custom: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    public_key: Mapped[str | None] = mapped_column(String(64))  # hex Ed25519, member codes
    points: Mapped[int] = mapped_column(BigInteger, default=0)  # cache of sum(points_ledger)
    principal_fen: Mapped[int] = mapped_column(BigInteger, default=0)  # cache of sum(stored_value_ledger)
    bonus_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    clocks: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # field -> HLC of its last edit
    referral_code: Mapped[str | None] = mapped_column(String(16), unique=True)
    referred_by: Mapped[str | None] = mapped_column(Id, index=True)  # the invite page counts a member's friends
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # (chain, id): a chain's members in id order without sorting them (snapshot pages)
    __table_args__ = (UniqueConstraint("chain_id", "phone"), Index("ix_members_chain_id_id", "chain_id", "id"))


class MemberAlias(Base):
    """A member id made offline at a till for a phone HQ already knew: its history belongs to `member_id`."""

    __tablename__ = "member_aliases"
    alias_id: Mapped[str] = mapped_column(Id, primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)


class PointsEntry(Base):
    """A member's points, one entry per change. member_id has no foreign key: every writer holds
    the member row (locked) in the same transaction and members are never deleted (migration 0003)."""

    __tablename__ = "points_ledger"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    member_id: Mapped[str] = mapped_column(Id, index=True)
    delta: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(48), default="")
    event_id: Mapped[str | None] = mapped_column(Id)  # never looked up by: not indexed
    at: Mapped[datetime] = mapped_column(DateTime)


class StoredValueEntry(Base):
    """A member's stored value, one entry per change (no foreign key, as PointsEntry)."""

    __tablename__ = "stored_value_ledger"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    member_id: Mapped[str] = mapped_column(Id, index=True)
    principal_fen: Mapped[int] = mapped_column(BigInteger)
    bonus_fen: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(48), default="")
    event_id: Mapped[str | None] = mapped_column(Id)  # never looked up by: not indexed
    at: Mapped[datetime] = mapped_column(DateTime)


class Coupon(Base):
    __tablename__ = "coupons"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    chain_id: Mapped[str] = mapped_column(ForeignKey("chains.id"))
    member_id: Mapped[str | None] = mapped_column(Id, index=True)
    template_id: Mapped[str] = mapped_column(String(32))
    valid_from: Mapped[datetime | None] = mapped_column(DateTime)
    valid_to: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16), default="issued")
    used_sale_id: Mapped[str | None] = mapped_column(Id)


class CouponRedemption(Base):
    __tablename__ = "coupon_redemptions"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(32), index=True)
    sale_id: Mapped[str] = mapped_column(Id)
    till_id: Mapped[str] = mapped_column(Id)
    event_id: Mapped[str] = mapped_column(Id)
    at: Mapped[datetime] = mapped_column(DateTime)
    reversed: Mapped[bool] = mapped_column(Boolean, default=False)


class EventRow(Base):
    """Every till event received, once (unique event id; unique till + seq). It is also HQ's
    record of each sale, refund and top-up: the payload says everything a copy would."""

    __tablename__ = "events"
    event_id: Mapped[str] = mapped_column(Id, primary_key=True)
    till_id: Mapped[str] = mapped_column(Id)  # no foreign key: push holds the till row locked
    seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    # the store-day rollup reads one day's events (migration 0008_analytics1m)
    __table_args__ = (UniqueConstraint("till_id", "seq"), Index("ix_events_at", "at"))


class ReconciliationItem(Base):
    """Something tills did offline that HQ accepted as fact but a person should look at."""

    __tablename__ = "reconciliation"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(
        String(32)
    )  # coupon_reused | points_overdraw | stored_value_overdraw | phone_merged
    member_id: Mapped[str | None] = mapped_column(Id, index=True)
    ref: Mapped[str] = mapped_column(String(48), default="")
    event_id: Mapped[str | None] = mapped_column(Id)
    till_id: Mapped[str | None] = mapped_column(Id)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class CatalogueRow(Base):
    """Products, prices, promotions, coupons templates, tiers, rules, cashiers ... in the till's
    own row shape (`kind` is the till table), for one store or (store_code '') the whole chain."""

    __tablename__ = "catalogue"
    chain_id: Mapped[str] = mapped_column(ForeignKey("chains.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_code: Mapped[str] = mapped_column(String(16), primary_key=True, default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class ChangeRow(Base):
    """The change feed tills pull: (kind, key) changed at `seq`; the data is read when pulled."""

    __tablename__ = "changes"
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    chain_id: Mapped[str] = mapped_column(String(40))
    store_code: Mapped[str] = mapped_column(String(16), default="")
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(64))
    __table_args__ = (Index("ix_changes_chain_seq", "chain_id", "seq"),)


class SmsCode(Base):
    __tablename__ = "sms_codes"
    phone: Mapped[str] = mapped_column(String(16), primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class MemberSession(Base):
    __tablename__ = "member_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SignIn(Base):
    __tablename__ = "sign_ins"
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    streak: Mapped[int] = mapped_column(Integer)
    points: Mapped[int] = mapped_column(Integer)


class Setting(Base):
    __tablename__ = "hq_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# a setting's stored text by its key, as one Core statement built once (no ORM row): read by every
# push (hq/till_bounds.py, hq/lifecycle/program.py), where the ORM's handling cost more than the read
SETTING_VALUE = select(Setting.__table__.c.value).where(Setting.__table__.c.key == bindparam("key"))


# ---- console: staff, their sessions, HQ's audit log (migration 0005) --------------------------------
class Staff(Base):
    """A person who uses the HQ console. `role` is one of hq.services.auth.ROLES; a store manager's
    stores are `store_codes` (other roles: the whole chain). Passwords: argon2 hashes only."""

    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    chain_id: Mapped[str] = mapped_column(ForeignKey("chains.id"), index=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))
    store_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    password_hash: Mapped[str] = mapped_column(String(200))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int] = mapped_column(BigInteger, default=0)  # a TOTP code is good once
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class StaffSession(Base):
    """A signed-in console session: the cookie carries the token, HQ keeps its hash and the
    session's CSRF token. Made anew at every sign-in (a session id from before is never kept)."""

    __tablename__ = "staff_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    client: Mapped[str] = mapped_column(String(64), default="")


class AuditEntry(Base):
    """HQ's audit log: append-only and hash-chained, `hash = sha256(prev_hash + entry)` (see
    hq.services.audit). Who (staff id and name), what (action, target), before/after, when, from where."""

    __tablename__ = "hq_audit"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    chain_id: Mapped[str] = mapped_column(String(40), index=True)
    staff_id: Mapped[str | None] = mapped_column(Id)
    staff_name: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(48), index=True)
    target: Mapped[str] = mapped_column(String(120), default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    client: Mapped[str] = mapped_column(String(64), default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class TillContact(Base):
    """When HQ last heard from a till (push or pull, at most one write a minute) and the app
    version it said it runs (its User-Agent). Kept apart from `tills`, which every push updates."""

    __tablename__ = "till_contacts"
    till_id: Mapped[str] = mapped_column(ForeignKey("tills.id"), primary_key=True)
    last_contact: Mapped[datetime] = mapped_column(DateTime)
    app_version: Mapped[str] = mapped_column(String(32), default="")


class ReconciliationDecision(Base):
    """How a person resolved a reconciliation item (its `resolved` flag is set in the same
    transaction, and the decision is in HQ's audit log)."""

    __tablename__ = "reconciliation_decisions"
    item_id: Mapped[int] = mapped_column(ForeignKey("reconciliation.id"), primary_key=True)
    decision: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(String(500))
    staff_id: Mapped[str] = mapped_column(Id)
    staff_name: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime)


# ---- rule publishing (hq/services/rules.py) ----------------------------------------------------


class RuleDraft(Base):
    """A rule being edited in the console: the row a till would get (`data`, in the till's shape),
    or None for "delete this rule". Drafts reach no till until they are published as a version."""

    __tablename__ = "rule_drafts"
    chain_id: Mapped[str] = mapped_column(ForeignKey("chains.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class RuleVersion(Base):
    """A published set of rules, numbered per chain: what the tills were sent at that moment."""

    __tablename__ = "rule_versions"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    chain_id: Mapped[str] = mapped_column(ForeignKey("chains.id"))
    number: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime] = mapped_column(DateTime)
    published_by: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(String(200), default="")
    restored_from: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (UniqueConstraint("chain_id", "number"),)


class RuleVersionRow(Base):
    """Every rule row of a version (the whole set, so a restore needs nothing else)."""

    __tablename__ = "rule_version_rows"
    version_id: Mapped[int] = mapped_column(ForeignKey("rule_versions.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


# ---- member administration (hq/services/member_admin.py) ---------------------------------------

# member search: by card, by name (prefix; text_pattern_ops so that PostgreSQL's LIKE 'x%' uses it
# whatever the database's collation). Two expression indexes are made by migration 0005 only, as
# their SQL differs by dialect: members (chain_id, substr(phone, 8, 4)) - the last four digits of
# the phone - and events ((payload ->> 'member_id')) - a member's receipts across stores.
Index("ix_members_chain_card", Member.chain_id, Member.card_no)
Index("ix_members_chain_name", Member.chain_id, Member.name, postgresql_ops={"name": "text_pattern_ops"})


class MemberAdjustment(Base):
    """A change of a member's points or stored value made by HQ staff, with its reason; above the
    chain's limit it waits for a second staff member's approval before it touches any ledger."""

    __tablename__ = "member_adjustments"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    chain_id: Mapped[str] = mapped_column(ForeignKey("chains.id"))
    member_id: Mapped[str] = mapped_column(Id, index=True)
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    principal_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    bonus_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    reason: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))  # pending | applied | rejected
    requested_by: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[datetime] = mapped_column(DateTime)
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    __table_args__ = (Index("ix_member_adjustments_chain_status", "chain_id", "status"),)


class MemberTierChange(Base):
    """A member's tier history: every change of tier HQ makes, with who or what made it."""

    __tablename__ = "member_tier_changes"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    member_id: Mapped[str] = mapped_column(Id, index=True)
    from_tier: Mapped[str | None] = mapped_column(String(16))
    to_tier: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(200), default="")


# ---- member lifecycle (issue 18): points lots, jobs, tiers, benefits, messages, rollups ----------
# (appended here; hq/lifecycle, hq/jobs and hq/messaging own them)
from datetime import date  # noqa: E402

from sqlalchemy import CheckConstraint, Date, text  # noqa: E402


class PointsLot(Base):
    """Points credited at one time (a sale's earning, a refund's restored points, a benefit, a
    sign-in ...), with what is left of them and what lapsed. HQ's lots are authoritative: the
    balance, "expiring on D" and the points liability are sums of `remaining`; tills receive them
    through the change feed (kind `points_lots`, in the till's row shape)."""

    __tablename__ = "points_lots"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    member_id: Mapped[str] = mapped_column(Id)
    earned_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)  # first day it is no longer usable
    points: Mapped[int] = mapped_column(BigInteger)
    remaining: Mapped[int] = mapped_column(BigInteger)
    expired: Mapped[int] = mapped_column(BigInteger, default=0)  # lapsed by the expiry job
    source: Mapped[str] = mapped_column(String(48), default="")  # shown: a receipt, "welcome" ...
    ref: Mapped[str] = mapped_column(String(48), default="")  # the sale (id) whose earning it is
    __table_args__ = (
        CheckConstraint(
            "remaining >= 0 AND expired >= 0 AND remaining + expired <= points", name="ck_points_lots_amounts"
        ),
        Index("ix_points_lots_member", "member_id", "earned_on"),
        Index("ix_points_lots_expires_member", "expires_on", "member_id"),
        Index(
            "ix_points_lots_due",
            "member_id",
            "expires_on",
            postgresql_where=text("remaining > 0"),
            sqlite_where=text("remaining > 0"),
        ),
    )


class PointsLotTake(Base):
    """Points a spend took from a lot, so that a refund gives back those very lots (their
    original expiry). `ref` names the spend (a sale's id, a redemption's event id)."""

    __tablename__ = "points_lot_takes"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    member_id: Mapped[str] = mapped_column(Id)
    ref: Mapped[str] = mapped_column(String(48))
    lot_id: Mapped[str] = mapped_column(Id)
    points: Mapped[int] = mapped_column(BigInteger)
    restored: Mapped[int] = mapped_column(BigInteger, default=0)
    __table_args__ = (Index("ix_points_lot_takes_member_ref", "member_id", "ref"),)


class JobRun(Base):
    """One run of a scheduled job for one period: the unique (job, period) makes a second run of
    the same period find the first; `cursor` is the progress marker, committed with each chunk's
    effects, so a run that crashed resumes after its last committed chunk."""

    __tablename__ = "job_runs"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    job: Mapped[str] = mapped_column(String(32))
    period: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(12))  # running | done | failed
    cursor: Mapped[str] = mapped_column(String(64), default="")
    rows: Mapped[int] = mapped_column(BigInteger, default=0)
    chunks: Mapped[int] = mapped_column(Integer, default=0)
    runs: Mapped[int] = mapped_column(Integer, default=1)  # times started (a re-run, a resume)
    started: Mapped[datetime] = mapped_column(DateTime)
    finished: Mapped[datetime | None] = mapped_column(DateTime)
    error: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (UniqueConstraint("job", "period", name="uq_job_runs_job_period"),)


class MemberTier(Base):
    """A member's tier timeline: since when the tier holds and when it is next reviewed (a
    downgrade happens only then). What the member still has to spend to keep the tier at the
    review is computed when shown (hq/lifecycle/tiers.py, tier_progress)."""

    __tablename__ = "member_tiers"
    member_id: Mapped[str] = mapped_column(Id, primary_key=True)
    since: Mapped[date] = mapped_column(Date)
    review_on: Mapped[date] = mapped_column(Date)
    __table_args__ = (Index("ix_member_tiers_review_on", "review_on"),)


class TierChange(Base):
    """The tier history: every upgrade and downgrade, with its reason."""

    __tablename__ = "tier_changes"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    member_id: Mapped[str] = mapped_column(Id, index=True)
    from_tier: Mapped[str] = mapped_column(String(16))
    to_tier: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(16))  # upgrade | downgrade
    changed_on: Mapped[date] = mapped_column(Date)
    spend_12m_fen: Mapped[int] = mapped_column(BigInteger, default=0)


class BenefitGrant(Base):
    """A benefit given to a member for a period, once: the unique key is the guarantee."""

    __tablename__ = "benefit_grants"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    member_id: Mapped[str] = mapped_column(Id)
    benefit: Mapped[str] = mapped_column(String(32))  # welcome | post_purchase | birthday | tier_upgrade ...
    period: Mapped[str] = mapped_column(String(48))  # "" once ever, 2026 a year, a receipt ...
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    coupon_code: Mapped[str | None] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (UniqueConstraint("member_id", "benefit", "period", name="uq_benefit_grants_once"),)


class Message(Base):
    """A message to a member (SMS or stored in the outbox): written in the transaction that
    decides it, delivered afterwards by the channel's provider. (member, purpose, period) is
    unique: a reminder is decided once, whatever re-runs."""

    __tablename__ = "messages"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    member_id: Mapped[str] = mapped_column(Id)
    purpose: Mapped[str] = mapped_column(String(32))  # expiry_reminder | birthday_notice | ...
    period: Mapped[str] = mapped_column(String(32))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(12))  # queued | sent | stored | refused | failed
    provider: Mapped[str] = mapped_column(String(16), default="")
    detail: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    __table_args__ = (
        UniqueConstraint("member_id", "purpose", "period", name="uq_messages_once"),
        Index("ix_messages_status", "status"),
    )


class MemberDay(Base):
    """Daily rollup per member (tier review reads its 12-month spend here, never the events)."""

    __tablename__ = "member_days"
    member_id: Mapped[str] = mapped_column(Id, primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    spend_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    points_earned: Mapped[int] = mapped_column(BigInteger, default=0)
    sales: Mapped[int] = mapped_column(Integer, default=0)


class StoreDay(Base):
    """Daily rollup per store, made by the rollup job from the events of the day."""

    __tablename__ = "store_days"
    store_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    sales: Mapped[int] = mapped_column(Integer, default=0)
    refunds: Mapped[int] = mapped_column(Integer, default=0)
    sales_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    refunds_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    member_sales: Mapped[int] = mapped_column(Integer, default=0)
    points_earned: Mapped[int] = mapped_column(BigInteger, default=0)
    points_spent: Mapped[int] = mapped_column(BigInteger, default=0)


class TillCredit(Base):
    """What one till credited to members on one day (HQ's date), as HQ applied it: points and
    stored value. Read and updated by each push under the till row's lock (hq/till_bounds.py)."""

    __tablename__ = "till_credits"
    till_id: Mapped[str] = mapped_column(Id, primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    stored_value_fen: Mapped[int] = mapped_column(BigInteger, default=0)


# ---- the member part of the change feed goes to the stores that follow the member (hq/feed.py) ------
class StoreMember(Base):
    """A store follows a member (its catchment): the member was registered or seen there (an
    event of one of its tills named them) or looked up online at one of its counters. Member
    changes are written to the feed once per following store; a store's snapshot holds only
    the members it follows."""

    __tablename__ = "store_members"
    member_id: Mapped[str] = mapped_column(Id, primary_key=True)
    store_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    chain_id: Mapped[str] = mapped_column(String(40))
    since: Mapped[datetime] = mapped_column(DateTime)
    how: Mapped[str] = mapped_column(String(8))  # seen | lookup
    __table_args__ = (Index("ix_store_members_store", "chain_id", "store_code", "member_id"),)


# ---- what a push leaves to the applier (hq/applier.py) ------------------------------------------------
class ApplierWork(Base):
    """One push's share of the rollups, tier upgrades and purchase benefits, written by the push
    in its own transaction and deleted by the applier in the transaction that applies it (so
    each is applied exactly once, whatever crashes: a row is either still here or applied).
    `work`: {"days": [[member, day, spend, points, sales]], "stores": [[member, store, visits,
    spend]], "lines": [[member, product, amount, lines]]}, the push's figures added up."""

    __tablename__ = "applier_queue"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    chain_id: Mapped[str] = mapped_column(Id)
    at: Mapped[datetime] = mapped_column(DateTime)  # the push's time (HQ's clock)
    work: Mapped[dict[str, Any]] = mapped_column(JSON)


# a store's pull reads its own rows and the chain-wide ones, each in feed order
Index("ix_changes_chain_store_seq", ChangeRow.chain_id, ChangeRow.store_code, ChangeRow.seq)


from .models_mall import MallItem, MallOrder  # noqa: E402,F401 (the points mall's tables, in Base)
from .models_segments import (  # noqa: E402,F401
    Campaign,
    CampaignMember,
    MemberCategory,
    MemberFact,
    MemberMonth,
    MemberStore,
    MemberTag,
    Segment,
    SegmentMember,
    SegmentSnapshot,
)
