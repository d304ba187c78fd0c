"""The cashier's flows through the real window and widgets, on a real SQLite file."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from pos_app.store import cipher
from pos_app.store.demo_data import ean13
from pos_app.ui.main_window import TillWindow

from .conftest import settle

COLA = "6901939621257"
WATER = "6921168509256"
APPLES = ean13("20" + "00001" + "01290")  # scale label: 苹果, 12.90


def make_window(qtbot, till, translated, stalls=None):
    window = TillWindow(till, demo=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(20)
    if stalls is not None:
        stalls.start()
    return window


def log_in(qtbot, window, pin="1111"):
    qtbot.keyClicks(window.login_screen.pin, pin)
    qtbot.keyClick(window.login_screen.pin, Qt.Key_Return)


def when_modal(qtbot, action):
    """Run `action(dialog)` on the next modal dialog once it is shown. Registered from inside a
    dialog (an approval asked by a dialog's OK), it waits for a dialog other than that one: the
    poll may run before the new dialog's loop starts, and the open one is not the next.
    An action that fails closes its dialog (rejected) and its error goes on to fail the test: the
    dialog left open, its `exec()` - and the test - would wait for ever."""
    already = QApplication.activeModalWidget()

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog is already:
            QTimer.singleShot(10, poll)
            return
        try:
            action(dialog)
        except BaseException:
            if shiboken6.isValid(dialog) and dialog.isVisible():
                getattr(dialog, "reject", dialog.close)()
            raise

    QTimer.singleShot(0, poll)


def scan(qtbot, window, code):
    qtbot.keyClicks(window.till_screen.scan, code)
    qtbot.keyClick(window.till_screen.scan, Qt.Key_Return)
    settle(qtbot)


def pay_and_finish(qtbot, window, pay):
    """F12 opens the payment dialog, `pay(dialog)` tenders; wait until the cart is cleared."""
    when_modal(qtbot, pay)
    qtbot.keyClick(window.till_screen.scan, Qt.Key_F12)
    qtbot.waitUntil(lambda: window.till_screen.model.rowCount() == 0, timeout=30000)
    settle(qtbot)


def open_shift_and_login(qtbot, window):
    when_modal(qtbot, lambda d: (d.amount.setText("500"), d.submit()))
    log_in(qtbot, window)
    settle(qtbot)
    settle(qtbot)


def test_a_wrong_pin_is_refused_in_chinese(qtbot, till, translated, stalls):
    window = make_window(qtbot, till, translated, stalls)
    log_in(qtbot, window, "0000")
    settle(qtbot)
    assert window.login_screen.error.text() == "密码错误"
    assert window.stack.currentWidget() is window.login_screen


def test_an_unknown_barcode_shows_a_message_and_leaves_the_cart_alone(qtbot, till, translated, stalls):
    window = make_window(qtbot, till, translated, stalls)
    open_shift_and_login(qtbot, window)
    scan(qtbot, window, COLA)
    scan(qtbot, window, ean13("690000000000"))
    assert "未知条码" in window.till_screen.message.text()
    assert window.till_screen.model.rowCount() == 1


def test_a_whole_sale_by_keyboard_alone(qtbot, till, translated, stalls):
    window = make_window(qtbot, till, translated, stalls)
    open_shift_and_login(qtbot, window)
    scan(qtbot, window, COLA)
    scan(qtbot, window, WATER)
    scan(qtbot, window, APPLES)
    assert window.till_screen.model.rowCount() == 3
    payable = window.view.priced.payable_fen

    def pay(dialog):
        qtbot.keyClicks(dialog.amount, "100")
        qtbot.keyClick(dialog.amount, Qt.Key_Return)  # 100 yuan cash handed over
        assert dialog.due_fen() == 0
        qtbot.keyClick(dialog.amount, Qt.Key_Return)  # complete

    pay_and_finish(qtbot, window, pay)
    con = cipher.connect(till.db.path)
    row = con.execute("select payable_fen, receipt_no from sales where kind='sale'").fetchone()
    assert row[0] == payable
    assert con.execute("select cash_given_fen from payments").fetchone()[0] == 10000
    assert "找零" in window.till_screen.message.text()
    assert window.till_screen.model.rowCount() == 0
