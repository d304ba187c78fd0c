"""Shifts: open with a float, cash in/out, X report (so far) and close with counted cash (Z).

Reports are computed from the ledgers (sales, payments, refunds, cash movements, points and
stored-value entries) — never from running totals — so they always agree with the data.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy import select

from pos_app.store.ids import new_id
from pos_app.store.models import CashMovement, PaymentRow, PointsEntry, SaleRow, Shift

from .auth import CashierInfo
from .errors import InvalidInput, ServiceError
from .till import Till


class NoOpenShift(ServiceError):
    pass


def open_shift_row(uow) -> Shift:
    shift = uow.session.scalar(select(Shift).where(Shift.closed_at.is_(None)).order_by(Shift.opened_at.desc()))
    if shift is None:
        raise NoOpenShift("Open a shift first")
    return shift


def current_shift(till: Till) -> Shift | None:
    with till.uow() as uow:
        try:
            return open_shift_row(uow)
        except NoOpenShift:
            return None


def open_shift(till: Till, cashier: CashierInfo, float_fen: int) -> Shift:
    if not isinstance(float_fen, int) or not 0 <= float_fen <= 1_000_000:
        raise InvalidInput("The opening float is between 0 and 10000.00 yuan")
    now = till.now()
    with till.uow() as uow:
        if uow.session.scalar(select(Shift).where(Shift.closed_at.is_(None))):
            raise InvalidInput("A shift is already open")
        shift = Shift(id=new_id(), cashier_id=cashier.id, opened_at=now, float_fen=float_fen)
        uow.session.add(shift)
        uow.audit.append("shift_open", cashier.id, now, {"shift_id": shift.id, "float_fen": float_fen})
        uow.commit()
    return shift


def cash_movement(till: Till, cashier: CashierInfo, kind: str, amount_fen: int, note: str = "",
                  approved_by: CashierInfo | None = None) -> None:
    """Cash in / cash out (a float top-up, a pickup), or a no-sale drawer opening (amount 0)."""
    if kind not in ("in", "out", "no_sale"):
        raise InvalidInput("Unknown cash movement")
    if kind != "no_sale" and (not isinstance(amount_fen, int) or not 0 < amount_fen <= 1_000_000):
        raise InvalidInput("The amount is between 0.01 and 10000.00 yuan")
    now = till.now()
    with till.uow() as uow:
        shift = open_shift_row(uow)
        uow.session.add(CashMovement(shift_id=shift.id, at=now, kind=kind,
                                     amount_fen=0 if kind == "no_sale" else amount_fen, note=note))
        uow.audit.append(f"cash_{kind}", cashier.id, now, {"amount_fen": amount_fen, "note": note},
                         approved_by.id if approved_by else None)
        uow.commit()


@dataclass(frozen=True)
class ShiftReport:
    kind: str                    # X or Z
    shift_id: str
    opened_at: datetime
    closed_at: datetime | None
    float_fen: int
    sales_count: int
    gross_fen: int               # subtotal of sales
    discount_fen: int
    points_offset_fen: int
    rounding_fen: int
    net_sales_fen: int           # paid by tenders for sales
    refunds_count: int
    refunds_fen: int
    top_ups_fen: int
    tenders: dict[str, int]      # net per tender: sales + top-ups - refunds
    by_cashier: dict[str, int]   # net sales per cashier id
    cash_in_fen: int
    cash_out_fen: int
    expected_cash_fen: int
    counted_cash_fen: int | None
    points_issued: int
    points_redeemed: int
    stored_value_spent_fen: int
    stored_value_bonus_issued_fen: int
    member_sales_fen: int = 0
    by_hour: dict[int, int] = field(default_factory=dict)
    top_items: list[tuple[str, int]] = field(default_factory=list)

    @property
    def over_short_fen(self) -> int | None:
        return None if self.counted_cash_fen is None else self.counted_cash_fen - self.expected_cash_fen

    def as_json(self) -> dict:
        data = asdict(self)
        data["opened_at"] = self.opened_at.isoformat()
        data["closed_at"] = self.closed_at.isoformat() if self.closed_at else None
        data["by_hour"] = {str(k): v for k, v in self.by_hour.items()}
        return data


def compute_report(uow, shift: Shift, kind: str, until: datetime, counted: int | None) -> ShiftReport:
    from pos_app.store.models import SaleLineRow, StoredValueEntry
    sales = list(uow.session.scalars(select(SaleRow).where(SaleRow.shift_id == shift.id)))
    payments = list(uow.session.scalars(select(PaymentRow).join(SaleRow, PaymentRow.sale_id == SaleRow.id)
                                        .where(SaleRow.shift_id == shift.id)))
    moves = list(uow.session.scalars(select(CashMovement).where(CashMovement.shift_id == shift.id)))
    kind_of = {s.id: s.kind for s in sales}
    tenders: dict[str, int] = {}
    sv_spent = 0
    for p in payments:
        tenders[p.tender] = tenders.get(p.tender, 0) + p.amount_fen
        if p.tender == "stored_value" and kind_of[p.sale_id] == "sale":
            sv_spent += p.amount_fen
    sold = [s for s in sales if s.kind == "sale"]
    refunds = [s for s in sales if s.kind == "refund"]
    top_ups = [s for s in sales if s.kind == "top_up"]
    by_cashier: dict[str, int] = {}
    by_hour: dict[int, int] = {}
    for s in sold + refunds:
        sign = 1 if s.kind == "sale" else -1
        by_cashier[s.cashier_id] = by_cashier.get(s.cashier_id, 0) + sign * s.payable_fen
        by_hour[s.created_at.hour] = by_hour.get(s.created_at.hour, 0) + sign * s.payable_fen
    sale_ids = [s.id for s in sold]
    items: dict[str, int] = {}
    if sale_ids:
        for line in uow.session.scalars(select(SaleLineRow).where(SaleLineRow.sale_id.in_(sale_ids))):
            items[line.name] = items.get(line.name, 0) + line.qty
    gifts = -sum(e.delta for e in uow.session.scalars(
        select(PointsEntry).where(PointsEntry.kind == "gift", PointsEntry.at >= shift.opened_at,
                                  PointsEntry.at <= until)))
    bonus = sum(e.bonus_fen for e in uow.session.scalars(
        select(StoredValueEntry).where(StoredValueEntry.kind == "top_up", StoredValueEntry.at >= shift.opened_at,
                                       StoredValueEntry.at <= until)))
    cash_in = sum(m.amount_fen for m in moves if m.kind == "in")
    cash_out = sum(m.amount_fen for m in moves if m.kind == "out")
    return ShiftReport(
        kind=kind, shift_id=shift.id, opened_at=shift.opened_at, closed_at=until if kind == "Z" else None,
        float_fen=shift.float_fen, sales_count=len(sold), gross_fen=sum(s.subtotal_fen for s in sold),
        discount_fen=sum(s.discount_fen for s in sold), points_offset_fen=sum(s.points_offset_fen for s in sold),
        rounding_fen=sum(s.rounding_fen for s in sold), net_sales_fen=sum(s.payable_fen for s in sold),
        refunds_count=len(refunds), refunds_fen=sum(s.payable_fen for s in refunds),
        top_ups_fen=sum(s.payable_fen for s in top_ups), tenders=tenders, by_cashier=by_cashier,
        cash_in_fen=cash_in, cash_out_fen=cash_out,
        expected_cash_fen=shift.float_fen + tenders.get("cash", 0) + cash_in - cash_out,
        counted_cash_fen=counted,
        points_issued=sum(s.points_earned for s in sold) - sum(s.points_earned for s in refunds),
        points_redeemed=sum(s.points_spent for s in sold) - sum(s.points_spent for s in refunds) + gifts,
        stored_value_spent_fen=sv_spent, stored_value_bonus_issued_fen=bonus,
        member_sales_fen=sum(s.payable_fen for s in sold if s.member_id),
        by_hour=dict(sorted(by_hour.items())),
        top_items=sorted(items.items(), key=lambda kv: (-kv[1], kv[0]))[:8])


def x_report(till: Till) -> ShiftReport:
    with till.uow() as uow:
        return compute_report(uow, open_shift_row(uow), "X", till.now(), None)


def close_shift(till: Till, cashier: CashierInfo, counted_fen: int) -> ShiftReport:
    """Close the open shift with the counted cash; returns the Z report (stored with the shift)."""
    if not isinstance(counted_fen, int) or not 0 <= counted_fen <= 100_000_000:
        raise InvalidInput("Type the counted cash")
    now = till.now()
    with till.uow() as uow:
        shift = open_shift_row(uow)
        report = compute_report(uow, shift, "Z", now, counted_fen)
        shift.closed_at, shift.counted_fen, shift.expected_fen = now, counted_fen, report.expected_cash_fen
        shift.z_report = report.as_json()
        uow.audit.append("shift_close", cashier.id, now, {"shift_id": shift.id, "counted_fen": counted_fen,
                                                          "expected_fen": report.expected_cash_fen})
        uow.outbox.append("shift_closed", {"shift_id": shift.id, "report": report.as_json()}, now)
        uow.commit()
    return report
