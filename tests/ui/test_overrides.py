"""Taking a member or a coupon off the sale, a price override and a manual discount (issue 16,
defect 12): reachable from the till's keys, the last two with a manager's PIN and a reason, in
the audit log and named on the printed receipt."""

from __future__ import annotations

import json
import os

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from hardware.escpos_render import CHINESE_ON
from hardware.member_code import demo_private_key, make_code
from hardware.printing import PrinterConfig, PrintQueue
from pos_app.store import cipher
from pos_app.ui.dialogs import ManagerOverrideDialog, ReasonAmountDialog

from .conftest import settle
from .test_till_flows import COLA, WATER, open_shift_and_login, pay_and_finish, scan, when_modal
from .test_whole_day import pick_member, window_for

SHOTS = os.environ.get("MEMBERTILL_SHOTS")


def press(qtbot, window, key):
    qtbot.keyClick(window.till_screen.scan, key, Qt.ControlModifier)
    settle(qtbot)


def when_shown(kind, action):
    """Run `action(dialog)` once a modal dialog of this kind is shown."""

    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            action(dialog)
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def approve_with_manager(qtbot):
    def act(box):
        qtbot.keyClicks(box.pin, "9999")
        qtbot.keyClick(box.pin, Qt.Key_Return)

    when_shown(ManagerOverrideDialog, act)


def fill_reason(qtbot, amount, reason):
    def act(dialog):
        dialog.amount.insert(amount)  # typed at human speed: a burst would be a scan
        dialog.reason.insert(reason)  # typed through the input method
        approve_with_manager(qtbot)  # the next modal: the manager's PIN
        qtbot.keyClick(dialog.reason, Qt.Key_Return)

    when_shown(ReasonAmountDialog, act)


def test_the_cashier_takes_the_member_and_a_coupon_off_the_sale(qtbot, till, translated, clock):
    member_id, coupon = pick_member(till.db.path)
    window = window_for(qtbot, till, PrintQueue(PrinterConfig()))
    open_shift_and_login(qtbot, window)
    for code in (COLA, WATER, "6901939621257"):
        scan(qtbot, window, code)
    scan(qtbot, window, make_code(demo_private_key(member_id), member_id, int(clock.now.timestamp())))
    for _ in range(12):
        scan(qtbot, window, COLA)
    scan(qtbot, window, coupon)
    assert window.view.member.id == member_id and coupon in window.view.coupon_codes, window.till_screen.message.text()
    press(qtbot, window, Qt.Key_K)  # remove the coupon
    qtbot.waitUntil(lambda: coupon not in window.view.coupon_codes, timeout=30000)
    assert window.view.member is not None
    when_modal(qtbot, lambda box: box.button(QMessageBox.Yes).click())
    press(qtbot, window, Qt.Key_M)  # remove the member
    qtbot.waitUntil(lambda: window.view.member is None, timeout=30000)
    assert window.view.priced.points_earned == 0 and not window.view.coupon_codes


def test_price_override_and_discount_need_a_manager_a_reason_and_are_on_the_receipt(qtbot, till, translated):
    queue = PrintQueue(PrinterConfig())
    window = window_for(qtbot, till, queue)
    open_shift_and_login(qtbot, window)  # 1111: a cashier, who may not do either
    for code in (COLA, COLA, WATER):
        scan(qtbot, window, code)
    window.till_screen.table.selectRow(0)
    fill_reason(qtbot, "2.00", "包装破损")
    press(qtbot, window, Qt.Key_E)
    qtbot.waitUntil(lambda: any(r.source_kind == "override" for r in window.view.priced.reductions), timeout=30000)
    cola = next(pl for pl in window.view.priced.lines if pl.line.qty == 2)
    assert cola.net_fen == 400
    fill_reason(qtbot, "10%", "老顾客")
    press(qtbot, window, Qt.Key_J)
    qtbot.waitUntil(lambda: any(r.source_kind == "manual" for r in window.view.priced.reductions), timeout=30000)
    priced = window.view.priced
    manual = next(r for r in priced.reductions if r.source_kind == "manual")
    assert manual.amount_fen == (400 + 200) * 10 // 100
    if SHOTS:
        window.grab().save(os.path.join(SHOTS, "till-override.png"))

    def pay(dialog):
        qtbot.keyClick(dialog.amount, Qt.Key_Return)
        qtbot.keyClick(dialog.amount, Qt.Key_Return)

    pay_and_finish(qtbot, window, pay)
    con = cipher.connect(till.db.path)
    audit = {
        action: (approved_by, json.loads(details))
        for action, approved_by, details in con.execute(
            "select action, approved_by, details from audit_log where action in ('price_override', 'manual_discount')"
        )
    }
    con.close()
    assert audit["price_override"][0] == "1003" and audit["price_override"][1]["reason"] == "包装破损"
    assert audit["price_override"][1]["to_fen"] == 200
    assert audit["manual_discount"][0] == "1003" and audit["manual_discount"][1]["percent"] == 10
    qtbot.waitUntil(lambda: queue.wait_idle(0) and len(queue.connection.sent) == 1, timeout=30000)
    paper = queue.connection.sent[0][queue.connection.sent[0].index(CHINESE_ON) :].decode("gb18030", errors="replace")
    assert "改价（王经理：包装破损）" in paper and "整单折扣（王经理：老顾客）" in paper
    queue.close()


def test_a_refused_override_says_why_in_chinese_and_changes_nothing(qtbot, till, translated):
    window = window_for(qtbot, till, PrintQueue(PrinterConfig()))
    open_shift_and_login(qtbot, window)
    scan(qtbot, window, COLA)
    before = window.view.priced.payable_fen
    window.till_screen.table.selectRow(0)
    fill_reason(qtbot, "9.00", "顾客要求")  # above the price: refused
    press(qtbot, window, Qt.Key_E)
    qtbot.waitUntil(lambda: "新价格须低于原价" in window.till_screen.message.text(), timeout=30000)
    assert window.view.priced.payable_fen == before
