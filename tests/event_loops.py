"""Tests that run the till's own event loop (`Boot.run`'s `app.exec()`) in the test process.

`QCoreApplication.exit` (and `quit`) called while no `app.exec()` runs is not harmless: Qt marks
the application as quitting until the next `app.exec()` starts, and every event loop started in
between returns at once without delivering anything - a dialog's `exec()`, and every qtbot wait
(`qtbot.wait`/`waitUntil` run a `QEventLoop`). A background job's answer then never reaches the
GUI thread and a test waiting for it times out, then every later one (`worker._pending` is never
empty again). That is what a bare `QTimer.singleShot(60000, lambda: app.exit(3))` "never hang the
run" did once its run had ended without it: it fired 30-60 s later in another test, whichever ran
then (session 21: tests/ui's background-owner, till-flow and device tests failed after
tests/ops/test_startup.py in one process, and tests/ui alone after test_cold_start.py).

- `hang_guard(ms, code)`: ends the run with `code` if the test does not, and is stopped when the
  run returns;
- `StrayExits`: installed for the whole session (tests/conftest.py), it refuses an exit called
  while no `app.exec()` runs and fails the test it happened in, naming where it came from."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def hang_guard(ms: int, code: int) -> Iterator[Any]:
    """Around a test's `boot.command("run", ...)`: the application's loop is ended with `code` if
    it still runs after `ms` (the test hangs: it fails instead); stopped once the block is left."""
    from PySide6.QtCore import QCoreApplication, QTimer

    app = QCoreApplication.instance()
    assert app is not None
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: app.exit(code))
    timer.start(ms)
    try:
        yield timer
    finally:
        timer.stop()


class StrayExits:
    """Counts the application's running `exec()`s and refuses `exit`/`quit` outside them."""

    def __init__(self) -> None:
        self.running = 0
        self.seen: list[str] = []  # where each refused exit was called from
        self.installed = False

    def install(self) -> None:
        """Patch QCoreApplication's exit and quit and the three application classes' exec (once,
        and only once PySide6 is loaded: tests without Qt never import it for this)."""
        if self.installed:
            return
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QApplication

        self.installed = True
        guard = self
        for cls in (QCoreApplication, QGuiApplication, QApplication):
            original_exec = cls.__dict__["exec"]

            def exec_(*args: Any, _original: Any = original_exec) -> int:
                guard.running += 1
                try:
                    return _original(*args)
                finally:
                    guard.running -= 1

            cls.exec = staticmethod(exec_)
        for name in ("exit", "quit"):
            original = QCoreApplication.__dict__[name]

            def leave(*args: Any, _original: Any = original, _name: str = name) -> None:
                if guard.running == 0:
                    guard.seen.append(f"{_name}{args}\n" + "".join(traceback.format_stack(limit=6)[:-1]))
                    return  # refused: it would end every later event loop of the session
                _original(*args)

            setattr(QCoreApplication, name, staticmethod(leave))

    def take(self) -> list[str]:
        seen, self.seen = self.seen, []
        return seen


stray_exits = StrayExits()
