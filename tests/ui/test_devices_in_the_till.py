"""The till window with devices: a member code scanned by a keyboard-wedge scanner attaches the
member, the sale prints through the background queue (bytes checked), the drawer opens for cash,
a printer that is off shows in the status bar and Ctrl+P reprints once it is back."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hardware.escpos_render import CHINESE_ON
from hardware.member_code import demo_private_key, make_code
from hardware.printing import PrinterConfig, PrintQueue
from pos_app.services.receipts import ReceiptPrinting
from pos_app.ui.main_window import TillWindow
from pos_app.ui.receipt_labels import receipt_labels
from tests.hardware.standins import NetworkPrinter

from .conftest import settle
from .test_till_flows import COLA, open_shift_and_login, pay_and_finish, when_modal


def window_with(qtbot, till, queue, stalls):
    window = TillWindow(till, demo=True, printing=ReceiptPrinting(till.store, queue, receipt_labels()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    stalls.start()
    return window


def wedge_scan(qtbot, widget, code):
    """A scanner types the whole code in a few ms and ends with Enter."""
    qtbot.keyClicks(widget, code)
    qtbot.keyClick(widget, Qt.Key_Return)
    settle(qtbot)


def pay_cash(qtbot, window):
    def pay(dialog):
        qtbot.keyClick(dialog.amount, Qt.Key_Return)  # empty = exactly what is due, in cash
        qtbot.keyClick(dialog.amount, Qt.Key_Return)

    pay_and_finish(qtbot, window, pay)


def test_member_code_scan_sale_prints_chinese_receipt_and_opens_drawer(qtbot, till, translated, stalls, clock):
    queue = PrintQueue(PrinterConfig())
    window = window_with(qtbot, till, queue, stalls)
    open_shift_and_login(qtbot, window)
    wedge_scan(qtbot, window.till_screen.scan, COLA)
    code = make_code(demo_private_key("M00000007"), "M00000007", int(clock.now.timestamp()))
    wedge_scan(qtbot, window.till_screen.scan, code)
    assert window.view.member is not None and window.view.member.id == "M00000007"
    assert window.till_screen.scan.text() == ""
    receipt_no_before = window.view.priced.payable_fen
    pay_cash(qtbot, window)
    qtbot.waitUntil(lambda: queue.wait_idle(0) and len(queue.connection.sent) == 1, timeout=30000)
    data = queue.connection.sent[0]
    text = data[data.index(CHINESE_ON) + 2 :].decode("gb18030", errors="replace")
    assert "销售小票" in text and "应付合计" in text and "会员" in text and "可口可乐" in text
    assert b"\x1bp\x00" in data and receipt_no_before > 0
    # the same code again is a replay: refused with a Chinese message, nothing attached
    wedge_scan(qtbot, window.till_screen.scan, COLA)
    wedge_scan(qtbot, window.till_screen.scan, code)
    assert window.view.member is None
    assert "已使用过" in window.till_screen.message.text()
    queue.close()


def test_printer_off_shows_in_status_bar_and_ctrl_p_reprints_when_back(qtbot, till, translated, stalls):
    printer = NetworkPrinter()  # off
    queue = PrintQueue(PrinterConfig(kind="network", host="127.0.0.1", port=printer.port, timeout_s=1))
    window = window_with(qtbot, till, queue, stalls)
    open_shift_and_login(qtbot, window)
    wedge_scan(qtbot, window.till_screen.scan, COLA)
    pay_cash(qtbot, window)  # the sale completes with the printer off
    qtbot.waitUntil(lambda: queue.history and queue.history[0].status == "failed", timeout=30000)
    window.refresh_sync()
    assert "找不到打印机" in window.printer_label.text()
    printer.switch_on()

    def retry(journal):  # Ctrl+P: the receipt journal
        qtbot.waitUntil(lambda: journal.retry_button.isEnabled(), timeout=30000)
        qtbot.mouseClick(journal.retry_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: queue.history[-1].status == "printed", timeout=30000)
        journal.reject()

    when_modal(qtbot, retry)
    qtbot.keyClick(window.till_screen.scan, Qt.Key_P, Qt.ControlModifier)
    qtbot.waitUntil(lambda: queue.history[-1].status == "printed", timeout=30000)
    stalls.pause()  # the test's own stand-in closing
    got = printer.wait_printed()
    stalls.resume()
    assert "销售小票".encode("gb18030") in got
    queue.close()
