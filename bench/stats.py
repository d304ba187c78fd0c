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


def time_alternately(a: Callable[[], object], b: Callable[[], object], n: int, warmup: int = 10) -> tuple[list, list]:
    """Call `a` and `b` in turn, `warmup` times each, then `n` times each, returning each one's
    durations in ms: on a shared machine both meet the same slow and fast moments."""
    for _ in range(warmup):
        a()
        b()
    out_a, out_b = [], []
    for _ in range(n):
        t0 = time.perf_counter_ns()
        a()
        t1 = time.perf_counter_ns()
        b()
        out_b.append((time.perf_counter_ns() - t1) / 1e6)
        out_a.append((t1 - t0) / 1e6)
    return out_a, out_b
