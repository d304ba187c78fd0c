"""The till: its database, identity, clock and the rules loaded from the store.

Services read the clock through `Till.now` (so tests and replays can pass a fixed clock);
the domain never does.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from pos_app.domain import PointsProgram, PricingOptions, PromotionBook, Tier, promotion_from_row
from pos_app.domain.rules import Coupon, CouponTemplate, Window, coupon_template_from_row
from pos_app.store import Database, UnitOfWork

from hardware.codes import WeightLayout


@dataclass(frozen=True)
class StoreInfo:
    name: str
    code: str
    till_code: str
    till_name: str
    footer: str = ""
    qr: str = ""
    offline_caps: dict = field(default_factory=dict)

    @property
    def receipt_prefix(self) -> str:
        """What this till's receipt numbers start with after the R: store code, "-", till code.

        The store code makes numbers unique across the chain; only its letters and digits are
        kept (at most 10, upper case) so that the number stays a short CODE128 barcode and a
        scan can tell it from any other code."""
        def clean(code: str, most: int, empty: str) -> str:
            return "".join(ch for ch in code.upper() if ch.isascii() and ch.isalnum())[:most] or empty
        return f"{clean(self.code, 10, 'S')}-{clean(self.till_code, 8, '0')}"


@dataclass(frozen=True)
class RuleSet:
    """Everything pricing needs that comes from HQ, loaded once and reloaded after a sync."""

    promotions: PromotionBook          # compiled once per load: offers indexed, order fixed
    tiers: dict[str, Tier]
    program: PointsProgram
    options: PricingOptions
    templates: dict[str, CouponTemplate]
    weight_layout: WeightLayout = WeightLayout()    # scale labels (a setting from HQ)


class Till:
    def __init__(self, db: Database, clock: Callable[[], datetime] = datetime.now):
        self.db = db
        self.clock = clock
        self._rules: RuleSet | None = None
        self._store: StoreInfo | None = None

    @classmethod
    def open(cls, path: Path | str, clock: Callable[[], datetime] = datetime.now) -> "Till":
        return cls(Database(path), clock)

    def now(self) -> datetime:
        return self.clock().replace(microsecond=0)

    def uow(self, durable: bool = True) -> UnitOfWork:
        """A unit of work; `durable=False` only for edits of the open cart (see UnitOfWork)."""
        return UnitOfWork(self.db, durable)

    @property
    def store(self) -> StoreInfo:
        if self._store is None:
            with self.uow() as uow:
                raw = uow.rules.setting("store") or {"name": "MemberTill", "code": "S000", "till_code": "001",
                                                     "till_name": "1"}
            self._store = StoreInfo(**{k: raw[k] for k in raw if k in StoreInfo.__dataclass_fields__})
        return self._store

    @property
    def rules(self) -> RuleSet:
        if self._rules is None:
            self._rules = self.load_rules()
        return self._rules

    def reload_rules(self) -> None:
        self._rules = None
        self._store = None

    def load_rules(self) -> RuleSet:
        with self.uow() as uow:
            promotions = PromotionBook(promotion_from_row(r.id, r.name, r.kind, r.params, valid_from=r.valid_from,
                                                  valid_to=r.valid_to, exclusive=r.exclusive, priority=r.priority)
                               for r in uow.rules.promotions())
            tiers = {t.code: Tier(t.code, t.name, t.rank, t.discount_percent, t.points_multiplier_pct,
                                  t.min_spend_12m_fen, t.min_points_12m) for t in uow.rules.tiers()}
            raw = dict(uow.rules.setting("points_program") or {})
            if "spend_bands" in raw:
                raw["spend_bands"] = tuple(tuple(b) for b in raw["spend_bands"])
            if "non_earning_category_ids" in raw:
                raw["non_earning_category_ids"] = frozenset(raw["non_earning_category_ids"])
            program = PointsProgram(**raw)
            options = PricingOptions(**(uow.rules.setting("pricing_options") or {}))
            from pos_app.store.models import CouponTemplateRow
            from sqlalchemy import select
            templates = {r.id: coupon_template_from_row(r.id, r.name, r.kind, r.params, valid_from=r.valid_from,
                                                        valid_to=r.valid_to)
                         for r in uow.session.scalars(select(CouponTemplateRow))}
            layout = WeightLayout(**(uow.rules.setting("weight_barcode") or {}))
        return RuleSet(promotions, tiers, program, options, templates, layout)

    def coupon(self, code: str, template_id: str, valid_from, valid_to) -> Coupon:
        return Coupon(code, self.rules.templates[template_id], Window(valid_from, valid_to))
