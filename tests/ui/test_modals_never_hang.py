"""A modal dialog nobody answers fails its test instead of hanging the run (the clean-clone CI run
of 7d03b38 stopped, machine idle, inside tests/ui/test_chain_returns_screen.py: a returns screen
open with nobody left to answer it). Each test here has a backstop of its own that ends its
dialog's `exec()` and fails the test, should the thing it checks break: never a hang."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

from pos_app.store import cipher
from pos_app.ui.main_window import TillWindow
from pos_app.ui.returns import ReturnsDialog
from sync.till import TillSync
from sync.transport import HttpTransport

from .conftest import settle
from .test_chain_returns_screen import free_port
from .test_till_flows import open_shift_and_login, scan, when_modal

BACKSTOP = 99  # what a dialog's exec() returns when the backstop, not the thing under test, ended it


def dialog_saying(text: str) -> QDialog:
    dialog = QDialog()
    dialog.setWindowTitle("退货")
    QVBoxLayout(dialog).addWidget(QLabel(text))
    return dialog


def exec_with_backstop(dialog: QDialog) -> int:
    backstop = QTimer()
    backstop.setSingleShot(True)
    backstop.timeout.connect(lambda: dialog.done(BACKSTOP))
    backstop.start(60000)
    try:
        return dialog.exec()
    finally:
        backstop.stop()


def test_a_modal_dialog_nobody_answers_is_closed_and_named(qtbot, modal_watch):
    modal_watch.stop()
    modal_watch.limit_s = 0.05  # (a test's own limit: every other test has MODAL_LIMIT_S)
    modal_watch.start(10)
    dialog = dialog_saying("现在连不上总部")
    qtbot.addWidget(dialog)
    assert exec_with_backstop(dialog) == QDialog.DialogCode.Rejected
    assert len(modal_watch.closed) == 1
    assert "QDialog '退货'" in modal_watch.closed[0] and "现在连不上总部" in modal_watch.closed[0]
    modal_watch.closed.clear()  # this test's own dialog: the watch's check at teardown passes


def test_a_failing_action_on_a_modal_dialog_closes_it_and_fails(qtbot):
    dialog = dialog_saying("小票")
    qtbot.addWidget(dialog)

    def action(_):
        raise AssertionError("the screen showed something else")

    when_modal(qtbot, action)
    with qtbot.capture_exceptions() as raised:
        result = exec_with_backstop(dialog)
    assert result == QDialog.DialogCode.Rejected
    assert [str(error) for _, error, _ in raised] == ["the screen showed something else"]


def test_a_receipt_of_another_till_with_hq_unreachable_is_refused_on_the_returns_screen(
    qtbot, till, translated, stalls
):
    """What the screen does when HQ cannot be asked for the sale (enrolled, HQ down): it says so
    in Chinese, offers nothing to refund, writes nothing, and the cashier closes it."""
    with till.uow() as uow:  # enrolled (as TillSync.enrol stores it) at an HQ that does not answer
        uow.rules.set_setting("sync", {"till_id": "S002-001", "token": "t"})
        uow.commit()
    sync = TillSync(till, HttpTransport(f"http://127.0.0.1:{free_port()}", timeout=(5.0, 60.0)))
    window = TillWindow(till, demo=True, sale_from_hq=sync.sale_for_return)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    stalls.start()
    open_shift_and_login(qtbot, window)
    seen = {}

    def returns(dialog):
        assert isinstance(dialog, ReturnsDialog)
        qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=30000)
        seen.update(error=dialog.error.text(), rows=dialog.table.rowCount(), ok=dialog.ok.isEnabled())
        dialog.reject()  # the cashier closes it

    when_modal(qtbot, returns)
    scan(qtbot, window, "RS001-00126112300007")  # a receipt of till S001-001
    qtbot.waitUntil(lambda: "error" in seen, timeout=30000)
    settle(qtbot)
    assert "连不上总部" in seen["error"]
    assert seen["rows"] == 0 and seen["ok"] is False
    con = cipher.connect(till.db.path)
    kinds = con.execute("select kind from sales").fetchall()
    con.close()
    assert kinds == []
