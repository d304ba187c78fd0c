"""The till's background operations (pos_app/ui/worker.py): one at a time, in the order they were
asked for, on one thread that is not the GUI thread; the ones queued behind an operation that
refuses the database never run, and their relays are let go."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer

from pos_app.ui import worker
from pos_app.ui.worker import drop_queued, forget_dropped, run_in_background, wait_idle


def test_operations_run_one_at_a_time_in_order_off_the_gui_thread(qtbot):
    owner = QTimer()
    ran: list[tuple[int, str]] = []
    answers: list[int] = []
    inside = threading.Lock()
    overlapped = []

    def operation(n: int):
        def run() -> int:
            if not inside.acquire(blocking=False):
                overlapped.append(n)
                return n
            try:
                ran.append((n, threading.current_thread().name))
                threading.Event().wait(0.002)
            finally:
                inside.release()
            return n

        return run

    for n in range(20):
        run_in_background(owner, operation(n), answers.append, answers.append)
    assert wait_idle(30000)
    qtbot.waitUntil(lambda: len(answers) == 20, timeout=30000)
    assert answers == list(range(20)) and [n for n, _ in ran] == list(range(20))
    assert overlapped == []
    threads = {name for _, name in ran}
    assert len(threads) == 1 and threading.main_thread().name not in threads


def test_the_operations_queued_behind_a_refusal_never_run_and_are_forgotten(qtbot):
    owner = QTimer()
    release = threading.Event()
    ran: list[str] = []
    answers: list = []

    def refuse():
        release.wait(30)
        ran.append("refuse")
        drop_queued()
        raise RuntimeError("the database is damaged")

    run_in_background(owner, refuse, answers.append, answers.append)
    for name in ("login", "scan"):
        run_in_background(owner, lambda name=name: ran.append(name), answers.append, answers.append)
    release.set()
    assert wait_idle(30000)
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=30000)
    assert ran == ["refuse"] and isinstance(answers[0], RuntimeError)
    forget_dropped()
    assert not worker._pending
    # the thread takes later operations as before
    run_in_background(owner, lambda: 7, answers.append, answers.append)
    qtbot.waitUntil(lambda: answers[-1:] == [7], timeout=30000)
