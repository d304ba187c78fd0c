"""The points mall's tables (issue 18, item 5): items members buy with points (a gift handed over
at a store, or a coupon of a template) and the orders that record each redemption. Points →
coupon exchanges of the chain's offers are orders too (kind `exchange`), so every redemption is
idempotent by the same unique (member, request key)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, Id


class MallItem(Base):
    """A gift or a coupon of a template, priced in points, with stock left (never below 0) and an
    optional limit of orders per member (0: none)."""

    __tablename__ = "mall_items"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    chain_id: Mapped[str] = mapped_column(ForeignKey("chains.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # gift | coupon
    name: Mapped[str] = mapped_column(String(64))
    points: Mapped[int] = mapped_column(Integer)
    coupon_template: Mapped[str | None] = mapped_column(String(32))
    valid_days: Mapped[int] = mapped_column(Integer, default=30)  # a coupon item's validity
    stock: Mapped[int] = mapped_column(Integer)
    per_member_limit: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (
        CheckConstraint("stock >= 0 AND points > 0 AND per_member_limit >= 0", name="ck_mall_items_amounts"),
    )


class MallOrder(Base):
    """One redemption: a gift (pending until handed over at a store, or cancelled with its points
    back to the lots they came from), a mall coupon or an exchange (issued at once)."""

    __tablename__ = "mall_orders"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    chain_id: Mapped[str] = mapped_column(String(40))
    member_id: Mapped[str] = mapped_column(Id)
    kind: Mapped[str] = mapped_column(String(8))  # gift | coupon | exchange
    item_id: Mapped[str] = mapped_column(String(32))  # a mall item, or an exchange offer
    item_name: Mapped[str] = mapped_column(String(64))
    points: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))  # pending | handed_over | cancelled | issued
    coupon_code: Mapped[str | None] = mapped_column(String(32))
    request_key: Mapped[str] = mapped_column(String(64))
    store_code: Mapped[str] = mapped_column(String(16), default="")  # handed over at
    till_id: Mapped[str | None] = mapped_column(Id)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_by: Mapped[str] = mapped_column(String(64), default="")  # a till's cashier, a staff user, the member
    __table_args__ = (
        UniqueConstraint("member_id", "request_key", name="uq_mall_orders_member_request"),
        Index("ix_mall_orders_member_item", "member_id", "item_id"),
        Index("ix_mall_orders_chain_status", "chain_id", "status", "created_at"),
    )
