"""SQLAlchemy 2.0 models of the till's local database (SQLite, WAL).

Money columns are integer fen. Ledgers (points, stored value) and the audit log are append-only:
rows are inserted, never updated. A member's balance is derivable from the HQ-confirmed figure
plus this till's ledger entries HQ has not yet acknowledged.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}
    __table__: ClassVar[Table]  # every model here is one Table (SQLAlchemy types it a FromClause)


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class Category(Base):
    __tablename__ = "categories"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    non_earning: Mapped[bool] = mapped_column(Boolean, default=False)


class Product(Base):
    __tablename__ = "products"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    initials: Mapped[str] = mapped_column(String(128), index=True)  # pinyin initials: kkkl
    pinyin: Mapped[str] = mapped_column(String(512), index=True)  # full pinyin: kekoukele
    category_id: Mapped[str] = mapped_column(ForeignKey("categories.id"))
    price_fen: Mapped[int] = mapped_column(Integer, CheckConstraint("price_fen >= 0"))
    unit: Mapped[str] = mapped_column(String(8), default="each")  # each | weight
    non_earning: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Barcode(Base):
    __tablename__ = "barcodes"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), index=True)


class PromotionRow(Base):
    __tablename__ = "promotions"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(32))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    valid_from: Mapped[datetime | None] = mapped_column(DateTime)
    valid_to: Mapped[datetime | None] = mapped_column(DateTime)
    priority: Mapped[int] = mapped_column(Integer, default=100)
    exclusive: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CouponTemplateRow(Base):
    __tablename__ = "coupon_templates"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(32))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    valid_from: Mapped[datetime | None] = mapped_column(DateTime)
    valid_to: Mapped[datetime | None] = mapped_column(DateTime)


class TierRow(Base):
    __tablename__ = "tiers"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(32))
    rank: Mapped[int] = mapped_column(Integer)
    discount_percent: Mapped[int] = mapped_column(Integer, default=0)
    points_multiplier_pct: Mapped[int] = mapped_column(Integer, default=100)
    min_spend_12m_fen: Mapped[int] = mapped_column(Integer, default=0)
    min_points_12m: Mapped[int] = mapped_column(Integer, default=0)


class TopUpPlanRow(Base):
    __tablename__ = "topup_plans"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    pay_fen: Mapped[int] = mapped_column(Integer)
    bonus_fen: Mapped[int] = mapped_column(Integer)


class Gift(Base):
    __tablename__ = "gifts"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    points: Mapped[int] = mapped_column(Integer)


class MemberRow(Base):
    """A member as a till keeps them: only what selling needs (pos_app/domain/privacy.py). No full
    phone, name or birthday: the masked phone and name, a keyed hash of the phone for an exact
    look-up at the counter, the last four digits, the birth month and day."""

    __tablename__ = "members"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    masked_phone: Mapped[str] = mapped_column(String(16), server_default="")  # 138****5678
    # HMAC of the phone with the chain's look-up key; '~' + id while the till cannot make it yet
    phone_hash: Mapped[str] = mapped_column(String(16), unique=True)
    phone_last4: Mapped[str] = mapped_column(String(4), index=True)  # look-up by last 4 digits
    card_no: Mapped[str | None] = mapped_column(String(32), unique=True)
    masked_name: Mapped[str] = mapped_column(String(64))  # 张*
    birth_md: Mapped[str | None] = mapped_column(String(5))  # 'MM-DD', no year
    tier_code: Mapped[str] = mapped_column(ForeignKey("tiers.code"))
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_at: Mapped[datetime | None] = mapped_column(DateTime)
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)  # registered offline here
    hq_points: Mapped[int] = mapped_column(Integer, default=0)  # as HQ last confirmed
    hq_principal_fen: Mapped[int] = mapped_column(Integer, default=0)
    hq_bonus_fen: Mapped[int] = mapped_column(Integer, default=0)
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary)  # member-code Ed25519 key
    created_at: Mapped[datetime] = mapped_column(DateTime)


class MemberCoupon(Base):
    __tablename__ = "member_coupons"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    member_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"), index=True)
    template_id: Mapped[str] = mapped_column(ForeignKey("coupon_templates.id"))
    valid_from: Mapped[datetime | None] = mapped_column(DateTime)
    valid_to: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(8), default="issued")  # issued | used
    used_sale_id: Mapped[str | None] = mapped_column(String(40))


class PointsLotRow(Base):
    __tablename__ = "points_lots"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    earned_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    points: Mapped[int] = mapped_column(Integer)
    remaining: Mapped[int] = mapped_column(Integer, CheckConstraint("remaining >= 0"))
    source: Mapped[str] = mapped_column(String(48), default="")


class PointsEntry(Base):
    """Append-only points ledger: +earned, -spent, reversals, gifts, adjustments, expiry."""

    __tablename__ = "points_ledger"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    delta: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(48), default="")
    synced: Mapped[bool] = mapped_column(Boolean, default=False)  # HQ has it in hq_points
    outbox_seq: Mapped[int | None] = mapped_column(Integer)  # the event that reports it
    __table_args__ = (
        Index("ix_points_ledger_outbox_seq_synced", "outbox_seq", "synced"),
        Index("ix_points_ledger_kind_at", "kind", "at"),
    )


class StoredValueEntry(Base):
    """Append-only stored-value ledger with principal and bonus kept apart."""

    __tablename__ = "stored_value_ledger"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    principal_fen: Mapped[int] = mapped_column(Integer)
    bonus_fen: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(48), default="")
    synced: Mapped[bool] = mapped_column(Boolean, default=False)
    outbox_seq: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (
        Index("ix_stored_value_ledger_outbox_seq_synced", "outbox_seq", "synced"),
        Index("ix_stored_value_ledger_kind_at", "kind", "at"),
    )


class Cashier(Base):
    __tablename__ = "cashiers"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(16))  # cashier|supervisor|manager
    pin_hash: Mapped[str] = mapped_column(String(128))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Shift(Base):
    __tablename__ = "shifts"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    cashier_id: Mapped[str] = mapped_column(ForeignKey("cashiers.id"))
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    float_fen: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    counted_fen: Mapped[int | None] = mapped_column(Integer)
    expected_fen: Mapped[int | None] = mapped_column(Integer)
    z_report: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class CashMovement(Base):
    __tablename__ = "cash_movements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(16))  # in | out | no_sale
    amount_fen: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(128), default="")


class SaleRow(Base):
    __tablename__ = "sales"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(8), default="sale")  # sale | refund
    original_sale_id: Mapped[str | None] = mapped_column(ForeignKey("sales.id"))
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.id"), index=True)
    cashier_id: Mapped[str] = mapped_column(ForeignKey("cashiers.id"))
    approved_by: Mapped[str | None] = mapped_column(String(16))
    member_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    subtotal_fen: Mapped[int] = mapped_column(Integer)
    discount_fen: Mapped[int] = mapped_column(Integer)
    points_offset_fen: Mapped[int] = mapped_column(Integer)
    points_spent: Mapped[int] = mapped_column(Integer)
    rounding_fen: Mapped[int] = mapped_column(Integer)
    payable_fen: Mapped[int] = mapped_column(Integer)  # refunds: money given back
    points_earned: Mapped[int] = mapped_column(Integer)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)  # reductions, coupons, receipt data


class SaleLineRow(Base):
    __tablename__ = "sale_lines"
    id: Mapped[str] = mapped_column(String(48), primary_key=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(128))
    category_id: Mapped[str] = mapped_column(String(32), default="")
    qty: Mapped[int] = mapped_column(Integer)
    unit_price_fen: Mapped[int] = mapped_column(Integer)
    gross_fen: Mapped[int] = mapped_column(Integer)
    net_fen: Mapped[int] = mapped_column(Integer)
    points_offset_fen: Mapped[int] = mapped_column(Integer, default=0)
    points_spent: Mapped[int] = mapped_column(Integer, default=0)
    points_earned: Mapped[int] = mapped_column(Integer, default=0)
    returned_qty: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (CheckConstraint("returned_qty >= 0 AND returned_qty <= qty", name="line_never_returned_twice"),)


class LineReductionRow(Base):
    __tablename__ = "line_reductions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    line_id: Mapped[str] = mapped_column(ForeignKey("sale_lines.id"), index=True)
    source_kind: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(128))
    amount_fen: Mapped[int] = mapped_column(Integer)


class PaymentRow(Base):
    __tablename__ = "payments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    tender: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(Integer)  # negative on a refund
    principal_fen: Mapped[int] = mapped_column(Integer, default=0)
    bonus_fen: Mapped[int] = mapped_column(Integer, default=0)
    reference: Mapped[str] = mapped_column(String(64), default="")
    cash_given_fen: Mapped[int] = mapped_column(Integer, default=0)


class RefundLineRow(Base):
    __tablename__ = "refund_lines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    refund_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    line_id: Mapped[str] = mapped_column(ForeignKey("sale_lines.id"), index=True)
    qty: Mapped[int] = mapped_column(Integer)
    money_fen: Mapped[int] = mapped_column(Integer)
    points_offset_fen: Mapped[int] = mapped_column(Integer)
    points_spent: Mapped[int] = mapped_column(Integer)
    points_earned: Mapped[int] = mapped_column(Integer)


class RefundTenderRow(Base):
    __tablename__ = "refund_tenders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    refund_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    payment_index: Mapped[int] = mapped_column(Integer)
    tender: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(Integer)
    principal_fen: Mapped[int] = mapped_column(Integer, default=0)
    bonus_fen: Mapped[int] = mapped_column(Integer, default=0)


class CouponUse(Base):
    __tablename__ = "coupon_uses"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)  # a code is used once
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"))
    amount_fen: Mapped[int] = mapped_column(Integer)


class SuspendedSale(Base):
    __tablename__ = "suspended_sales"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    cashier_id: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(64))
    cart: Mapped[dict[str, Any]] = mapped_column(JSON)


class OpenCart(Base):
    """The sale in progress, saved after every change so it survives a crash or restart."""

    __tablename__ = "open_cart"
    till_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    cart: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEntry(Base):
    """Append-only, hash-chained: hash = sha256(prev_hash + canonical JSON of the entry)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    cashier_id: Mapped[str] = mapped_column(String(16))
    approved_by: Mapped[str | None] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(32))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class OutboxEvent(Base):
    """Events for HQ, written in the same transaction as what they report."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)  # per-till, 1, 2, 3 ...
    event_id: Mapped[str] = mapped_column(String(36), unique=True)  # UUIDv7
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    acked: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class SyncState(Base):
    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class UsedMemberCode(Base):
    """Replay cache: a member dynamic code used once at this till is refused afterwards."""

    __tablename__ = "used_member_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    used_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class ReceiptJournalRow(Base):
    """Every receipt document the till printed (or tried to), by number: reprinted as a copy
    (重打) after a restart, retried when its print failed. `document` is the layout model as data
    (hardware.receipt.to_data), so a reprint is the same receipt, not one rebuilt later."""

    __tablename__ = "receipt_journal"
    number: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    shift_id: Mapped[str | None] = mapped_column(String(40), index=True)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="queued")  # queued | printed | failed
    error: Mapped[str] = mapped_column(String(200), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    copies: Mapped[int] = mapped_column(Integer, default=0)


class MallOrderRow(Base):
    """A points-mall gift a member redeemed at HQ, to be handed over at a store (the change feed's
    `mall_orders`). `handed_here_at` is this till's own: set when a cashier hands it over here,
    before HQ's feed says so (HQ's rows never carry it, so a pull does not undo it)."""

    __tablename__ = "mall_orders"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(40), index=True)
    item_id: Mapped[str] = mapped_column(String(32))
    item_name: Mapped[str] = mapped_column(String(64))
    points: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))  # pending | handed_over | cancelled (HQ's)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    handed_here_at: Mapped[datetime | None] = mapped_column(DateTime)
    handed_by: Mapped[str | None] = mapped_column(String(40))


__all__ = [name for name in dir() if name[0].isupper()]
_ = UniqueConstraint
