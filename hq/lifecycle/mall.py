"""The points mall (issue 18, item 5): gifts and coupons members buy with points.

* **Items** (`mall_items`): a gift (handed over at a store) or a coupon of a template (issued at
  once, inside the template's budget), priced in points, with stock and an optional limit of
  orders per member. Saved from the console (`save_item`, validated, codes `mall.*`).
* **Redeeming** (`redeem`, the member API): in one transaction the member's row is locked, the
  request key looked up (the same key answers the same order: a retried request redeems once), the
  per-member limit counted (under that lock), one unit of stock taken by a conditional UPDATE
  (`stock >= 1`: two redemptions of the last unit at once cannot both pass, on PostgreSQL either),
  the points spent from the oldest usable lots (`LotWork`, ref `mall:<order>`), and the order
  written: a coupon item `issued` with its coupon, a gift `pending`.
* **Pending gifts** reach the tills in the change feed (kind `mall_orders`, the till's row shape);
  a cashier marks one handed over, which the till pushes as `mall_order_handed_over` (once: the
  event's id is unique) and HQ records with the store (`handed_over`, at ingest).
* **Cancelling** a pending order (the member or the console) gives its points back to the lots
  they were taken from, with their original expiry (`LotWork.restore`), and its unit to stock.
  A gift handed over at a till offline after the order was cancelled is a reconciliation item.

Points → coupon exchanges of the chain's offers (hq/lifecycle/coupons.exchange_points) are orders
of kind `exchange`: the same request key makes them idempotent too.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pos_app.domain.errors import DomainError

from ..base import new_id
from ..models import ChangeRow, Member, PointsEntry
from ..models_mall import MallItem, MallOrder
from .program import points_program

ITEM_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
REQUEST_KEY = re.compile(r"^[A-Za-z0-9_.:-]{8,64}$")
KINDS = ("gift", "coupon")
ORDER_COLUMNS = ["id", "member_id", "item_id", "item_name", "points", "status", "created_at"]


class MallError(DomainError):
    """A mall action refused (codes mall.*)."""


# ---- points, from and back to the lots ----------------------------------------------------------
def spend_points(s: Session, chain_id: str, member_id: str, points: int, ref: str, kind: str, now: datetime) -> None:
    """Take `points` from the member's oldest usable lots (the member row locked by the caller);
    MallError `mall.points_short` (nothing written) when they do not cover it."""
    from .lots import LotWork

    work = LotWork(s, points_program(s, chain_id))
    if work.spend(member_id, points, now.date(), ref) < points:
        raise MallError("mall.points_short", points=points)
    _book(s, chain_id, member_id, -points, kind, ref, now, work.flush())


def restore_points(s: Session, chain_id: str, member_id: str, points: int, ref: str, kind: str, now: datetime) -> None:
    """Give back the points the spend `ref` took, to the very lots (their original expiry)."""
    from .lots import LotWork

    work = LotWork(s, points_program(s, chain_id))
    work.restore(member_id, ref, points, now.date(), kind)
    _book(s, chain_id, member_id, points, kind, ref, now, work.flush())


def _book(
    s: Session, chain_id: str, member_id: str, delta: int, kind: str, ref: str, now: datetime, lots: list[str]
) -> None:
    s.add(PointsEntry(member_id=member_id, delta=delta, kind=kind, ref=ref[:48], event_id=None, at=now))
    s.execute(update(Member).where(Member.id == member_id).values(points=Member.points + delta))
    s.flush()
    s.add_all([ChangeRow(chain_id=chain_id, store_code="", kind="points_lots", key=lot) for lot in lots])
    s.add(ChangeRow(chain_id=chain_id, store_code="", kind="members", key=member_id))


def locked_member(s: Session, chain_id: str, member_id: str) -> Member:
    member = s.scalar(select(Member).where(Member.id == member_id, Member.chain_id == chain_id).with_for_update())
    if member is None:
        raise MallError("mall.unknown_member")
    return member


def earlier_order(s: Session, member_id: str, request_key: str) -> MallOrder | None:
    """The order a request key already made (the member's row locked: two retries meet here)."""
    if not REQUEST_KEY.match(request_key or ""):
        raise MallError("mall.request_key_invalid")
    return s.scalar(select(MallOrder).where(MallOrder.member_id == member_id, MallOrder.request_key == request_key))


# ---- items ----------------------------------------------------------------------------------------
def _whole(value, low: int, high: int, code: str) -> int:
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise MallError(code, low=low, high=high)
    return value


def save_item(hq, chain_id: str, data: dict) -> dict:
    """Create or change an item (id, kind, name, points, stock, per_member_limit, coupon_template,
    valid_days, active); every field checked, MallError naming the first that is wrong."""
    from ..models import CatalogueRow

    item_id = str(data.get("id") or "").strip()
    if not ITEM_ID.match(item_id):
        raise MallError("mall.item_id_invalid")
    kind = data.get("kind")
    if kind not in KINDS:
        raise MallError("mall.kind_invalid")
    name = str(data.get("name") or "").strip()
    if not 1 <= len(name) <= 64:
        raise MallError("mall.name_invalid")
    points = _whole(data.get("points"), 1, 10_000_000, "mall.points_invalid")
    stock = _whole(data.get("stock"), 0, 10_000_000, "mall.stock_invalid")
    limit = _whole(data.get("per_member_limit", 0) or 0, 0, 1000, "mall.limit_invalid")
    valid_days = _whole(data.get("valid_days", 30) or 30, 1, 3660, "mall.valid_days_invalid")
    template = str(data.get("coupon_template") or "").strip() or None
    active = data.get("active", True) not in (False, "0", "false", "off", "")
    with hq.tx() as s:
        if kind == "coupon":
            if template is None or s.get(CatalogueRow, (chain_id, "coupon_templates", template, "")) is None:
                raise MallError("mall.template_unknown")
        else:
            template = None
        item = s.get(MallItem, item_id, with_for_update=True)
        if item is not None and item.chain_id != chain_id:
            raise MallError("mall.item_id_taken")
        if item is None:
            item = MallItem(id=item_id, chain_id=chain_id, created_at=hq.clock())
            s.add(item)
        item.kind, item.name, item.points, item.stock = kind, name, points, stock
        item.per_member_limit, item.coupon_template, item.valid_days, item.active = limit, template, valid_days, active
        s.flush()
        return item_dict(item)


def item_dict(item: MallItem) -> dict:
    return {
        "id": item.id,
        "kind": item.kind,
        "name": item.name,
        "points": item.points,
        "stock": item.stock,
        "per_member_limit": item.per_member_limit,
        "coupon_template": item.coupon_template,
        "valid_days": item.valid_days,
        "active": item.active,
    }


def items(hq, chain_id: str, active_only: bool = False) -> list[dict]:
    with hq.tx() as s:
        q = select(MallItem).where(MallItem.chain_id == chain_id)
        if active_only:
            q = q.where(MallItem.active.is_(True))
        return [item_dict(i) for i in s.scalars(q.order_by(MallItem.points, MallItem.id))]


# ---- orders ---------------------------------------------------------------------------------------
def order_dict(o: MallOrder) -> dict:
    return {
        "id": o.id,
        "kind": o.kind,
        "item_id": o.item_id,
        "item_name": o.item_name,
        "points": o.points,
        "status": o.status,
        "coupon_code": o.coupon_code,
        "store_code": o.store_code,
        "created_at": o.created_at.isoformat(),
        "closed_at": o.closed_at.isoformat() if o.closed_at else None,
    }


def till_row(o: MallOrder) -> dict:
    """The order in the till's `mall_orders` row shape (the change feed and the snapshot)."""
    return {
        "id": o.id,
        "member_id": o.member_id,
        "item_id": o.item_id,
        "item_name": o.item_name,
        "points": o.points,
        "status": o.status,
        "created_at": o.created_at.isoformat(),
    }


def redeem(hq, chain_id: str, member_id: str, item_id: str, request_key: str) -> dict:
    """One unit of the item for the member's points (see the module docstring); the order. The
    same request key answers the order it made the first time, whatever happened since."""
    from .coupons import _issue

    now = hq.clock()
    with hq.tx() as s:
        locked_member(s, chain_id, member_id)
        before = earlier_order(s, member_id, request_key)
        if before is not None:
            return order_dict(before)
        item = s.get(MallItem, item_id)
        if item is None or item.chain_id != chain_id or not item.active:
            raise MallError("mall.item_unknown")
        if item.per_member_limit:
            had = s.scalar(
                select(func.count())
                .select_from(MallOrder)
                .where(MallOrder.member_id == member_id, MallOrder.item_id == item.id, MallOrder.status != "cancelled")
            )
            if had >= item.per_member_limit:
                raise MallError("mall.limit_reached", item=item.name, limit=item.per_member_limit)
        taken = s.execute(
            update(MallItem).where(MallItem.id == item.id, MallItem.stock >= 1).values(stock=MallItem.stock - 1)
        ).rowcount
        if taken != 1:
            raise MallError("mall.out_of_stock", item=item.name)
        order = MallOrder(
            id=new_id(),
            chain_id=chain_id,
            member_id=member_id,
            kind=item.kind,
            item_id=item.id,
            item_name=item.name,
            points=item.points,
            status="pending",
            coupon_code=None,
            request_key=request_key,
            store_code="",
            till_id=None,
            created_at=now,
            closed_at=None,
            closed_by="",
        )
        spend_points(s, chain_id, member_id, item.points, f"mall:{order.id}", "mall", now)
        if item.kind == "coupon":
            (order.coupon_code,) = _issue(s, chain_id, item.coupon_template, [member_id], item.valid_days, now)
            order.status, order.closed_at = "issued", now
        s.add(order)
        s.flush()
        if item.kind == "gift":
            s.add(ChangeRow(chain_id=chain_id, store_code="", kind="mall_orders", key=order.id))
        return order_dict(order)


def cancel(hq, chain_id: str, order_id: str, by: str, member_id: str | None = None) -> dict:
    """Cancel a pending order: its points back to their lots, its unit back to stock. `member_id`
    (the member app) must be the order's member."""
    now = hq.clock()
    with hq.tx() as s:
        order = s.get(MallOrder, order_id)
        if order is None or order.chain_id != chain_id or (member_id is not None and order.member_id != member_id):
            raise MallError("mall.order_unknown")
        locked_member(s, chain_id, order.member_id)
        s.refresh(order, with_for_update=True)
        if order.status != "pending":
            raise MallError("mall.order_not_pending")
        order.status, order.closed_at, order.closed_by = "cancelled", now, by[:64]
        restore_points(s, chain_id, order.member_id, order.points, f"mall:{order.id}", "mall_cancel", now)
        s.execute(update(MallItem).where(MallItem.id == order.item_id).values(stock=MallItem.stock + 1))
        s.add(ChangeRow(chain_id=chain_id, store_code="", kind="mall_orders", key=order.id))
        return order_dict(order)


def orders(
    hq, chain_id: str, *, member_id: str | None = None, status: str | None = None, limit: int = 200
) -> list[dict]:
    with hq.tx() as s:
        q = select(MallOrder).where(MallOrder.chain_id == chain_id)
        if member_id:
            q = q.where(MallOrder.member_id == member_id)
        if status:
            q = q.where(MallOrder.status == status)
        return [
            order_dict(o) | {"member_id": o.member_id}
            for o in s.scalars(q.order_by(MallOrder.created_at.desc(), MallOrder.id).limit(limit))
        ]


def handed_over_at_till(batch, p) -> None:
    """Ingest of `mall_order_handed_over` (hq/ingest.py's batch, in its transaction): the order is
    handed over at the till's store; one cancelled meanwhile is a reconciliation item."""
    from ..models import Store, TillRow

    order = batch.s.get(MallOrder, p.order_id, with_for_update=True)
    if order is None or order.chain_id != batch.chain_id:
        batch.reconcile("mall_order_unknown", None, p.order_id[:48])
        return
    if order.status == "pending":
        store = batch.s.scalar(
            select(Store.code).join(TillRow, TillRow.store_id == Store.id).where(TillRow.id == batch.till_id)
        )
        order.status, order.store_code, order.till_id = "handed_over", store or "", batch.till_id
        order.closed_at, order.closed_by = batch.ev.at, f"till:{str(p.cashier_id or '')[:58]}"
    elif order.status == "cancelled":
        batch.reconcile("mall_handed_after_cancel", batch.member(order.member_id), order.id, points=order.points)
    elif order.till_id != batch.till_id:  # two offline tills handed the same gift over
        batch.reconcile("mall_handed_twice", batch.member(order.member_id), order.id, store=order.store_code)
    batch.changed("mall_orders", order.id)


# ---- points → coupon exchange offers (the chain's lifecycle setting `points_exchange`) -----------
def exchange_offers(hq, chain_id: str) -> list[dict]:
    """The chain's points → coupon offers, in the order they are shown to members."""
    from .program import lifecycle_settings

    with hq.tx() as s:
        return [dict(o) for o in lifecycle_settings(s, chain_id).get("points_exchange") or []]


def save_exchange_offer(hq, chain_id: str, data: dict) -> tuple[dict, dict | None]:
    """Add or change one offer (id, name, points, coupon_template, valid_days), every field checked
    like a mall item's (MallError naming the first that is wrong); (the offer saved, what it was)."""
    offer_id = str(data.get("id") or "").strip()
    if not ITEM_ID.match(offer_id):
        raise MallError("mall.item_id_invalid")
    name = str(data.get("name") or "").strip()
    if not 1 <= len(name) <= 64:
        raise MallError("mall.name_invalid")
    offer = {
        "id": offer_id,
        "name": name,
        "points": _whole(data.get("points"), 1, 10_000_000, "mall.points_invalid"),
        "coupon_template": str(data.get("coupon_template") or "").strip(),
        "valid_days": _whole(data.get("valid_days", 30) or 30, 1, 3660, "mall.valid_days_invalid"),
    }

    def change(s: Session, offers: list[dict]) -> dict | None:
        from ..models import CatalogueRow

        if s.get(CatalogueRow, (chain_id, "coupon_templates", offer["coupon_template"], "")) is None:
            raise MallError("mall.template_unknown")
        before = next((o for o in offers if o.get("id") == offer_id), None)
        if before is None:
            offers.append(offer)
        else:
            offers[offers.index(before)] = offer
        return before

    return offer, _change_offers(hq, chain_id, change)


def remove_exchange_offer(hq, chain_id: str, offer_id: str) -> dict:
    """Withdraw an offer (coupons already bought with it stay the members'); the offer removed."""

    def change(s: Session, offers: list[dict]) -> dict:
        before = next((o for o in offers if o.get("id") == offer_id), None)
        if before is None:
            raise MallError("mall.item_unknown")
        offers.remove(before)
        return before

    return _change_offers(hq, chain_id, change)


def _change_offers(hq, chain_id: str, change):
    """Apply `change(session, offers)` to the stored offers under the setting's row lock."""
    from .program import store_lifecycle_settings, stored_lifecycle_settings

    with hq.tx() as s:
        stored = stored_lifecycle_settings(s, chain_id)
        offers = [dict(o) for o in stored.get("points_exchange") or []]
        result = change(s, offers)
        store_lifecycle_settings(s, chain_id, dict(stored, points_exchange=offers))
        return result
