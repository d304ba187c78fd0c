"""Benefits issued on triggers (M5): the welcome pack (开卡礼) on registration, a coupon after a
purchase, the birthday gift, the tier-upgrade gift, a member-day gift. Each is given at most once
per member and period: the unique (member, benefit, period) of `benefit_grants` is the
guarantee (an insert that finds the row gives nothing), so a re-run, a retried push or two
workers at once cannot give twice. A benefit is points (a lot with the programme's expiry and a
ledger entry, kind `benefit`) and/or a coupon of a template (the member's, valid for N days);
both reach tills with the next pull (the member's and the coupon's change-feed rows).

Configuration (the console writes it; `lifecycle:<chain>` setting, key `benefits`):
    {"welcome": {"points": 100, "coupon_template": "CT03", "valid_days": 30},
     "post_purchase": {"min_spend_fen": 5000, "coupon_template": "CT01", "valid_days": 14},
     "birthday": {"points": 200, "coupon_template": "CT02", "valid_days": 31},
     "tier_upgrade": {"gold": {"points": 500}, "platinum": {"coupon_template": "CT02"}},
     "member_day": {"coupon_template": "CT05", "valid_days": 1}}
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pos_app.domain.errors import RuleError

from ..base import dialect_insert
from ..models import BenefitGrant, CatalogueRow, Coupon, Member, PointsEntry
from .program import lifecycle_settings, points_program

BENEFITS = ("welcome", "post_purchase", "birthday", "tier_upgrade", "member_day")


def validate(config: dict[str, Any], templates: set[str]) -> dict[str, Any]:
    """The benefits configuration, checked; RuleError (a code with parameters) on a bad one."""

    def one(name: str, spec: Any) -> dict:
        if not isinstance(spec, dict):
            raise RuleError("benefit.malformed", benefit=name)
        points = spec.get("points", 0)
        if not isinstance(points, int) or isinstance(points, bool) or not 0 <= points <= 1_000_000:
            raise RuleError("benefit.points_invalid", benefit=name)
        template = spec.get("coupon_template")
        if template is not None and template not in templates:
            raise RuleError("benefit.unknown_template", benefit=name, template=str(template)[:32])
        days = spec.get("valid_days", 30)
        if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 3660:
            raise RuleError("benefit.valid_days_invalid", benefit=name)
        if not points and template is None:
            raise RuleError("benefit.empty", benefit=name)
        return spec

    out: dict[str, Any] = {}
    for name, spec in (config or {}).items():
        if name not in BENEFITS:
            raise RuleError("benefit.unknown", benefit=str(name)[:32])
        if name == "tier_upgrade":
            if not isinstance(spec, dict):
                raise RuleError("benefit.malformed", benefit=name)
            out[name] = {tier: one(f"{name}:{tier}", s) for tier, s in spec.items()}
        else:
            out[name] = one(name, spec)
    return out


def grant(
    s: Session, chain_id: str, member_id: str, benefit: str, period: str, spec: dict[str, Any], now: datetime
) -> list[tuple[str, str]]:
    """Give `spec` (points and/or a coupon) to the member for `benefit` and `period`, once.
    Returns the change-feed rows it makes ([] when it was given before)."""
    table = BenefitGrant.__table__
    upsert = dialect_insert(s, table)
    points = int(spec.get("points", 0) or 0)
    template = spec.get("coupon_template")
    code = f"B{secrets.token_hex(7).upper()}" if template else None
    done = s.connection().execute(
        upsert.values(
            member_id=member_id, benefit=benefit, period=period[:48], points=points, coupon_code=code, at=now
        ).on_conflict_do_nothing(index_elements=[table.c.member_id, table.c.benefit, table.c.period])
    )
    if done.rowcount != 1:
        return []
    changes: list[tuple[str, str]] = []
    if points:
        from .lots import LotWork

        work = LotWork(s, points_program(s, chain_id))
        work.credit(member_id, points, now.date(), benefit, ref=f"{benefit}:{period}")
        changes += [("points_lots", lot_id) for lot_id in work.flush()]
        s.add(
            PointsEntry(
                member_id=member_id, delta=points, kind="benefit", ref=f"{benefit}:{period}"[:48], event_id=None, at=now
            )
        )
        s.execute(update(Member).where(Member.id == member_id).values(points=Member.points + points))
        changes.append(("members", member_id))
    if template:
        days = int(spec.get("valid_days", 30))
        s.add(
            Coupon(
                code=code,
                chain_id=chain_id,
                member_id=member_id,
                template_id=template,
                valid_from=now,
                valid_to=now + timedelta(days=days),
                status="issued",
                used_sale_id=None,
            )
        )
        changes.append(("member_coupons", code))
    s.flush()
    return changes


def _spec(s: Session, chain_id: str, benefit: str) -> dict[str, Any] | None:
    return (lifecycle_settings(s, chain_id).get("benefits") or {}).get(benefit)


def on_registration(s: Session, chain_id: str, member_id: str, now: datetime) -> list[tuple[str, str]]:
    spec = _spec(s, chain_id, "welcome")
    return grant(s, chain_id, member_id, "welcome", "", spec, now) if spec else []


def purchase_spec(s: Session, chain_id: str) -> dict[str, Any] | None:
    """The post-purchase benefit's configuration (None: none configured)."""
    return _spec(s, chain_id, "post_purchase")


def qualifies(spec: dict[str, Any] | None, spend_fen: int) -> bool:
    return bool(spec) and spend_fen >= int(spec.get("min_spend_fen", 0))


def on_purchases(
    s: Session, chain_id: str, purchases: list[tuple[str, date, int, datetime]], spec: dict[str, Any] | None
) -> list[tuple[str, str]]:
    """The post-purchase coupon: once per member and day, for a day's purchase of at least the
    minimum. `purchases`: (member, day, spend, push time), one per push and member-day (the
    applier's; `spec`: `purchase_spec`, read once for them all)."""
    changes: list[tuple[str, str]] = []
    for member_id, day, spend_fen, at in purchases:
        if qualifies(spec, spend_fen):
            changes += grant(s, chain_id, member_id, "post_purchase", day.isoformat(), spec or {}, at)
    return changes


def on_tier_upgrade(s: Session, chain_id: str, member_id: str, tier_code: str, now: datetime) -> list[tuple[str, str]]:
    spec = (_spec(s, chain_id, "tier_upgrade") or {}).get(tier_code)
    return grant(s, chain_id, member_id, "tier_upgrade", tier_code, spec, now) if spec else []


def birthday_spec(s: Session, chain_id: str) -> dict[str, Any] | None:
    """The birthday gift: the configured benefit, plus the points programme's yearly
    `birthday_bonus_points` (which tills once added to every order of the birthday month)."""
    spec = dict(_spec(s, chain_id, "birthday") or {})
    bonus = points_program(s, chain_id).birthday_bonus_points
    if bonus:
        spec["points"] = int(spec.get("points", 0) or 0) + bonus
    return spec or None


def templates_of(s: Session, chain_id: str) -> set[str]:
    return set(
        s.scalars(
            select(CatalogueRow.key).where(CatalogueRow.chain_id == chain_id, CatalogueRow.kind == "coupon_templates")
        )
    )
