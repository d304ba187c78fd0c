"""HQ's tables (SQLAlchemy 2.0; PostgreSQL in production, SQLite for the embedded demo)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (JSON, BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

Id = String(40)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON}


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
    acked_seq: Mapped[int] = mapped_column(BigInteger, default=0)      # highest contiguous seq held
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
    public_key: Mapped[str | None] = mapped_column(String(64))          # hex Ed25519, member codes
    points: Mapped[int] = mapped_column(BigInteger, default=0)          # cache of sum(points_ledger)
    principal_fen: Mapped[int] = mapped_column(BigInteger, default=0)   # cache of sum(stored_value_ledger)
    bonus_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    clocks: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # field -> HLC of its last edit
    referral_code: Mapped[str | None] = mapped_column(String(16), unique=True)
    referred_by: Mapped[str | None] = mapped_column(Id)
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
    event_id: Mapped[str | None] = mapped_column(Id)               # never looked up by: not indexed
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
    event_id: Mapped[str | None] = mapped_column(Id)               # never looked up by: not indexed
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
    till_id: Mapped[str] = mapped_column(Id)                  # no foreign key: push holds the till row locked
    seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (UniqueConstraint("till_id", "seq"),)


class ReconciliationItem(Base):
    """Something tills did offline that HQ accepted as fact but a person should look at."""
    __tablename__ = "reconciliation"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))             # coupon_reused | points_overdraw | stored_value_overdraw | phone_merged
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


class TillCredit(Base):
    """What one till credited to members on one day (HQ's date), as HQ applied it: points and
    stored value. Read and updated by each push under the till row's lock (hq/till_bounds.py)."""
    __tablename__ = "till_credits"
    till_id: Mapped[str] = mapped_column(Id, primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    stored_value_fen: Mapped[int] = mapped_column(BigInteger, default=0)
