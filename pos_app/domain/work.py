"""A line while it is being priced: mutable, private to one pricing run, shared by the pricing
steps (pricing.py, coupons.py). Reductions are plain named tuples built without the named
tuple's Python-level constructor, because a repricing makes hundreds of them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Protocol

from .cart import CartLine, Reduction

tuple_new = tuple.__new__  # tuple_new(Reduction, (...)) == Reduction(...), without a Python frame
_amount = attrgetter("amount")


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


def amount_of(work: Iterable[WorkLine]) -> int:
    """What the lines cost now (their amounts summed, without a Python frame per line)."""
    return sum(map(_amount, work))


def spread(work: Sequence[WorkLine], parts: Sequence[int], kind: str, source_id: str, label: str) -> None:
    """Take `parts[i]` off `work[i]` (an order-level reduction already allocated to the lines)."""
    # equal parts share one Reduction (a tuple: immutable), so an order-level reduction over many
    # lines makes as many objects as it has distinct parts, not one per line
    made = {part: tuple_new(Reduction, (kind, source_id, label, part)) for part in set(parts)}
    for w, part, reduction in zip(work, parts, map(made.__getitem__, parts)):
        if part > 0:
            w.amount -= part
            w.reductions.append(reduction)


class Scoped(Protocol):
    """A rule with a scope of products and categories (both empty: every line)."""

    @property
    def product_ids(self) -> frozenset[str]: ...

    @property
    def category_ids(self) -> frozenset[str]: ...


class LineIndex:
    """Lines by product and category, built once per pricing run, so a promotion or a coupon
    only looks at the lines it could touch."""

    def __init__(self, work: Sequence[WorkLine]):
        self.all = range(len(work))
        self.by_product: dict[str, list[int]] = {}
        self.by_category: dict[str, list[int]] = {}
        product, category = self.by_product.setdefault, self.by_category.setdefault
        for i, w in enumerate(work):
            line = w.line
            product(line.product_id, []).append(i)
            category(line.category_id, []).append(i)

    def candidates(self, rule: Scoped) -> Sequence[int]:
        """The indexes of the lines in `rule`'s scope, in cart order."""
        if not rule.product_ids and not rule.category_ids:
            return self.all
        found: list[int] = []
        for ids, table in ((rule.product_ids, self.by_product), (rule.category_ids, self.by_category)):
            if len(ids) <= len(table):
                for key in ids:
                    rows = table.get(key)
                    if rows:
                        found.extend(rows)
            else:
                for key, rows in table.items():
                    if key in ids:
                        found.extend(rows)
        if rule.product_ids and rule.category_ids:
            return sorted(set(found))
        found.sort()
        return found
