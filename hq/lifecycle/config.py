"""The chain's benefits and earning tasks as the console edits them (issue 18): the benefits on
triggers (welcome pack, post-purchase coupon, birthday gift, tier-upgrade gifts, member-day gift)
and the member app's earning rules (sign-in streak, referral, profile completion), kept in the
chain's lifecycle settings (`lifecycle:<chain>`), read by hq/lifecycle/benefits.py and
earning.py. A save is checked whole (nothing is stored when one part is wrong) and audited with
what it was before."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..models import CatalogueRow
from ..services import audit
from . import benefits, earning
from .program import DEFAULT_SETTINGS, lifecycle_settings, store_lifecycle_settings, stored_lifecycle_settings, tiers

EARNING_KEYS = ("sign_in_points", "sign_in_after", "referral_points", "profile_points")


def read(hq, chain_id: str) -> dict[str, Any]:
    """{"benefits": …, earning keys …, "templates": {id: name}, "tiers": [(code, name)]} for the form."""
    with hq.tx() as s:
        settings = lifecycle_settings(s, chain_id)
        templates = {
            key: (data or {}).get("name", key)
            for key, data in s.execute(
                select(CatalogueRow.key, CatalogueRow.data)
                .where(
                    CatalogueRow.chain_id == chain_id,
                    CatalogueRow.kind == "coupon_templates",
                    CatalogueRow.store_code == "",
                )
                .order_by(CatalogueRow.key)
            )
        }
        chain_tiers = sorted(tiers(s, chain_id).values(), key=lambda t: t.rank)
    out = {k: settings.get(k, DEFAULT_SETTINGS.get(k)) for k in ("benefits", *EARNING_KEYS)}
    out["sign_in_after"] = out.get("sign_in_after") or "cap"
    out["profile_points"] = out.get("profile_points") or {"points": 0, "fields": []}
    out["templates"] = templates
    out["tiers"] = [(t.code, t.name) for t in chain_tiers if t.rank > chain_tiers[0].rank]
    return out


def save(hq, chain_id: str, config: dict[str, Any], actor: audit.Actor) -> dict[str, Any]:
    """Check `config` (benefits and earning keys) and store it over the chain's settings; RuleError
    (benefit.* / earning.*) on a bad part, with nothing stored. Returns what was stored."""
    with hq.tx() as s:
        stored = stored_lifecycle_settings(s, chain_id)
        templates = benefits.templates_of(s, chain_id)
        codes = set(tiers(s, chain_id))
        checked_benefits = benefits.validate(config.get("benefits") or {}, templates)
        unknown = sorted(set(checked_benefits.get("tier_upgrade", {})) - codes)
        if unknown:
            from pos_app.domain.errors import RuleError

            raise RuleError("benefit.malformed", benefit=f"tier_upgrade:{unknown[0][:16]}")
        checked = dict(
            earning.validate({k: v for k, v in config.items() if k in EARNING_KEYS}), benefits=checked_benefits
        )
        before = {k: stored.get(k) for k in checked}
        store_lifecycle_settings(s, chain_id, dict(stored, **checked))
        audit.record(s, actor, "benefits.saved", f"lifecycle/{chain_id}", before=before, after=checked, now=hq.clock())
    return checked
