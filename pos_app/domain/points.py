"""Points (积分): earning on a sale, lots with expiry, spending oldest-first, balances.

Earning rule (documented in docs/architecture.md): eligible amount = what is actually paid for
lines whose product and category earn points (after every reduction, points offset and
rounding). points = floor(eligible_fen / 100 * points_per_yuan * band% * tier% * member-day% *
birthday%) — the multipliers (integer percent) are multiplied together and the result floored
once, so a fraction of a point is never earned. The member day (a weekday or a day of the month)
and the birthday period (day, week or month, as the programme says) are the programme's own
tests (`PointsProgram.is_member_day`, `in_birthday_period`), the same at the till and at HQ. No
points are added per order for a birthday: the programme's birthday bonus is a yearly gift from
HQ's birthday job. The spend band is chosen by the eligible amount.

Lots: every credit of points is a lot with an expiry date (fixed N days, rolling = end of the
N-th month after the month earned, or never). Spending takes the oldest lots first (earned
date, then lot id) and skips expired ones; the balance counts unexpired remaining points.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Protocol

from .cart import CartLine
from .errors import PointsError
from .money import allocate
from .rules import Member, PointsProgram


class EarningLine(Protocol):
    line: CartLine
    amount: int


def earning_multiplier_pct(member: Member, program: PointsProgram, eligible_fen: int, now: datetime) -> list[int]:
    """The multipliers (integer percent) that apply to this order, in the documented order."""
    pcts = [program.band_multiplier_pct(eligible_fen), member.tier.points_multiplier_pct]
    if program.is_member_day(now.date()):
        pcts.append(program.member_day_multiplier_pct)
    if program.in_birthday_period(member.birthday, now.date()):
        pcts.append(program.birthday_multiplier_pct)
    return pcts


def points_earned_for(
    work: Sequence[EarningLine], member: Member | None, program: PointsProgram, now: datetime
) -> list[int]:
    """Points earned by each line of a priced cart (sums to the order's points)."""
    if member is None:
        return [0] * len(work)
    weights = [
        0 if (w.line.non_earning or w.line.category_id in program.non_earning_category_ids) else max(w.amount, 0)
        for w in work
    ]
    eligible = sum(weights)
    if eligible == 0:
        return [0] * len(work)
    numerator = eligible * program.points_per_yuan
    denominator = 100
    for pct in earning_multiplier_pct(member, program, eligible, now):
        numerator *= pct
        denominator *= 100
    return allocate(numerator // denominator, weights)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_for(program: PointsProgram, earned_on: date) -> date | None:
    """The first day on which points earned on `earned_on` are no longer usable (None: never)."""
    if program.expiry == "never":
        return None
    if program.expiry == "fixed":
        return earned_on + timedelta(days=program.expiry_days)
    # rolling: usable to the end of the N-th month after the month earned
    last_month = add_months(earned_on.replace(day=1), program.expiry_months)
    return add_months(last_month, 1)


@dataclass(frozen=True)
class PointsLot:
    """Points credited at one time, with what is left of them."""

    lot_id: str
    earned_on: date
    points: int
    remaining: int
    expires_on: date | None = None

    def usable(self, today: date) -> bool:
        return self.remaining > 0 and (self.expires_on is None or today < self.expires_on)


def balance(lots: Iterable[PointsLot], today: date) -> int:
    """Usable points: remaining points of lots not yet expired."""
    return sum(lot.remaining for lot in lots if lot.usable(today))


def expiring_within(lots: Iterable[PointsLot], today: date, days: int) -> int:
    """Usable points that expire within `days` days from `today` (reminders, receipts)."""
    horizon = today + timedelta(days=days)
    return sum(
        lot.remaining for lot in lots if lot.usable(today) and lot.expires_on is not None and lot.expires_on <= horizon
    )


def consume(lots: Sequence[PointsLot], points: int, today: date) -> list[tuple[str, int]]:
    """Which lots pay for `points`, oldest first: [(lot id, points taken)].

    Raises PointsError when the usable balance is short; takes nothing in that case.
    """
    if points <= 0:
        raise PointsError("points.spend_not_positive")
    available = balance(lots, today)
    if points > available:
        raise PointsError("points.not_enough", available=available)
    taken: list[tuple[str, int]] = []
    left = points
    for lot in sorted((l for l in lots if l.usable(today)), key=lambda l: (l.earned_on, l.lot_id)):
        take = min(lot.remaining, left)
        taken.append((lot.lot_id, take))
        left -= take
        if left == 0:
            break
    return taken


def apply_consumption(lots: Sequence[PointsLot], taken: Iterable[tuple[str, int]], sign: int = -1) -> list[PointsLot]:
    """Lots after taking (sign -1) or giving back (sign +1, a refund) the given points."""
    delta: dict[str, int] = {}
    for lot_id, pts in taken:
        delta[lot_id] = delta.get(lot_id, 0) + sign * pts
    out = []
    for lot in lots:
        remaining = lot.remaining + delta.get(lot.lot_id, 0)
        if not 0 <= remaining <= lot.points:
            raise PointsError("points.lot_overflow", lot_id=lot.lot_id, points=remaining)
        out.append(replace(lot, remaining=remaining))
    return out


def lots_to_restore(
    taken: Sequence[tuple[str, int]], given_back: Iterable[tuple[str, int]], points: int
) -> list[tuple[str, int]]:
    """Where `points` spent points go back on a refund: [(lot id, points)].

    To the lots the sale took them from (`taken`, in the order it took them), less what earlier
    refunds of the sale gave back (`given_back`), so they keep their original expiry: a refund
    never renews points that were about to lapse. What the lots cannot take (the sale spent
    points from lots this till does not hold; HQ settles those) is left out, so the result may
    sum to less than `points`. Apply it with `apply_consumption(lots, result, sign=+1)`."""
    if points < 0:
        raise PointsError("points.restore_negative")
    room: dict[str, int] = {}
    for lot_id, pts in taken:
        room[lot_id] = room.get(lot_id, 0) + pts
    for lot_id, pts in given_back:
        room[lot_id] = room.get(lot_id, 0) - pts
    out: list[tuple[str, int]] = []
    left = points
    for lot_id in dict.fromkeys(lot_id for lot_id, _ in taken):
        give = min(max(room[lot_id], 0), left)
        if give:
            out.append((lot_id, give))
            left -= give
        if not left:
            break
    return out


def expire(lots: Iterable[PointsLot], today: date) -> list[tuple[str, int]]:
    """Points lapsing as of `today`: [(lot id, points)] for expired lots with points left."""
    return [
        (lot.lot_id, lot.remaining)
        for lot in lots
        if lot.remaining > 0 and lot.expires_on is not None and today >= lot.expires_on
    ]
