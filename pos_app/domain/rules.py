"""Rule definitions: promotions, coupon templates, held coupons, tiers and the loyalty program.

Rules arrive as rows (`kind` + JSON `params`) from HQ or the demo data; `promotion_from_row` and
`coupon_template_from_row` turn them into frozen values and refuse malformed ones with a
`RuleError` naming the problem. Percentages are integers (5 = 5 % off); multipliers are
integer percent (150 = 1.5x). Money is integer fen.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any, TypedDict

from .errors import RuleError

PROMOTION_KINDS = ("special_price", "member_price", "bogo", "nth_discount", "bundle", "member_day")
COUPON_KINDS = ("free_item", "spend_save", "percent_off", "cash_voucher")

MonthDay = tuple[int, int]  # (month, day): a birthday without its year, all a till keeps


@dataclass(frozen=True)
class Window:
    """A validity window; either end may be open. `now` is inside when from <= now < to."""

    valid_from: datetime | None = None
    valid_to: datetime | None = None

    def contains(self, now: datetime) -> bool:
        return (self.valid_from is None or self.valid_from <= now) and (self.valid_to is None or now < self.valid_to)


@dataclass(frozen=True)
class Promotion:
    """An item promotion. See pricing.py for the order in which kinds apply."""

    id: str
    name: str
    kind: str
    product_ids: frozenset[str] = frozenset()
    category_ids: frozenset[str] = frozenset()
    price_fen: int = 0  # special_price
    prices: Mapping[str, int] = field(default_factory=dict)  # member_price: product -> fen
    n: int = 2  # nth_discount: every n-th unit
    percent_off: int = 0  # nth_discount, member_day
    bundle_price_fen: int = 0  # bundle: one of each product_ids for this price
    weekday: int | None = None  # member_day: 0 = Monday
    min_tier_rank: int = 0  # member_price / member_day: lowest tier rank allowed
    exclusive: bool = False
    priority: int = 100
    window: Window = Window()


@dataclass(frozen=True)
class CouponTemplate:
    """What a coupon does and where it applies."""

    id: str
    name: str
    kind: str
    ladder: tuple[tuple[int, int], ...] = ()  # spend_save: ((min_fen, off_fen), ...) ascending
    percent: int = 0  # percent_off
    cap_fen: int = 0  # percent_off: 0 = no cap
    amount_fen: int = 0  # cash_voucher
    product_id: str | None = None  # free_item
    min_spend_fen: int = 0
    product_ids: frozenset[str] = frozenset()  # scope; empty = whole order
    category_ids: frozenset[str] = frozenset()
    stackable: bool = False
    window: Window = Window()
    store_codes: frozenset[str] = frozenset()  # the stores it may be used at; empty = every store


@dataclass(frozen=True)
class Coupon:
    """A coupon a member holds (or a code typed at the till): a template plus its own window."""

    code: str
    template: CouponTemplate
    window: Window = Window()


@dataclass(frozen=True)
class Tier:
    """A member tier: its rank orders tiers (0 = regular)."""

    code: str
    name: str
    rank: int
    discount_percent: int = 0  # off the price of lines without a promotion
    points_multiplier_pct: int = 100
    min_spend_12m_fen: int = 0  # qualifies by rolling 12-month spend ...
    min_points_12m: int = 0  # ... or by points earned in 12 months (0 = not used)


@dataclass(frozen=True)
class PointsProgram:
    """How points are earned and spent. Figures from the seeds are the defaults.

    Earning: `points_per_yuan` points per whole yuan of eligible amount, times the spend-band,
    tier, member-day and birthday multipliers (integer percent, multiplied together), one floor
    at the very end. The member day is a weekday (`member_day_weekday`, 0 = Monday) or a day of
    the month (`member_day_of_month`, 1-31; past a short month's end: its last day), or both.
    The birthday multiplier applies in the `birthday_scope` of the member's birthday: "day" (the
    birthday itself), "week" (its Monday-to-Sunday week) or "month". `birthday_bonus_points` is
    not earned by an order: it is the birthday gift HQ's birthday job gives once a year (before
    issue 18 it was added to every order in the birthday month).
    Spending: `redeem_points` points are worth `redeem_fen` fen (100 points = 1 yuan); at most
    `max_offset_percent` % of the payable may be paid with points (50 = the cash paid must be at
    least the points offset).
    """

    points_per_yuan: int = 1
    spend_bands: tuple[tuple[int, int], ...] = ((10000, 150), (20000, 200))  # (min fen, pct)
    member_day_weekday: int | None = None
    member_day_of_month: int | None = None
    member_day_multiplier_pct: int = 200
    birthday_multiplier_pct: int = 100
    birthday_scope: str = "month"  # "day" | "week" | "month"
    birthday_bonus_points: int = 0  # the yearly birthday gift (HQ), never per order
    non_earning_category_ids: frozenset[str] = frozenset()
    redeem_points: int = 100
    redeem_fen: int = 100
    max_offset_percent: int = 50
    expiry: str = "rolling"  # "rolling" | "fixed" | "never"
    expiry_months: int = 12  # rolling: N months after the month earned
    expiry_days: int = 365  # fixed: N days after earning

    def is_member_day(self, day: date) -> bool:
        """The chain's member day: its weekday, or its day of the month (the last day of a month
        shorter than it)."""
        if self.member_day_weekday is not None and day.weekday() == self.member_day_weekday:
            return True
        if self.member_day_of_month is not None:
            last = calendar.monthrange(day.year, day.month)[1]
            return day.day == min(self.member_day_of_month, last)
        return False

    def in_birthday_period(self, birthday: MonthDay | date | None, day: date) -> bool:
        """Whether `day` is in the member's birthday period (`birthday_scope`) of its year; a 29
        February birthday is kept on the 28th in common years. `birthday`: (month, day) as the
        till keeps it, or a date (its year is not used)."""
        if birthday is None:
            return False
        month, dom = (birthday.month, birthday.day) if isinstance(birthday, date) else birthday
        if self.birthday_scope == "month":
            return month == day.month
        last = calendar.monthrange(day.year, month)[1]
        this_year = date(day.year, month, min(dom, last))
        if self.birthday_scope == "day":
            return day == this_year
        return day.isocalendar()[:2] == this_year.isocalendar()[:2]

    def band_multiplier_pct(self, amount_fen: int) -> int:
        pct = 100
        for minimum, band_pct in sorted(self.spend_bands):
            if amount_fen >= minimum:
                pct = band_pct
        return pct


@dataclass(frozen=True)
class PricingOptions:
    """Store-level pricing switches."""

    rounding: str = "none"  # "none" | "jiao" | "yuan" (抹零, always down)
    tier_discount_on_promoted_lines: bool = False


@dataclass(frozen=True)
class Member:
    """The member at the counter, as the rules need them."""

    id: str
    tier: Tier
    birthday: MonthDay | None = None  # (month, day): the till keeps no year
    points_balance: int = 0


# ---- parsing rows -----------------------------------------------------------------------------

BIRTHDAY_SCOPES = ("day", "week", "month")


def program_from_value(value: Mapping[str, Any] | None) -> PointsProgram:
    """The points programme from its stored value (the `points_program` setting, JSON), as the
    till, HQ's lifecycle and the rules service read it: lists become tuples and sets, keys this
    version does not know are left out (a newer HQ may publish more). RuleError on a bad value."""
    raw = {k: v for k, v in dict(value or {}).items() if k in _PROGRAM_FIELDS}
    if "spend_bands" in raw:
        raw["spend_bands"] = tuple(tuple(b) for b in raw["spend_bands"])
    if "non_earning_category_ids" in raw:
        raw["non_earning_category_ids"] = frozenset(raw["non_earning_category_ids"])
    for key, days in (("member_day_weekday", range(7)), ("member_day_of_month", range(1, 32))):
        value = raw.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value not in days):
            raise RuleError("program.member_day_invalid")
    if raw.get("birthday_scope", "month") not in BIRTHDAY_SCOPES:
        raise RuleError("program.birthday_scope_unknown")
    return PointsProgram(**raw)


_PROGRAM_FIELDS = frozenset(f.name for f in fields(PointsProgram))


def _ids(params: Mapping[str, Any], key: str) -> frozenset[str]:
    value = params.get(key) or ()
    if not isinstance(value, (list, tuple, set, frozenset)):
        raise RuleError("rule.not_a_list", key=key)
    return frozenset(str(v) for v in value)


def _fen(params: Mapping[str, Any], key: str, *, required: bool = True) -> int:
    value = params.get(key, None if required else 0)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RuleError("rule.not_an_amount", key=key)
    return value


def _whole(params: Mapping[str, Any], key: str) -> int:
    value = params.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RuleError("rule.not_a_whole_number", key=key)
    return value


def _pct(params: Mapping[str, Any], key: str) -> int:
    value = params.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        raise RuleError("rule.not_a_percent", key=key)
    return value


class _PromotionCommon(TypedDict):
    """The fields every kind of Promotion is built with (promotion_from_row)."""

    id: str
    name: str
    kind: str
    exclusive: bool
    priority: int
    window: Window
    product_ids: frozenset[str]
    category_ids: frozenset[str]
    min_tier_rank: int


class _CouponCommon(TypedDict):
    """The fields every kind of CouponTemplate is built with (coupon_template_from_row)."""

    id: str
    name: str
    kind: str
    window: Window
    min_spend_fen: int
    product_ids: frozenset[str]
    category_ids: frozenset[str]
    stackable: bool
    store_codes: frozenset[str]


def promotion_from_row(
    id: str,
    name: str,
    kind: str,
    params: Mapping[str, Any],
    *,
    valid_from: datetime | None = None,
    valid_to: datetime | None = None,
    exclusive: bool = False,
    priority: int = 100,
) -> Promotion:
    """Build a Promotion from a stored row; RuleError if the row does not make sense."""
    if not isinstance(params, Mapping):
        raise RuleError("rule.params_not_an_object", rule_id=str(id), kind=str(kind)[:32])
    if kind not in PROMOTION_KINDS:
        raise RuleError("rule.unknown_promotion_kind", rule_id=str(id), kind=str(kind)[:32])
    try:
        common = _PromotionCommon(
            id=str(id),
            name=name,
            kind=kind,
            exclusive=exclusive,
            priority=priority,
            window=Window(valid_from, valid_to),
            product_ids=_ids(params, "product_ids"),
            category_ids=_ids(params, "category_ids"),
            min_tier_rank=_whole(params, "min_tier_rank"),
        )
        if kind == "special_price":
            return Promotion(price_fen=_fen(params, "price_fen"), **common)
        if kind == "member_price":
            prices = params.get("prices")
            if not isinstance(prices, Mapping) or not prices:
                raise RuleError("rule.prices_not_a_map")
            parsed = {str(k): _fen({"p": v}, "p") for k, v in prices.items()}
            common["product_ids"] = frozenset(parsed)
            return Promotion(prices=parsed, **common)
        if kind == "bogo":
            return Promotion(n=2, percent_off=100, **common)
        if kind == "nth_discount":
            n = params.get("n", 2)
            if not isinstance(n, int) or n < 2:
                raise RuleError("rule.n_too_small")
            return Promotion(n=n, percent_off=_pct(params, "percent_off"), **common)
        if kind == "bundle":
            if len(common["product_ids"]) < 2:
                raise RuleError("rule.bundle_too_small")
            return Promotion(bundle_price_fen=_fen(params, "bundle_price_fen"), **common)
        weekday = params.get("weekday")
        if weekday is not None and weekday not in range(7):
            raise RuleError("rule.weekday_out_of_range")
        return Promotion(weekday=weekday, percent_off=_pct(params, "percent_off"), **common)
    except RuleError as error:
        raise RuleError(error.code, **{**error.params, "rule_id": str(id), "kind": kind}) from None


def coupon_template_from_row(
    id: str,
    name: str,
    kind: str,
    params: Mapping[str, Any],
    *,
    valid_from: datetime | None = None,
    valid_to: datetime | None = None,
) -> CouponTemplate:
    """Build a CouponTemplate from a stored row; RuleError if the row does not make sense."""
    if not isinstance(params, Mapping):
        raise RuleError("rule.params_not_an_object", rule_id=str(id), kind=str(kind)[:32])
    if kind not in COUPON_KINDS:
        raise RuleError("rule.unknown_coupon_kind", rule_id=str(id), kind=str(kind)[:32])
    try:
        common = _CouponCommon(
            id=str(id),
            name=name,
            kind=kind,
            window=Window(valid_from, valid_to),
            min_spend_fen=_fen(params, "min_spend_fen", required=False),
            product_ids=_ids(params, "product_ids"),
            category_ids=_ids(params, "category_ids"),
            stackable=bool(params.get("stackable", False)),
            store_codes=_ids(params, "store_codes"),
        )
        if kind == "spend_save":
            ladder = params.get("ladder")
            if not isinstance(ladder, (list, tuple)) or not ladder:
                raise RuleError("rule.ladder_not_a_list")
            steps = []
            for step in ladder:
                if not isinstance(step, (list, tuple)) or len(step) != 2:
                    raise RuleError("rule.ladder_step_malformed")
                minimum, off = _fen({"m": step[0]}, "m"), _fen({"o": step[1]}, "o")
                if off > minimum:
                    raise RuleError("rule.ladder_step_saves_too_much")
                steps.append((minimum, off))
            return CouponTemplate(ladder=tuple(sorted(steps)), **common)
        if kind == "percent_off":
            return CouponTemplate(
                percent=_pct(params, "percent"), cap_fen=_fen(params, "cap_fen", required=False), **common
            )
        if kind == "cash_voucher":
            return CouponTemplate(amount_fen=_fen(params, "amount_fen"), **common)
        product = params.get("product_id")
        if not product:
            raise RuleError("rule.product_id_missing")
        return CouponTemplate(product_id=str(product), **common)
    except RuleError as error:
        raise RuleError(error.code, **{**error.params, "rule_id": str(id), "kind": kind}) from None
