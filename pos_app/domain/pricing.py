"""Price a cart for a member: promotions, tier discount, coupons, points offset, rounding, points.

The order of application is fixed and documented (docs/architecture.md, "Pricing rules"):

1. Price promotions (`special_price`, `member_price`): each line gets the lowest price any valid
   one offers (ties: lower priority number, then id).
2. Quantity promotions (`bogo`, `nth_discount`), then `bundle`, then `member_day`, each group in
   (priority, id) order. Units are pooled across lines of the promotion's scope and sorted by
   value, highest first, so the free or discounted units are always the cheapest ones.
   Exclusivity: an exclusive promotion only takes lines no promotion has touched, and a line an
   exclusive promotion touched takes no further promotion.
3. Member tier discount on lines no promotion touched (a store option extends it to promoted lines).
4. Coupons in the order free item, spend-X-save-Y, percent off, cash voucher (then code). A
   coupon that is not stackable is one-per-order: it combines with no other coupon. Minimum spend
   is measured on the coupon's scope after steps 1-3 and earlier coupons.
5. Points offset, capped by the member's balance and by `max_offset_percent` of the payable.
6. Rounding of the payable (抹零), always down, never below zero.

Every order-level reduction (coupons, points offset, rounding) is spread over the lines of its
scope pro rata by their amounts at that moment, to the fen, summing exactly (money.allocate).
Points earned are computed last, on what is actually paid, and spread over the earning lines so
a partial return can take back exactly its share. The function is pure: same inputs, same result.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable, Sequence

from .cart import CartLine, CouponOutcome, OrderReduction, PricedCart, PricedLine, Reduction
from .coupons import apply_coupons, check_coupon
from .money import allocate
from .points import points_earned_for
from .rules import Coupon, Member, PointsProgram, PricingOptions, Promotion

STAGE = {"special_price": 0, "member_price": 0, "bogo": 1, "nth_discount": 1, "bundle": 2,
         "member_day": 3}


@dataclass
class WorkLine:
    """A line being priced (mutable, private to one pricing run)."""

    line: CartLine
    amount: int
    reductions: list[Reduction] = field(default_factory=list)
    promoted: bool = False
    locked: bool = False

    def reduce(self, kind: str, source_id: str, label: str, amount: int) -> None:
        if amount <= 0:
            return
        self.amount -= amount
        self.reductions.append(Reduction(kind, source_id, label, amount))


def price_cart(lines: Sequence[CartLine], *, now: datetime, member: Member | None = None,
               promotions: Iterable[Promotion] = (), coupons: Sequence = (),
               program: PointsProgram = PointsProgram(), options: PricingOptions = PricingOptions(),
               redeem_points: int = 0, held_coupons: Sequence[Coupon] = ()) -> PricedCart:
    """Price `lines` at time `now`. `coupons` are the Coupon values the cashier applied;
    `redeem_points` is how many points the member wants to pay with (capped, see module doc).
    `held_coupons` are the member's other coupons: each is checked against the cart as it stands
    before coupons, so the till can show which are usable and what each would save."""
    work = [WorkLine(line, line.gross_fen) for line in lines]
    notes: list[str] = []
    active = sorted((p for p in promotions if p.window.contains(now)),
                    key=lambda p: (STAGE[p.kind], p.priority, p.id))
    _apply_price_promotions(work, [p for p in active if STAGE[p.kind] == 0], member)
    index = LineIndex(work)
    for promo in (p for p in active if STAGE[p.kind] > 0):
        _apply_promotion(work, promo, member, now, index.candidates(promo))
    if member is not None and member.tier.discount_percent > 0:
        for w in work:
            if not w.locked and (not w.promoted or options.tier_discount_on_promoted_lines):
                w.reduce("tier", member.tier.code, member.tier.name,
                         w.amount * member.tier.discount_percent // 100)
    applied_codes = {c.code for c in coupons}
    total_now = sum(w.amount for w in work)
    usable = tuple(check_coupon(c, work, now, total_now) for c in held_coupons
                   if c.code not in applied_codes)
    outcomes = apply_coupons(work, coupons, now)
    offset_fen, points_spent, spent_parts = _apply_points_offset(work, member, program,
                                                                 redeem_points, notes)
    rounding = _apply_rounding(work, options.rounding)
    payable = sum(w.amount for w in work)
    earned_parts = points_earned_for(work, member, program, now)
    priced = tuple(
        PricedLine(w.line, tuple(w.reductions), w.amount,
                   sum(r.amount_fen for r in w.reductions if r.source_kind == "points"),
                   spent_parts[i], earned_parts[i])
        for i, w in enumerate(work))
    return PricedCart(
        lines=priced,
        subtotal_fen=sum(line.gross_fen for line in lines),
        reductions=_summarise(work),
        points_offset_fen=offset_fen,
        points_spent=points_spent,
        rounding_fen=rounding,
        payable_fen=payable,
        points_earned=sum(earned_parts),
        coupons=tuple(outcomes),
        held_coupons=usable,
        notes=tuple(notes),
    )


class LineIndex:
    """Lines by product and category, so a promotion only looks at lines it could touch."""

    def __init__(self, work: list[WorkLine]):
        self.all = range(len(work))
        self.by_product: dict[str, list[int]] = {}
        self.by_category: dict[str, list[int]] = {}
        for i, w in enumerate(work):
            self.by_product.setdefault(w.line.product_id, []).append(i)
            self.by_category.setdefault(w.line.category_id, []).append(i)

    def candidates(self, promo: Promotion) -> Sequence[int]:
        if not promo.product_ids and not promo.category_ids:
            return self.all
        found: list[int] = []
        for ids, table in ((promo.product_ids, self.by_product), (promo.category_ids, self.by_category)):
            if len(ids) <= len(table):
                for key in ids:
                    rows = table.get(key)
                    if rows:
                        found.extend(rows)
            else:
                for key, rows in table.items():
                    if key in ids:
                        found.extend(rows)
        if promo.product_ids and promo.category_ids:
            return sorted(set(found))
        found.sort()
        return found


def _in_scope(promo: Promotion, line: CartLine) -> bool:
    if not promo.product_ids and not promo.category_ids:
        return True
    return line.product_id in promo.product_ids or line.category_id in promo.category_ids


def _eligible(promo: Promotion, w: WorkLine) -> bool:
    if w.locked or (promo.exclusive and w.promoted) or w.amount <= 0:
        return False
    return _in_scope(promo, w.line)


def _member_ok(promo: Promotion, member: Member | None) -> bool:
    return member is not None and member.tier.rank >= promo.min_tier_rank


def _apply_price_promotions(work: list[WorkLine], promos: list[Promotion],
                            member: Member | None) -> None:
    offers: dict[str, list[tuple[int, Promotion]]] = {}
    for promo in promos:
        if promo.kind == "member_price":
            if _member_ok(promo, member):
                for product, price in promo.prices.items():
                    offers.setdefault(product, []).append((price, promo))
        else:
            for product in promo.product_ids:
                offers.setdefault(product, []).append((promo.price_fen, promo))
    for w in work:
        best: tuple[int, int, str, Promotion] | None = None
        for price, promo in offers.get(w.line.product_id, ()):
            if price < w.line.unit_price_fen and (best is None or (price, promo.priority, promo.id) < best[:3]):
                best = (price, promo.priority, promo.id, promo)
        if best is not None:
            price, _, _, promo = best
            w.reduce("promotion", promo.id, promo.name, (w.line.unit_price_fen - price) * w.line.qty)
            w.promoted = True
            w.locked = promo.exclusive


def _units(work: list[WorkLine], indexes: Iterable[int]) -> list[tuple[int, int]]:
    """(value, line index) for every unit of the given lines, highest value first."""
    units = []
    for i in indexes:
        base, extra = divmod(work[i].amount, work[i].line.qty)   # == allocate over equal weights
        units.extend((base + 1, i) for _ in range(extra))
        units.extend((base, i) for _ in range(work[i].line.qty - extra))
    units.sort(key=lambda u: (-u[0], u[1]))
    return units


def _apply_promotion(work: list[WorkLine], promo: Promotion, member: Member | None,
                     now: datetime, candidates: Iterable[int]) -> None:
    if promo.kind == "member_day" and (not _member_ok(promo, member) or (
            promo.weekday is not None and now.weekday() != promo.weekday)):
        return
    scope = [i for i in candidates if _eligible(promo, work[i])]
    if not scope:
        return
    per_line: dict[int, int] = dict.fromkeys(scope, 0)
    touched: set[int] = set()
    if promo.kind in ("bogo", "nth_discount"):
        units = _units(work, scope)
        complete = len(units) - len(units) % promo.n
        for position in range(complete):
            value, i = units[position]
            touched.add(i)
            if position % promo.n == promo.n - 1:
                per_line[i] += value * promo.percent_off // 100
    elif promo.kind == "bundle":
        by_product: dict[str, list[tuple[int, int]]] = {}
        for value, i in _units(work, scope):
            by_product.setdefault(work[i].line.product_id, []).append((value, i))
        if set(by_product) >= promo.product_ids:
            count = min(len(by_product[p]) for p in promo.product_ids)
            for b in range(count):
                members = [by_product[p][b] for p in sorted(promo.product_ids)]
                values = [v for v, _ in members]
                saving = max(0, sum(values) - promo.bundle_price_fen)
                for (_, i), part in zip(members, allocate(saving, values)):
                    per_line[i] += part
                    touched.add(i)
    elif promo.kind == "member_day":
        for i in scope:
            per_line[i] = work[i].amount * promo.percent_off // 100
            touched.add(i)
    if not any(per_line.values()):
        return
    for i in sorted(touched):
        work[i].reduce("promotion", promo.id, promo.name, per_line[i])
        work[i].promoted = True
        work[i].locked = work[i].locked or promo.exclusive


def _apply_points_offset(work: list[WorkLine], member: Member | None, program: PointsProgram,
                         redeem_points: int, notes: list[str]) -> tuple[int, int, list[int]]:
    zero = (0, 0, [0] * len(work))
    if redeem_points <= 0:
        return zero
    if member is None:
        notes.append("Points can only be used with a member attached")
        return zero
    if redeem_points > member.points_balance:
        notes.append(f"The member has only {member.points_balance} points")
    wanted_units = min(redeem_points, member.points_balance) // program.redeem_points
    payable = sum(w.amount for w in work)
    cap_units = payable * program.max_offset_percent // 100 // program.redeem_fen
    if wanted_units > cap_units:
        notes.append(f"Points may pay at most {program.max_offset_percent}% of the payable")
    units = min(wanted_units, cap_units)
    if units <= 0:
        return zero
    offset = units * program.redeem_fen
    parts = allocate(offset, [w.amount for w in work])
    spent = units * program.redeem_points
    spent_parts = allocate(spent, parts)
    for w, part in zip(work, parts):
        w.reduce("points", "points", "Points", part)
    return offset, spent, spent_parts


def _apply_rounding(work: list[WorkLine], mode: str) -> int:
    step = {"none": 1, "jiao": 10, "yuan": 100}[mode]
    payable = sum(w.amount for w in work)
    cut = payable % step
    if cut:
        for w, part in zip(work, allocate(cut, [w.amount for w in work])):
            w.reduce("rounding", "rounding", "Rounding", part)
    return cut


def _summarise(work: list[WorkLine]) -> tuple[OrderReduction, ...]:
    totals: dict[tuple[str, str, str], int] = {}
    for w in work:
        for r in w.reductions:
            if r.source_kind in ("points", "rounding"):
                continue
            key = (r.source_kind, r.source_id, r.label)
            totals[key] = totals.get(key, 0) + r.amount_fen
    return tuple(OrderReduction(k, i, label, amount) for (k, i, label), amount in totals.items())


__all__ = ["price_cart", "CouponOutcome"]
