"""The campaign's lift with its confidence interval (issue 19, item 4): a pure function of the
two groups' sums, so it is tested against a hand-computed example (tests/hq/test_segments.py).

Per-member spend in the measurement window, treated group t against control group c: the
difference of means with Welch's standard error sqrt(s_t²/n_t + s_c²/n_c) and the normal 95 %
quantile 1.96. Inputs are integer fen (sums and sums of squares); arithmetic is exact (Fraction)
up to the one square root (Decimal, 28 digits); results are rounded to whole fen."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction

Z95 = Decimal("1.96")


@dataclass(frozen=True)
class Lift:
    diff_fen: int  # mean spend per treated member minus per control member
    low_fen: int  # its 95 % confidence interval
    high_fen: int
    incremental_fen: int  # diff × treated members: the campaign's incremental sales
    incremental_low_fen: int
    incremental_high_fen: int
    significant: bool  # the interval excludes 0


def _variance(n: int, total: int, squares: int) -> Fraction:
    """The sample variance (n - 1) from a sum and a sum of squares."""
    if n < 2:
        return Fraction(0)
    return (Fraction(squares) - Fraction(total * total, n)) / (n - 1)


def _fen(x: Decimal) -> int:
    return int(x.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def lift_ci(n_t: int, sum_t: int, sumsq_t: int, n_c: int, sum_c: int, sumsq_c: int) -> Lift | None:
    """None when either group is empty (no comparison to make)."""
    if n_t <= 0 or n_c <= 0:
        return None
    diff = Fraction(sum_t, n_t) - Fraction(sum_c, n_c)
    se2 = _variance(n_t, sum_t, sumsq_t) / n_t + _variance(n_c, sum_c, sumsq_c) / n_c
    with localcontext() as ctx:
        ctx.prec = 28
        d = Decimal(diff.numerator) / Decimal(diff.denominator)
        half = Z95 * (Decimal(se2.numerator) / Decimal(se2.denominator)).sqrt()
        low, high = d - half, d + half
        return Lift(
            _fen(d), _fen(low), _fen(high), _fen(d * n_t), _fen(low * n_t), _fen(high * n_t), low > 0 or high < 0
        )
