"""The console home page's figures: members, stores, tills and open reconciliation items of a
chain (a store manager: of their stores)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from ..models import Member, Store, TillRow
from . import reconciliation
from .auth import StaffUser, authorize

if TYPE_CHECKING:
    from ..service import HQ


@dataclass(frozen=True)
class Overview:
    members: int
    stores: int
    tills: int
    open_items: int | None  # None: not this person's to see
    by_kind: list[tuple[str, int]]


def overview(hq: HQ, staff: StaffUser) -> Overview:
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
    if not staff.can("reconciliation.view"):
        return Overview(int(members), len(stores), int(tills), None, [])
    open_by_kind: dict[str, int] = {}
    for _store, kind, open_items, _done in reconciliation.counts(hq, staff):
        open_by_kind[kind] = open_by_kind.get(kind, 0) + open_items
    by_kind = [(k, n) for k, n in sorted(open_by_kind.items()) if n]
    return Overview(int(members), len(stores), int(tills), sum(n for _, n in by_kind), by_kind)
