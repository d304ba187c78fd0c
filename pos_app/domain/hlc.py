"""Hybrid logical clocks for per-field merges of member profile edits made offline.

A timestamp is `"<wall ms, 13 digits>-<counter, 5 digits>-<node>"`, so plain string comparison
orders them: later wall time first, then counter, then node id as the deterministic tie-break.
"""

from __future__ import annotations


def parse(stamp: str) -> tuple[int, int, str]:
    wall, counter, node = stamp.split("-", 2)
    return int(wall), int(counter), node


def format_hlc(wall_ms: int, counter: int, node: str) -> str:
    return f"{wall_ms:013d}-{counter:05d}-{node}"


def tick(last: str | None, now_ms: int, node: str) -> str:
    """The next stamp on this node: after `last` (ours or one we received) and not before now."""
    if not last:
        return format_hlc(now_ms, 0, node)
    wall, counter, _ = parse(last)
    if now_ms > wall:
        return format_hlc(now_ms, 0, node)
    return format_hlc(wall, counter + 1, node)


def newer(a: str | None, b: str | None) -> bool:
    """Is `a` later than `b`? (None is the beginning of time.)"""
    if a is None:
        return False
    if b is None:
        return True
    return parse(a) > parse(b)
