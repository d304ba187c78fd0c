"""Qt fixtures: the real till window on a real demo SQLite file, offscreen, in Chinese, with a
GUI-thread guard: the app's code may not open a database connection, print, read a serial port
or call HTTP on the GUI thread (deterministic; the stall figures are `python -m bench ui`'s)."""

from __future__ import annotations

import gc
import shutil
import sqlite3
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject

from pos_app.services import Till
from pos_app.services.demo import open_demo_till
from pos_app.store import Database, cipher
from pos_app.ui import i18n, theme
from pos_app.ui.app import settle_memory
from pos_app.ui.worker import wait_idle


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class GuiThreadIO(AssertionError):
    """The GUI thread, running the till's own code, opened a database connection, printed, read
    a serial port or called HTTP."""


class GuiThreadGuard:
    """A deterministic replacement for a wall-clock stall detector: while a UI test runs, opening
    a SQLite connection, checking one out of SQLAlchemy's pool, writing ESC/POS bytes
    (python-escpos), reading a serial port (pyserial) or an HTTP call (requests) raises
    `GuiThreadIO` when it happens on the GUI thread with the till's UI code (pos_app/ui) on the
    stack. Every such call is also recorded, so one swallowed by a Qt slot still fails the test;
    so is a worker thread assigning an attribute of the till window.
    What the test itself does on the GUI thread (set-up, checks) is not the app's and is allowed.
    How long the GUI thread may stall is measured by `python -m bench ui`, not asserted here."""

    def __init__(self) -> None:
        self.violations: list[str] = []
        self.active = True

    def check(self, what: str) -> None:
        if not self.active or threading.current_thread() is not threading.main_thread():
            return
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename.startswith(UI_DIR):
                break
            frame = frame.f_back
        if frame is None:
            return
        where = f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno} ({frame.f_code.co_name})"
        self.violations.append(f"{what} on the GUI thread from {where}")
        raise GuiThreadIO(self.violations[-1])

    def install(self, monkeypatch) -> None:
        import escpos.escpos
        import escpos.printer
        import requests
        import serial
        from sqlalchemy import event
        from sqlalchemy.pool import Pool

        from pos_app.store.cart_book import CartBook
        from pos_app.store.sale_book import SaleBook

        guard = self

        def wrap(owner, name, what):
            original = getattr(owner, name)

            def guarded(*args, **kwargs):
                guard.check(what)
                return original(*args, **kwargs)

            monkeypatch.setattr(owner, name, guarded)

        wrap(sqlite3, "connect", "a SQLite connection opened")
        wrap(cipher.dbapi2, "connect", "a SQLite (SQLCipher) connection opened")
        # the plain-SQL units of work borrow their connection through the pool's own hooks, past
        # its checkout event (store/sale_book.py, store/cart_book.py): guarded where they begin
        wrap(SaleBook, "__enter__", "a sale's database transaction (SaleBook)")
        wrap(CartBook, "__enter__", "a scan's database transaction (CartBook)")
        wrap(requests.Session, "request", "an HTTP call")
        wrap(serial.Serial, "read", "a serial read")
        for cls in {
            escpos.escpos.Escpos,
            *(
                getattr(escpos.printer, n)
                for n in escpos.printer.__all__
                if isinstance(getattr(escpos.printer, n, None), type)
            ),
        }:
            if "_raw" in cls.__dict__:
                wrap(cls, "_raw", f"printing ({cls.__name__})")

        # window state belongs to the GUI thread: a worker assigning it races the GUI's reads
        from pos_app.ui.main_window import TillWindow

        original_setattr = TillWindow.__setattr__

        def setattr_on_gui_thread(window, name, value):
            if threading.current_thread() is not threading.main_thread():
                guard.violations.append(f"a worker thread assigned window state ({name})")
            original_setattr(window, name, value)

        monkeypatch.setattr(TillWindow, "__setattr__", setattr_on_gui_thread)

        def on_checkout(*_):
            guard.check("a database connection checked out of the pool")

        event.listen(Pool, "checkout", on_checkout)
        self._remove = lambda: event.remove(Pool, "checkout", on_checkout)

    def uninstall(self) -> None:
        self._remove()

    # the old stall detector's interface, kept for the tests written against it
    def start(self) -> None:
        settle_memory()  # as the till does once its window is up (pos_app/boot.py)

    def pause(self) -> None:
        """While the test itself drives slow things through the window on purpose."""
        self.active = False

    def resume(self) -> None:
        self.active = True


UI_DIR = str(Path(__file__).resolve().parents[2] / "pos_app" / "ui")

# longer than any wait of a test (30 s) on a loaded machine: a hang guard, not a timing check
MODAL_LIMIT_S = 120.0


class ModalWatch:
    """A modal dialog nobody answers holds its `exec()` - and the test, and the whole run - for
    ever, the machine idle: a test's `when_modal` action that failed (its exception caught by
    the event loop) or a dialog that showed a refusal instead of closing (the CI run of 7d03b38:
    tests/ui/test_chain_returns_screen.py, its returns screen open with nobody to answer it).
    Checked once a second from whatever event loop runs: a widget that has been the active modal
    for `limit_s` is closed (a dialog rejected) and what it showed is recorded, so the test fails
    naming it and the run goes on."""

    def __init__(self, limit_s: float = MODAL_LIMIT_S) -> None:
        from PySide6.QtCore import QTimer

        self.limit_s = limit_s
        self.closed: list[str] = []
        self.modal = None
        self.since = 0.0
        self.timer = QTimer()
        self.timer.timeout.connect(self.check)

    def start(self, interval_ms: int = 1000) -> None:
        self.timer.start(interval_ms)

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> None:
        from PySide6.QtWidgets import QApplication, QDialog

        modal = QApplication.activeModalWidget()
        if modal is None or modal is not self.modal:
            self.modal, self.since = modal, time.monotonic()
            return
        if time.monotonic() - self.since < self.limit_s:
            return
        self.closed.append(describe_widget(modal))
        self.modal = None
        if isinstance(modal, QDialog):
            modal.reject()  # its exec() returns
        else:
            modal.close()


def describe_widget(widget) -> str:
    """A window as a person sees it: its class and title, and the text of its visible labels (a
    refusal shown in the dialog says why nobody could answer it)."""
    from PySide6.QtWidgets import QLabel

    texts = [label.text() for label in widget.findChildren(QLabel) if label.isVisible() and label.text()]
    return f"{type(widget).__name__} {widget.windowTitle()!r}: " + " | ".join(texts)


@pytest.fixture(autouse=True)
def gui_guard(monkeypatch):
    """Every UI test runs with the guard; it fails if the app did I/O on the GUI thread."""
    guard = GuiThreadGuard()
    guard.install(monkeypatch)
    yield guard
    guard.uninstall()
    gc.unfreeze()  # let the next test's garbage (this window included) be collected
    assert not guard.violations, "the till did I/O on the GUI thread: " + "; ".join(guard.violations)


@pytest.fixture(autouse=True)
def modal_watch(qapp):
    """Every UI test runs with the watch: a modal dialog left open for MODAL_LIMIT_S is closed and
    fails the test instead of hanging the run (stopped with the test: no timer outlives it)."""
    watch = ModalWatch()
    watch.start()
    yield watch
    watch.stop()
    assert not watch.closed, "a modal dialog was left open with nobody to answer it: " + "; ".join(watch.closed)


@pytest.fixture(scope="session")
def ui_demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("ui-template") / "till.sqlite3"
    open_demo_till(path, lambda: datetime(2026, 11, 23, 9), products=300, members=400).db.close()
    return path


@pytest.fixture(scope="session")
def translated(qapp, tmp_path_factory):
    theme.apply(qapp)
    return i18n.install(qapp, "zh_CN", tmp_path_factory.mktemp("qm"))


@pytest.fixture
def clock():
    return Clock(datetime(2026, 11, 23, 10, 0))


@pytest.fixture
def till(ui_demo_file, tmp_path, clock):
    path = tmp_path / "till.sqlite3"
    shutil.copy(ui_demo_file, path)
    t = Till(Database(path), clock).prepare()  # as boot does before the window opens
    yield t
    wait_idle()
    t.db.close()


@pytest.fixture
def stalls(gui_guard):
    """The GUI-thread guard under the name the older tests use (`stalls.start()` once the window
    is up). No wall-clock figure is asserted: `python -m bench ui` measures the stalls."""
    return gui_guard


def settle(qtbot, ms: int = 30) -> None:
    """Let background operations finish and their results reach the GUI thread (without ever
    blocking the event loop)."""
    from pos_app.ui import worker

    qtbot.waitUntil(lambda: not worker._pending, timeout=30000)
    qtbot.wait(ms)


class EventCounts(QObject):
    """Counts the events of one type (a paint, a layout request) each watched widget receives."""

    def __init__(self, kind: QEvent.Type, widgets):
        super().__init__()
        self.kind = kind
        self.count = dict.fromkeys(widgets, 0)
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == self.kind and watched in self.count:
            self.count[watched] += 1
        return False
