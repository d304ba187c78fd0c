"""The order dependence of session 20's revert, in one process and without waiting for a timer: an
application exit called while no `app.exec()` runs (what a test's "never hang the run" timer did
once it outlived its run) must not end the event loops of the tests after it. Let through, every
later `QEventLoop.exec()` returned at once (-1) without delivering anything: the background
jobs' answers never reached the GUI thread, dialogs' `exec()` returned before they were
answered (tests/event_loops.py)."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QTimer

from pos_app.ui.worker import run_in_background, wait_idle
from tests.event_loops import hang_guard, stray_exits


def a_loop_runs() -> int:
    """What a dialog's exec() and every qtbot wait rely on: a QEventLoop that runs until told."""
    loop = QEventLoop()
    QTimer.singleShot(0, lambda: loop.exit(7))
    return loop.exec()


def test_an_exit_outside_the_applications_run_is_refused_and_later_loops_still_run(qtbot, qapp):
    qapp.exit(3)  # as a leftover hang guard fires in a later test: no app.exec() runs
    seen = stray_exits.take()  # refused and named (the fixture would fail this test with it)
    assert len(seen) == 1 and "test_event_loops_after_a_run.py" in seen[0]
    assert a_loop_runs() == 7  # -1 (returned at once) before the guard
    answers: list = []
    owner = QTimer()
    run_in_background(owner, lambda: 42, answers.append, answers.append)
    assert wait_idle(30000)
    qtbot.waitUntil(lambda: answers == [42], timeout=30000)  # a job's answer reaches the GUI thread


def test_a_hang_guard_ends_a_hung_run_and_is_stopped_with_a_finished_one(qapp):
    with hang_guard(0, 5):
        code = qapp.exec()  # a run that never ends by itself
    assert code == 5
    with hang_guard(30000, 5) as guard:
        QTimer.singleShot(0, lambda: qapp.exit(0))
        code = qapp.exec()
    assert code == 0 and not guard.isActive()  # it cannot fire in a later test
    assert stray_exits.take() == [] and a_loop_runs() == 7
