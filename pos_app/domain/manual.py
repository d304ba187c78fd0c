"""Reductions a person decides at the till (PRODUCT T1): a price override of one line and a
manual discount of the whole sale, each approved by a manager and named on the receipt.

They are ordinary steps of `price_cart`, so every later step (coupons, points offset, rounding,
points earned, returns) treats them as any other reduction:

- a **price override** sets one line's unit price (only ever lower: a till never charges more
  than the catalogue) before promotions; the line then takes no promotion or tier discount (the
  manager's price is the price) - coupons, points and rounding still apply to the order;
- a **manual discount** (percent, or an amount in fen) comes after coupons and before the points
  offset, spread over the lines pro rata, never below zero.

`label` names who approved it and why (the service builds it), and is what screen and receipt
show; nothing here reads a clock or a database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .errors import DomainError
from .money import allocate
from .work import WorkLine, amount_of, spread


@dataclass(frozen=True)
class PriceOverride:
    line_id: str
    unit_price_fen: int
    label: str

    def __post_init__(self) -> None:
        if not isinstance(self.unit_price_fen, int) or isinstance(self.unit_price_fen, bool) or self.unit_price_fen < 0:
            raise DomainError("override.bad_price")


@dataclass(frozen=True)
class ManualDiscount:
    label: str
    percent: int = 0  # 1..100, or
    amount_fen: int = 0  # an amount off the sale

    def __post_init__(self) -> None:
        for value in (self.percent, self.amount_fen):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise DomainError("discount.bad_value")
        if self.percent > 100 or bool(self.percent) == bool(self.amount_fen):
            raise DomainError("discount.bad_value")


def apply_price_overrides(
    work: list[WorkLine], overrides: Sequence[PriceOverride], totals: dict[tuple[str, str, str], int]
) -> None:
    by_line = {o.line_id: o for o in overrides}
    for w in work:
        override = by_line.get(w.line.line_id)
        if override is None:
            continue
        cut = w.amount - override.unit_price_fen * w.line.qty
        if cut < 0:
            raise DomainError("override.above_price")
        w.reduce("override", w.line.line_id, override.label, cut)
        w.promoted = w.locked = True
        if cut:
            totals["override", w.line.line_id, override.label] = cut


def apply_manual_discount(
    work: list[WorkLine], discount: ManualDiscount | None, totals: dict[tuple[str, str, str], int]
) -> None:
    if discount is None:
        return
    payable = amount_of(work)
    cut = payable * discount.percent // 100 if discount.percent else min(discount.amount_fen, payable)
    if cut <= 0:
        return
    spread(work, allocate(cut, [w.amount for w in work]), "manual", "manual", discount.label)
    totals["manual", "manual", discount.label] = cut
