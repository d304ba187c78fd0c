"""The returns' repository: what a refund reads of a sale and writes for it (issue 21: no session
outside pos_app/store). Used by `pos_app/services/refunds.py` inside its unit of work."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .models import (
    Cashier,
    CouponUse,
    MemberCoupon,
    OutboxEvent,
    PaymentRow,
    PointsLotRow,
    Product,
    RefundLineRow,
    RefundTenderRow,
    SaleLineRow,
    SaleRow,
)


class Returns:
    def __init__(self, session: Session):
        self.s = session

    # ---- reading a sale and its refunds
    def sale(self, sale_id: str) -> SaleRow | None:
        return self.s.get(SaleRow, sale_id)

    def payments(self, sale_id: str) -> list[PaymentRow]:
        return list(self.s.scalars(select(PaymentRow).where(PaymentRow.sale_id == sale_id).order_by(PaymentRow.id)))

    def coupons_used(self, sale_id: str) -> tuple[str, ...]:
        return tuple(self.s.scalars(select(CouponUse.code).where(CouponUse.sale_id == sale_id)))

    def refund_lines(self, refund_id: str) -> list[RefundLineRow]:
        return list(self.s.scalars(select(RefundLineRow).where(RefundLineRow.refund_id == refund_id)))

    def refund_tenders(self, refund_id: str) -> list[RefundTenderRow]:
        return list(self.s.scalars(select(RefundTenderRow).where(RefundTenderRow.refund_id == refund_id)))

    def product_names(self, product_ids: Iterable[str]) -> dict[str, str]:
        return {p.id: p.name for p in self.s.scalars(select(Product).where(Product.id.in_(list(product_ids))))}

    def any_cashier_id(self) -> str | None:
        return self.s.scalar(select(Cashier.id).limit(1))

    def sale_event(self, sale_id: str) -> dict[str, Any] | None:
        """The payload of the sale's outbox event (older sales kept their points lots there only)."""
        return self.s.scalar(
            select(OutboxEvent.payload).where(
                OutboxEvent.kind == "sale", OutboxEvent.payload["sale_id"].as_string() == sale_id
            )
        )

    def member_lots(self, member_id: str) -> list[PointsLotRow]:
        """The member's lots, oldest first, as session objects a refund changes in place
        (`Ledgers.lots` reads plain rows for the sale's statement-level takes)."""
        return list(
            self.s.scalars(
                select(PointsLotRow)
                .where(PointsLotRow.member_id == member_id)
                .order_by(PointsLotRow.earned_on, PointsLotRow.id)
            )
        )

    # ---- writing
    def add_sale(self, row: SaleRow, lines: Iterable[SaleLineRow] = ()) -> None:
        """A sale-like row (a refund, or a sale of another till copied here) and its lines."""
        self.s.add(row)
        self.s.flush()
        self.s.add_all(list(lines))
        self.s.flush()

    def add_refund_line(
        self,
        refund_id: str,
        line_id: str,
        qty: int,
        money_fen: int,
        points_offset_fen: int,
        points_spent: int,
        points_earned: int,
    ) -> None:
        self.s.add(
            RefundLineRow(
                refund_id=refund_id,
                line_id=line_id,
                qty=qty,
                money_fen=money_fen,
                points_offset_fen=points_offset_fen,
                points_spent=points_spent,
                points_earned=points_earned,
            )
        )

    def add_refund_tender(
        self,
        refund_id: str,
        payment_index: int,
        tender: str,
        amount_fen: int,
        principal_fen: int,
        bonus_fen: int,
        reference: str,
    ) -> None:
        """The tender refunded, and the negative payment the shift reports count."""
        self.s.add(
            RefundTenderRow(
                refund_id=refund_id,
                payment_index=payment_index,
                tender=tender,
                amount_fen=amount_fen,
                principal_fen=principal_fen,
                bonus_fen=bonus_fen,
            )
        )
        self.s.add(
            PaymentRow(
                sale_id=refund_id,
                tender=tender,
                amount_fen=-amount_fen,
                principal_fen=-principal_fen,
                bonus_fen=-bonus_fen,
                reference=reference,
            )
        )

    def restore_coupon(self, code: str) -> None:
        """A coupon the sale used is usable again."""
        coupon = self.s.get(MemberCoupon, code)
        if coupon is not None:
            coupon.status, coupon.used_sale_id = "issued", None
        self.s.execute(delete(CouponUse).where(CouponUse.code == code))

    def flush(self) -> None:
        self.s.flush()

    def discard(self) -> None:
        """Throw away everything written in this unit of work (a plan made on a scratch copy)."""
        self.s.rollback()
