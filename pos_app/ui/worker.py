"""One pattern for every slow operation: run it on a pool thread, get the result on the GUI thread.

`run_in_background(parent, fn, on_done, on_error)` never blocks the caller: database writes,
printing, serial and network calls all go through it (the rule "never block the cashier").
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)
    started = False  # set by its job as it begins on the pool thread


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.fn, self.relay = fn, relay

    @Slot()
    def run(self) -> None:
        self.relay.started = True
        try:
            result = self.fn()
        except Exception as error:  # delivered to the GUI thread, shown as a message
            error.trace = traceback.format_exc()
            self.relay.failed.emit(error)
        else:
            self.relay.done.emit(result)


_pending: set[_Relay] = set()
_pool: QThreadPool | None = None


def pool() -> QThreadPool:
    """A single-threaded pool: operations on the till database run one at a time, in order."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


def run_in_background(
    parent: QObject, fn: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[Exception], None]
) -> None:
    # The relay has no Qt parent: a dialog closed (and deleted) while its job runs must not take
    # the relay with it, or the pool thread would emit on a destroyed object (a crash). `_pending`
    # keeps it alive; the callback is skipped when its owner is gone.
    relay = _Relay()
    _pending.add(relay)

    def finish(callback, value):
        _pending.discard(relay)
        relay.deleteLater()
        if shiboken6.isValid(parent):
            callback(value)

    relay.done.connect(lambda value: finish(on_done, value))
    relay.failed.connect(lambda error: finish(on_error, error))
    pool().start(_Job(fn, relay))


def drop_queued() -> None:
    """(pool thread, from the job that refuses the database) The operations queued behind the
    running one never run."""
    pool().clear()


def forget_dropped() -> None:
    """(GUI thread, after `drop_queued`) Let go of the relays of operations that never ran: left
    in `_pending`, they would read as work still in flight for the rest of the process."""
    for relay in [r for r in _pending if not r.started]:
        _pending.discard(relay)
        relay.deleteLater()


def wait_idle(msecs: int = 10000) -> bool:
    """Tests and shutdown: wait for queued operations to finish."""
    return pool().waitForDone(msecs)
