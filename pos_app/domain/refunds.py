"""Returns (T7): reverse part or all of an earlier sale exactly, to the fen and to the point.

A sale is recorded as what each line actually cost (net of every reduction), what of it was paid
with points, the points each line earned, and the payments. A return of some units of a line
takes the share of what is *left* of that line (money.take_share), so a sequence of partial
returns adds up exactly to the sale when the last unit goes back: no money or points are ever
created or destroyed, whatever the order of the returns.

Money goes back to the sale's own tenders, spread pro rata over what each tender can still give
back; a stored-value tender returns its original principal/bonus split. Points spent come back,
points earned are taken back. Coupons used come back only when the whole sale has been returned
(a partial return keeps the coupon used; its discount stays with the kept items' price).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .cart import PricedCart
from .errors import RefundError
from .money import allocate, take_share
from .tenders import TenderKind


@dataclass(frozen=True)
class SoldLine:
    line_id: str
    qty: int
    net_fen: int  # money paid for the line (after points offset)
    points_offset_fen: int  # value paid with points
    points_spent: int
    points_earned: int
    discounts: tuple[tuple[str, int], ...] = ()  # (rule label, fen) for the refund slip


@dataclass(frozen=True)
class Payment:
    tender: str  # cash | stored_value | wechat | alipay | card
    amount_fen: int  # net of change
    principal_fen: int = 0  # stored value only
    bonus_fen: int = 0
    reference: str = ""


@dataclass(frozen=True)
class SaleRecord:
    sale_id: str
    lines: tuple[SoldLine, ...]
    payments: tuple[Payment, ...]
    coupon_codes: tuple[str, ...] = ()

    @classmethod
    def from_priced(cls, sale_id: str, priced: PricedCart, payments: Sequence[Payment]) -> SaleRecord:
        """Record a priced cart with the payments that settled it (they must cover it exactly)."""
        paid = sum(p.amount_fen for p in payments)
        if paid != priced.payable_fen:
            raise RefundError("refund.payments_do_not_settle", paid_fen=paid, payable_fen=priced.payable_fen)
        lines = tuple(
            SoldLine(
                pl.line.line_id,
                pl.line.qty,
                pl.net_fen,
                pl.points_offset_fen,
                pl.points_spent,
                pl.points_earned,
                tuple((r.label, r.amount_fen) for r in pl.reductions if r.source_kind not in ("points",)),
            )
            for pl in priced.lines
        )
        codes = tuple(c.code for c in priced.coupons if c.applied)
        return cls(sale_id, lines, tuple(payments), codes)


@dataclass(frozen=True)
class ReturnedLine:
    line_id: str
    qty: int
    money_fen: int
    points_offset_fen: int
    points_spent: int  # given back to the member
    points_earned: int  # taken back from the member


@dataclass(frozen=True)
class TenderRefund:
    payment_index: int
    tender: str
    amount_fen: int
    principal_fen: int = 0
    bonus_fen: int = 0
    reference: str = ""


@dataclass(frozen=True)
class RefundPlan:
    sale_id: str
    lines: tuple[ReturnedLine, ...]
    tenders: tuple[TenderRefund, ...]
    coupons_restored: tuple[str, ...]
    completes_sale: bool  # after this, every unit of the sale has been returned

    @property
    def money_fen(self) -> int:
        return sum(line.money_fen for line in self.lines)

    @property
    def points_restored(self) -> int:
        return sum(line.points_spent for line in self.lines)

    @property
    def points_reversed(self) -> int:
        return sum(line.points_earned for line in self.lines)


def _remaining_lines(sale: SaleRecord, earlier: Sequence[RefundPlan]) -> dict[str, list[int]]:
    left = {l.line_id: [l.qty, l.net_fen, l.points_offset_fen, l.points_spent, l.points_earned] for l in sale.lines}
    for plan in earlier:
        for r in plan.lines:
            row = left[r.line_id]
            for k, v in enumerate((r.qty, r.money_fen, r.points_offset_fen, r.points_spent, r.points_earned)):
                row[k] -= v
    return left


def plan_refund(sale: SaleRecord, returns: Mapping[str, int], earlier: Sequence[RefundPlan] = ()) -> RefundPlan:
    """Work out a return of `returns` ({line id: units}) given the sale's earlier refunds.

    Raises RefundError (nothing is planned) if a line is unknown, a quantity is not positive,
    or more units are asked back than remain unreturned.
    """
    if not returns:
        raise RefundError("refund.nothing_chosen")
    left = _remaining_lines(sale, earlier)
    returned: list[ReturnedLine] = []
    for line_id, units in returns.items():
        if line_id not in left:
            raise RefundError("refund.line_not_on_sale", line_id=line_id)
        qty_left = left[line_id][0]
        if not isinstance(units, int) or units <= 0:
            raise RefundError("refund.qty_not_positive")
        if qty_left == 0:
            raise RefundError("refund.line_fully_returned", line_id=line_id)
        if units > qty_left:
            raise RefundError("refund.qty_left", line_id=line_id, left=qty_left)
        _, money, offset, spent, earned = left[line_id]
        returned.append(
            ReturnedLine(
                line_id,
                units,
                take_share(money, qty_left, units),
                take_share(offset, qty_left, units),
                take_share(spent, qty_left, units),
                take_share(earned, qty_left, units),
            )
        )
    money = sum(r.money_fen for r in returned)
    tenders = _tender_refunds(sale, earlier, money)
    qty_after = sum(row[0] for row in left.values()) - sum(r.qty for r in returned)
    completes = qty_after == 0
    return RefundPlan(sale.sale_id, tuple(returned), tenders, sale.coupon_codes if completes else (), completes)


def _tender_refunds(sale: SaleRecord, earlier: Sequence[RefundPlan], money: int) -> tuple[TenderRefund, ...]:
    given = [[0, 0, 0] for _ in sale.payments]  # amount, principal, bonus given back so far
    for plan in earlier:
        for t in plan.tenders:
            given[t.payment_index][0] += t.amount_fen
            given[t.payment_index][1] += t.principal_fen
            given[t.payment_index][2] += t.bonus_fen
    capacity = [p.amount_fen - g[0] for p, g in zip(sale.payments, given)]
    if money > sum(capacity):
        raise RefundError("refund.more_than_paid")
    out = []
    for index, (payment, part) in enumerate(zip(sale.payments, allocate(money, capacity))):
        if part == 0:
            continue
        principal = bonus = 0
        if payment.tender == TenderKind.STORED_VALUE:
            bonus_left = payment.bonus_fen - given[index][2]
            bonus = take_share(bonus_left, capacity[index], part) if bonus_left else 0
            principal = part - bonus
        out.append(TenderRefund(index, payment.tender, part, principal, bonus, payment.reference))
    return tuple(out)
