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
5. Points offset, capped by the member's balance and by `max_offset_percent` of the payable,
   measured after the rounding of step 6 (with 50 %, the cash paid after 抹零 is at least the
   points offset).
6. Rounding of the payable (抹零), always down, never below zero.

Every order-level reduction (coupons, points offset, rounding) is spread over the lines of its
scope pro rata by their amounts at that moment, to the fen, summing exactly (money.allocate).
Points earned are computed last, on what is actually paid, and spread over the earning lines so
a partial return can take back exactly its share. The function is pure: same inputs, same result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from itertools import repeat
from operator import attrgetter

from .cart import CartLine, CouponOutcome, OrderReduction, PricedCart, PricedLine, Reduction
from .coupons import CouponCart, apply_coupons, check_coupon
from .errors import Notice
from .manual import ManualDiscount, PriceOverride, apply_manual_discount, apply_price_overrides
from .money import allocate
from .points import points_earned_for
from .rules import Coupon, Member, PointsProgram, PricingOptions, Promotion
from .work import LineIndex, WorkLine, amount_of, spread, tuple_new

_line, _reductions, _amount = attrgetter("line"), attrgetter("reductions"), attrgetter("amount")

STAGE = {"special_price": 0, "member_price": 0, "bogo": 1, "nth_discount": 1, "bundle": 2, "member_day": 3}


class PromotionBook:
    """Promotions prepared once for repeated pricing: in their order of application, with the
    price offers (special and member prices) indexed by product, cheapest first. The till builds
    one when its rules load; `price_cart` also accepts a plain list and builds one on the spot."""

    def __init__(self, promotions: Iterable[Promotion]):
        ordered = sorted(promotions, key=lambda p: (STAGE[p.kind], p.priority, p.id))
        self.promotions = tuple(ordered)
        self.bounded = any(p.window.valid_from is not None or p.window.valid_to is not None for p in ordered)
        self.later = tuple(p for p in ordered if STAGE[p.kind] > 0)
        offers: dict[str, list[tuple[int, int, str, Promotion]]] = {}
        for promo in ordered:
            if promo.kind == "member_price":
                for product, price in promo.prices.items():
                    offers.setdefault(product, []).append((price, promo.priority, promo.id, promo))
            elif promo.kind == "special_price":
                for product in promo.product_ids:
                    offers.setdefault(product, []).append((promo.price_fen, promo.priority, promo.id, promo))
        for choices in offers.values():
            choices.sort(key=lambda offer: offer[:3])
        self.offers = offers

    def __len__(self) -> int:
        return len(self.promotions)


def price_cart(
    lines: Sequence[CartLine],
    *,
    now: datetime,
    member: Member | None = None,
    promotions: Iterable[Promotion] | PromotionBook = (),
    coupons: Sequence[Coupon] = (),
    program: PointsProgram = PointsProgram(),
    options: PricingOptions = PricingOptions(),
    redeem_points: int = 0,
    held_coupons: Sequence[Coupon] = (),
    overrides: Sequence[PriceOverride] = (),
    manual_discount: ManualDiscount | None = None,
    store_code: str | None = None,
) -> PricedCart:
    """Price `lines` at time `now`. `coupons` are the Coupon values the cashier applied;
    `redeem_points` is how many points the member wants to pay with (capped, see module doc).
    `held_coupons` are the member's other coupons: each is checked against the cart as it stands
    before coupons, so the till can show which are usable and what each would save.
    `overrides` and `manual_discount` are a manager's price overrides and discount (manual.py).
    `store_code` is the till's store: a coupon restricted to other stores does not apply."""
    work = [WorkLine(line, line.gross_fen) for line in lines]
    subtotal = amount_of(work)
    notes: list[Notice] = []
    book = promotions if isinstance(promotions, PromotionBook) else PromotionBook(promotions)
    totals: dict[tuple[str, str, str], int] = {}
    if overrides:
        apply_price_overrides(work, overrides, totals)
    _apply_price_promotions(work, book, member, now, totals)
    index = LineIndex(work)
    for promo in book.later:
        if not book.bounded or promo.window.contains(now):
            _apply_promotion(work, promo, member, now, index, totals)
    if member is not None and member.tier.discount_percent > 0:
        tier, percent, total = member.tier, member.tier.discount_percent, 0
        for w in work:
            if not w.locked and (not w.promoted or options.tier_discount_on_promoted_lines):
                cut = w.amount * percent // 100
                if cut > 0:
                    w.amount -= cut
                    w.reductions.append(tuple_new(Reduction, ("tier", tier.code, tier.name, cut)))
                    total += cut
        if total:
            totals["tier", tier.code, tier.name] = total
    applied_codes = {c.code for c in coupons}
    cart = CouponCart(work, index)
    usable = tuple(check_coupon(c, cart, now, store_code) for c in held_coupons if c.code not in applied_codes)
    outcomes = apply_coupons(cart, coupons, now, store_code)
    for c in outcomes:
        if c.applied:
            key = ("coupon", c.code, c.name)
            totals[key] = totals.get(key, 0) + c.amount_fen
    apply_manual_discount(work, manual_discount, totals)
    offset_fen, points_spent, offset_parts, spent_parts = _apply_points_offset(
        work, member, program, redeem_points, notes, options.rounding
    )
    rounding = _apply_rounding(work, options.rounding)
    payable = amount_of(work)
    earned_parts = points_earned_for(work, member, program, now)
    # one PricedLine per line, made in C (map, zip, tuple.__new__): no Python frame per line
    parts = zip(
        map(_line, work),
        map(tuple, map(_reductions, work)),
        map(_amount, work),
        offset_parts,
        spent_parts,
        earned_parts,
    )
    priced = tuple(map(tuple_new, repeat(PricedLine), parts))
    return PricedCart(
        lines=priced,
        subtotal_fen=subtotal,
        reductions=tuple(OrderReduction(k, i, label, amount) for (k, i, label), amount in totals.items()),
        points_offset_fen=offset_fen,
        points_spent=points_spent,
        rounding_fen=rounding,
        payable_fen=payable,
        points_earned=sum(earned_parts),
        coupons=tuple(outcomes),
        held_coupons=usable,
        notes=tuple(notes),
    )


def _member_ok(promo: Promotion, member: Member | None) -> bool:
    return member is not None and member.tier.rank >= promo.min_tier_rank


def _apply_price_promotions(
    work: list[WorkLine],
    book: PromotionBook,
    member: Member | None,
    now: datetime,
    totals: dict[tuple[str, str, str], int],
) -> None:
    """Each line takes the cheapest valid price offer below its own price (offers are sorted by
    price, priority, id, so the first valid one is the best)."""
    offers = book.offers
    if not offers:
        return
    for w in work:
        if w.locked:  # a manager's price override is the line's price
            continue
        line = w.line
        for price, _, _, promo in offers.get(line.product_id, ()):
            if price >= line.unit_price_fen:
                break
            if promo.kind == "member_price" and not _member_ok(promo, member):
                continue
            if book.bounded and not promo.window.contains(now):
                continue
            cut = (line.unit_price_fen - price) * line.qty
            w.reduce("promotion", promo.id, promo.name, cut)
            key = ("promotion", promo.id, promo.name)
            totals[key] = totals.get(key, 0) + cut
            w.promoted = True
            w.locked = promo.exclusive
            break


def _units(work: list[WorkLine], indexes: Iterable[int]) -> list[tuple[int, int]]:
    """(-value, line index) for every unit of the given lines, highest value first (the value is
    negated so that a plain tuple sort gives that order, ties by line)."""
    units: list[tuple[int, int]] = []
    for i in indexes:
        qty = work[i].line.qty
        base, extra = divmod(work[i].amount, qty)  # == allocate over equal weights
        if extra:
            units += [(-base - 1, i)] * extra
        units += [(-base, i)] * (qty - extra)
    units.sort()
    return units


def _apply_promotion(
    work: list[WorkLine],
    promo: Promotion,
    member: Member | None,
    now: datetime,
    index: LineIndex,
    totals: dict[tuple[str, str, str], int],
) -> None:
    if promo.kind == "member_day" and (
        not _member_ok(promo, member) or (promo.weekday is not None and now.weekday() != promo.weekday)
    ):
        return
    exclusive = promo.exclusive
    # candidates are in the promotion's scope; keep the lines it may still take
    scope = [
        i
        for i in index.candidates(promo)
        if not work[i].locked and work[i].amount > 0 and not (exclusive and work[i].promoted)
    ]
    if not scope:
        return
    per_line: dict[int, int] = dict.fromkeys(scope, 0)
    touched: set[int] = set()
    if promo.kind in ("bogo", "nth_discount"):
        units = _units(work, scope)
        n, percent = promo.n, promo.percent_off
        complete = len(units) - len(units) % n
        for position in range(complete):
            negated, i = units[position]
            touched.add(i)
            if position % n == n - 1:
                per_line[i] += -negated * percent // 100
    elif promo.kind == "bundle":
        by_product: dict[str, list[tuple[int, int]]] = {}
        for negated, i in _units(work, scope):
            by_product.setdefault(work[i].line.product_id, []).append((-negated, i))
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
        touched.update(scope)
    total = sum(per_line.values())
    if not total:
        return
    totals["promotion", promo.id, promo.name] = totals.get(("promotion", promo.id, promo.name), 0) + total
    for i in sorted(touched):
        work[i].reduce("promotion", promo.id, promo.name, per_line[i])
        work[i].promoted = True
        work[i].locked = work[i].locked or promo.exclusive


def _apply_points_offset(
    work: list[WorkLine],
    member: Member | None,
    program: PointsProgram,
    redeem_points: int,
    notes: list[Notice],
    rounding: str = "none",
) -> tuple[int, int, list[int], list[int]]:
    """(fen offset, points spent, offset per line, points per line).

    The cap (`max_offset_percent` of what the order costs) holds after rounding: 抹零 takes
    fen from what is left to pay, so the offset is lowered until
    offset <= pct% of (offset + the rest, rounded down).
    """
    zero = (0, 0, [0] * len(work), [0] * len(work))
    if redeem_points <= 0:
        return zero
    if member is None:
        notes.append(Notice("points.member_needed"))
        return zero
    if redeem_points > member.points_balance:
        notes.append(Notice("points.balance_only", balance=member.points_balance))
    wanted_units = min(redeem_points, member.points_balance) // program.redeem_points
    payable = amount_of(work)
    pct, unit_fen, step = program.max_offset_percent, program.redeem_fen, ROUNDING_STEP[rounding]
    cap_units = payable * pct // 100 // unit_fen

    def within_cap(units: int) -> bool:
        offset = units * unit_fen
        rest = payable - offset
        return offset * 100 <= pct * (offset + rest - rest % step)

    # Each unit fewer adds `unit_fen` to the rest and rounding takes at most step - 1 fen, so the
    # walk down is short (at most step // unit_fen + 1 units).
    while cap_units > 0 and not within_cap(cap_units):
        cap_units -= 1
    if wanted_units > cap_units:
        notes.append(Notice("points.offset_capped", percent=program.max_offset_percent))
    units = min(wanted_units, cap_units)
    if units <= 0:
        return zero
    offset = units * program.redeem_fen
    parts = allocate(offset, [w.amount for w in work])
    spent = units * program.redeem_points
    spent_parts = allocate(spent, parts)
    spread(work, parts, "points", "points", "Points")
    return offset, spent, parts, spent_parts


ROUNDING_STEP = {"none": 1, "jiao": 10, "yuan": 100}


def points_offset_cap(priced: PricedCart, program: PointsProgram, balance: int) -> int:
    """The most points a priced sale can take, as the payment dialog offers it: the program's
    `max_offset_percent` of what the sale costs before points and rounding, in whole redemption
    units, and no more than the member's `balance` (pricing then holds the cap after rounding)."""
    before_points = priced.payable_fen + priced.points_offset_fen + priced.rounding_fen
    units = before_points * program.max_offset_percent // 100 // program.redeem_fen
    return min(units * program.redeem_points, balance)


def _apply_rounding(work: list[WorkLine], mode: str) -> int:
    step = ROUNDING_STEP[mode]
    payable = amount_of(work)
    cut = payable % step
    if cut:
        spread(work, allocate(cut, [w.amount for w in work]), "rounding", "rounding", "Rounding")
    return cut


__all__ = ["CouponOutcome", "PromotionBook", "points_offset_cap", "price_cart"]
