"""The shifts' repository: the open shift, cash movements, and a shift's figures summed by the
database (a day of 5,000 sales is read as a few aggregate rows, not as 20,000 objects). The
report itself is assembled in `pos_app/services/shifts.py`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, case, func, select
from sqlalchemy.orm import Session

from pos_app.domain.tenders import TenderKind

from .models import Cashier, CashMovement, PaymentRow, PointsEntry, SaleLineRow, SaleRow, Shift, StoredValueEntry


@dataclass(frozen=True)
class KindTotals:
    """The sums of one kind of sale row (sale, refund, top_up) in a shift."""

    n: int = 0
    gross: int = 0
    discount: int = 0
    offset: int = 0
    rounding: int = 0
    payable: int = 0
    earned: int = 0
    spent: int = 0
    members: int = 0


@dataclass(frozen=True)
class ShiftFigures:
    by_kind: dict[str, KindTotals]
    by_cashier: dict[str, int]
    cashier_names: dict[str, str]
    by_hour: dict[int, int]
    tenders: dict[str, int]
    stored_value_spent_fen: int
    top_items: list[tuple[str, int]]
    gift_points: int  # points spent on gifts in the shift
    bonus_issued_fen: int  # stored-value bonus given with top-ups
    cash_in_fen: int
    cash_out_fen: int

    def total(self, kind: str, name: str) -> int:
        return getattr(self.by_kind.get(kind, KindTotals()), name)


class Shifts:
    def __init__(self, session: Session):
        self.s = session

    def open_row(self) -> Shift | None:
        """The open shift (the latest, should there ever be two)."""
        return self.s.scalar(select(Shift).where(Shift.closed_at.is_(None)).order_by(Shift.opened_at.desc()))

    def add(self, shift: Shift) -> None:
        self.s.add(shift)

    def add_movement(self, shift_id: str, at: datetime, kind: str, amount_fen: int, note: str) -> None:
        self.s.add(CashMovement(shift_id=shift_id, at=at, kind=kind, amount_fen=amount_fen, note=note))

    def figures(self, shift: Shift, until: datetime) -> ShiftFigures:
        q = self.s.execute
        in_shift = SaleRow.shift_id == shift.id
        by_kind = {
            row.kind: KindTotals(*(int(v or 0) for v in row[1:]))
            for row in q(
                select(
                    SaleRow.kind,
                    func.count(),
                    func.sum(SaleRow.subtotal_fen),
                    func.sum(SaleRow.discount_fen),
                    func.sum(SaleRow.points_offset_fen),
                    func.sum(SaleRow.rounding_fen),
                    func.sum(SaleRow.payable_fen),
                    func.sum(SaleRow.points_earned),
                    func.sum(SaleRow.points_spent),
                    func.sum(case((SaleRow.member_id.is_not(None), SaleRow.payable_fen), else_=0)),
                )
                .where(in_shift)
                .group_by(SaleRow.kind)
            )
        }
        signed = case((SaleRow.kind == "refund", -SaleRow.payable_fen), else_=SaleRow.payable_fen)
        counted_kinds = SaleRow.kind.in_(("sale", "refund"))
        by_cashier = {
            c: int(v)
            for c, v in q(
                select(SaleRow.cashier_id, func.sum(signed)).where(in_shift, counted_kinds).group_by(SaleRow.cashier_id)
            )
        }
        names = (
            dict(q(select(Cashier.id, Cashier.name).where(Cashier.id.in_(list(by_cashier)))).all())
            if by_cashier
            else {}
        )
        hour = func.cast(func.strftime("%H", SaleRow.created_at), Integer)
        by_hour = {
            int(h): int(v)
            for h, v in q(select(hour, func.sum(signed)).where(in_shift, counted_kinds).group_by(hour).order_by(hour))
        }
        paid = select(PaymentRow.tender, func.sum(PaymentRow.amount_fen)).join(
            SaleRow, PaymentRow.sale_id == SaleRow.id
        )
        tenders = {t: int(v) for t, v in q(paid.where(in_shift).group_by(PaymentRow.tender))}
        sv_spent = int(
            q(
                select(func.coalesce(func.sum(PaymentRow.amount_fen), 0))
                .join(SaleRow, PaymentRow.sale_id == SaleRow.id)
                .where(in_shift, SaleRow.kind == "sale", PaymentRow.tender == TenderKind.STORED_VALUE)
            ).scalar_one()
        )
        qty = func.sum(SaleLineRow.qty)
        top_items = [
            (name, int(n))
            for name, n in q(
                select(SaleLineRow.name, qty)
                .join(SaleRow, SaleLineRow.sale_id == SaleRow.id)
                .where(in_shift, SaleRow.kind == "sale")
                .group_by(SaleLineRow.name)
                .order_by(qty.desc(), SaleLineRow.name)
                .limit(8)
            )
        ]
        gifts = -int(
            q(
                select(func.coalesce(func.sum(PointsEntry.delta), 0)).where(
                    PointsEntry.kind == "gift", PointsEntry.at >= shift.opened_at, PointsEntry.at <= until
                )
            ).scalar_one()
        )
        bonus = int(
            q(
                select(func.coalesce(func.sum(StoredValueEntry.bonus_fen), 0)).where(
                    StoredValueEntry.kind == "top_up",
                    StoredValueEntry.at >= shift.opened_at,
                    StoredValueEntry.at <= until,
                )
            ).scalar_one()
        )
        moves = dict(
            q(
                select(CashMovement.kind, func.sum(CashMovement.amount_fen))
                .where(CashMovement.shift_id == shift.id)
                .group_by(CashMovement.kind)
            ).all()
        )
        return ShiftFigures(
            by_kind,
            by_cashier,
            names,
            by_hour,
            tenders,
            sv_spent,
            top_items,
            gifts,
            bonus,
            int(moves.get("in") or 0),
            int(moves.get("out") or 0),
        )
