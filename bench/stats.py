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


def time_alternately(
    a: Callable[[], object], b: Callable[[], object], n: int, warmup: int = 10
) -> tuple[list[float], list[float], list[float], list[float]]:
    """Call `a` and `b` in turn, `warmup` times each, then `n` times each: on a shared machine both
    meet the same slow and fast moments. Returns each one's durations in ms, wall clock (a, b),
    then CPU time of this thread (a, b): the latter leaves out the time spent waiting for a core
    that other processes hold (a collection, a cache miss still count)."""
    for _ in range(warmup):
        a()
        b()
    wall, cpu = time.perf_counter_ns, time.thread_time_ns
    out: tuple[list[float], list[float], list[float], list[float]] = ([], [], [], [])
    wall_a, wall_b, cpu_a, cpu_b = out
    for _ in range(n):
        w0, c0 = wall(), cpu()
        a()
        w1, c1 = wall(), cpu()
        b()
        w2, c2 = wall(), cpu()
        wall_a.append((w1 - w0) / 1e6)
        wall_b.append((w2 - w1) / 1e6)
        cpu_a.append((c1 - c0) / 1e6)
        cpu_b.append((c2 - c1) / 1e6)
    return out
