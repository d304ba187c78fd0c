"""Stored value (储值): top-up plans with bonus, principal and bonus kept apart, spending, refunds.

Consumption order (documented): a payment takes principal and bonus in proportion to the
balance (bonus share floored to the fen, principal the rest). Proportional spending means a
member can neither drain the bonus first and cash out the principal, nor be left with a bonus
they cannot use. A refund of a stored-value payment returns the same principal/bonus split it
took. Closing the account refunds principal only: bonus is never refundable as money.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .errors import StoredValueError


@dataclass(frozen=True)
class TopUpPlan:
    """充500送50: pay `pay_fen`, receive `bonus_fen` extra as bonus."""

    id: str
    name: str
    pay_fen: int
    bonus_fen: int


@dataclass(frozen=True)
class StoredValue:
    principal_fen: int = 0
    bonus_fen: int = 0

    @property
    def total_fen(self) -> int:
        return self.principal_fen + self.bonus_fen


@dataclass(frozen=True)
class Split:
    """How much of a stored-value movement is principal and how much bonus."""

    principal_fen: int
    bonus_fen: int

    @property
    def total_fen(self) -> int:
        return self.principal_fen + self.bonus_fen


def best_plan(plans: Sequence[TopUpPlan], pay_fen: int) -> TopUpPlan | None:
    """The plan a top-up of exactly `pay_fen` qualifies for (the richest with pay <= amount)."""
    fits = [p for p in plans if p.pay_fen <= pay_fen]
    return max(fits, key=lambda p: (p.bonus_fen, p.pay_fen)) if fits else None


def top_up(balance: StoredValue, pay_fen: int, plans: Sequence[TopUpPlan] = ()) -> tuple[StoredValue, Split]:
    """Credit a top-up: principal = what was paid, bonus from the best qualifying plan."""
    if pay_fen <= 0:
        raise StoredValueError("stored_value.top_up_not_positive")
    plan = best_plan(plans, pay_fen)
    bonus = plan.bonus_fen if plan else 0
    split = Split(pay_fen, bonus)
    return StoredValue(balance.principal_fen + pay_fen, balance.bonus_fen + bonus), split


def spend(balance: StoredValue, amount_fen: int) -> tuple[StoredValue, Split]:
    """Pay `amount_fen` from the balance, principal and bonus in proportion."""
    if amount_fen <= 0:
        raise StoredValueError("stored_value.payment_not_positive")
    if amount_fen > balance.total_fen:
        raise StoredValueError("stored_value.not_enough", balance_fen=balance.total_fen)
    bonus = amount_fen * balance.bonus_fen // balance.total_fen
    split = Split(amount_fen - bonus, bonus)
    if split.principal_fen > balance.principal_fen:  # only when flooring pushes past principal
        split = Split(balance.principal_fen, amount_fen - balance.principal_fen)
    return StoredValue(balance.principal_fen - split.principal_fen, balance.bonus_fen - split.bonus_fen), split


def give_back(balance: StoredValue, split: Split) -> StoredValue:
    """Return a refunded stored-value payment to the balance, with its original split."""
    return StoredValue(balance.principal_fen + split.principal_fen, balance.bonus_fen + split.bonus_fen)


def close_account(balance: StoredValue) -> tuple[int, int]:
    """(principal refundable as money, bonus forfeited) when a member closes stored value."""
    return balance.principal_fen, balance.bonus_fen
