"""The cart as the rules see it, and the priced result with its explanation."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from .errors import DomainError, Notice

MAX_QTY = 9999


@dataclass(frozen=True)
class CartLine:
    """A product in the cart. Weighed goods are one line of qty 1 priced by their label."""

    line_id: str
    product_id: str
    name: str
    unit_price_fen: int
    qty: int = 1
    category_id: str = ""
    non_earning: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.qty, int) or isinstance(self.qty, bool) or not 0 < self.qty <= MAX_QTY:
            raise DomainError("cart.qty_out_of_range", max=MAX_QTY)
        if not isinstance(self.unit_price_fen, int) or self.unit_price_fen < 0:
            raise DomainError("cart.price_invalid")

    @cached_property  # kept: the open cart keeps its lines' CartLines, repriced on every scan
    def gross_fen(self) -> int:
        return self.unit_price_fen * self.qty


class Reduction(NamedTuple):
    """One reduction on one line, naming the rule that produced it (a tuple: made by the
    thousand per repricing, so it must be cheap to build)."""

    source_kind: str  # promotion | tier | coupon | points | rounding
    source_id: str  # promotion id, tier code, coupon code, "points", "rounding"
    label: str  # the rule's name, for screen and receipt
    amount_fen: int


class PricedLine(NamedTuple):
    """A priced line (a tuple: one per line on every repricing)."""

    line: CartLine
    reductions: tuple[Reduction, ...]
    net_fen: int  # what the customer pays for this line, all reductions applied
    points_offset_fen: int  # part of the line paid with points
    points_spent: int  # points spent, allocated to this line
    points_earned: int  # points earned, allocated to this line

    @property
    def reduction_fen(self) -> int:
        return sum(r.amount_fen for r in self.reductions)


@dataclass(frozen=True)
class OrderReduction:
    """A reduction summed over the order (one row of the explanation)."""

    source_kind: str
    source_id: str
    label: str
    amount_fen: int


@dataclass(frozen=True)
class CouponOutcome:
    code: str
    name: str
    applied: bool
    amount_fen: int = 0
    reason: Notice | None = None  # why it does not apply (a coded reason)


@dataclass(frozen=True)
class PricedCart:
    """The result of pricing: every figure the till shows, and why."""

    lines: tuple[PricedLine, ...]
    subtotal_fen: int  # sum of gross line amounts
    reductions: tuple[OrderReduction, ...]  # promotions, tier, coupons (not points/rounding), in the order applied
    points_offset_fen: int
    points_spent: int
    rounding_fen: int
    payable_fen: int  # what tenders must cover: subtotal - everything above
    points_earned: int
    coupons: tuple[CouponOutcome, ...] = ()  # the coupons applied (or refused, with why)
    held_coupons: tuple[CouponOutcome, ...] = ()  # the member's other coupons: usable now?
    notes: tuple[Notice, ...] = field(default=())  # coded remarks (points capped, ...)

    @property
    def discount_fen(self) -> int:
        return sum(r.amount_fen for r in self.reductions)
