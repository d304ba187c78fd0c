"""The cyclic garbage collector paused while HQ makes many short-lived rows at once: a snapshot
page (hq/snapshot.py) and a push (hq/service.py)."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

_pausing = threading.Lock()


class _Paused:
    under_way = 0  # pages and pushes under way now
    was_on = False  # whether the collector was on before the first of them
    since = 0.0  # when the collector last ran (or was turned off), time.monotonic()


_paused = _Paused()
PAUSED_AT_MOST_S = 5.0  # overlapping pauses (a busy worker's threads) collect at least this often


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a page is built or a push applied. A page is 20,000
    fresh rows (the driver's tuples, a list per member), a push some 10,000 dicts and tuples for
    its 500 events: they set off generation after generation of collections that walk them, and
    every full one the whole heap - 30 % of HQ's CPU for a snapshot, 15 % of a push's, measured -
    though they hold no cycles (reference counting frees them). Nested and concurrent pages and
    pushes share one pause; the last to finish turns the collector back on if it was on. Pauses
    that keep overlapping (a worker never idle) run a collection every PAUSED_AT_MOST_S
    seconds, so that cycles made meanwhile are freed all the same."""
    with _pausing:
        if _paused.under_way == 0:
            _paused.was_on = gc.isenabled()
            _paused.since = time.monotonic()
            gc.disable()
        _paused.under_way += 1
    try:
        yield
    finally:
        collect = False
        with _pausing:
            _paused.under_way -= 1
            if _paused.under_way == 0 and _paused.was_on:
                gc.enable()
            elif _paused.under_way > 0 and _paused.was_on and time.monotonic() - _paused.since > PAUSED_AT_MOST_S:
                _paused.since = time.monotonic()
                collect = True
        if collect:
            gc.collect()
