"""Completing a sale: split tenders, then ONE transaction that writes everything or nothing.

The sale, its lines and their reductions, payments, points spent (from the oldest lots) and
earned (a new lot with its expiry), stored-value entries (principal and bonus apart), coupon use,
the audit record and the outbox event for HQ are written in a single SQLite transaction; the
open cart is cleared in the same one. A failure anywhere leaves the database as it was.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Sequence

from sqlalchemy import func, insert, select

from pos_app.domain import PricedCart
from pos_app.domain.money import format_fen
from pos_app.domain.points import expiry_for
from pos_app.domain.stored_value import StoredValue, spend
from pos_app.store.ids import new_id
from pos_app.store.models import (CouponUse, LineReductionRow, PaymentRow, PointsEntry, SaleLineRow, SaleRow,
                                  StoredValueEntry)

from .errors import InvalidInput
from .members import MemberView, member_view, take_from_lots
from .sale import SaleSession, empty_cart
from .shifts import open_shift_row

TENDERS = ("cash", "stored_value", "wechat", "alipay", "card")


@dataclass(frozen=True)
class Tender:
    kind: str
    amount_fen: int               # the part of the sale this tender pays
    reference: str = ""
    cash_given_fen: int = 0       # cash only: what the customer handed over


@dataclass(frozen=True)
class CompletedSale:
    sale_id: str
    receipt_no: str
    at: datetime
    cashier_name: str
    priced: PricedCart
    payments: tuple[Tender, ...]
    change_fen: int
    member: MemberView | None
    points_balance_before: int = 0

    @property
    def opens_drawer(self) -> bool:
        return any(t.kind == "cash" for t in self.payments)


def _check_tenders(tenders: Sequence[Tender], payable: int, has_member: bool) -> int:
    """Validate the tenders; returns the change due on cash."""
    if any(t.kind not in TENDERS for t in tenders):
        raise InvalidInput("Unknown payment type")
    if any(not isinstance(t.amount_fen, int) or t.amount_fen <= 0 for t in tenders):
        raise InvalidInput("Every payment must be a positive amount")
    paid = sum(t.amount_fen for t in tenders)
    if paid != payable:
        raise InvalidInput(f"Payments {format_fen(paid)} do not match the amount due {format_fen(payable)}")
    change = 0
    for t in tenders:
        if t.kind == "cash":
            if t.cash_given_fen and t.cash_given_fen < t.amount_fen:
                raise InvalidInput("The cash handed over is less than the cash payment")
            change += max(0, t.cash_given_fen - t.amount_fen)
        elif t.kind == "stored_value":
            if not has_member:
                raise InvalidInput("Attach a member to pay with stored value")
        elif not t.reference.strip():
            raise InvalidInput("Scan or type the payment reference first")
    return change


def _offline_caps(session: SaleSession, uow, member_id: str, points: int, stored_value: int, now: datetime) -> None:
    caps = session.till.store.offline_caps or {}
    day = datetime(now.year, now.month, now.day)
    if points and caps.get("points_per_day"):
        spent = -int(uow.session.scalar(select(func.coalesce(func.sum(PointsEntry.delta), 0)).where(
            PointsEntry.member_id == member_id, PointsEntry.delta < 0, PointsEntry.at >= day,
            PointsEntry.synced.is_(False))) or 0)
        if spent + points > caps["points_per_day"]:
            raise InvalidInput(f"Points spent here today would pass the limit of {caps['points_per_day']} "
                               "until headquarters confirms the balance")
    if stored_value and caps.get("stored_value_fen_per_day"):
        used = -int(uow.session.scalar(select(func.coalesce(
            func.sum(StoredValueEntry.principal_fen + StoredValueEntry.bonus_fen), 0)).where(
            StoredValueEntry.member_id == member_id, StoredValueEntry.kind == "spend", StoredValueEntry.at >= day,
            StoredValueEntry.synced.is_(False))) or 0)
        if used + stored_value > caps["stored_value_fen_per_day"]:
            raise InvalidInput("Stored value spent here today would pass the offline limit "
                               "until headquarters confirms the balance")


def complete_sale(session: SaleSession, tenders: Sequence[Tender], *, fail_before_commit: bool = False) -> CompletedSale:
    """Record the sale in one transaction and clear the cart. `fail_before_commit` is for the
    atomicity test: it raises after every row is written, before the commit."""
    till = session.till
    now = till.now()
    cart = session.cart
    if not cart["lines"]:
        raise InvalidInput("The sale is empty")
    # rows go in as INSERT statements (in the database at once, in order: the sale before its
    # lines); the few ORM objects changed (coupon, receipt counter) are flushed once, at the end,
    # not before every query
    with till.uow() as uow, uow.session.no_autoflush:
        write = uow.session.connection().execute
        shift = open_shift_row(uow)
        priced, _ = session._price(uow, cart, with_view=False)
        member_row = uow.members.by_id(cart["member_id"]) if cart["member_id"] else None
        change = _check_tenders(tenders, priced.payable_fen, member_row is not None)
        sv_amount = sum(t.amount_fen for t in tenders if t.kind == "stored_value")
        balance_before = uow.ledgers.points_balance(member_row) if member_row else 0
        if member_row is not None:
            _offline_caps(session, uow, member_row.id, priced.points_spent, sv_amount, now)
            if priced.points_spent > balance_before:
                raise InvalidInput("The member no longer has enough points")
        sale_id = new_id()
        receipt_no = uow.sales.next_receipt_no(till.store.till_code, now.date())
        applied = [c for c in priced.coupons if c.applied]
        write(insert(SaleRow.__table__).values(
            id=sale_id, receipt_no=receipt_no, kind="sale", original_sale_id=None, shift_id=shift.id,
            cashier_id=session.cashier.id, approved_by=None, member_id=member_row.id if member_row else None,
            created_at=now, subtotal_fen=priced.subtotal_fen, discount_fen=priced.discount_fen,
            points_offset_fen=priced.points_offset_fen, points_spent=priced.points_spent,
            rounding_fen=priced.rounding_fen, payable_fen=priced.payable_fen, points_earned=priced.points_earned,
            details={"reductions": [[r.source_kind, r.source_id, r.label, r.amount_fen] for r in priced.reductions],
                     "coupons": [[c.code, c.name, c.amount_fen] for c in applied], "change_fen": change}))
        # lines and their reductions: one executemany each (no ORM objects: a sale has dozens)
        write(insert(SaleLineRow.__table__), [dict(
            id=f"{sale_id}:{n}", sale_id=sale_id, line_no=n, product_id=pl.line.product_id, name=pl.line.name,
            category_id=pl.line.category_id, qty=pl.line.qty, unit_price_fen=pl.line.unit_price_fen,
            gross_fen=pl.line.gross_fen, net_fen=pl.net_fen, points_offset_fen=pl.points_offset_fen,
            points_spent=pl.points_spent, points_earned=pl.points_earned, returned_qty=0)
            for n, pl in enumerate(priced.lines, start=1)])
        reductions = [dict(line_id=f"{sale_id}:{n}", source_kind=r.source_kind, source_id=r.source_id,
                           label=r.label, amount_fen=r.amount_fen)
                      for n, pl in enumerate(priced.lines, start=1) for r in pl.reductions]
        if reductions:
            write(insert(LineReductionRow.__table__), reductions)
        sv_split = None
        if sv_amount:
            principal, bonus = uow.ledgers.stored_value(member_row)
            _, sv_split = spend(StoredValue(principal, bonus), sv_amount)   # raises when short
            uow.ledgers.add_stored_value(member_row.id, now, -sv_split.principal_fen, -sv_split.bonus_fen,
                                         "spend", receipt_no)
        write(insert(PaymentRow.__table__), [dict(
            sale_id=sale_id, tender=t.kind, amount_fen=t.amount_fen,
            principal_fen=sv_split.principal_fen if t.kind == "stored_value" else 0,
            bonus_fen=sv_split.bonus_fen if t.kind == "stored_value" else 0,
            reference=t.reference, cash_given_fen=t.cash_given_fen) for t in tenders])
        lots_taken: list = []
        if member_row is not None:
            if priced.points_spent:
                lots_taken = take_from_lots(uow, member_row.id, priced.points_spent, now.date())
                uow.ledgers.add_points(member_row.id, now, -priced.points_spent, "spend", receipt_no)
            if priced.points_earned:
                uow.ledgers.add_lot(member_row.id, now.date(), expiry_for(till.rules.program, now.date()),
                                    priced.points_earned, receipt_no)
                uow.ledgers.add_points(member_row.id, now, priced.points_earned, "earn", receipt_no)
        for c in applied:
            row = uow.members.coupon(c.code)
            if row is None or row.status != "issued":
                raise InvalidInput(f"Coupon {c.code} has already been used")
            row.status, row.used_sale_id = "used", sale_id
            write(insert(CouponUse.__table__).values(code=c.code, sale_id=sale_id, amount_fen=c.amount_fen))
        uow.audit.append("sale", session.cashier.id, now, {"receipt_no": receipt_no, "payable_fen": priced.payable_fen})
        uow.outbox.append("sale", {
            "sale_id": sale_id, "receipt_no": receipt_no, "member_id": member_row.id if member_row else None,
            "cashier_id": session.cashier.id, "shift_id": shift.id, "at": now.isoformat(),
            "lines": [{"product_id": pl.line.product_id, "qty": pl.line.qty, "gross_fen": pl.line.gross_fen,
                       "net_fen": pl.net_fen, "points_earned": pl.points_earned, "points_spent": pl.points_spent}
                      for pl in priced.lines],
            "payments": [{"tender": t.kind, "amount_fen": t.amount_fen, "reference": t.reference} for t in tenders],
            "subtotal_fen": priced.subtotal_fen, "payable_fen": priced.payable_fen,
            "points_earned": priced.points_earned, "points_spent": priced.points_spent, "points_lots": lots_taken,
            "stored_value": ({"principal_fen": sv_split.principal_fen, "bonus_fen": sv_split.bonus_fen}
                             if sv_split else None),
            "coupons": [c.code for c in applied]}, now)
        session.clear_after_completion(uow)
        uow.session.flush()
        member_after = member_view(till, uow, member_row) if member_row else None
        if fail_before_commit:
            raise RuntimeError("injected failure before commit")
        uow.commit()
    session.cart = empty_cart()
    session._last_line = None
    return CompletedSale(sale_id, receipt_no, now, session.cashier.name, priced, tuple(tenders), change,
                         member_after, balance_before)


_ = timedelta
