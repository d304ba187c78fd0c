"""Scanning and paying through the real window (issue 16, defects 1-5): Enter in the payment
dialog counts once, a keyboard-only split payment, scans that land in the payment dialog, amounts
no customer hands over, an 8,000-character scan, and a member found by number who may not spend."""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QPushButton

from hardware.member_code import demo_private_key, make_code
from pos_app.domain.barcodes import MAX_SCAN_LEN
from pos_app.store import cipher
from pos_app.ui.payment import PaymentDialog

from .conftest import settle
from .keys import scan_burst, type_slowly
from .test_till_flows import COLA, make_window, open_shift_and_login, scan, when_modal

WECHAT_CODE = "134567890123456789"


def english_words(text: str) -> list[str]:
    """Runs of three or more Latin letters: English on a zh_CN screen (GS1 is a name, not words)."""
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in ("GS",)]


def till_with_cola(qtbot, till, translated, n=1):
    window = make_window(qtbot, till, translated)
    window.activateWindow()
    open_shift_and_login(qtbot, window)
    for _ in range(n):
        scan(qtbot, window, COLA)
    return window


def in_payment(qtbot, window, act):
    """Open the payment dialog (F12) and run `act(dialog)` in it; wait until it has closed."""
    seen = []

    errors: list[BaseException] = []

    def run(dialog):
        seen.append(dialog)
        try:
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow, timeout=30000)
            act(dialog)
        except BaseException as error:
            errors.append(error)
            dialog.reject()

    when_modal(qtbot, run)
    qtbot.keyClick(window.till_screen.scan, Qt.Key_F12)
    qtbot.waitUntil(lambda: bool(seen) and QApplication.activeModalWidget() is not seen[0], timeout=30000)
    settle(qtbot)
    if errors:
        raise errors[0]
    return seen[0]


def payments(till) -> list[tuple]:
    con = cipher.connect(till.db.path)
    try:
        return con.execute("select tender, amount_fen, cash_given_fen, reference from payments order by id").fetchall()
    finally:
        con.close()


def test_an_amount_and_one_enter_add_exactly_one_tender(qtbot, till, translated):
    window = till_with_cola(qtbot, till, translated, n=5)
    payable = window.view.priced.payable_fen
    assert payable > 700
    got = {}

    def act(dialog):
        qtbot.keyClicks(dialog.amount, "7")
        qtbot.keyClick(dialog.amount, Qt.Key_Return)
        got["tenders"] = list(dialog.tenders)
        got["due"] = dialog.due_fen()
        dialog.reject()

    in_payment(qtbot, window, act)
    assert [(t.kind, t.amount_fen) for t in got["tenders"]] == [("cash", 700)]
    assert got["due"] == payable - 700


def test_a_split_payment_by_keyboard_alone(qtbot, till, translated):
    window = till_with_cola(qtbot, till, translated, n=5)
    payable = window.view.priced.payable_fen

    def act(dialog):
        dialog.amount.setFocus()
        type_slowly("7\r")  # 7 yuan cash
        assert [(t.kind, t.amount_fen) for t in dialog.tenders] == [("cash", 700)]
        type_slowly("\t")  # to the reference
        assert dialog.reference.hasFocus()
        type_slowly("WX20261123")
        qtbot.keyClick(dialog.reference, Qt.Key_F3)  # the rest by WeChat Pay
        assert dialog.due_fen() == 0
        type_slowly("\r")  # complete

    in_payment(qtbot, window, act)
    assert payments(till) == [("cash", 700, 700, ""), ("wechat", payable - 700, 0, "WX20261123")]
    assert window.till_screen.model.rowCount() == 0


def test_a_product_scanned_into_the_amount_field_is_sent_back_not_paid(qtbot, till, translated):
    window = till_with_cola(qtbot, till, translated)
    seen = {}

    def act(dialog):
        dialog.amount.setFocus()
        scan_burst(COLA)
        seen.update(
            amount=dialog.amount.text(),
            tenders=list(dialog.tenders),
            error=dialog.error.text(),
            open=dialog.isVisible(),
        )
        dialog.reject()

    in_payment(qtbot, window, act)
    assert seen["tenders"] == [] and seen["amount"] == "" and seen["open"]
    assert seen["error"] == "请先完成付款，再扫描商品"
    assert window.till_screen.model.rowCount() == 1 and payments(till) == []


def test_a_wechat_pay_code_scanned_in_payment_becomes_the_reference(qtbot, till, translated):
    window = till_with_cola(qtbot, till, translated)
    payable = window.view.priced.payable_fen
    seen = {}

    def act(dialog):
        dialog.amount.setFocus()
        scan_burst(WECHAT_CODE)
        seen.update(amount=dialog.amount.text(), reference=dialog.reference.text(), error=dialog.error.text())
        qtbot.keyClick(dialog.amount, Qt.Key_F3)
        type_slowly("\r")

    in_payment(qtbot, window, act)
    assert seen["amount"] == "" and seen["reference"] == WECHAT_CODE
    assert "微信" in seen["error"] and "F3" in seen["error"] and not english_words(seen["error"])
    assert payments(till) == [("wechat", payable, 0, WECHAT_CODE)]


def test_a_pay_code_burst_handled_slowly_is_still_a_scan(qtbot, till, translated):
    """On a loaded machine each key of a burst may be handled long after the one before it: the
    keys' own timestamps keep the scanner's pace (tests/ui/keys.py, hardware/scanners.py), so the
    code is still one scan and becomes the reference, not digits typed into the amount."""
    window = till_with_cola(qtbot, till, translated)
    seen = {}

    class Slow(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.KeyPress:
                time.sleep(0.05)  # each key handled later than a scanner's largest gap (35 ms)
            return False

    def act(dialog):
        dialog.amount.setFocus()
        slow = Slow()
        QApplication.instance().installEventFilter(slow)
        try:
            scan_burst(WECHAT_CODE)
        finally:
            QApplication.instance().removeEventFilter(slow)
        seen.update(amount=dialog.amount.text(), reference=dialog.reference.text())
        dialog.reject()

    in_payment(qtbot, window, act)
    assert seen == {"amount": "", "reference": WECHAT_CODE}
    assert payments(till) == []


def test_a_member_code_scanned_in_payment_attaches_the_member_before_paying(qtbot, till, translated, clock):
    window = till_with_cola(qtbot, till, translated, n=3)
    member_id = "M00000005"
    code = make_code(demo_private_key(member_id), member_id, int(clock.now.timestamp()))
    first = {}

    def pay_again():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PaymentDialog) or dialog is first.get("dialog"):
            QTimer.singleShot(10, pay_again)
            return
        first["second"] = dialog
        first["may_spend"] = dialog.may_spend
        try:
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow, timeout=30000)
            dialog.amount.setFocus()
            type_slowly("\r\r")  # exact cash, then complete
        except BaseException as error:
            first["error"] = error
            dialog.reject()

    def act(dialog):
        first["dialog"] = dialog
        dialog.amount.setFocus()
        scan_burst(code)
        QTimer.singleShot(0, pay_again)

    in_payment(qtbot, window, act)
    qtbot.waitUntil(lambda: "second" in first and QApplication.activeModalWidget() is None, timeout=30000)
    settle(qtbot)
    assert "error" not in first, first.get("error")
    assert first["may_spend"] is True and window.till_screen.model.rowCount() == 0
    con = cipher.connect(till.db.path)
    assert con.execute("select member_id from sales").fetchall() == [(member_id,)]
    con.close()


def test_an_amount_no_customer_could_hand_over_is_refused_with_a_message(qtbot, till, translated):
    window = till_with_cola(qtbot, till, translated)
    payable = window.view.priced.payable_fen
    seen = {}

    def act(dialog):
        dialog.amount.setFocus()
        type_slowly("99999\r")  # 99,999 yuan for a can of cola
        seen.update(tenders=list(dialog.tenders), error=dialog.error.text(), limit=dialog.tender_limit())
        dialog.reject()

    in_payment(qtbot, window, act)
    assert seen["tenders"] == [] and seen["limit"] == payable + 1_000_000
    assert "最多" in seen["error"] and not english_words(seen["error"])
    assert payments(till) == []


def test_the_store_may_set_a_lower_limit_on_cash_handed_over(qtbot, till, translated):
    with till.uow() as uow:
        store = dict(uow.rules.setting("store"))
        store["max_tender_fen"] = 20000
        uow.rules.set_setting("store", store)
        uow.commit()
    till.reload_rules()
    window = till_with_cola(qtbot, till, translated)
    seen = {}

    def act(dialog):
        dialog.amount.setFocus()
        type_slowly("300\r")
        seen.update(tenders=list(dialog.tenders), error=dialog.error.text())
        type_slowly("200\r")
        seen.update(after=list(dialog.tenders))
        type_slowly("\r")

    in_payment(qtbot, window, act)
    assert seen["tenders"] == [] and "200.00" in seen["error"]
    assert payments(till)[0][2] == 20000


def test_an_8000_character_scan_is_cut_at_the_field_and_refused(qtbot, till, translated):
    window = till_with_cola(qtbot, till, translated)
    field = window.till_screen.scan
    assert 0 < field.maxLength() <= MAX_SCAN_LEN
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=30000)
    field.setFocus()
    scan_burst("6" * 8000)
    settle(qtbot)
    message = window.till_screen.message.text()
    assert "过长" in message and not english_words(message)
    assert field.text() == "" and window.till_screen.model.rowCount() == 1


def test_a_member_found_by_number_cannot_pay_with_stored_value(qtbot, till, translated):
    window = till_with_cola(qtbot, till, translated)
    scan(qtbot, window, "M00000005")
    assert window.view.member.id == "M00000005" and window.view.identified_by == "id"
    seen = {}

    def act(dialog):
        sv = dialog.findChild(QPushButton, "tender_stored_value")
        override = dialog.findChild(QPushButton, "spend_override")
        seen.update(
            sv_enabled=sv.isEnabled(),
            override=override is not None and override.isVisible(),
            points=dialog.points.isEnabled(),
            info=dialog.points_info.text(),
        )
        qtbot.keyClick(dialog.amount, Qt.Key_F2)
        seen.update(tenders=list(dialog.tenders), error=dialog.error.text())
        dialog.reject()

    in_payment(qtbot, window, act)
    assert not seen["sv_enabled"] and not seen["points"] and seen["override"]
    assert seen["tenders"] == [] and "会员动态码" in seen["error"] and "会员动态码" in seen["info"]


def test_the_payment_fields_hint_is_not_cut_off(qtbot, till, translated):
    window = till_with_cola(qtbot, till, translated)
    seen = {}

    def act(dialog):
        qtbot.wait(50)
        for field in (dialog.amount, dialog.reference):
            room = field.contentsRect().width() - 8
            seen[field.objectName()] = (QFontMetrics(field.font()).horizontalAdvance(field.placeholderText()), room)
        seen["hint"] = dialog.hint.text()
        dialog.grab().save("/tmp/t16/payment.png")
        dialog.reject()

    in_payment(qtbot, window, act)
    hint = seen.pop("hint")
    for name, (needed, room) in seen.items():
        assert needed <= room, f"{name}: the placeholder needs {needed}px, the field has {room}px"
    assert "Enter" in hint and not english_words(hint.replace("Enter", ""))


def test_an_expired_member_code_scanned_in_payment_says_why_in_the_payment(qtbot, till, translated, clock):
    window = till_with_cola(qtbot, till, translated)
    old = make_code(demo_private_key("M00000005"), "M00000005", int(clock.now.timestamp()) - 600)
    seen = {}

    def look_at_the_second():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PaymentDialog) or dialog is seen.get("first"):
            QTimer.singleShot(10, look_at_the_second)
            return
        seen["second"] = dialog.error.text()
        dialog.reject()

    def act(dialog):
        seen["first"] = dialog
        dialog.amount.setFocus()
        scan_burst(old)
        QTimer.singleShot(0, look_at_the_second)

    in_payment(qtbot, window, act)
    qtbot.waitUntil(lambda: "second" in seen and QApplication.activeModalWidget() is None, timeout=30000)
    settle(qtbot)
    assert "过期" in seen["second"] and not english_words(seen["second"])
    assert window.view.member is None and payments(till) == []
