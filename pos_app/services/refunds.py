"""Returns by receipt number: partial or full, with a manager's approval, reversed exactly.

The domain's `plan_refund` works out the money per tender, points to give back and to take
back, and coupons to restore; this service writes it in one transaction. A sale line's
`returned_qty` can never exceed its quantity (a CHECK constraint backs the domain's rule), so a
line is never returned twice, even by two tills racing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from pos_app.domain import Payment, RefundError, RefundPlan, SaleRecord, plan_refund
from pos_app.domain.points import expiry_for
from pos_app.domain.refunds import ReturnedLine, SoldLine, TenderRefund
from pos_app.store.ids import new_id
from pos_app.store.models import (CouponUse, MemberCoupon, PaymentRow, PointsLotRow, RefundLineRow,
                                  RefundTenderRow, SaleLineRow, SaleRow)

from .auth import CashierInfo, authorize
from .errors import InvalidInput, NotFound
from .members import MemberView, member_view
from .shifts import open_shift_row
from .till import Till


@dataclass(frozen=True)
class ReturnableLine:
    line_id: str
    name: str
    qty: int
    qty_left: int
    paid_fen: int


@dataclass(frozen=True)
class SaleForReturn:
    sale_id: str
    receipt_no: str
    at: datetime
    member_id: str | None
    lines: tuple[ReturnableLine, ...]


@dataclass(frozen=True)
class RefundResult:
    refund_id: str
    receipt_no: str
    original_receipt_no: str
    at: datetime
    plan: RefundPlan
    lines: tuple[tuple[str, int, int], ...]      # (name, qty, money fen)
    member: MemberView | None
    approved_by: str

    @property
    def opens_drawer(self) -> bool:
        return any(t.tender == "cash" for t in self.plan.tenders)


def _record(uow, sale: SaleRow) -> tuple[SaleRecord, list[RefundPlan], list[SaleLineRow]]:
    lines = uow.sales.lines(sale.id)
    payments = list(uow.session.scalars(select(PaymentRow).where(PaymentRow.sale_id == sale.id)
                                        .order_by(PaymentRow.id)))
    coupons = tuple(uow.session.scalars(select(CouponUse.code).where(CouponUse.sale_id == sale.id)))
    record = SaleRecord(sale.id, tuple(SoldLine(l.id, l.qty, l.net_fen, l.points_offset_fen, l.points_spent,
                                                l.points_earned) for l in lines),
                        tuple(Payment(p.tender, p.amount_fen, p.principal_fen, p.bonus_fen, p.reference)
                              for p in payments), coupons)
    earlier = []
    for r in uow.sales.refunds_of(sale.id):
        rl = uow.session.scalars(select(RefundLineRow).where(RefundLineRow.refund_id == r.id)).all()
        rt = uow.session.scalars(select(RefundTenderRow).where(RefundTenderRow.refund_id == r.id)).all()
        earlier.append(RefundPlan(sale.id, tuple(ReturnedLine(x.line_id, x.qty, x.money_fen, x.points_offset_fen,
                                                              x.points_spent, x.points_earned) for x in rl),
                                  tuple(TenderRefund(t.payment_index, t.tender, t.amount_fen, t.principal_fen,
                                                     t.bonus_fen) for t in rt), (), False))
    return record, earlier, lines


def _sale(uow, receipt_no: str) -> SaleRow:
    sale = uow.sales.by_receipt_no(receipt_no.strip().upper())
    if sale is None or sale.kind != "sale":
        raise NotFound(f"No sale with receipt number {receipt_no.strip()[:32]}")
    return sale


def find_sale(till: Till, receipt_no: str) -> SaleForReturn:
    """The sale and what is left to return on each line."""
    with till.uow() as uow:
        sale = _sale(uow, receipt_no)
        lines = uow.sales.lines(sale.id)
        return SaleForReturn(sale.id, sale.receipt_no, sale.created_at, sale.member_id,
                             tuple(ReturnableLine(l.id, l.name, l.qty, l.qty - l.returned_qty, l.net_fen)
                                   for l in lines))


def refund(till: Till, cashier: CashierInfo, receipt_no: str, returns: dict[str, int],
           approver_pin: str | None) -> RefundResult:
    """Return `returns` ({line id: units}) of the sale; needs a refund permission or approval."""
    approver = authorize(till, cashier, "refund", approver_pin)
    now = till.now()
    with till.uow() as uow:
        shift = open_shift_row(uow)
        sale = _sale(uow, receipt_no)
        record, earlier, lines = _record(uow, sale)
        try:
            plan = plan_refund(record, returns, earlier)
        except RefundError as error:
            raise InvalidInput(str(error)) from None
        refund_id = new_id()
        refund_no = uow.sales.next_receipt_no(till.store.till_code, now.date())
        uow.session.add(SaleRow(
            id=refund_id, receipt_no=refund_no, kind="refund", original_sale_id=sale.id, shift_id=shift.id,
            cashier_id=cashier.id, approved_by=approver.id, member_id=sale.member_id, created_at=now,
            subtotal_fen=0, discount_fen=0, points_offset_fen=sum(l.points_offset_fen for l in plan.lines),
            points_spent=plan.points_restored, rounding_fen=0, payable_fen=plan.money_fen,
            points_earned=plan.points_reversed, details={"original_receipt_no": sale.receipt_no,
                                                         "coupons_restored": list(plan.coupons_restored)}))
        uow.session.flush()
        by_id = {l.id: l for l in lines}
        for r in plan.lines:
            line = by_id[r.line_id]
            line.returned_qty += r.qty
            uow.session.add(RefundLineRow(refund_id=refund_id, line_id=r.line_id, qty=r.qty, money_fen=r.money_fen,
                                          points_offset_fen=r.points_offset_fen, points_spent=r.points_spent,
                                          points_earned=r.points_earned))
        for t in plan.tenders:
            uow.session.add(RefundTenderRow(refund_id=refund_id, payment_index=t.payment_index, tender=t.tender,
                                            amount_fen=t.amount_fen, principal_fen=t.principal_fen,
                                            bonus_fen=t.bonus_fen))
            uow.session.add(PaymentRow(sale_id=refund_id, tender=t.tender, amount_fen=-t.amount_fen,
                                       principal_fen=-t.principal_fen, bonus_fen=-t.bonus_fen, reference=t.reference))
            if t.tender == "stored_value":
                uow.ledgers.add_stored_value(sale.member_id, now, t.principal_fen, t.bonus_fen, "refund", refund_no)
        member = None
        restored_lot_id = None                # HQ restores the spent lots themselves; tills drop this one then
        if sale.member_id:
            if plan.points_restored:
                restored_lot_id = uow.ledgers.add_lot(sale.member_id, sale.created_at.date(),
                                                      expiry_for(till.rules.program, sale.created_at.date()),
                                                      plan.points_restored, refund_no)
                uow.ledgers.add_points(sale.member_id, now, plan.points_restored, "refund_spend", refund_no)
            if plan.points_reversed:
                _take_back_earned(uow, sale, plan.points_reversed)
                uow.ledgers.add_points(sale.member_id, now, -plan.points_reversed, "refund_earn", refund_no)
            member_row = uow.members.by_id(sale.member_id)
        for code in plan.coupons_restored:
            coupon = uow.session.get(MemberCoupon, code)
            if coupon is not None:
                coupon.status, coupon.used_sale_id = "issued", None
            uow.session.execute(delete(CouponUse).where(CouponUse.code == code))
        uow.audit.append("refund", cashier.id, now, {"receipt_no": sale.receipt_no, "refund_no": refund_no,
                                                     "returns": returns, "money_fen": plan.money_fen},
                         approver.id)
        uow.outbox.append("refund", {
            "refund_id": refund_id, "receipt_no": refund_no, "sale_id": sale.id, "member_id": sale.member_id,
            "lines": [{"line_no": by_id[r.line_id].line_no, "product_id": by_id[r.line_id].product_id,
                       "qty": r.qty, "money_fen": r.money_fen, "points_spent": r.points_spent,
                       "points_earned": r.points_earned} for r in plan.lines],
            "tenders": [{"tender": t.tender, "amount_fen": t.amount_fen, "principal_fen": t.principal_fen,
                         "bonus_fen": t.bonus_fen} for t in plan.tenders],
            "points_restored": plan.points_restored, "points_reversed": plan.points_reversed,
            "coupons_restored": list(plan.coupons_restored), "approved_by": approver.id,
            "lot_id": restored_lot_id}, now)
        uow.session.flush()
        if sale.member_id:
            member = member_view(till, uow, member_row)
        result_lines = tuple((by_id[r.line_id].name, r.qty, r.money_fen) for r in plan.lines)
        uow.commit()
    return RefundResult(refund_id, refund_no, sale.receipt_no, now, plan, result_lines, member, approver.name)


def _take_back_earned(uow, sale: SaleRow, points: int) -> None:
    """Take reversed points from the lot the sale created first, then the oldest lots.

    If the member already spent them, the ledger entry still takes them back (the balance may go
    below zero: a debt HQ shows), so no point is ever created by a return.
    """
    left = points
    lots = list(uow.session.scalars(select(PointsLotRow).where(PointsLotRow.member_id == sale.member_id)
                                    .order_by(PointsLotRow.earned_on, PointsLotRow.id)))
    lots.sort(key=lambda l: l.source != sale.receipt_no)
    for lot in lots:
        take = min(lot.remaining, left)
        lot.remaining -= take
        left -= take
        if not left:
            break
