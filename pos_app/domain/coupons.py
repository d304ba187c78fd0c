"""Coupons at the till: whether one applies (and why not, in words) and what it takes off.

Kinds: spend-X-save-Y with ladders (满减), percent off with a cap (折扣券), cash voucher (现金券),
free item. A coupon applies to its scope (products or categories; empty = the whole order),
inside the validity window of both its template and the coupon itself, at the stores the template
allows (`store_codes`; none named: every store), when the scope's amount reaches the minimum spend. A coupon that is not stackable is one-per-order.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .cart import CartLine, CouponOutcome
from .errors import Notice
from .money import allocate
from .rules import Coupon, CouponTemplate
from .work import LineIndex, WorkLine, amount_of, spread

ORDER = {"free_item": 0, "spend_save": 1, "percent_off": 2, "cash_voucher": 3}


def in_scope(template: CouponTemplate, line: CartLine) -> bool:
    if not template.product_ids and not template.category_ids:
        return True
    return line.product_id in template.product_ids or line.category_id in template.category_ids


class CouponCart:
    """The cart as its coupons see it, prepared once per pricing run: its lines indexed by
    product and category (a coupon's scope and its free item are looked up, not scanned for)
    and the order's total, kept as coupons apply - so each coupon costs what its own scope
    costs, not another pass over every line."""

    __slots__ = ("index", "total", "work")

    def __init__(self, work: Sequence[WorkLine], index: LineIndex | None = None):
        self.work, self.index = work, index or LineIndex(work)
        self.total = amount_of(work)

    def scope(self, template: CouponTemplate) -> Sequence[WorkLine]:
        if not template.product_ids and not template.category_ids:
            return self.work
        work = self.work
        return [work[i] for i in self.index.candidates(template)]

    def free_units(self, template: CouponTemplate) -> list[WorkLine]:
        """The lines of the free item's product in the coupon's scope with something left to pay."""
        work = self.work
        lines = (work[i] for i in self.index.by_product.get(template.product_id or "", ()))
        return [w for w in lines if w.amount > 0 and in_scope(template, w.line)]


def coupon_saving(
    coupon: Coupon, cart: CouponCart, now: datetime, store_code: str | None = None
) -> tuple[int, Notice | None, Sequence[WorkLine]]:
    """(saving in fen, coded reason it does not apply or None, the lines the saving comes off)
    for this coupon against the cart now; `store_code` is the till's store (None: not checked,
    e.g. HQ's dry run of a rule set)."""
    t = coupon.template
    if not (t.window.contains(now) and coupon.window.contains(now)):
        return 0, Notice("coupon.not_valid_now"), ()
    if t.store_codes and store_code is not None and store_code not in t.store_codes:
        return 0, Notice("coupon.wrong_store", stores="、".join(sorted(t.store_codes)[:5])), ()
    scope = cart.scope(t)
    if not scope:
        return 0, Notice("coupon.no_item_covered"), ()
    base = cart.total if scope is cart.work else amount_of(scope)
    if base < t.min_spend_fen:
        return 0, Notice("coupon.min_spend", min_fen=t.min_spend_fen, short_fen=t.min_spend_fen - base), ()
    if t.kind == "spend_save":
        steps = [off for minimum, off in t.ladder if base >= minimum]
        if not steps:
            minimum, off = t.ladder[0]
            return 0, Notice("coupon.spend_more", min_fen=minimum, off_fen=off, short_fen=minimum - base), ()
        saving = steps[-1]
    elif t.kind == "percent_off":
        saving = base * t.percent // 100
        if t.cap_fen:
            saving = min(saving, t.cap_fen)
    elif t.kind == "cash_voucher":
        saving = t.amount_fen
    else:
        units = cart.free_units(t)
        if not units:
            return 0, Notice("coupon.free_item_missing"), ()
        # the dearest unit is free (the first such line, in cart order)
        target = max(units, key=lambda w: w.amount // w.line.qty)
        saving, scope = target.amount // target.line.qty, (target,)
    saving = min(saving, base)
    if saving <= 0:
        return 0, Notice("coupon.nothing_left"), ()
    return saving, None, scope


def check_coupon(coupon: Coupon, cart: CouponCart, now: datetime, store_code: str | None = None) -> CouponOutcome:
    """Whether a held coupon would apply to the cart as it stands, and what it would save."""
    saving, reason, _ = coupon_saving(coupon, cart, now, store_code)
    return CouponOutcome(coupon.code, coupon.template.name, reason is None, saving, reason)


def apply_coupons(
    cart: CouponCart, coupons: Sequence[Coupon], now: datetime, store_code: str | None = None
) -> list[CouponOutcome]:
    """Apply `coupons` in the documented order; returns one outcome per coupon given."""
    outcomes: list[CouponOutcome] = []
    seen: set[str] = set()
    applied_any = False
    exclusive_applied = False
    for coupon in sorted(coupons, key=lambda c: (ORDER[c.template.kind], c.code)):
        t = coupon.template
        reason: Notice | None = None
        if coupon.code in seen:
            reason = Notice("coupon.already_applied")
        elif exclusive_applied:
            reason = Notice("coupon.other_not_combinable")
        elif not t.stackable and applied_any:
            reason = Notice("coupon.not_combinable")
        seen.add(coupon.code)
        if reason:
            outcomes.append(CouponOutcome(coupon.code, t.name, False, 0, reason))
            continue
        saving, reason, scope = coupon_saving(coupon, cart, now, store_code)
        if reason:
            outcomes.append(CouponOutcome(coupon.code, t.name, False, 0, reason))
            continue
        if t.kind == "free_item":
            scope[0].reduce("coupon", coupon.code, t.name, saving)
        else:
            spread(scope, allocate(saving, [w.amount for w in scope]), "coupon", coupon.code, t.name)
        cart.total -= saving
        applied_any = True
        exclusive_applied = exclusive_applied or not t.stackable
        outcomes.append(CouponOutcome(coupon.code, t.name, True, saving))
    return outcomes
