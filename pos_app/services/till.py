"""The till: its database, identity, clock and the rules loaded from the store.

Services read the clock through `Till.now` (so tests and replays can pass a fixed clock);
the domain never does.

Rules are loaded defensively: a row from HQ the domain cannot parse (a promotion, a coupon
template, a tier, the points program, pricing options, the scale-label layout) is left out, kept
in `Till.rule_problems` for the status bar, and reported to HQ once as a `rule_rejected` outbox
event; selling goes on with the rest (issue 16, defect 9).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from pos_app.domain import PointsProgram, PricingOptions, PromotionBook, Tier, promotion_from_row
from pos_app.domain.barcodes import WeightLayout
from pos_app.domain.errors import DomainError
from pos_app.domain.rules import Coupon, CouponTemplate, Window, coupon_template_from_row, program_from_value
from pos_app.store import Database, UnitOfWork

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class StoreInfo:
    name: str
    code: str
    till_code: str
    till_name: str
    footer: str = ""
    qr: str = ""
    offline_caps: dict = field(default_factory=dict)
    max_tender_fen: int = 0  # the most cash a sale may record as handed over (0: payable + 10,000 yuan)

    @cached_property  # worked out once per store identity (every sale asks)
    def receipt_prefix(self) -> str:
        """What this till's receipt numbers start with after the R: store code, "-", till code.

        The store code makes numbers unique across the chain; only its letters and digits are
        kept (at most 10, upper case) so that the number stays a short CODE128 barcode and a
        scan can tell it from any other code."""

        def clean(code: str, most: int, empty: str) -> str:
            return "".join(ch for ch in code.upper() if ch.isascii() and ch.isalnum())[:most] or empty

        return f"{clean(self.code, 10, 'S')}-{clean(self.till_code, 8, '0')}"


@dataclass(frozen=True)
class RuleProblem:
    """A rule row from HQ that was left out: which one, and why (an error code with params)."""

    kind: str  # promotion | coupon_template | tier | setting
    rule_id: str
    code: str
    params: dict = field(default_factory=dict, compare=False)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.rule_id}:{self.code}"


@dataclass(frozen=True)
class RuleSet:
    """Everything pricing needs that comes from HQ, loaded once and reloaded after a sync."""

    promotions: PromotionBook  # compiled once per load: offers indexed, order fixed
    tiers: dict[str, Tier]
    program: PointsProgram
    options: PricingOptions
    templates: dict[str, CouponTemplate]
    weight_layout: WeightLayout = WeightLayout()  # noqa: RUF009 (frozen: one shared default is safe)


class Till:
    def __init__(self, db: Database, clock: Callable[[], datetime] = datetime.now):
        self.db = db
        self.clock = clock
        self._rules: RuleSet | None = None
        self._store: StoreInfo | None = None
        self.rule_problems: tuple[RuleProblem, ...] = ()
        # asks HQ for a member this till does not hold (sync.till.TillSync.member_from_hq); None: standalone
        self.member_from_hq: Callable[[str], bool] | None = None

    @classmethod
    def open(cls, path: Path | str, clock: Callable[[], datetime] = datetime.now) -> Till:
        return cls(Database(path), clock)

    def now(self) -> datetime:
        return self.clock().replace(microsecond=0)

    def uow(self, durable: bool = True) -> UnitOfWork:
        """A unit of work; `durable=False` only for edits of the open cart (see UnitOfWork)."""
        return UnitOfWork(self.db, durable)

    def checkpoint(self) -> None:
        """(in the background, between sales) The write-ahead log copied into the database
        file now, not inside a scan's commit of the next sale (Database.checkpoint)."""
        self.db.checkpoint()

    @property
    def store(self) -> StoreInfo:
        if self._store is None:
            with self.uow() as uow:
                # a store row missing a key (an enrolment writes code and name first) takes the default
                raw = {
                    "name": "MemberTill",
                    "code": "S000",
                    "till_code": "001",
                    "till_name": "1",
                    **(uow.rules.setting("store") or {}),
                }
            self._store = StoreInfo(**{k: raw[k] for k in raw if k in StoreInfo.__dataclass_fields__})
        return self._store

    @property
    def rules(self) -> RuleSet:
        if self._rules is None:
            self._rules = self.load_rules()
        return self._rules

    def prepare(self) -> Till:
        """Load the store's identity and the rules now (boot does, before the window opens), so
        the GUI thread only ever reads them from memory."""
        _ = self.store, self.rules
        return self

    def reload_rules(self) -> None:
        """After settings or rules changed (in a worker): load them again at once."""
        self._rules = None
        self._store = None
        self.prepare()

    def load_rules(self) -> RuleSet:
        problems: list[RuleProblem] = []

        def parsed(kind: str, rule_id: str, build: Callable[..., T]) -> T | None:
            try:
                return build()
            except DomainError as error:
                problems.append(RuleProblem(kind, str(rule_id), error.code, dict(error.params)))
            except Exception as error:  # a row no parser expected: left out all the same
                problems.append(RuleProblem(kind, str(rule_id), "rule.unreadable", {"rule_id": str(rule_id)}))
                log.warning("rule %s %s unreadable: %s", kind, rule_id, type(error).__name__)
            return None

        with self.uow() as uow:
            promotions = PromotionBook(
                p
                for p in (
                    parsed(
                        "promotion",
                        r.id,
                        lambda r=r: promotion_from_row(
                            r.id,
                            r.name,
                            r.kind,
                            r.params,
                            valid_from=r.valid_from,
                            valid_to=r.valid_to,
                            exclusive=r.exclusive,
                            priority=r.priority,
                        ),
                    )
                    for r in uow.rules.promotions()
                )
                if p is not None
            )
            tiers = {}
            for t in uow.rules.tiers():
                tier = parsed("tier", t.code, lambda t=t: _tier(t))
                if tier is not None:
                    tiers[t.code] = tier
            program = (
                parsed("setting", "points_program", lambda: _points_program(uow.rules.setting("points_program")))
                or PointsProgram()
            )
            options = (
                parsed(
                    "setting", "pricing_options", lambda: PricingOptions(**(uow.rules.setting("pricing_options") or {}))
                )
                or PricingOptions()
            )
            templates = {}
            for r in uow.rules.coupon_templates():
                template = parsed(
                    "coupon_template",
                    r.id,
                    lambda r=r: coupon_template_from_row(
                        r.id, r.name, r.kind, r.params, valid_from=r.valid_from, valid_to=r.valid_to
                    ),
                )
                if template is not None:
                    templates[r.id] = template
            layout = (
                parsed("setting", "weight_barcode", lambda: WeightLayout(**(uow.rules.setting("weight_barcode") or {})))
                or WeightLayout()
            )
            self._report(uow, problems)
        self.rule_problems = tuple(problems)
        return RuleSet(promotions, tiers, program, options, templates, layout)

    def _report(self, uow: UnitOfWork, problems: list[RuleProblem]) -> None:
        """Tell HQ once about each rule left out (an outbox event), in the loading transaction."""
        reported = set(uow.rules.setting("rule_problems_reported") or [])
        new = [p for p in problems if p.key not in reported]
        if not new:
            return
        for p in new:
            log.warning("rule left out: %s %s (%s)", p.kind, p.rule_id, p.code)
            uow.outbox.append(
                "rule_rejected",
                {
                    "kind": p.kind,
                    "rule_id": p.rule_id,
                    "code": p.code,
                    "params": {k: str(v) for k, v in p.params.items()},
                },
                self.now(),
            )
        uow.rules.set_setting("rule_problems_reported", sorted(reported | {p.key for p in new}))
        uow.commit()

    def coupon(self, code: str, template_id: str, valid_from, valid_to) -> Coupon:
        template = self.rules.templates.get(template_id)
        if template is None:  # its template was left out as unreadable
            from .errors import InvalidInput

            raise InvalidInput("coupon.template_unusable", code=code[:32])
        return Coupon(code, template, Window(valid_from, valid_to))


def _tier(t) -> Tier:
    return Tier(
        t.code, t.name, t.rank, t.discount_percent, t.points_multiplier_pct, t.min_spend_12m_fen, t.min_points_12m
    )


def _points_program(value) -> PointsProgram:
    return program_from_value(value)  # the same parser as HQ's (pos_app/domain/rules.py)
