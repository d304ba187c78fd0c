"""A line while it is being priced: mutable, private to one pricing run, shared by the pricing
steps (pricing.py, coupons.py). Reductions are plain named tuples built without the named
tuple's Python-level constructor, because a repricing makes hundreds of them."""

from __future__ import annotations

from collections.abc import Sequence

from .cart import CartLine, Reduction

tuple_new = tuple.__new__  # tuple_new(Reduction, (...)) == Reduction(...), without a Python frame


class WorkLine:
    """A line being priced (mutable, private to one pricing run)."""

    __slots__ = ("amount", "line", "locked", "promoted", "reductions")

    def __init__(self, line: CartLine, amount: int):
        self.line, self.amount = line, amount
        self.reductions: list[Reduction] = []
        self.promoted = self.locked = False

    def reduce(self, kind: str, source_id: str, label: str, amount: int) -> None:
        if amount <= 0:
            return
        self.amount -= amount
        self.reductions.append(tuple_new(Reduction, (kind, source_id, label, amount)))


def spread(work: Sequence[WorkLine], parts: Sequence[int], kind: str, source_id: str, label: str) -> None:
    """Take `parts[i]` off `work[i]` (an order-level reduction already allocated to the lines)."""
    for w, part in zip(work, parts):
        if part > 0:
            w.amount -= part
            w.reductions.append(tuple_new(Reduction, (kind, source_id, label, part)))
