"""The points-mall orders' repository: the gifts HQ's feed brought here to be handed over at the
counter (`pos_app/services/mall.py` uses it inside its unit of work; issue 21: no session outside
pos_app/store)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import MallOrderRow


def _pending(member_id: str):
    return select(MallOrderRow).where(
        MallOrderRow.member_id == member_id, MallOrderRow.status == "pending", MallOrderRow.handed_here_at.is_(None)
    )


class MallOrders:
    def __init__(self, session: Session):
        self.s = session

    def pending_count(self, member_id: str) -> int:
        """How many of the member's orders wait here (not handed over here yet, still pending)."""
        return int(self.s.scalar(select(func.count()).select_from(_pending(member_id).subquery())) or 0)

    def pending(self, member_id: str) -> list[MallOrderRow]:
        """The member's orders waiting here, oldest first."""
        return list(self.s.scalars(_pending(member_id).order_by(MallOrderRow.created_at, MallOrderRow.id)))

    def by_id(self, order_id: str) -> MallOrderRow | None:
        return self.s.get(MallOrderRow, order_id)
