"""Rule publishing: drafts of tiers, the points program, promotions, coupon templates, top-up
plans and gifts; validation with the till's own parsers; a preview that prices a sample cart with
the draft rules; numbered versions that reach the tills through the change feed; restore.

A rule row here is the row a till stores (its table's columns, JSON values), so what HQ checks is
exactly what the till will load. A row is checked twice: field by field against the form's
schema below (strict types and bounds, the error names the field), then as a whole by the code
the till prices with (`pos_app.domain.rules` parsers, `Tier`, `PointsProgram`, `PromotionBook`
and a `price_cart` over a cart of every product a rule names). A set that fails either check is
refused before anything is written: no draft, no version, no catalogue row, no change.

Errors are `RuleRefused` (an `HQError` for the HTTP layer, 422) carrying a coded `RuleError`
whose params name the `field` (and the rule's `kind` and `key`); texts in
`pos_app/domain/error_texts.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pos_app.domain.cart import CartLine, PricedCart
from pos_app.domain.errors import DomainError, RuleError
from pos_app.domain.pricing import PromotionBook, price_cart
from pos_app.domain.rules import (
    COUPON_KINDS,
    PROMOTION_KINDS,
    Coupon,
    CouponTemplate,
    Member,
    PointsProgram,
    PricingOptions,
    Tier,
    Window,
    coupon_template_from_row,
    program_from_value,
    promotion_from_row,
)

from ..base import CodedRefusal, jsonable
from ..models import CatalogueRow, Chain, ChangeRow, RuleDraft, RuleVersion, RuleVersionRow
from ..models import Member as MemberRow
from . import audit

RULE_KINDS = ("tiers", "promotions", "coupon_templates", "topup_plans", "gifts", "settings")
PROGRAM_SETTINGS = ("points_program", "pricing_options")  # the settings rows that are rules
KEY_OF = {"tiers": "code", "settings": "key"}  # default "id"


def key_field(kind: str) -> str:
    return KEY_OF.get(kind, "id")


class RuleRefused(CodedRefusal):
    """A rule (or a publish) refused: 422 over HTTP; `error` is the coded RuleError."""


def refuse(code: str, status: int = 422, /, **params: Any) -> RuleRefused:
    return RuleRefused(RuleError(code, **params), status)


# ---- the form's schema: one Field per column or parameter ----------------------------------------


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # text | fen | percent | int | bool | ids | when | choice | weekday | ladder | prices | bands
    required: bool = False
    default: Any = None
    max_len: int = 0  # text
    low: int = 0  # int
    high: int = 10**9
    choices: tuple[str, ...] = ()


def _text(name, max_len, required=True, default=""):
    return Field(name, "text", required, default, max_len=max_len)


AREA = (Field("product_ids", "ids", default=[]), Field("category_ids", "ids", default=[]))
PROMOTION_PARAMS: dict[str, tuple[Field, ...]] = {
    "special_price": (Field("price_fen", "fen", True),),
    "member_price": (Field("prices", "prices", True),),
    "bogo": (),
    "nth_discount": (Field("n", "int", False, 2, low=2, high=99), Field("percent_off", "percent", True)),
    "bundle": (Field("bundle_price_fen", "fen", True),),
    "member_day": (Field("weekday", "weekday"), Field("percent_off", "percent", True)),
}
PROMOTION_COMMON_PARAMS = (*AREA, Field("min_tier_rank", "int", False, 0, low=0, high=99))
COUPON_PARAMS: dict[str, tuple[Field, ...]] = {
    "spend_save": (Field("ladder", "ladder", True),),
    "percent_off": (Field("percent", "percent", True), Field("cap_fen", "fen", False, 0)),
    "cash_voucher": (Field("amount_fen", "fen", True),),
    "free_item": (_text("product_id", 32),),
}
# issue_limit: a template's budget (coupons ever issued from it; hq/lifecycle/coupons.py); none: no limit
# store_codes: the stores it may be used at (tills refuse it elsewhere, offline too); empty: every store
COUPON_COMMON_PARAMS = (
    *AREA,
    Field("min_spend_fen", "fen", False, 0),
    Field("stackable", "bool", False, False),
    Field("issue_limit", "int", False, None, low=1, high=10**9),
    Field("store_codes", "ids", default=[]),
)

COLUMNS: dict[str, tuple[Field, ...]] = {
    "promotions": (
        _text("id", 32),
        _text("name", 128),
        Field("kind", "choice", True, choices=PROMOTION_KINDS),
        Field("valid_from", "when"),
        Field("valid_to", "when"),
        Field("priority", "int", False, 100, low=0, high=10000),
        Field("exclusive", "bool", False, False),
        Field("active", "bool", False, True),
    ),
    "coupon_templates": (
        _text("id", 32),
        _text("name", 128),
        Field("kind", "choice", True, choices=COUPON_KINDS),
        Field("valid_from", "when"),
        Field("valid_to", "when"),
    ),
    "tiers": (
        _text("code", 16),
        _text("name", 32),
        Field("rank", "int", True, low=0, high=99),
        Field("discount_percent", "percent", False, 0),
        Field("points_multiplier_pct", "int", False, 100, low=0, high=1000),
        Field("min_spend_12m_fen", "fen", False, 0),
        Field("min_points_12m", "int", False, 0),
    ),
    "topup_plans": (
        _text("id", 16),
        _text("name", 64),
        Field("pay_fen", "int", True, low=1, high=10**9),
        Field("bonus_fen", "fen", False, 0),
    ),
    "gifts": (_text("id", 16), _text("name", 64), Field("points", "int", True, low=1)),
}
SETTINGS_VALUES: dict[str, tuple[Field, ...]] = {
    "points_program": (
        Field("points_per_yuan", "int", False, 1, low=0, high=100),
        Field("spend_bands", "bands", False, []),
        Field("member_day_weekday", "weekday"),
        Field("member_day_of_month", "int", False, None, low=1, high=31),
        Field("member_day_multiplier_pct", "int", False, 200, low=100, high=1000),
        Field("birthday_multiplier_pct", "int", False, 100, low=100, high=1000),
        Field("birthday_scope", "choice", False, "month", choices=("day", "week", "month")),
        Field("birthday_bonus_points", "int", False, 0, high=100000),
        Field("non_earning_category_ids", "ids", False, []),
        Field("redeem_points", "int", False, 100, low=1),
        Field("redeem_fen", "int", False, 100, low=1, high=100000),
        Field("max_offset_percent", "percent", False, 50),
        Field("expiry", "choice", False, "rolling", choices=("rolling", "fixed", "never")),
        Field("expiry_months", "int", False, 12, low=1, high=120),
        Field("expiry_days", "int", False, 365, low=1, high=3650),
    ),
    "pricing_options": (
        Field("rounding", "choice", False, "none", choices=("none", "jiao", "yuan")),
        Field("tier_discount_on_promoted_lines", "bool", False, False),
    ),
}


def fields_of(kind: str, sub: str | None = None) -> tuple[Field, ...]:
    """The form's fields: a kind's columns, or (with `sub`) a promotion's / coupon's parameters
    for that sub-kind, or a settings row's value fields."""
    if kind == "settings":
        return SETTINGS_VALUES[sub or "points_program"]
    if sub is None:
        return COLUMNS[kind]
    if kind == "promotions":
        return PROMOTION_PARAMS[sub] + PROMOTION_COMMON_PARAMS
    return COUPON_PARAMS[sub] + COUPON_COMMON_PARAMS


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_value(f: Field, value: Any, where: dict) -> Any:
    """The value, checked against its field (JSON types, bounds); RuleRefused naming the field."""
    p = dict(where, field=f.name)
    if f.type == "text":
        if not isinstance(value, str) or not value.strip():
            raise refuse("rules.field_required", **p)
        if len(value) > f.max_len:
            raise refuse("rules.text_too_long", max=f.max_len, **p)
        return value.strip()
    if f.type == "fen":
        if not _int(value) or not 0 <= value <= 10**9:
            raise refuse("rules.not_fen", **p)
        return value
    if f.type == "percent":
        if not _int(value) or not 0 <= value <= 100:
            raise refuse("rules.not_percent", **p)
        return value
    if f.type == "int":
        if not _int(value) or not f.low <= value <= f.high:
            raise refuse("rules.not_in_range", low=f.low, high=f.high, **p)
        return value
    if f.type == "bool":
        if not isinstance(value, bool):
            raise refuse("rules.not_yes_no", **p)
        return value
    if f.type == "ids":
        if not isinstance(value, list) or not all(isinstance(v, str) and 0 < len(v) <= 32 for v in value):
            raise refuse("rules.not_id_list", **p)
        return sorted(set(value))
    if f.type == "when":
        try:
            return datetime.fromisoformat(value).replace(microsecond=0).isoformat() if value is not None else None
        except (TypeError, ValueError):
            raise refuse("rules.not_a_time", **p) from None
    if f.type == "choice":
        if value not in f.choices:
            raise refuse("rules.not_a_choice", choices=" / ".join(f.choices), **p)
        return value
    if f.type == "weekday":
        if value is not None and (not _int(value) or not 0 <= value <= 6):
            raise refuse("rules.not_a_weekday", **p)
        return value
    if f.type == "ladder":
        if (
            not isinstance(value, list)
            or not value
            or not all(
                isinstance(s, list) and len(s) == 2 and all(_int(v) and 0 < v <= 10**9 for v in s) for s in value
            )
        ):
            raise refuse("rules.not_a_ladder", **p)
        for minimum, off in value:
            if off > minimum:
                raise refuse("rules.ladder_saves_too_much", min_fen=minimum, off_fen=off, **p)
        return sorted(value)
    if f.type == "bands":
        if not isinstance(value, list) or not all(
            isinstance(s, list)
            and len(s) == 2
            and _int(s[0])
            and _int(s[1])
            and 0 < s[0] <= 10**9
            and 100 <= s[1] <= 1000
            for s in value
        ):
            raise refuse("rules.not_bands", **p)
        return sorted(value)
    if f.type == "prices":
        if (
            not isinstance(value, dict)
            or not value
            or not all(
                isinstance(k, str) and 0 < len(k) <= 32 and _int(v) and 0 <= v <= 10**9 for k, v in value.items()
            )
        ):
            raise refuse("rules.not_prices", **p)
        return dict(sorted(value.items()))
    raise AssertionError(f.type)


def _check_fields(
    schema: Iterable[Field], given: Mapping[str, Any], where: dict, *, ignore: Iterable[str] = ()
) -> dict[str, Any]:
    schema = tuple(schema)
    known = {f.name for f in schema} | set(ignore)
    for name in given:
        if name not in known:
            raise refuse("rules.unknown_field", **dict(where, field=str(name)[:40]))
    out = {}
    for f in schema:
        if f.name not in given or (given[f.name] is None and f.type != "when" and f.type != "weekday"):
            if f.required:
                raise refuse("rules.field_required", **dict(where, field=f.name))
            out[f.name] = f.default
        else:
            out[f.name] = _check_value(f, given[f.name], where)
    return out


def check_row(kind: str, row: Any) -> dict[str, Any]:
    """One rule row checked field by field and normalised to every column of the till's table
    (defaults filled in, so every row of a kind has the same columns). RuleRefused names the field."""
    if kind not in RULE_KINDS:
        raise refuse("rules.unknown_kind", kind=str(kind)[:32], choices=", ".join(RULE_KINDS))
    if not isinstance(row, Mapping):
        raise refuse("rules.not_a_row", kind=kind)
    key = row.get(key_field(kind))
    where = {"kind": kind, "key": str(key)[:64] if isinstance(key, (str, int)) else "?"}
    if kind == "settings":
        if key not in PROGRAM_SETTINGS:
            raise refuse("rules.not_a_rule_setting", field="key", **where)
        if not isinstance(row.get("value"), Mapping):
            raise refuse("rules.field_required", **dict(where, field="value"))
        _check_fields(
            (Field("key", "text", True, max_len=64), Field("value", "text")), {"key": key}, where, ignore=("value",)
        )
        return {"key": key, "value": _check_fields(SETTINGS_VALUES[key], row["value"], where)}
    out = _check_fields(COLUMNS[kind], {k: v for k, v in row.items() if k != "params"}, where)
    if kind in ("promotions", "coupon_templates"):
        params = row.get("params", {})
        if not isinstance(params, Mapping):
            raise refuse("rules.field_required", **dict(where, field="params"))
        out["params"] = {
            k: v
            for k, v in _check_fields(fields_of(kind, out["kind"]), params, where).items()
            if v is not None or k == "weekday"
        }
        if out["valid_from"] and out["valid_to"] and out["valid_from"] >= out["valid_to"]:
            raise refuse("rules.window_reversed", **dict(where, field="valid_to"))
    if kind == "topup_plans" and out["bonus_fen"] > out["pay_fen"]:
        raise refuse("rules.bonus_over_pay", **dict(where, field="bonus_fen"))
    return out


# ---- the whole set, as the till loads it -----------------------------------------------------

RuleSet = dict[tuple[str, str], dict[str, Any]]  # (kind, key) -> row


@dataclass(frozen=True)
class Loaded:
    """A rule set built by the till's own code: what `price_cart` takes."""

    promotions: PromotionBook
    tiers: dict[str, Tier]
    program: PointsProgram
    options: PricingOptions
    templates: dict[str, CouponTemplate]


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def load(rules: RuleSet) -> Loaded:
    """Build the pricing rules exactly as `pos_app.services.till.Till.load_rules` does from the
    till's tables; a row the domain refuses is RuleRefused naming it (and its field when known)."""
    promotions, templates, tiers = [], {}, {}
    program_raw: dict[str, Any] = {}
    options_raw: dict[str, Any] = {}
    for (kind, key), r in sorted(rules.items()):
        where = {"kind": kind, "key": key}
        try:
            if kind == "promotions" and r.get("active", True):
                promotions.append(
                    promotion_from_row(
                        r["id"],
                        r["name"],
                        r["kind"],
                        r["params"],
                        valid_from=_when(r.get("valid_from")),
                        valid_to=_when(r.get("valid_to")),
                        exclusive=r.get("exclusive", False),
                        priority=r.get("priority", 100),
                    )
                )
            elif kind == "coupon_templates":
                templates[key] = coupon_template_from_row(
                    r["id"],
                    r["name"],
                    r["kind"],
                    r["params"],
                    valid_from=_when(r.get("valid_from")),
                    valid_to=_when(r.get("valid_to")),
                )
            elif kind == "tiers":
                tiers[key] = Tier(
                    r["code"],
                    r["name"],
                    r["rank"],
                    r.get("discount_percent", 0),
                    r.get("points_multiplier_pct", 100),
                    r.get("min_spend_12m_fen", 0),
                    r.get("min_points_12m", 0),
                )
            elif kind == "settings" and key == "points_program":
                program_raw = dict(r["value"])
            elif kind == "settings" and key == "pricing_options":
                options_raw = dict(r["value"])
        except DomainError as error:
            raise _engine_refused(error, where) from None
    where = {"kind": "settings", "key": "points_program"}
    try:
        program = program_from_value(program_raw)
        where = {"kind": "settings", "key": "pricing_options"}
        options = PricingOptions(**options_raw)
        where = {"kind": "promotions", "key": "*"}
        book = PromotionBook(promotions)
    except (DomainError, TypeError, KeyError, ValueError) as error:
        raise _engine_refused(error, where) from None
    return Loaded(book, tiers, program, options, templates)


def _engine_refused(error: Exception, where: dict) -> RuleRefused:
    """The till's code refused a row our field checks let through: the refusal in its own words,
    with the field when its parameters name one."""
    params = getattr(error, "params", {}) or {}
    field = params.get("field") or params.get("key") or "*"
    reason = str(error)[:300]
    return refuse("rules.refused_by_pricing", **dict(where, field=str(field), reason=reason))


PRODUCT_KEYS = ("product_ids", "product_id", "prices")


def check_set(s: Session, chain_id: str, rules: RuleSet, was: RuleSet, now: datetime) -> Loaded:
    """The whole set a till would load after this publish: every row's fields, the set as the
    till's code loads it, tiers (one rank 0, ranks distinct, none members still hold removed), the
    products and categories rules name exist, and a dry run of `price_cart` over every product
    any rule names, with every tier and coupon template."""
    for (kind, key), row in rules.items():
        checked = check_row(kind, row)
        if str(checked[key_field(kind)]) != key:
            raise refuse("rules.key_mismatch", kind=kind, key=key, field=key_field(kind))
        rules[(kind, key)] = checked
    loaded = load(rules)
    tiers = [r for (kind, _), r in rules.items() if kind == "tiers"]
    if not tiers or min(t["rank"] for t in tiers) != 0:
        raise refuse("rules.no_entry_tier", kind="tiers", key="*", field="rank")
    ranks: dict[int, str] = {}
    for t in sorted(tiers, key=lambda t: t["code"]):
        if t["rank"] in ranks:
            raise refuse("rules.tier_rank_taken", kind="tiers", key=t["code"], field="rank", other=ranks[t["rank"]])
        ranks[t["rank"]] = t["code"]
    gone = [key for (kind, key) in was if kind == "tiers" and (kind, key) not in rules]
    for code in gone:
        if s.scalar(select(MemberRow.id).where(MemberRow.chain_id == chain_id, MemberRow.tier_code == code).limit(1)):
            raise refuse("rules.tier_in_use", kind="tiers", key=code, field="code")
    named, categories = set(), set()
    for row in rules.values():
        params = row.get("params") or {}
        for name in PRODUCT_KEYS:
            value = params.get(name)
            if value:
                named |= {value} if isinstance(value, str) else set(value)
        categories |= set(params.get("category_ids") or ())
    sample = _products(s, chain_id, named)
    for (_kind, _key), row in sorted(rules.items()):
        params = row.get("params") or {}
        for name in PRODUCT_KEYS:
            value = params.get(name)
            for product in [value] if isinstance(value, str) else list(value or ()):
                if product not in sample:
                    raise refuse("rules.unknown_product", kind=kind, key=key, field=name, product=product[:32])
        for category in params.get("category_ids") or ():
            if category not in _categories(s, chain_id):
                raise refuse("rules.unknown_category", kind=kind, key=key, field="category_ids", category=category[:32])
        _check_stores(s, chain_id, kind, key, params)
    lines = [
        CartLine(
            f"L{i}", p["id"], p["name"], p["price_fen"], 3, p.get("category_id", ""), bool(p.get("non_earning", False))
        )
        for i, p in enumerate(sample.values())
    ]
    try:
        for tier in loaded.tiers.values() or [None]:
            member = Member("preview", tier, points_balance=10**6) if tier else None
            price_cart(
                lines,
                now=now,
                member=member,
                promotions=loaded.promotions,
                program=loaded.program,
                options=loaded.options,
                redeem_points=1000,
                coupons=[Coupon(f"C{t.id}", t) for t in loaded.templates.values()],
            )
    except (DomainError, ArithmeticError, KeyError, ValueError, TypeError) as error:
        raise _engine_refused(error, {"kind": "*", "key": "*"}) from None
    return loaded


def check_draft(s: Session, chain_id: str, kind: str, key: str, row: dict[str, Any]) -> None:
    """One draft row on its own, as far as it can be checked alone: the till's parser loads it
    and the products and categories it names exist (the whole set is checked on publish)."""
    load({(kind, key): row})
    params = row.get("params") or {}
    named = {name: ([v] if isinstance(v, str) else list(v or ())) for name, v in params.items() if name in PRODUCT_KEYS}
    found = _products(s, chain_id, [p for ids in named.values() for p in ids])
    for name, ids in named.items():
        for product in ids:
            if product not in found:
                raise refuse("rules.unknown_product", kind=kind, key=key, field=name, product=product[:32])
    for category in params.get("category_ids") or ():
        if category not in _categories(s, chain_id):
            raise refuse("rules.unknown_category", kind=kind, key=key, field="category_ids", category=category[:32])
    _check_stores(s, chain_id, kind, key, params)


def _check_stores(s: Session, chain_id: str, kind: str, key: str, params: Mapping[str, Any]) -> None:
    """A coupon template's store restriction names stores of the chain (branch mall)."""
    from ..models import Store

    wanted = [str(c) for c in params.get("store_codes") or ()]
    if wanted:
        known = set(s.scalars(select(Store.code).where(Store.chain_id == chain_id, Store.code.in_(wanted))))
        for code in wanted:
            if code not in known:
                raise refuse("rules.unknown_store", kind=kind, key=key, field="store_codes", store=code[:16])


def _products(s: Session, chain_id: str, ids: Iterable[str]) -> dict[str, dict]:
    ids = sorted(set(ids))
    out: dict[str, dict] = {}
    for i in range(0, len(ids), 500):
        for key, data in s.execute(
            select(CatalogueRow.key, CatalogueRow.data).where(
                CatalogueRow.chain_id == chain_id,
                CatalogueRow.kind == "products",
                CatalogueRow.store_code == "",
                CatalogueRow.key.in_(ids[i : i + 500]),
            )
        ):
            out[key] = data
    return out


def _categories(s: Session, chain_id: str) -> set[str]:
    cache = s.info.setdefault("rule_categories", {})
    if chain_id not in cache:
        cache[chain_id] = set(
            s.scalars(
                select(CatalogueRow.key).where(
                    CatalogueRow.chain_id == chain_id, CatalogueRow.kind == "categories", CatalogueRow.store_code == ""
                )
            )
        )
    return cache[chain_id]


def is_rule(kind: str, key: str, store_code: str = "") -> bool:
    """Whether a catalogue row is a rule (published through versions) rather than data."""
    return kind in RULE_KINDS and store_code == "" and (kind != "settings" or key in PROGRAM_SETTINGS)


def current(s: Session, chain_id: str) -> RuleSet:
    """The rules the tills have now (the chain-wide catalogue rows of the rule kinds)."""
    rows = s.execute(
        select(CatalogueRow.kind, CatalogueRow.key, CatalogueRow.data).where(
            CatalogueRow.chain_id == chain_id, CatalogueRow.kind.in_(RULE_KINDS), CatalogueRow.store_code == ""
        )
    )
    return {(kind, key): data for kind, key, data in rows if is_rule(kind, key)}


# ---- the use cases --------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    kind: str
    key: str
    data: dict[str, Any] | None  # None: the rule is deleted on publish
    updated_by: str
    updated_at: datetime


@dataclass(frozen=True)
class Version:
    number: int
    published_at: datetime
    published_by: str
    note: str
    restored_from: int | None
    rows: int


@dataclass(frozen=True)
class Change:
    """One row's difference between two rule sets (for the console's "what changes")."""

    kind: str
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def actor_of(chain_id: str, by: audit.Actor | str) -> audit.Actor:
    """The one acting: a staff member's Actor, or a name (the admin token, the command line)."""
    return by if isinstance(by, audit.Actor) else audit.Actor(chain_id, None, str(by)[:64])


class RulePublishing:
    """Drafts, preview, publish and restore for one HQ (`hq.service.HQ`: its engine and clock).
    Every change is recorded in HQ's audit log in its own transaction (`by`: who, from where)."""

    def __init__(self, hq):
        self.hq = hq

    # -- drafts --
    def save_draft(self, chain_id: str, kind: str, row: Any, by: audit.Actor | str) -> dict[str, Any]:
        """Check one rule row and keep it as a draft (replacing that rule's draft). The row must
        pass its field checks; the whole set is checked again on publish."""
        actor = actor_of(chain_id, by)
        checked = check_row(kind, row)
        key = str(checked[key_field(kind)])
        with self.hq.tx() as s:
            self._chain(s, chain_id)
            check_draft(s, chain_id, kind, key, checked)
            now = self.hq.clock()
            draft = s.get(RuleDraft, (chain_id, kind, key))
            before = draft.data if draft is not None else current(s, chain_id).get((kind, key))
            if draft is None:
                s.add(
                    RuleDraft(
                        chain_id=chain_id, kind=kind, key=key, data=checked, updated_by=actor.name, updated_at=now
                    )
                )
            else:
                draft.data, draft.updated_by, draft.updated_at = checked, actor.name, now
            audit.record(s, actor, "rules.draft_saved", f"{kind}/{key}", before=before, after=checked, now=now)
        return checked

    def draft_deletion(self, chain_id: str, kind: str, key: str, by: audit.Actor | str) -> None:
        """Mark a published rule to be removed on publish."""
        actor = actor_of(chain_id, by)
        with self.hq.tx() as s:
            self._chain(s, chain_id)
            published = current(s, chain_id).get((kind, key))
            if published is None:
                raise refuse("rules.no_such_rule", 404, kind=str(kind)[:32], key=str(key)[:64], field="key")
            now = self.hq.clock()
            draft = s.get(RuleDraft, (chain_id, kind, key))
            if draft is None:
                s.add(
                    RuleDraft(chain_id=chain_id, kind=kind, key=key, data=None, updated_by=actor.name, updated_at=now)
                )
            else:
                draft.data, draft.updated_by, draft.updated_at = None, actor.name, now
            audit.record(s, actor, "rules.draft_deleted", f"{kind}/{key}", before=published, after=None, now=now)

    def discard_draft(self, chain_id: str, kind: str, key: str, by: audit.Actor | str) -> None:
        actor = actor_of(chain_id, by)
        with self.hq.tx() as s:
            draft = s.get(RuleDraft, (chain_id, kind, key))
            if draft is None:
                return
            before = draft.data
            s.delete(draft)
            audit.record(
                s, actor, "rules.draft_discarded", f"{kind}/{key}", before=before, after=None, now=self.hq.clock()
            )

    def drafts(self, chain_id: str) -> list[Draft]:
        with self.hq.tx() as s:
            return [
                Draft(d.kind, d.key, d.data, d.updated_by, d.updated_at)
                for d in s.scalars(
                    select(RuleDraft).where(RuleDraft.chain_id == chain_id).order_by(RuleDraft.kind, RuleDraft.key)
                )
            ]

    def rules(self, chain_id: str, with_drafts: bool = False) -> RuleSet:
        """The published rules, or what they would be with the drafts applied."""
        with self.hq.tx() as s:
            rules = current(s, chain_id)
            if with_drafts:
                self._apply_drafts(s, chain_id, rules)
            return rules

    def pending(self, chain_id: str) -> list[Change]:
        """What publishing the drafts would change, row by row."""
        with self.hq.tx() as s:
            was = current(s, chain_id)
            new = dict(was)
            self._apply_drafts(s, chain_id, new)
            return diff(was, new)

    def products(self, chain_id: str, ids: Iterable[str]) -> dict[str, dict]:
        """Catalogue products by id (for the preview's sample cart)."""
        with self.hq.tx() as s:
            return _products(s, chain_id, ids)

    # -- preview --
    def preview(
        self,
        chain_id: str,
        cart: list[tuple[str, int]],
        *,
        now: datetime | None = None,
        tier_code: str | None = None,
        coupon_templates: Iterable[str] = (),
        redeem_points: int = 0,
        points_balance: int = 0,
        with_drafts: bool = True,
    ) -> PricedCart:
        """Price a sample cart (product id, quantity) with the draft rules through the till's
        `price_cart`; a draft set that does not load is RuleRefused as publishing would be."""
        now = now or self.hq.clock()
        with self.hq.tx() as s:
            rules = current(s, chain_id)
            if with_drafts:
                self._apply_drafts(s, chain_id, rules)
            for (kind, key), row in list(rules.items()):
                rules[(kind, key)] = check_row(kind, row)
            loaded = load(rules)
            products = _products(s, chain_id, [p for p, _ in cart])
        if not cart:
            raise refuse("rules.field_required", kind="preview", key="cart", field="product_id")
        lines = []
        for n, (product_id, qty) in enumerate(cart):
            p = products.get(product_id)
            if p is None:
                raise refuse(
                    "rules.unknown_product",
                    kind="preview",
                    key=str(n + 1),
                    field="product_id",
                    product=str(product_id)[:32],
                )
            if not _int(qty) or not 0 < qty <= 9999:
                raise refuse("rules.not_in_range", kind="preview", key=str(n + 1), field="qty", low=1, high=9999)
            lines.append(
                CartLine(
                    f"L{n + 1}",
                    product_id,
                    p["name"],
                    p["price_fen"],
                    qty,
                    p.get("category_id", ""),
                    bool(p.get("non_earning", False)),
                )
            )
        member = None
        if tier_code:
            if tier_code not in loaded.tiers:
                raise refuse(
                    "rules.not_a_choice",
                    kind="preview",
                    key="member",
                    field="tier_code",
                    choices=" / ".join(sorted(loaded.tiers)),
                )
            member = Member("preview", loaded.tiers[tier_code], points_balance=points_balance)
        coupons = []
        for template_id in coupon_templates:
            if template_id not in loaded.templates:
                raise refuse(
                    "rules.not_a_choice",
                    kind="preview",
                    key="coupons",
                    field="coupon_templates",
                    choices=" / ".join(sorted(loaded.templates)),
                )
            coupons.append(Coupon(f"PREVIEW-{template_id}", loaded.templates[template_id], Window()))
        return price_cart(
            lines,
            now=now,
            member=member,
            promotions=loaded.promotions,
            coupons=coupons,
            program=loaded.program,
            options=loaded.options,
            redeem_points=redeem_points,
        )

    # -- publish and restore --
    def publish(self, chain_id: str, by: audit.Actor | str, note: str = "") -> Version:
        """Publish every draft of the chain as the next numbered version, in one transaction:
        the whole resulting set is checked first; refused, nothing is written."""
        with self.hq.tx() as s:
            self._lock(s, chain_id)
            was = current(s, chain_id)
            new = dict(was)
            if not self._apply_drafts(s, chain_id, new):
                raise refuse("rules.nothing_to_publish", 409, kind="*", key="*", field="*")
            version = self._publish(s, chain_id, was, new, actor_of(chain_id, by), note, None)
            s.execute(delete(RuleDraft).where(RuleDraft.chain_id == chain_id))
            return version

    def publish_rows(
        self, chain_id: str, kind: str, rows: list[dict[str, Any]], by: audit.Actor | str, note: str = ""
    ) -> Version:
        """Publish rule rows directly (the admin API): checked and versioned as drafts would be."""
        with self.hq.tx() as s:
            self._lock(s, chain_id)
            was = current(s, chain_id)
            new = dict(was)
            for row in rows:
                checked = check_row(kind, row)
                new[(kind, str(checked[key_field(kind)]))] = checked
            return self._publish(s, chain_id, was, new, actor_of(chain_id, by), note, None)

    def restore(self, chain_id: str, number: int, by: audit.Actor | str, note: str = "") -> Version:
        """Make version `number`'s rules current again, as a new version (checked like any publish)."""
        with self.hq.tx() as s:
            self._lock(s, chain_id)
            old = s.scalar(select(RuleVersion).where(RuleVersion.chain_id == chain_id, RuleVersion.number == number))
            if old is None:
                raise refuse("rules.no_such_version", 404, kind="versions", key=str(number)[:12], field="number")
            rows = {
                (r.kind, r.key): r.data
                for r in s.scalars(select(RuleVersionRow).where(RuleVersionRow.version_id == old.id))
            }
            return self._publish(s, chain_id, current(s, chain_id), rows, actor_of(chain_id, by), note, number)

    def versions(self, chain_id: str) -> list[Version]:
        with self.hq.tx() as s:
            counts = dict(
                s.execute(select(RuleVersionRow.version_id, func.count()).group_by(RuleVersionRow.version_id)).all()
            )
            return [
                Version(v.number, v.published_at, v.published_by, v.note, v.restored_from, counts.get(v.id, 0))
                for v in s.scalars(
                    select(RuleVersion).where(RuleVersion.chain_id == chain_id).order_by(RuleVersion.number.desc())
                )
            ]

    def version_rules(self, chain_id: str, number: int) -> RuleSet:
        with self.hq.tx() as s:
            v = s.scalar(select(RuleVersion).where(RuleVersion.chain_id == chain_id, RuleVersion.number == number))
            if v is None:
                raise refuse("rules.no_such_version", 404, kind="versions", key=str(number)[:12], field="number")
            return {
                (r.kind, r.key): r.data
                for r in s.scalars(select(RuleVersionRow).where(RuleVersionRow.version_id == v.id))
            }

    # -- inside --
    @staticmethod
    def _chain(s: Session, chain_id: str) -> None:
        if s.get(Chain, chain_id) is None:
            raise refuse("rules.no_such_chain", 404, kind="chains", key=str(chain_id)[:40], field="chain_id")

    def _lock(self, s: Session, chain_id: str) -> None:
        """Publishers of one chain one at a time (the chain row, locked): version numbers and
        the catalogue they write cannot interleave."""
        if s.get(Chain, chain_id, with_for_update=True) is None:
            raise refuse("rules.no_such_chain", 404, kind="chains", key=str(chain_id)[:40], field="chain_id")

    @staticmethod
    def _apply_drafts(s: Session, chain_id: str, rules: RuleSet) -> int:
        n = 0
        for d in s.scalars(select(RuleDraft).where(RuleDraft.chain_id == chain_id)):
            n += 1
            if d.data is None:
                rules.pop((d.kind, d.key), None)
            else:
                rules[(d.kind, d.key)] = d.data
        return n

    def _publish(
        self,
        s: Session,
        chain_id: str,
        was: RuleSet,
        new: RuleSet,
        actor: audit.Actor,
        note: str,
        restored_from: int | None,
    ) -> Version:
        now = self.hq.clock()
        check_set(s, chain_id, new, was, now)
        changes = diff(was, new)
        number = (s.scalar(select(func.max(RuleVersion.number)).where(RuleVersion.chain_id == chain_id)) or 0) + 1
        version = RuleVersion(
            chain_id=chain_id,
            number=number,
            published_at=now,
            published_by=actor.name[:64],
            note=note[:200],
            restored_from=restored_from,
        )
        s.add(version)
        s.flush()
        s.add_all(
            [
                RuleVersionRow(version_id=version.id, kind=kind, key=key, data=jsonable(data))
                for (kind, key), data in new.items()
            ]
        )
        for c in changes:
            row = s.get(CatalogueRow, (chain_id, c.kind, c.key, ""))
            if c.after is None:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(CatalogueRow(chain_id=chain_id, kind=c.kind, key=c.key, store_code="", data=jsonable(c.after)))
            else:
                row.data = jsonable(c.after)
        audit.record(
            s,
            actor,
            "rules.restored" if restored_from else "rules.published",
            f"version/{number}",
            before={"changed": [f"{c.kind}/{c.key}" for c in changes if c.before is not None]},
            after={
                "version": number,
                "restored_from": restored_from,
                "note": note[:200],
                "changed": [f"{c.kind}/{c.key}" for c in changes],
            },
            now=now,
        )
        s.flush()  # the rows are written (locked) before the change feed's lock is taken
        s.add_all([ChangeRow(chain_id=chain_id, store_code="", kind=c.kind, key=c.key) for c in changes])
        return Version(number, now, actor.name, note, restored_from, len(new))


def _normal(kind: str, row: dict[str, Any]) -> dict[str, Any] | None:
    try:
        return check_row(kind, row)
    except RuleRefused:
        return None


def diff(was: RuleSet, new: RuleSet) -> list[Change]:
    """The rows that differ; a row that only differs in form (defaults written out, lists sorted)
    is not a change."""
    out = []
    for kind, key in sorted(set(was) | set(new)):
        before, after = was.get((kind, key)), new.get((kind, key))
        if before != after and (before is None or after is None or _normal(kind, before) != _normal(kind, after)):
            out.append(Change(kind, key, before, after))
    return out


__all__ = [
    "RULE_KINDS",
    "Change",
    "Draft",
    "Field",
    "RulePublishing",
    "RuleRefused",
    "Version",
    "check_row",
    "check_set",
    "diff",
    "fields_of",
    "is_rule",
    "load",
]
