"""Member tiers (M4): which tier a member qualifies for, and when a change takes effect.

A member qualifies for the highest tier whose rolling 12-month spend threshold (or, where the
tier sets one, points threshold) they meet. An upgrade takes effect immediately; a downgrade only
at the review date (e.g. the anniversary of the last tier change), never in between.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .rules import Tier


def qualifying_tier(tiers: Sequence[Tier], spend_12m_fen: int, points_12m: int) -> Tier:
    """The highest tier the figures reach (the lowest rank is the floor for everyone)."""
    ordered = sorted(tiers, key=lambda t: t.rank)
    best = ordered[0]
    for tier in ordered:
        by_spend = tier.min_spend_12m_fen > 0 and spend_12m_fen >= tier.min_spend_12m_fen
        by_points = tier.min_points_12m > 0 and points_12m >= tier.min_points_12m
        if tier.rank == ordered[0].rank or by_spend or by_points:
            best = tier
    return best


@dataclass(frozen=True)
class TierDecision:
    tier: Tier
    changed: bool
    reason: str  # "upgrade" | "downgrade" | "kept" | "downgrade deferred to review"


def evaluate_tier(
    tiers: Sequence[Tier], current: Tier, spend_12m_fen: int, points_12m: int, today: date, review_on: date
) -> TierDecision:
    """Decide the member's tier today: upgrade now, downgrade only on or after `review_on`."""
    target = qualifying_tier(tiers, spend_12m_fen, points_12m)
    if target.rank > current.rank:
        return TierDecision(target, True, "upgrade")
    if target.rank < current.rank:
        if today >= review_on:
            return TierDecision(target, True, "downgrade")
        return TierDecision(current, False, "downgrade deferred to review")
    return TierDecision(current, False, "kept")
