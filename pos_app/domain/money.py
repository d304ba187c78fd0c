"""Money arithmetic in integer fen: formatting, percentages and exact pro-rata allocation.

Every amount in the product is an `int` number of fen (1 yuan = 100 fen). Nothing here accepts
or returns a float. Two rounding rules are used everywhere and documented in
docs/architecture.md ("Pricing rules"): a percentage reduction is floored to the fen (the
customer never gets a fraction of a fen), and a total spread over lines uses the largest
remainder method, so the parts always sum exactly to the total.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import AmountError

FEN_PER_YUAN = 100


def format_fen(fen: int, *, sign: bool = False) -> str:
    """Render fen as yuan with two decimals: 123456 -> '1234.56', -5 -> '-0.05'."""
    if not isinstance(fen, int) or isinstance(fen, bool):
        raise TypeError(f"money must be int fen, got {type(fen).__name__}")
    prefix = "-" if fen < 0 else ("+" if sign and fen > 0 else "")
    whole, part = divmod(abs(fen), FEN_PER_YUAN)
    return f"{prefix}{whole}.{part:02d}"


def parse_yuan(text: str) -> int:
    """Parse a yuan amount typed by a person ('12', '12.5', '12.50') into fen, exactly.

    Raises ValueError with a readable message for anything else (no floats involved).
    """
    raw = text.strip().replace("￥", "").replace("¥", "")
    if not raw or raw.count(".") > 1 or raw.startswith("-"):
        raise AmountError("amount.not_an_amount")
    whole, _, frac = raw.partition(".")
    if not (whole or frac) or not (whole.isdigit() or whole == "") or not (frac.isdigit() or frac == ""):
        raise AmountError("amount.not_an_amount")
    if len(frac) > 2:
        raise AmountError("amount.too_many_decimals")
    return int(whole or "0") * FEN_PER_YUAN + int((frac + "00")[:2])


def percent_of(amount_fen: int, percent: int) -> int:
    """`percent`% of an amount, floored to the fen (never more than the exact value)."""
    return amount_fen * percent // 100


def scale(amount: int, numerator: int, denominator: int) -> int:
    """amount * numerator / denominator, floored; the share of `numerator` parts of `denominator`."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    return amount * numerator // denominator


def allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` over `weights` pro rata, to the unit, summing exactly to `total`.

    Largest remainder method: each part gets floor(total * w / W); the units left over go to the
    parts with the largest remainders, ties to the earliest part (deterministic). When
    0 <= total <= sum(weights) no part exceeds its weight, so a reduction spread over line amounts
    never makes a line negative. All-zero weights with a non-zero total is an error.
    """
    if total < 0:
        return [-p for p in allocate(-total, weights)]
    if weights and min(weights) < 0:
        raise ValueError("weights must not be negative")
    whole = sum(weights)
    if whole == 0:
        if total:
            raise ValueError("cannot allocate a non-zero amount over zero weights")
        return [0] * len(weights)
    parts = [total * weight // whole for weight in weights]
    left = total - sum(parts)
    if left:
        remainders = [total * weight % whole for weight in weights]
        # a stable sort, reversed: largest remainder first, ties keep the earlier part first
        for index in sorted(range(len(weights)), key=remainders.__getitem__, reverse=True)[:left]:
            parts[index] += 1
    return parts


def take_share(remaining_amount: int, remaining_units: int, units: int) -> int:
    """The part of `remaining_amount` that belongs to `units` of `remaining_units`.

    Used for partial refunds: taking the share of what is *left* (not of the original) means a
    sequence of partial returns always adds up exactly to the original when the last unit goes.
    """
    if not 0 < units <= remaining_units:
        raise ValueError("units out of range")
    if units == remaining_units:
        return remaining_amount
    return remaining_amount * units // remaining_units
