"""Qt fixtures: the real till window on a real demo SQLite file, offscreen, in Chinese, with a
GUI-thread stall detector (no event-loop stall over 50 ms during a flow)."""
from __future__ import annotations

import gc
import shutil
import time
from datetime import datetime

import pytest
from PySide6.QtCore import QTimer

from pos_app.services import Till
from pos_app.services.demo import open_demo_till
from pos_app.store import Database
from pos_app.ui import i18n, theme
from pos_app.ui.app import settle_memory
from pos_app.ui.worker import wait_idle


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class StallDetector:
    """Ticks every 5 ms on the GUI thread; the longest gap between ticks is the worst stall."""

    def __init__(self):
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.tick)
        self.last = None
        self.worst_ms = 0.0

    def tick(self):
        now = time.perf_counter()
        if self.last is not None:
            self.worst_ms = max(self.worst_ms, (now - self.last) * 1000)
        self.last = now

    def start(self):
        settle_memory()        # as the till does once its window is up (pos_app/boot.py)
        self.last, self.worst_ms = None, 0.0
        self.timer.start()

    def pause(self):
        """While the test itself (not the app) does slow things on the GUI thread."""
        self.timer.stop()

    def resume(self):
        self.last = None
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        gc.unfreeze()          # let the next test's garbage (this window included) be collected
        return self.worst_ms


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
    t = Till(Database(path), clock)
    yield t
    wait_idle()
    t.db.close()


@pytest.fixture
def stalls(qapp):
    """Call `stalls.start()` once the window is up; the test fails if any stall exceeded 50 ms."""
    detector = StallDetector()
    yield detector
    worst = detector.stop()
    assert worst < 50, f"the GUI thread stalled for {worst:.0f} ms"


def settle(qtbot, ms: int = 30) -> None:
    """Let background operations finish and their results reach the GUI thread (without ever
    blocking the event loop: the stall detector keeps ticking)."""
    from pos_app.ui import worker
    qtbot.waitUntil(lambda: not worker._pending, timeout=10000)
    qtbot.wait(ms)
