"""Shared timing helpers for benchmarks (percentiles over perf_counter_ns samples)."""

from __future__ import annotations

import time
from collections.abc import Callable


def percentile(samples_ms: list[float], pct: float) -> float:
    """Nearest-rank percentile of `samples_ms` (pct in 0..100)."""
    ordered = sorted(samples_ms)
    if not ordered:
        raise ValueError("no samples")
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def time_calls(fn: Callable[[], object], n: int, warmup: int = 10) -> list[float]:
    """Call `fn` `warmup` times, then `n` times, returning each call's duration in ms."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(n):
        t0 = time.perf_counter_ns()
        fn()
        out.append((time.perf_counter_ns() - t0) / 1e6)
    return out


def summary(samples_ms: list[float]) -> dict[str, float]:
    return {"p50_ms": round(percentile(samples_ms, 50), 4), "p99_ms": round(percentile(samples_ms, 99), 4)}
