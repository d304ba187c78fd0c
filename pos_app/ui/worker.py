"""One pattern for every slow operation: run it on the database thread, get the result on the GUI thread.

`run_in_background(parent, fn, on_done, on_error)` never blocks the caller: database writes,
printing, serial and network calls all go through it (the rule "never block the cashier").

The operations run one at a time, in order, on one Python thread (`till-db`) fed by a queue. It
was a one-thread QThreadPool until 2026-12-02 (issue 23, bench ui): `QThreadPool.start` lets go of
Python's lock while it wakes its thread, which then took the lock and ran the operation's Python
while the GUI thread, back from `start`, waited for the lock to come back - up to Python's switch
interval (5 ms) on a busy machine, in the middle of every scan. A queue's `put` keeps the lock: the
thread starts once the GUI thread is back in its event loop, and nothing else changes hands.
"""

from __future__ import annotations

import threading
import traceback
from collections import deque
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)
    started = False  # set by the database thread as the operation begins


class _Operations:
    """The database thread and its queue: `start` appends, the thread takes them in order."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._queue: deque[tuple[Callable[[], Any], _Relay]] = deque()
        self._running = False  # an operation taken from the queue and not yet answered
        self._thread: threading.Thread | None = None

    def start(self, fn: Callable[[], Any], relay: _Relay) -> None:
        with self._lock:
            self._queue.append((fn, relay))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="till-db", daemon=True)
                self._thread.start()
            self._lock.notify()

    def clear(self) -> None:
        """The operations queued and not begun are dropped (the running one finishes)."""
        with self._lock:
            self._queue.clear()
            self._lock.notify_all()

    def wait_idle(self, msecs: int) -> bool:
        with self._lock:
            return self._lock.wait_for(lambda: not self._queue and not self._running, msecs / 1000)

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._queue:
                    self._lock.wait()
                fn, relay = self._queue.popleft()
                self._running = True
            try:
                relay.started = True
                try:
                    result = fn()
                except Exception as error:  # delivered to the GUI thread, shown as a message
                    error.trace = traceback.format_exc()  # type: ignore[attr-defined]
                    relay.failed.emit(error)
                else:
                    relay.done.emit(result)
            except BaseException:  # never lose the thread (the answer was not delivered)
                traceback.print_exc()
            finally:
                del fn, relay
                result = None
                with self._lock:
                    self._running = False
                    self._lock.notify_all()


_pending: set[_Relay] = set()
_operations = _Operations()


def run_in_background(
    parent: QObject, fn: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[Exception], None]
) -> None:
    # The relay has no Qt parent: a dialog closed (and deleted) while its job runs must not take
    # the relay with it, or the database thread would emit on a destroyed object (a crash).
    # `_pending` keeps it alive; the callback is skipped when its owner is gone.
    relay = _Relay()
    _pending.add(relay)

    def finish(callback, value):
        _pending.discard(relay)
        relay.deleteLater()
        if shiboken6.isValid(parent):
            callback(value)

    relay.done.connect(lambda value: finish(on_done, value))
    relay.failed.connect(lambda error: finish(on_error, error))
    _operations.start(fn, relay)


def drop_queued() -> None:
    """(database thread, from the job that refuses the database) The operations queued behind the
    running one never run."""
    _operations.clear()


def forget_dropped() -> None:
    """(GUI thread, after `drop_queued`) Let go of the relays of operations that never ran: left
    in `_pending`, they would read as work still in flight for the rest of the process."""
    for relay in [r for r in _pending if not r.started]:
        _pending.discard(relay)
        relay.deleteLater()


def wait_idle(msecs: int = 10000) -> bool:
    """Tests and shutdown: wait for queued operations to finish."""
    return _operations.wait_idle(msecs)
