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
from .rules import Coupon
from .work import WorkLine, spread

ORDER = {"free_item": 0, "spend_save": 1, "percent_off": 2, "cash_voucher": 3}


def in_scope(coupon: Coupon, line: CartLine) -> bool:
    t = coupon.template
    if not t.product_ids and not t.category_ids:
        return True
    return line.product_id in t.product_ids or line.category_id in t.category_ids


def scope_of(coupon: Coupon, work: Sequence[WorkLine]) -> Sequence[WorkLine]:
    t = coupon.template
    if not t.product_ids and not t.category_ids:
        return work
    return [w for w in work if in_scope(coupon, w.line)]


def coupon_saving(
    coupon: Coupon,
    work: Sequence[WorkLine],
    now: datetime,
    order_total: int | None = None,
    store_code: str | None = None,
) -> tuple[int, Notice | None]:
    """(saving in fen, coded reason it does not apply or None) for this coupon against the cart now.
    `order_total` (the sum of every line's amount) may be passed to save summing it again;
    `store_code` is the till's store (None: not checked, e.g. HQ's dry run of a rule set)."""
    t = coupon.template
    if not (t.window.contains(now) and coupon.window.contains(now)):
        return 0, Notice("coupon.not_valid_now")
    if t.store_codes and store_code is not None and store_code not in t.store_codes:
        return 0, Notice("coupon.wrong_store", stores="、".join(sorted(t.store_codes)[:5]))
    scope = scope_of(coupon, work)
    if not scope:
        return 0, Notice("coupon.no_item_covered")
    base = order_total if (order_total is not None and scope is work) else sum(w.amount for w in scope)
    if base < t.min_spend_fen:
        return 0, Notice("coupon.min_spend", min_fen=t.min_spend_fen, short_fen=t.min_spend_fen - base)
    if t.kind == "spend_save":
        steps = [off for minimum, off in t.ladder if base >= minimum]
        if not steps:
            minimum, off = t.ladder[0]
            return 0, Notice("coupon.spend_more", min_fen=minimum, off_fen=off, short_fen=minimum - base)
        saving = steps[-1]
    elif t.kind == "percent_off":
        saving = base * t.percent // 100
        if t.cap_fen:
            saving = min(saving, t.cap_fen)
    elif t.kind == "cash_voucher":
        saving = t.amount_fen
    else:
        units = [w for w in scope if w.line.product_id == t.product_id and w.amount > 0]
        if not units:
            return 0, Notice("coupon.free_item_missing")
        saving = max(w.amount // w.line.qty for w in units)
    saving = min(saving, base)
    if saving <= 0:
        return 0, Notice("coupon.nothing_left")
    return saving, None


def check_coupon(
    coupon: Coupon,
    work: Sequence[WorkLine],
    now: datetime,
    order_total: int | None = None,
    store_code: str | None = None,
) -> CouponOutcome:
    """Whether a held coupon would apply to the cart as it stands, and what it would save."""
    saving, reason = coupon_saving(coupon, work, now, order_total, store_code)
    return CouponOutcome(coupon.code, coupon.template.name, reason is None, saving, reason)


def apply_coupons(
    work: Sequence[WorkLine], coupons: Sequence[Coupon], now: datetime, store_code: str | None = None
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
        saving, reason = coupon_saving(coupon, work, now, store_code=store_code)
        if reason:
            outcomes.append(CouponOutcome(coupon.code, t.name, False, 0, reason))
            continue
        if t.kind == "free_item":
            target = max(
                (w for w in work if in_scope(coupon, w.line) and w.line.product_id == t.product_id and w.amount > 0),
                key=lambda w: w.amount // w.line.qty,
            )
            target.reduce("coupon", coupon.code, t.name, saving)
        else:
            scope = scope_of(coupon, work)
            spread(scope, allocate(saving, [w.amount for w in scope]), "coupon", coupon.code, t.name)
        applied_any = True
        exclusive_applied = exclusive_applied or not t.stackable
        outcomes.append(CouponOutcome(coupon.code, t.name, True, saving))
    return outcomes
