"""A dialog closed while its background job still runs (the journal's look-up, a member search):
the job's answer must not reach a destroyed window. Before the fix the job's relay was a Qt child
of the dialog, so the pool thread emitted on a deleted object and the till crashed (seen in CI as
a segmentation fault in the receipt-journal tests)."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

from pos_app.ui.worker import run_in_background, wait_idle


def test_a_job_whose_dialog_was_deleted_finishes_without_calling_back_or_crashing(qtbot):
    dialog = QDialog()
    release = threading.Event()
    started = threading.Event()
    seen = []

    def slow():
        started.set()
        release.wait(30)
        return "answer"

    run_in_background(dialog, slow, seen.append, seen.append)
    assert started.wait(30)
    shiboken6.delete(dialog)  # the cashier closed it; Qt destroyed it
    release.set()
    assert wait_idle(30000)
    QCoreApplication.sendPostedEvents()  # deliver the queued answer, if any
    QCoreApplication.processEvents()
    assert seen == []

    # and a live owner still gets its answer
    owner = QDialog()
    run_in_background(owner, lambda: 42, seen.append, seen.append)
    assert wait_idle(30000)
    qtbot.waitUntil(lambda: seen == [42], timeout=30000)
    owner.deleteLater()
