"""A cashier's day through the real window on a real SQLite file, offscreen, in Chinese, with the
GUI stall detector running: a member sale (three products, one weighed; the member's phone code;
a coupon; points; stored value + cash), its receipt printed (bytes checked) and its ledgers; a
return with the manager's PIN; a sale suspended, the app restarted, the sale resumed; the shift
closed with a Z report."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from hardware.escpos_render import CHINESE_ON
from hardware.member_code import demo_private_key, make_code
from hardware.printing import PrinterConfig, PrintQueue
from pos_app.services import x_report
from pos_app.services.receipts import ReceiptPrinting
from pos_app.store import cipher
from pos_app.store.demo_data import ean13
from pos_app.ui.main_window import TillWindow
from pos_app.ui.receipt_labels import receipt_labels
from pos_app.ui.reports import ShiftCloseDialog

from .conftest import settle
from .test_till_flows import APPLES, COLA, WATER, log_in, open_shift_and_login, pay_and_finish, scan, when_modal

RICE = ean13("69" + f"{20:010d}")  # 五常大米 5kg, special price


def pick_member(path) -> tuple[str, str]:
    """A demo member with a phone key, stored value, points and a 5-yuan voucher (min spend 30)."""
    con = cipher.connect(path)
    row = con.execute("""select m.id, c.code from members m join member_coupons c on c.member_id = m.id
                         where m.public_key is not null and m.hq_principal_fen >= 20000 and m.hq_points >= 480
                           and c.template_id = 'CT03' and c.status = 'issued' order by m.id limit 1""").fetchone()
    con.close()
    assert row, "the demo data has such a member"
    return row


def window_for(qtbot, till, queue):
    window = TillWindow(till, demo=True, printing=ReceiptPrinting(till.store, queue, receipt_labels()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def answer_input(qtbot, value):
    def act(dialog):
        assert isinstance(dialog, QInputDialog), dialog
        if isinstance(value, int):
            dialog.setIntValue(value)
        else:
            dialog.setTextValue(value)
        dialog.accept()

    when_modal(qtbot, act)


def test_a_cashiers_whole_day(qtbot, till, translated, stalls, clock):
    member_id, coupon = pick_member(till.db.path)
    queue = PrintQueue(PrinterConfig())
    window = window_for(qtbot, till, queue)
    stalls.start()
    open_shift_and_login(qtbot, window)

    # ---- a member sale ------------------------------------------------------------------------
    for code in (COLA, WATER, APPLES, RICE):
        scan(qtbot, window, code)
    scan(qtbot, window, make_code(demo_private_key(member_id), member_id, int(clock.now.timestamp())))
    assert window.view.member.id == member_id
    scan(qtbot, window, coupon)
    assert any(c.code == coupon and c.applied for c in window.view.priced.coupons), window.till_screen.message.text()
    answer_input(qtbot, 100)
    window.on_action("points")
    settle(qtbot)
    priced = window.view.priced
    assert priced.points_spent == 100 and priced.points_offset_fen == 100
    payable = priced.payable_fen
    sv_part = min(1000, payable - 100)

    def pay(dialog):
        dialog.amount.setText(f"{sv_part // 100}.{sv_part % 100:02d}")
        dialog.add_typed("stored_value")
        qtbot.keyClick(dialog.amount, Qt.Key_Return)  # the rest in cash
        assert dialog.due_fen() == 0
        qtbot.keyClick(dialog.amount, Qt.Key_Return)  # complete

    pay_and_finish(qtbot, window, pay)
    con = cipher.connect(till.db.path)
    sale_id, receipt_no, paid = con.execute(
        "select id, receipt_no, payable_fen from sales where kind = 'sale' and member_id = ?", (member_id,)
    ).fetchone()
    assert paid == payable
    assert sorted(con.execute("select tender, amount_fen from payments where sale_id = ?", (sale_id,))) == sorted(
        [("cash", payable - sv_part), ("stored_value", sv_part)]
    )
    assert (
        con.execute("select sum(delta) from points_ledger where ref = ?", (receipt_no,)).fetchone()[0]
        == priced.points_earned - 100
    )
    assert (
        con.execute(
            "select -sum(principal_fen + bonus_fen) from stored_value_ledger where ref = ?", (receipt_no,)
        ).fetchone()[0]
        == sv_part
    )
    assert con.execute("select status from member_coupons where code = ?", (coupon,)).fetchone()[0] == "used"
    con.close()
    qtbot.waitUntil(lambda: queue.wait_idle(0) and len(queue.connection.sent) == 1, timeout=30000)
    paper = queue.connection.sent[0][queue.connection.sent[0].index(CHINESE_ON) :].decode("gb18030", errors="replace")
    for word in ("销售小票", "应付合计", "积分抵现", "储值", "现金", "会员", "苹果"):
        assert word in paper, word
    assert receipt_no.encode() in queue.connection.sent[0]

    # ---- a return with the manager's PIN ---------------------------------------------------------
    def returns(dialog):
        def approve(box):
            qtbot.keyClicks(box.pin, "9999")
            qtbot.keyClick(box.pin, Qt.Key_Return)

        qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=30000)
        dialog.table.cellWidget(0, 3).setValue(1)
        when_modal(qtbot, approve)
        dialog.ok.click()

    when_modal(qtbot, returns)
    scan(qtbot, window, receipt_no)  # the receipt's barcode opens returns
    qtbot.waitUntil(
        lambda: "退" in window.till_screen.message.text() or "Refunded" in window.till_screen.message.text(),
        timeout=10000,
    )
    con = cipher.connect(till.db.path)
    refund_row = con.execute("select approved_by, payable_fen from sales where kind = 'refund'").fetchone()
    assert refund_row is not None and refund_row[0] == "1003"  # 王经理 approved
    con.close()

    # ---- suspend, restart, resume ---------------------------------------------------------------------
    scan(qtbot, window, WATER)
    scan(qtbot, window, WATER)
    window.on_action("suspend")
    settle(qtbot)
    assert window.till_screen.model.rowCount() == 0
    window.close()
    settle(qtbot)
    stalls.pause()  # the test builds a new window: not a stall
    window = window_for(qtbot, till, queue)  # the app starts again on the same file
    stalls.resume()
    log_in(qtbot, window)
    settle(qtbot)
    settle(qtbot)
    when_modal(qtbot, lambda d: (d.setTextValue(d.comboBoxItems()[0]), d.accept()))
    window.on_action("resume")
    settle(qtbot)
    qtbot.waitUntil(lambda: window.till_screen.model.rowCount() == 1, timeout=30000)
    assert window.view.priced.lines[0].line.qty == 2
    when_modal(qtbot, lambda box: box.button(QMessageBox.Yes).click())
    window.on_action("void_sale")
    settle(qtbot)
    assert window.till_screen.model.rowCount() == 0

    # ---- close the shift: Z report --------------------------------------------------------------------
    stalls.pause()
    counted = x_report(till).expected_cash_fen  # the drawer holds exactly what it should
    stalls.resume()
    assert 50000 < counted < 50000 + payable - sv_part  # the float, the cash sale, less the refund
    done = []
    when_modal_of(qtbot, QInputDialog, lambda d: (d.setTextValue(d.comboBoxItems()[2]), d.accept()))
    when_modal_of(
        qtbot, ShiftCloseDialog, lambda d: (d.counted.setText(f"{counted // 100}.{counted % 100:02d}"), d.submit())
    )
    when_modal_of(qtbot, QMessageBox, lambda box: (done.append(box.text()), box.accept()))
    window.on_action("shift")
    qtbot.waitUntil(lambda: bool(done), timeout=30000)
    settle(qtbot)
    con = cipher.connect(till.db.path)
    z = con.execute("select z_report, counted_fen, expected_fen from shifts where closed_at is not null").fetchone()
    con.close()
    assert z is not None and z[1] == z[2] == counted, (z, counted)
    assert window.stack.currentWidget() is window.login_screen  # logged out after closing
    qtbot.waitUntil(
        lambda: (
            queue.wait_idle(0) and any(j.receipt is not None and j.receipt.kind == "z_report" for j in queue.history)
        ),
        timeout=5000,
    )
    z_paper = next(j for j in queue.history if j.receipt is not None and j.receipt.kind == "z_report")
    assert "交班报表".encode("gb18030") in z_paper.data
    queue.close()


def when_modal_of(qtbot, kind, action):
    """Run `action(dialog)` once a modal dialog of `kind` is the active one."""
    from PySide6.QtCore import QTimer

    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            action(dialog)
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
