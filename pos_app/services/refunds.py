"""Returns by receipt number: partial or full, with a manager's approval, reversed exactly.

The domain's `plan_refund` works out the money per tender, points to give back and to take
back, and coupons to restore; this service writes it in one transaction. A sale line's
`returned_qty` can never exceed its quantity (a CHECK constraint backs the domain's rule), so a
line is never returned twice, even by two tills racing.

A receipt from another till of the chain (another store's, too) is returned here when HQ can be
asked (`from_hq`, the sync client's `sale_for_return`): HQ supplies the sale as its till reported it
and every refund of it so far. The sale is copied into this till's database as a row of kind
`remote` (its payments kept in its details, so no shift report counts it) and returned through the
same plan as a local one; the refund event names the till and store that made the sale. Without
HQ (standalone, or unreachable) the cashier is told why the receipt cannot be returned here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pos_app.domain import Payment, RefundError, RefundPlan, SaleRecord, TenderKind, plan_refund
from pos_app.domain.points import PointsLot, apply_consumption, lots_to_restore
from pos_app.domain.refunds import ReturnedLine, SoldLine, TenderRefund
from pos_app.store.ids import new_id
from pos_app.store.models import SaleLineRow, SaleRow

from .auth import CashierInfo, authorize
from .errors import InvalidInput, NotFound, ServiceError
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
    record: SaleRecord | None = None  # the sale and its earlier refunds, for `plan`
    earlier: tuple[RefundPlan, ...] = ()
    origin: str = ""  # "S002-001": the store and till of a sale made elsewhere

    def plan(self, returns: dict[str, int]) -> RefundPlan | None:
        """What returning `returns` ({line id: units}) would give back - money per tender, points -
        worked out exactly as the refund will (pure: the returns screen shows it before the
        manager approves). None when nothing is chosen or the choice is not possible."""
        if self.record is None or not returns:
            return None
        try:
            return plan_refund(self.record, returns, self.earlier)
        except RefundError:
            return None


@dataclass(frozen=True)
class RefundResult:
    refund_id: str
    receipt_no: str
    original_receipt_no: str
    at: datetime
    plan: RefundPlan
    lines: tuple[tuple[str, int, int], ...]  # (name, qty, money fen)
    member: MemberView | None
    approved_by: str
    origin: str = ""  # "S001-001": store and till of a sale made elsewhere

    @property
    def opens_drawer(self) -> bool:
        return any(t.tender == TenderKind.CASH for t in self.plan.tenders)


def _record(
    uow, sale: SaleRow, hq_refunds: list[dict] | None = None
) -> tuple[SaleRecord, list[RefundPlan], list[SaleLineRow]]:
    """The sale in the domain's terms and its earlier refunds: this till's, and those HQ knows of
    from other tills (`hq_refunds`; for a sale copied from HQ, the ones it came with)."""
    lines = uow.sales.lines(sale.id)
    if sale.kind == REMOTE:
        details = sale.details or {}
        paid = tuple(
            Payment(
                p["tender"], p["amount_fen"], p.get("principal_fen", 0), p.get("bonus_fen", 0), p.get("reference", "")
            )
            for p in details.get("payments", [])
        )
        coupons = tuple(details.get("coupons", []))
    else:
        paid = tuple(
            Payment(p.tender, p.amount_fen, p.principal_fen, p.bonus_fen, p.reference)
            for p in uow.returns.payments(sale.id)
        )
        coupons = uow.returns.coupons_used(sale.id)
    record = SaleRecord(
        sale.id,
        tuple(SoldLine(l.id, l.qty, l.net_fen, l.points_offset_fen, l.points_spent, l.points_earned) for l in lines),
        paid,
        coupons,
    )
    if sale.kind == REMOTE:
        hq_refunds = (sale.details or {}).get("hq_refunds", [])
    local = {r.id for r in uow.sales.refunds_of(sale.id)}
    earlier = [_hq_refund_plan(sale.id, r, paid) for r in hq_refunds or [] if r.get("refund_id") not in local]
    for r in uow.sales.refunds_of(sale.id):
        rl, rt = uow.returns.refund_lines(r.id), uow.returns.refund_tenders(r.id)
        earlier.append(
            RefundPlan(
                sale.id,
                tuple(
                    ReturnedLine(x.line_id, x.qty, x.money_fen, x.points_offset_fen, x.points_spent, x.points_earned)
                    for x in rl
                ),
                tuple(TenderRefund(t.payment_index, t.tender, t.amount_fen, t.principal_fen, t.bonus_fen) for t in rt),
                (),
                False,
            )
        )
    return record, earlier, lines


REMOTE = "remote"  # a sale made at another till, copied here from HQ for a return


def _sale(uow, receipt_no: str) -> SaleRow:
    sale = uow.sales.by_receipt_no(receipt_no.strip().upper())
    if sale is None or sale.kind not in ("sale", REMOTE):
        raise NotFound("refund.no_such_receipt", receipt_no=receipt_no.strip()[:32])
    return sale


def _hq_refund_plan(sale_id: str, payload: dict, payments: tuple[Payment, ...]) -> RefundPlan:
    """A refund of the sale made at another till, as HQ received it, in the domain's terms."""

    def index_of(t: dict) -> int:
        if isinstance(t.get("payment_index"), int) and 0 <= t["payment_index"] < len(payments):
            return t["payment_index"]
        return next((i for i, p in enumerate(payments) if p.tender == t.get("tender")), 0)

    lines = tuple(
        ReturnedLine(
            f"{sale_id}:{l['line_no']}",
            int(l["qty"]),
            int(l["money_fen"]),
            int(l.get("points_offset_fen", 0)),
            int(l.get("points_spent", 0)),
            int(l.get("points_earned", 0)),
        )
        for l in payload.get("lines", [])
    )
    tenders = tuple(
        TenderRefund(
            index_of(t), t["tender"], int(t["amount_fen"]), int(t.get("principal_fen", 0)), int(t.get("bonus_fen", 0))
        )
        for t in payload.get("tenders", [])
    )
    return RefundPlan(sale_id, lines, tenders, (), False)


def _remote_lines(data: dict) -> list[dict[str, Any]]:
    """The sold lines of a sale as HQ holds it (line_no from its position when the till that made
    it did not say: it numbers them from 1 in order)."""
    out = []
    for n, l in enumerate(data["sale"].get("lines", []), start=1):
        qty = int(l["qty"])
        gross = int(l.get("gross_fen", 0))
        out.append(
            {
                "line_no": int(l.get("line_no", n)),
                "product_id": str(l.get("product_id", ""))[:32],
                "name": str(l.get("name") or "")[:128],
                "qty": qty,
                "gross_fen": gross,
                "unit_price_fen": gross // qty if qty else 0,
                "net_fen": int(l["net_fen"]),
                "points_offset_fen": int(l.get("points_offset_fen", 0)),
                "points_spent": int(l.get("points_spent", 0)),
                "points_earned": int(l.get("points_earned", 0)),
            }
        )
    return out


def _remote_payments(data: dict) -> list[dict[str, Any]]:
    sale = data["sale"]
    split = sale.get("stored_value") or {}
    out = []
    for p in sale.get("payments", []):
        row = {"tender": p["tender"], "amount_fen": int(p["amount_fen"]), "reference": str(p.get("reference", ""))}
        if p["tender"] == TenderKind.STORED_VALUE:
            row.update(principal_fen=int(split.get("principal_fen", 0)), bonus_fen=int(split.get("bonus_fen", 0)))
        out.append(row)
    return out


def _ask_hq(from_hq: Callable[[str], dict] | None, number: str) -> dict:
    """The sale from HQ, or a refusal that says why the receipt cannot be returned here."""
    if from_hq is None:
        raise NotFound("returns.not_here_standalone")
    try:
        data = from_hq(number)
    except LookupError:
        raise NotFound("returns.not_in_chain") from None
    except Exception:  # offline, timed out, HQ failing: nothing was changed
        raise ServiceError("returns.hq_unreachable") from None
    if not isinstance(data, dict) or not isinstance(data.get("sale"), dict):
        raise ServiceError("returns.hq_unreachable")
    return data


def _copy_remote_sale(uow, till: Till, cashier_id: str, shift_id: str, data: dict) -> SaleRow:
    """Write (or refresh) the sale made elsewhere into this till's database, kind `remote`: its
    lines (with what other tills have returned of them), its payments and HQ's refunds in details."""
    sale_data = data["sale"]
    sale_id = str(sale_data["sale_id"])
    lines = _remote_lines(data)
    member_id = sale_data.get("member_id")
    local_member = member_id if member_id and uow.members.by_id(member_id) is not None else None
    row = uow.returns.sale(sale_id)
    local_refunds = {r.id for r in uow.sales.refunds_of(sale_id)} if row is not None else set()
    elsewhere: dict[int, int] = {}
    for r in data.get("refunds", []):
        if r.get("refund_id") not in local_refunds:
            for l in r.get("lines", []):
                elsewhere[int(l["line_no"])] = elsewhere.get(int(l["line_no"]), 0) + int(l["qty"])
    details = {
        "remote": True,
        "payments": _remote_payments(data),
        "hq_refunds": data.get("refunds", []),
        "coupons": list(sale_data.get("coupons", [])),
        "member_id": member_id,
        "store_code": data.get("store_code", ""),
        "till_code": data.get("till_code", ""),
        "sale_till_id": data.get("sale_till_id", ""),
        "cashier_id": sale_data.get("cashier_id"),
    }
    if row is None:
        at = datetime.fromisoformat(str(sale_data.get("at") or data.get("at")))
        row = SaleRow(
            id=sale_id,
            receipt_no=data["receipt_no"],
            kind=REMOTE,
            original_sale_id=None,
            shift_id=shift_id,
            cashier_id=cashier_id,
            approved_by=None,
            member_id=local_member,
            created_at=at.replace(tzinfo=None),
            subtotal_fen=int(sale_data.get("subtotal_fen", 0)),
            discount_fen=0,
            points_offset_fen=0,
            points_spent=int(sale_data.get("points_spent", 0)),
            rounding_fen=0,
            payable_fen=int(sale_data["payable_fen"]),
            points_earned=int(sale_data.get("points_earned", 0)),
            details=details,
        )
        products = uow.returns.product_names(l["product_id"] for l in lines)
        uow.returns.add_sale(
            row,
            (
                SaleLineRow(
                    id=f"{sale_id}:{l['line_no']}",
                    sale_id=sale_id,
                    line_no=l["line_no"],
                    product_id=l["product_id"],
                    name=l["name"] or products.get(l["product_id"], l["product_id"]),
                    category_id="",
                    qty=l["qty"],
                    unit_price_fen=l["unit_price_fen"],
                    gross_fen=l["gross_fen"],
                    net_fen=l["net_fen"],
                    points_offset_fen=l["points_offset_fen"],
                    points_spent=l["points_spent"],
                    points_earned=l["points_earned"],
                    returned_qty=min(l["qty"], elsewhere.get(l["line_no"], 0)),
                )
                for l in lines
            ),
        )
    else:
        row.details = details
        returned_here: dict[str, int] = {}
        for r in local_refunds:
            for x in uow.returns.refund_lines(r):
                returned_here[x.line_id] = returned_here.get(x.line_id, 0) + x.qty
        for line in uow.sales.lines(sale_id):
            line.returned_qty = min(line.qty, returned_here.get(line.id, 0) + elsewhere.get(line.line_no, 0))
    uow.returns.flush()
    return row


def _for_return(sale: SaleRow, record: SaleRecord, earlier: list[RefundPlan], lines: list) -> SaleForReturn:
    details = sale.details or {}
    origin = f"{details.get('store_code', '')}-{details.get('till_code', '')}" if sale.kind == REMOTE else ""
    returned: dict[str, int] = {}
    for plan in earlier:  # here and at other tills
        for r in plan.lines:
            returned[r.line_id] = returned.get(r.line_id, 0) + r.qty
    return SaleForReturn(
        sale.id,
        sale.receipt_no,
        sale.created_at,
        sale.member_id,
        tuple(ReturnableLine(l.id, l.name, l.qty, max(0, l.qty - returned.get(l.id, 0)), l.net_fen) for l in lines),
        record,
        tuple(earlier),
        origin,
    )


def _refunds_elsewhere(from_hq: Callable[[str], dict] | None, number: str) -> list[dict] | None:
    """For this till's own sale: the refunds of it HQ has received from other tills (a receipt
    may be returned at any store), or None when HQ cannot say now - the sale is then returned on
    what this till knows (a return at another till not yet synced here is the one case a unit
    could go back twice; HQ sees both)."""
    if from_hq is None:
        return None
    try:
        data = from_hq(number)
    except Exception:
        return None
    refunds = data.get("refunds") if isinstance(data, dict) else None
    return refunds if isinstance(refunds, list) else None


def _is_here(till: Till, number: str) -> bool:
    with till.uow() as uow:
        sale = uow.sales.by_receipt_no(number)
        return sale is not None and sale.kind == "sale"


def find_sale(till: Till, receipt_no: str, from_hq: Callable[[str], dict] | None = None) -> SaleForReturn:
    """The sale and what is left to return on each line: this till's own, or - asking HQ through
    `from_hq` - any till's of the chain (never written here until it is actually returned)."""
    number = receipt_no.strip().upper()[:40]
    if _is_here(till, number):
        elsewhere = _refunds_elsewhere(from_hq, number)
        with till.uow() as uow:
            sale = _sale(uow, number)
            record, earlier, lines = _record(uow, sale, elsewhere)
            return _for_return(sale, record, earlier, lines)
    data = _ask_hq(from_hq, number)
    with till.uow() as uow:  # planned on a copy that is thrown away (rolled back)
        shift = open_shift_row(uow)
        cashier_id = uow.returns.any_cashier_id()
        sale = _copy_remote_sale(uow, till, cashier_id, shift.id, data)
        record, earlier, lines = _record(uow, sale)
        found = _for_return(sale, record, earlier, lines)
        uow.returns.discard()
    return found


def refund(
    till: Till,
    cashier: CashierInfo,
    receipt_no: str,
    returns: dict[str, int],
    approver_pin: str | None,
    from_hq: Callable[[str], dict] | None = None,
) -> RefundResult:
    """Return `returns` ({line id: units}) of the sale; needs a refund permission or approval.
    A sale of another till is fetched from HQ again (`from_hq`) right before, so that what other
    tills returned of it meanwhile is counted."""
    approver = authorize(till, cashier, "refund", approver_pin)
    now = till.now()
    number = receipt_no.strip().upper()[:40]
    here = _is_here(till, number)
    data = None if here else _ask_hq(from_hq, number)
    elsewhere = _refunds_elsewhere(from_hq, number) if here else None
    with till.uow() as uow:
        shift = open_shift_row(uow)
        if data is not None:
            _copy_remote_sale(uow, till, cashier.id, shift.id, data)
        sale = _sale(uow, number)
        record, earlier, lines = _record(uow, sale, elsewhere)
        try:
            plan = plan_refund(record, returns, earlier)
        except RefundError as error:
            raise InvalidInput(error.code, **error.params) from None
        refund_id = new_id()
        refund_no = uow.sales.next_receipt_no(till.store.receipt_prefix, now.date())
        details = {"original_receipt_no": sale.receipt_no, "coupons_restored": list(plan.coupons_restored)}
        refund_row = SaleRow(
            id=refund_id,
            receipt_no=refund_no,
            kind="refund",
            original_sale_id=sale.id,
            shift_id=shift.id,
            cashier_id=cashier.id,
            approved_by=approver.id,
            member_id=sale.member_id,
            created_at=now,
            subtotal_fen=0,
            discount_fen=0,
            points_offset_fen=sum(l.points_offset_fen for l in plan.lines),
            points_spent=plan.points_restored,
            rounding_fen=0,
            payable_fen=plan.money_fen,
            points_earned=plan.points_reversed,
            details=details,
        )
        uow.returns.add_sale(refund_row)
        by_id = {l.id: l for l in lines}
        for r in plan.lines:
            line = by_id[r.line_id]
            line.returned_qty += r.qty
            uow.returns.add_refund_line(
                refund_id, r.line_id, r.qty, r.money_fen, r.points_offset_fen, r.points_spent, r.points_earned
            )
        for t in plan.tenders:
            uow.returns.add_refund_tender(
                refund_id, t.payment_index, t.tender, t.amount_fen, t.principal_fen, t.bonus_fen, t.reference
            )
            if t.tender == TenderKind.STORED_VALUE:
                uow.ledgers.add_stored_value(sale.member_id, now, t.principal_fen, t.bonus_fen, "refund", refund_no)
        member = None
        restored_lot_id = None  # HQ restores the spent lots themselves; tills drop this one then
        if sale.member_id:
            if plan.points_restored:
                lots_restored = _restore_to_lots(uow, sale, plan.points_restored)
                refund_row.details = dict(details, points_lots=lots_restored)
                uow.ledgers.add_points(sale.member_id, now, plan.points_restored, "refund_spend", refund_no)
            if plan.points_reversed:
                _take_back_earned(uow, sale, plan.points_reversed)
                uow.ledgers.add_points(sale.member_id, now, -plan.points_reversed, "refund_earn", refund_no)
            member_row = uow.members.by_id(sale.member_id)
        for code in plan.coupons_restored:
            uow.returns.restore_coupon(code)
        uow.audit.append(
            "refund",
            cashier.id,
            now,
            {"receipt_no": sale.receipt_no, "refund_no": refund_no, "returns": returns, "money_fen": plan.money_fen},
            approver.id,
        )
        remote = (sale.details or {}) if sale.kind == REMOTE else {}
        origin = (
            {
                "sale_till_id": remote.get("sale_till_id", ""),
                "sale_store_code": remote.get("store_code", ""),
                "sale_till_code": remote.get("till_code", ""),
            }
            if remote
            else {}
        )
        uow.outbox.append(
            "refund",
            {
                **origin,
                "refund_id": refund_id,
                "receipt_no": refund_no,
                "sale_id": sale.id,
                "member_id": sale.member_id or remote.get("member_id"),
                "lines": [
                    {
                        "line_no": by_id[r.line_id].line_no,
                        "product_id": by_id[r.line_id].product_id,
                        "qty": r.qty,
                        "money_fen": r.money_fen,
                        "points_offset_fen": r.points_offset_fen,
                        "points_spent": r.points_spent,
                        "points_earned": r.points_earned,
                    }
                    for r in plan.lines
                ],
                "tenders": [
                    {
                        "tender": t.tender,
                        "amount_fen": t.amount_fen,
                        "principal_fen": t.principal_fen,
                        "bonus_fen": t.bonus_fen,
                        "payment_index": t.payment_index,
                    }
                    for t in plan.tenders
                ],
                "points_restored": plan.points_restored,
                "points_reversed": plan.points_reversed,
                "coupons_restored": list(plan.coupons_restored),
                "approved_by": approver.id,
                "lot_id": restored_lot_id,
            },
            now,
        )
        uow.returns.flush()
        if sale.member_id:
            member = member_view(till, uow, member_row)
        result_lines = tuple((by_id[r.line_id].name, r.qty, r.money_fen) for r in plan.lines)
        uow.commit()
    sold_at = f"{remote.get('store_code', '')}-{remote.get('till_code', '')}" if remote else ""
    return RefundResult(refund_id, refund_no, sale.receipt_no, now, plan, result_lines, member, approver.name, sold_at)


def _lots_the_sale_took(uow, sale: SaleRow) -> list[tuple[str, int]]:
    """[(lot id, points)] the sale spent, oldest first: from the sale's record, or, for a sale
    written before it kept them there, from its outbox event (which has always carried them)."""
    taken = (sale.details or {}).get("points_lots")
    if taken is None:
        payload = uow.returns.sale_event(sale.id)
        taken = (payload or {}).get("points_lots") or []
    return [(str(lot_id), int(points)) for lot_id, points in taken]


def _restore_to_lots(uow, sale: SaleRow, points: int) -> list[tuple[str, int]]:
    """Give `points` spent on `sale` back to the lots they came from, with their own expiry
    (domain `lots_to_restore` + `apply_consumption`); returns what went where. Points the sale
    took from lots this till does not hold go back to the balance only (HQ holds those lots)."""
    given_back = [
        (str(lot_id), int(pts))
        for r in uow.sales.refunds_of(sale.id)
        for lot_id, pts in (r.details or {}).get("points_lots", [])
    ]
    rows = {row.id: row for row in uow.returns.member_lots(sale.member_id)}
    taken = [(lot_id, pts) for lot_id, pts in _lots_the_sale_took(uow, sale) if lot_id in rows]
    restore = lots_to_restore(taken, given_back, points)
    lots = [PointsLot(r.id, r.earned_on, r.points, r.remaining, r.expires_on) for r in rows.values()]
    after = {lot.lot_id: lot.remaining for lot in apply_consumption(lots, restore, sign=+1)}
    for lot_id, _ in restore:
        rows[lot_id].remaining = after[lot_id]
    return restore


def _take_back_earned(uow, sale: SaleRow, points: int) -> None:
    """Take reversed points from the lot the sale created first, then the oldest lots.

    If the member already spent them, the ledger entry still takes them back (the balance may go
    below zero: a debt HQ shows), so no point is ever created by a return.
    """
    left = points
    lots = uow.returns.member_lots(sale.member_id)
    lots.sort(key=lambda l: l.source != sale.receipt_no)
    for lot in lots:
        take = min(lot.remaining, left)
        lot.remaining -= take
        left -= take
        if not left:
            break
