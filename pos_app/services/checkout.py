"""Completing a sale: split tenders, then ONE transaction that writes everything or nothing.

The sale, its lines and their reductions, payments, points spent (from the oldest lots) and
earned (a new lot with its expiry), stored-value entries (principal and bonus apart), coupon use,
the audit record and the outbox event for HQ are written in a single SQLite transaction; the
open cart is cleared in the same one. A failure anywhere leaves the database as it was.

The sale is charged as the screen last showed it (SaleSession.priced_to_pay); what may have
changed since - the points balance, the stored value, a coupon spent elsewhere, the offline caps -
is checked again inside the transaction, which holds the write lock from its first read. Its reads
and writes go through SaleBook (plain SQL on a pooled connection: the till's hottest write).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from pos_app.domain import PricedCart, TenderKind
from pos_app.domain.points import PointsLot, expiry_for
from pos_app.domain.rules import PointsProgram
from pos_app.domain.stored_value import StoredValue, spend
from pos_app.domain.tenders import Tender
from pos_app.store.ids import new_id
from pos_app.store.repositories import GENESIS, entry_hash, receipt_number
from pos_app.store.sale_book import (
    AUDIT,
    COUPON_USE,
    LINE,
    LOT,
    OUTBOX,
    PAYMENT,
    POINTS,
    REDUCTION,
    SALE,
    STORED_VALUE,
    JsonText,
    MemberFigures,
    SaleBook,
)

from . import offline_caps
from .errors import InvalidInput, PermissionDenied
from .members import MemberView, lots_to_take, may_spend, view_of
from .sale import SaleSession
from .shifts import NoOpenShift

TENDERS = tuple(TenderKind)

# No customer hands over more than what is due plus this (a scan typed into the amount field, a
# slip of the finger: ¥6,901,939,621,253.50 of "change" was once recorded); a store may set less.
MAX_OVER_PAYABLE_FEN = 10_000_00
MAX_REFERENCE = 64  # a payment reference (transaction number, payment code) is at most this long


def tender_limit_fen(payable_fen: int, store_limit_fen: int = 0) -> int:
    """The most cash a cashier may record as handed over for a sale of `payable_fen`: the payable
    plus ¥10,000, or the store's own limit (store setting `max_tender_fen`) when that is lower."""
    limit = payable_fen + MAX_OVER_PAYABLE_FEN
    return min(limit, store_limit_fen) if store_limit_fen and store_limit_fen > 0 else limit


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
    identified_by: str | None = None  # how the member was identified (members.IDENTIFIED_BY)

    @property
    def opens_drawer(self) -> bool:
        return any(t.kind == TenderKind.CASH for t in self.payments)


def _check_tenders(tenders: Sequence[Tender], payable: int, has_member: bool, store_limit_fen: int = 0) -> int:
    """Validate the tenders; returns the change due on cash."""
    if any(t.kind not in TENDERS for t in tenders):
        raise InvalidInput("tender.unknown_kind")
    if any(not isinstance(t.amount_fen, int) or t.amount_fen <= 0 for t in tenders):
        raise InvalidInput("tender.not_positive")
    limit = tender_limit_fen(payable, store_limit_fen)
    for t in tenders:
        for value in (t.amount_fen, t.cash_given_fen):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value > limit:
                raise InvalidInput(
                    "tender.too_large", amount_fen=value if isinstance(value, int) else 0, limit_fen=limit
                )
        if len(t.reference) > MAX_REFERENCE:
            raise InvalidInput("tender.reference_too_long", max_length=MAX_REFERENCE)
    paid = sum(t.amount_fen for t in tenders)
    if paid != payable:
        raise InvalidInput("tender.sum_mismatch", paid_fen=paid, payable_fen=payable)
    change = 0
    for t in tenders:
        if t.kind == TenderKind.CASH:
            if t.cash_given_fen and t.cash_given_fen < t.amount_fen:
                raise InvalidInput("tender.cash_short")
            change += max(0, t.cash_given_fen - t.amount_fen)
        elif t.kind == TenderKind.STORED_VALUE:
            if not has_member:
                raise InvalidInput("tender.stored_value_needs_member")
        elif not t.reference.strip():
            raise InvalidInput("tender.reference_missing")
    return change


def _offline_caps(session: SaleSession, member: MemberFigures, points: int, stored_value: int) -> None:
    offline_caps.check(
        session.till.store.offline_caps,
        member.points_spent_today,
        member.stored_value_spent_today,
        points,
        stored_value,
    )


def _check_identification(
    session: SaleSession, priced: PricedCart, tenders: Sequence[Tender], identified_by: str | None
) -> None:
    """The identification policy, checked where the money moves: points, stored value and member
    coupons are spent only by a member whose identity was verified (member code or override)."""
    if identified_by is None or may_spend(identified_by):
        return  # no member: nothing of a member's can be spent (refused below)
    applied = [c.code for c in priced.coupons if c.applied]
    member_coupon = False
    if applied:
        with session.till.uow() as uow:
            member_coupon = any((row := uow.members.coupon(code)) is not None and row.member_id for code in applied)
    if priced.points_spent > 0 or member_coupon or any(t.kind == TenderKind.STORED_VALUE for t in tenders):
        raise PermissionDenied("member.unverified_spend")


_last_expiry: tuple[PointsProgram | None, date | None, date | None] = (None, None, None)


def _expiry_for(program: PointsProgram, earned_on: date) -> date | None:
    """expiry_for, kept for the day: every sale of a day that earns makes a lot with the same expiry."""
    global _last_expiry
    last_program, last_day, expiry = _last_expiry
    if last_program is not program or last_day != earned_on:
        expiry = expiry_for(program, earned_on)
        _last_expiry = (program, earned_on, expiry)
    return expiry


# a sale's lines and their reductions as positional rows (the hottest rows: no dict per row)
_LINE_SQL = LINE.ordered(
    "id",
    "sale_id",
    "line_no",
    "product_id",
    "name",
    "category_id",
    "qty",
    "unit_price_fen",
    "gross_fen",
    "net_fen",
    "points_offset_fen",
    "points_spent",
    "points_earned",
    "returned_qty",
)
_REDUCTION_SQL = REDUCTION.ordered("line_id", "source_kind", "source_id", "label", "amount_fen")


def _line_rows(sale_id: str, priced: PricedCart) -> tuple[list[tuple], list[tuple], list[dict]]:
    """The sale's line rows and reduction rows (in _LINE_SQL's and _REDUCTION_SQL's order), and
    its lines as the outbox event carries them."""
    lines: list[tuple] = []
    reductions: list[tuple] = []
    payload: list[dict] = []
    # PricedLine and Reduction are tuples: unpacked and concatenated, not read field by field
    for n, (line, line_reductions, net, offset, spent, earned) in enumerate(priced.lines, start=1):
        line_id, product_id, name, qty, gross = f"{sale_id}:{n}", line.product_id, line.name, line.qty, line.gross_fen
        lines.append(
            (
                line_id,
                sale_id,
                n,
                product_id,
                name,
                line.category_id,
                qty,
                line.unit_price_fen,
                gross,
                net,
                offset,
                spent,
                earned,
                0,
            )
        )
        if line_reductions:
            key = (line_id,)
            reductions += [key + r for r in line_reductions]
        payload.append(
            {
                "line_no": n,
                "product_id": product_id,
                "name": name,
                "qty": qty,
                "gross_fen": gross,
                "net_fen": net,
                "points_offset_fen": offset,
                "points_earned": earned,
                "points_spent": spent,
            }
        )
    return lines, reductions, payload


def complete_sale(
    session: SaleSession, tenders: Sequence[Tender], *, fail_before_commit: bool = False
) -> CompletedSale:
    """Record the sale in one transaction and clear the cart. `fail_before_commit` is for the
    atomicity test: it raises after every row is written, before the commit."""
    from sync.protocol import payload_json  # pydantic's models: loaded after the till has shown (ui.app.warm_up)

    till = session.till
    now = till.now()
    today = now.date()
    cart = session.cart
    if cart.empty:
        raise InvalidInput("sale.empty")
    priced = session.priced_to_pay()
    till_code = till.store.till_code
    identified_by = (cart.identified_by or "id") if cart.member_id else None
    _check_identification(session, priced, tenders, identified_by)
    # what needs nothing read under the write lock is made before it is taken: the lock (and the
    # sale's time inside it) holds the reads that must not change under it, and the writes
    sale_id = new_id()
    lines, reductions, payload_lines = _line_rows(sale_id, priced)
    with SaleBook(till.db) as book:
        # seq: the outbox event's, which the ledger entries name
        (shift_id, seq, audit_head, receipt_seq), member = book.start(
            cart.member_id, datetime(now.year, now.month, now.day)
        )
        if shift_id is None:
            raise NoOpenShift()
        change = _check_tenders(tenders, priced.payable_fen, member is not None, till.store.max_tender_fen)
        sv_amount = sum(t.amount_fen for t in tenders if t.kind == TenderKind.STORED_VALUE)
        sv_split = None
        lots: list[PointsLot] = []
        lots_taken: list[tuple[str, int]] = []
        earned_lot_id = None  # sent to HQ, whose lot of the earning takes this id
        if member is not None:
            _offline_caps(session, member, priced.points_spent, sv_amount)
            if priced.points_spent > member.points:
                raise InvalidInput("points.no_longer_enough")
            if sv_amount:
                _, sv_split = spend(StoredValue(member.principal_fen, member.bonus_fen), sv_amount)  # raises when short
            lots = book.lots(member.id)
            if priced.points_spent:  # as take_from_lots: HQ settles what local lots do not hold
                lots_taken = lots_to_take(lots, priced.points_spent, today)
        book.set_receipt_seq(today, receipt_seq + 1)
        receipt_no = receipt_number(till.store.receipt_prefix, today, receipt_seq + 1)
        applied = [c for c in priced.coupons if c.applied]
        member_id = member.id if member else None
        book.insert(
            SALE,
            SALE.row(
                id=sale_id,
                receipt_no=receipt_no,
                kind="sale",
                original_sale_id=None,
                shift_id=shift_id,
                cashier_id=session.cashier.id,
                approved_by=None,
                member_id=member_id,
                created_at=now,
                subtotal_fen=priced.subtotal_fen,
                discount_fen=priced.discount_fen,
                points_offset_fen=priced.points_offset_fen,
                points_spent=priced.points_spent,
                rounding_fen=priced.rounding_fen,
                payable_fen=priced.payable_fen,
                points_earned=priced.points_earned,
                details={
                    "reductions": [[r.source_kind, r.source_id, r.label, r.amount_fen] for r in priced.reductions],
                    "coupons": [[c.code, c.name, c.amount_fen] for c in applied],
                    "change_fen": change,
                    "identified_by": identified_by,
                    "points_lots": lots_taken,
                },
            ),
        )
        book.write(_LINE_SQL, lines)
        if reductions:
            book.write(_REDUCTION_SQL, reductions)
        book.insert(
            PAYMENT,
            PAYMENT.rows(
                {
                    "sale_id": sale_id,
                    "tender": t.kind,
                    "amount_fen": t.amount_fen,
                    "principal_fen": sv_split.principal_fen if sv_split and t.kind == TenderKind.STORED_VALUE else 0,
                    "bonus_fen": sv_split.bonus_fen if sv_split and t.kind == TenderKind.STORED_VALUE else 0,
                    "reference": t.reference,
                    "cash_given_fen": t.cash_given_fen,
                }
                for t in tenders
            ),
        )
        if sv_split is not None:
            book.insert(
                STORED_VALUE,
                STORED_VALUE.row(
                    member_id=member_id,
                    at=now,
                    principal_fen=-sv_split.principal_fen,
                    bonus_fen=-sv_split.bonus_fen,
                    kind="spend",
                    ref=receipt_no,
                    outbox_seq=seq,
                ),
            )
        if member is not None:
            book.take_from_lots(lots_taken)
            points = []
            if priced.points_spent:
                points.append(
                    POINTS.row(
                        member_id=member_id,
                        at=now,
                        delta=-priced.points_spent,
                        kind="spend",
                        ref=receipt_no,
                        outbox_seq=seq,
                    )
                )
            if priced.points_earned:
                lot = PointsLot(
                    new_id(), today, priced.points_earned, priced.points_earned, _expiry_for(till.rules.program, today)
                )
                earned_lot_id = lot.lot_id
                book.insert(
                    LOT,
                    LOT.row(
                        id=lot.lot_id,
                        member_id=member_id,
                        earned_on=lot.earned_on,
                        expires_on=lot.expires_on,
                        points=lot.points,
                        remaining=lot.remaining,
                        source=receipt_no,
                    ),
                )
                lots.append(lot)
                points.append(
                    POINTS.row(
                        member_id=member_id,
                        at=now,
                        delta=priced.points_earned,
                        kind="earn",
                        ref=receipt_no,
                        outbox_seq=seq,
                    )
                )
            book.insert(POINTS, points)
        for c in applied:
            if not book.use_coupon(c.code, sale_id):
                raise InvalidInput("coupon.used_code", code=c.code)
        book.insert(
            COUPON_USE,
            COUPON_USE.rows({"code": c.code, "sale_id": sale_id, "amount_fen": c.amount_fen} for c in applied),
        )
        details = {"receipt_no": receipt_no, "payable_fen": priced.payable_fen}
        prev = audit_head or GENESIS
        book.insert(
            AUDIT,
            AUDIT.row(
                at=now,
                cashier_id=session.cashier.id,
                approved_by=None,
                action="sale",
                details=details,
                prev_hash=prev,
                hash=entry_hash(prev, now, session.cashier.id, None, "sale", details),
            ),
        )
        book.insert(
            OUTBOX,
            OUTBOX.row(
                seq=seq,
                event_id=new_id(),
                kind="sale",
                created_at=now,
                payload=JsonText(
                    payload_json(
                        "sale",
                        {
                            "sale_id": sale_id,
                            "receipt_no": receipt_no,
                            "member_id": member_id,
                            "cashier_id": session.cashier.id,
                            "shift_id": shift_id,
                            "at": now.isoformat(),
                            "payments": [
                                {"tender": t.kind, "amount_fen": t.amount_fen, "reference": t.reference}
                                for t in tenders
                            ],
                            "subtotal_fen": priced.subtotal_fen,
                            "payable_fen": priced.payable_fen,
                            "points_earned": priced.points_earned,
                            "points_spent": priced.points_spent,
                            "points_lots": lots_taken,
                            "lot_id": earned_lot_id,
                            "stored_value": (
                                {"principal_fen": sv_split.principal_fen, "bonus_fen": sv_split.bonus_fen}
                                if sv_split
                                else None
                            ),
                            "coupons": [c.code for c in applied],
                            "identified_by": identified_by,
                        },
                        lines=payload_lines,
                    )
                ),
            ),
        )
        book.drop_open_cart(till_code)  # the open cart goes with the sale
        # the result is made before the commit: after it (and its fsync) the sale does nothing but
        # give the connection back and clear the cart - code run there finds the CPU's caches cold
        done = CompletedSale(
            sale_id,
            receipt_no,
            now,
            session.cashier.name,
            priced,
            tuple(tenders),
            change,
            _member_after(till, member, priced, lots, lots_taken, sv_split) if member is not None else None,
            member.points if member else 0,
            identified_by,
        )
        if fail_before_commit:
            raise RuntimeError("injected failure before commit")
        book.commit()
    session.reset()
    return done


def _member_after(
    till, member: MemberFigures, priced: PricedCart, lots: list[PointsLot], taken: list[tuple[str, int]], sv_split
) -> MemberView:
    """The receipt's member figures, from what the sale read and wrote."""
    if taken:
        left = dict(taken)
        lots = [
            PointsLot(lot.lot_id, lot.earned_on, lot.points, lot.remaining - left[lot.lot_id], lot.expires_on)
            if lot.lot_id in left
            else lot
            for lot in lots
        ]
    return view_of(
        till,
        member,
        member.points - priced.points_spent + priced.points_earned,
        lots,
        member.principal_fen - (sv_split.principal_fen if sv_split else 0),
        member.bonus_fen - (sv_split.bonus_fen if sv_split else 0),
    )
