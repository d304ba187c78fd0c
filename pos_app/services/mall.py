"""Points-mall orders at the counter (issue 18, item 5). A member redeems a gift for points in the
member app (at HQ, online: stock, limits and points are HQ's); HQ's change feed brings the pending
order to every till (`mall_orders`). Once the member is attached, the till lists their pending
orders and the cashier marks one handed over: the row is marked here at once (a second hand-over
at this till is refused, even offline) and the outbox carries `mall_order_handed_over` to HQ,
which records it once (the event's id is unique) and tells the other tills through the feed.
No points move at the till: HQ took them when the order was made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pos_app.store.models import MallOrderRow

from .auth import CashierInfo
from .errors import InvalidInput, NotFound, PermissionDenied
from .till import Till


@dataclass(frozen=True)
class MallOrderView:
    id: str
    item_name: str
    points: int
    created_at: datetime


def _view(row: MallOrderRow) -> MallOrderView:
    return MallOrderView(row.id, row.item_name, row.points, row.created_at)


def pending_count(uow, member_id: str) -> int:
    """How many of the member's gift orders wait here (the member panel shows it)."""
    return uow.mall.pending_count(member_id)


def pending_orders(till: Till, member_id: str) -> list[MallOrderView]:
    """The member's gift orders waiting to be handed over (oldest first), as this till knows them."""
    with till.uow(durable=False) as uow:
        return [_view(r) for r in uow.mall.pending(member_id)]


def hand_over(till: Till, cashier: CashierInfo, member_id: str, order_id: str) -> MallOrderView:
    """Mark the member's pending order handed over here (works offline); refused cleanly when it
    is not theirs, not pending (cancelled, handed over elsewhere) or handed over here already."""
    if not cashier.may("redeem_gift"):
        raise PermissionDenied("auth.approval_needed")
    now = till.now()
    with till.uow() as uow:
        row = uow.mall.by_id(order_id)
        if row is None or row.member_id != member_id:
            raise NotFound("mall.order_unknown")
        if row.handed_here_at is not None:
            raise InvalidInput("mall.order_handed_here")
        if row.status != "pending":
            raise InvalidInput("mall.order_not_pending")
        row.handed_here_at, row.handed_by = now, cashier.id
        uow.audit.append(
            "mall_hand_over", cashier.id, now, {"member_id": member_id, "order": order_id, "item": row.item_id}
        )
        uow.outbox.append(
            "mall_order_handed_over", {"order_id": order_id, "member_id": member_id, "cashier_id": cashier.id}, now
        )
        view = _view(row)
        uow.commit()
    return view
