"""The reconciliation queue: what tills did offline that HQ accepted as fact but a person should
look at (a coupon used twice, points or stored value overdrawn, phones merged). Each item is
resolved once, with a decision and a note, in HQ's audit log; counts by store and kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func, select
from sqlalchemy.sql import ColumnElement

from ..models import Member, ReconciliationDecision, ReconciliationItem, Store, TillRow
from . import audit
from .auth import Conflict, Invalid, NotFound, StaffUser, authorize

if TYPE_CHECKING:
    from ..service import HQ

DECISIONS = ("accept_loss", "recovered", "adjusted", "no_action")
NOTE_MAX = 500
PAGE = 200


@dataclass(frozen=True)
class Item:
    id: int
    kind: str
    store_code: str
    till_code: str
    member_id: str | None
    ref: str
    detail: dict[str, Any]
    created_at: datetime
    resolved: bool
    decision: str = ""
    note: str = ""
    resolved_by: str = ""
    resolved_at: datetime | None = None


def _scoped(q, staff: StaffUser):
    """Items of the staff member's chain (by the till's store, or by the member when no till),
    and of their stores for a store manager."""
    chain: ColumnElement = func.coalesce(Store.chain_id, Member.chain_id)
    q = (
        q.outerjoin(TillRow, TillRow.id == ReconciliationItem.till_id)
        .outerjoin(Store, Store.id == TillRow.store_id)
        .outerjoin(Member, Member.id == ReconciliationItem.member_id)
        .where(chain == staff.chain_id)
    )
    if staff.store_scope is not None:
        q = q.where(Store.code.in_(staff.store_scope))
    return q


def queue(hq: HQ, staff: StaffUser, *, state: str = "open", kind: str = "", store: str = "") -> list[Item]:
    authorize(staff, "reconciliation.view", store or None)
    q = _scoped(
        select(ReconciliationItem, Store.code, TillRow.code, ReconciliationDecision).outerjoin(
            ReconciliationDecision, ReconciliationDecision.item_id == ReconciliationItem.id
        ),
        staff,
    )
    if state == "open":
        q = q.where(ReconciliationItem.resolved.is_(False))
    elif state == "resolved":
        q = q.where(ReconciliationItem.resolved.is_(True))
    if kind:
        q = q.where(ReconciliationItem.kind == kind)
    if store:
        q = q.where(Store.code == store)
    with hq.tx() as s:
        rows = s.execute(q.order_by(ReconciliationItem.id.desc()).limit(PAGE)).all()
        return [
            Item(
                r.id,
                r.kind,
                store_code or "",
                till_code or "",
                r.member_id,
                r.ref,
                dict(r.detail or {}),
                r.created_at,
                r.resolved,
                d.decision if d else "",
                d.note if d else "",
                d.staff_name if d else "",
                d.at if d else None,
            )
            for r, store_code, till_code, d in rows
        ]


def counts(hq: HQ, staff: StaffUser) -> list[tuple[str, str, int, int]]:
    """(store code, kind, open, resolved) for every store and kind with items."""
    authorize(staff, "reconciliation.view")
    q = _scoped(
        select(
            Store.code,
            ReconciliationItem.kind,
            func.sum(case((ReconciliationItem.resolved.is_(False), 1), else_=0)),
            func.sum(case((ReconciliationItem.resolved.is_(True), 1), else_=0)),
        ).select_from(ReconciliationItem),
        staff,
    )
    with hq.tx() as s:
        rows = s.execute(
            q.group_by(Store.code, ReconciliationItem.kind).order_by(Store.code, ReconciliationItem.kind)
        ).all()
        return [(code or "", kind, int(open_ or 0), int(done or 0)) for code, kind, open_, done in rows]


def resolve(hq: HQ, staff: StaffUser, item_id: int, decision: str, note: str, client: str = "") -> None:
    """Resolve one item with a decision and a note; an item is resolved once."""
    note = note.strip()
    if decision not in DECISIONS:
        raise Invalid("reconciliation.bad_decision")
    if not 2 <= len(note) <= NOTE_MAX:
        raise Invalid("reconciliation.note_needed", max=NOTE_MAX)
    with hq.tx() as s:
        row = s.execute(
            _scoped(select(ReconciliationItem, Store.code), staff).where(ReconciliationItem.id == item_id)
        ).first()
        if row is None:
            raise NotFound("reconciliation.not_found")
        item, store_code = row
        authorize(staff, "reconciliation.resolve", store_code)
        item = s.get_one(ReconciliationItem, item_id, with_for_update=True, populate_existing=True)
        if item.resolved:
            raise Conflict("reconciliation.already_resolved")
        item.resolved = True
        now = hq.clock()
        s.add(
            ReconciliationDecision(
                item_id=item.id, decision=decision, note=note, staff_id=staff.id, staff_name=staff.username, at=now
            )
        )
        audit.record(
            s,
            staff.actor(client),
            "reconciliation.resolved",
            f"#{item.id} {item.kind}",
            before={"resolved": False},
            after={"resolved": True, "decision": decision, "note": note},
            now=now,
        )
