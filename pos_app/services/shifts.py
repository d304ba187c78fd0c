"""Shifts: open with a float, cash in/out, X report (so far) and close with counted cash (Z).

Reports are computed from the ledgers (sales, payments, refunds, cash movements, points and
stored-value entries) — never from running totals — so they always agree with the data.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from pos_app.domain.tenders import TenderKind
from pos_app.store.ids import new_id
from pos_app.store.models import Shift

from .auth import CashierInfo
from .errors import InvalidInput, ServiceError
from .till import Till


class NoOpenShift(ServiceError):
    def __init__(self) -> None:
        super().__init__("shift.not_open")


def open_shift_row(uow) -> Shift:
    shift = uow.shifts.open_row()
    if shift is None:
        raise NoOpenShift()
    return shift


def current_shift(till: Till) -> Shift | None:
    with till.uow() as uow:
        try:
            return open_shift_row(uow)
        except NoOpenShift:
            return None


def open_shift(till: Till, cashier: CashierInfo, float_fen: int) -> Shift:
    if not isinstance(float_fen, int) or not 0 <= float_fen <= 1_000_000:
        raise InvalidInput("shift.float_out_of_range", max_fen=1000000)
    now = till.now()
    with till.uow() as uow:
        if uow.shifts.open_row() is not None:
            raise InvalidInput("shift.already_open")
        shift = Shift(id=new_id(), cashier_id=cashier.id, opened_at=now, float_fen=float_fen)
        uow.shifts.add(shift)
        uow.audit.append("shift_open", cashier.id, now, {"shift_id": shift.id, "float_fen": float_fen})
        uow.commit()
    return shift


def cash_movement(
    till: Till, cashier: CashierInfo, kind: str, amount_fen: int, note: str = "", approved_by: CashierInfo | None = None
) -> None:
    """Cash in / cash out (a float top-up, a pickup), or a no-sale drawer opening (amount 0)."""
    if kind not in ("in", "out", "no_sale"):
        raise InvalidInput("shift.unknown_movement")
    if kind != "no_sale" and (not isinstance(amount_fen, int) or not 0 < amount_fen <= 1_000_000):
        raise InvalidInput("shift.amount_out_of_range", max_fen=1000000)
    now = till.now()
    with till.uow() as uow:
        shift = open_shift_row(uow)
        uow.shifts.add_movement(shift.id, now, kind, 0 if kind == "no_sale" else amount_fen, note)
        uow.audit.append(
            f"cash_{kind}",
            cashier.id,
            now,
            {"amount_fen": amount_fen, "note": note},
            approved_by.id if approved_by else None,
        )
        uow.commit()


@dataclass(frozen=True)
class ShiftReport:
    kind: str  # X or Z
    shift_id: str
    opened_at: datetime
    closed_at: datetime | None
    float_fen: int
    sales_count: int
    gross_fen: int  # subtotal of sales
    discount_fen: int
    points_offset_fen: int
    rounding_fen: int
    net_sales_fen: int  # paid by tenders for sales
    refunds_count: int
    refunds_fen: int
    top_ups_fen: int
    tenders: dict[str, int]  # net per tender: sales + top-ups - refunds
    by_cashier: dict[str, int]  # net sales per cashier id
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
    cashier_names: dict[str, str] = field(default_factory=dict)  # for the screen; not sent to HQ

    @property
    def over_short_fen(self) -> int | None:
        return None if self.counted_cash_fen is None else self.counted_cash_fen - self.expected_cash_fen

    def as_json(self) -> dict:
        data = asdict(self)
        data.pop("cashier_names")
        data["opened_at"] = self.opened_at.isoformat()
        data["closed_at"] = self.closed_at.isoformat() if self.closed_at else None
        data["by_hour"] = {str(k): v for k, v in self.by_hour.items()}
        return data


def compute_report(uow, shift: Shift, kind: str, until: datetime, counted: int | None) -> ShiftReport:
    """The shift's figures (summed by the database: `uow.shifts.figures`) as the X or Z report."""
    f = uow.shifts.figures(shift, until)
    total = f.total
    return ShiftReport(
        kind=kind,
        shift_id=shift.id,
        opened_at=shift.opened_at,
        closed_at=until if kind == "Z" else None,
        float_fen=shift.float_fen,
        sales_count=total("sale", "n"),
        gross_fen=total("sale", "gross"),
        discount_fen=total("sale", "discount"),
        points_offset_fen=total("sale", "offset"),
        rounding_fen=total("sale", "rounding"),
        net_sales_fen=total("sale", "payable"),
        refunds_count=total("refund", "n"),
        refunds_fen=total("refund", "payable"),
        top_ups_fen=total("top_up", "payable"),
        tenders=f.tenders,
        by_cashier=f.by_cashier,
        cash_in_fen=f.cash_in_fen,
        cash_out_fen=f.cash_out_fen,
        expected_cash_fen=shift.float_fen + f.tenders.get(TenderKind.CASH, 0) + f.cash_in_fen - f.cash_out_fen,
        counted_cash_fen=counted,
        points_issued=total("sale", "earned") - total("refund", "earned"),
        points_redeemed=total("sale", "spent") - total("refund", "spent") + f.gift_points,
        stored_value_spent_fen=f.stored_value_spent_fen,
        stored_value_bonus_issued_fen=f.bonus_issued_fen,
        member_sales_fen=total("sale", "members"),
        by_hour=f.by_hour,
        top_items=f.top_items,
        cashier_names=f.cashier_names,
    )


def x_report(till: Till) -> ShiftReport:
    with till.uow() as uow:
        return compute_report(uow, open_shift_row(uow), "X", till.now(), None)


def close_shift(till: Till, cashier: CashierInfo, counted_fen: int) -> ShiftReport:
    """Close the open shift with the counted cash; returns the Z report (stored with the shift)."""
    if not isinstance(counted_fen, int) or not 0 <= counted_fen <= 100_000_000:
        raise InvalidInput("shift.counted_missing")
    now = till.now()
    with till.uow() as uow:
        shift = open_shift_row(uow)
        report = compute_report(uow, shift, "Z", now, counted_fen)
        shift.closed_at, shift.counted_fen, shift.expected_fen = now, counted_fen, report.expected_cash_fen
        shift.z_report = report.as_json()
        uow.audit.append(
            "shift_close",
            cashier.id,
            now,
            {"shift_id": shift.id, "counted_fen": counted_fen, "expected_fen": report.expected_cash_fen},
        )
        uow.outbox.append("shift_closed", {"shift_id": shift.id, "report": report.as_json()}, now)
        uow.commit()
    return report
