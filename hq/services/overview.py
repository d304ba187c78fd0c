"""The console home page's figures: members, stores, tills and open reconciliation items of a
chain (a store manager: of their stores)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from ..models import Member, ReconciliationItem, Store, TillRow
from .auth import StaffUser, authorize

if TYPE_CHECKING:
    from ..service import HQ


@dataclass(frozen=True)
class Overview:
    members: int
    stores: int
    tills: int
    open_items: int
    by_kind: list[tuple[str, int]]


def overview(hq: "HQ", staff: StaffUser) -> Overview:
    authorize(staff, "console.view")
    scope = staff.store_scope
    with hq.tx() as s:
        members = s.scalar(select(func.count()).select_from(Member).where(Member.chain_id == staff.chain_id)) or 0
        stores_q = select(Store.id, Store.code).where(Store.chain_id == staff.chain_id)
        if scope is not None:
            stores_q = stores_q.where(Store.code.in_(scope))
        stores = list(s.execute(stores_q))
        store_ids = [r.id for r in stores]
        tills = s.scalar(select(func.count()).select_from(TillRow).where(TillRow.store_id.in_(store_ids))) or 0
        till_ids = select(TillRow.id).where(TillRow.store_id.in_(store_ids))
        kinds = list(s.execute(select(ReconciliationItem.kind, func.count())
                               .where(ReconciliationItem.resolved.is_(False),
                                      ReconciliationItem.till_id.in_(till_ids))
                               .group_by(ReconciliationItem.kind).order_by(ReconciliationItem.kind)))
        by_kind = [(k, int(n)) for k, n in kinds]
        return Overview(int(members), len(stores), int(tills), sum(n for _, n in by_kind), by_kind)
