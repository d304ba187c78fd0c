"""Hostile scans through the real till window (issue 16 acceptance): payment codes, GS1 with and
without separators and symbology identifiers, URLs, bad check digits, very long input, control
characters, partial codes typed at human speed, codes arriving while a dialog is open. Each kind
is typed as key events with their own timestamps (a wedge scanner's burst, or a person's pace)
into whatever has the focus. After each: no exception, no English on the zh_CN screen, the cart
changed only for a real product; at the end nothing absurd is in the SQLite file."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from hardware.member_code import demo_private_key, make_code
from pos_app.store import cipher
from pos_app.ui.payment import PaymentDialog

from .conftest import settle
from .keys import SCANNER_GAP_MS, scan_burst, type_keys, type_slowly
from .test_till_flows import COLA, make_window, open_shift_and_login

GS = "\x1d"
GTIN14 = "0" + COLA
FRESH = "17271231"  # expiry 2027-12-31: after the test's day (2026-11-23)


# no message: keys a scanner cannot type leave nothing to scan; a member code that attaches shows the member
SILENT = ("control characters only", "a member code, then the same code again")


def english(text: str) -> list[str]:
    """English words on screen, ignoring codes echoed back (any token with a digit) and key names."""
    tokens = [t for t in re.split(r"[\s：:，,（）()]+", text) if not any(ch.isdigit() for ch in t)]
    return [w for t in tokens for w in re.findall(r"[A-Za-z]{3,}", t) if w not in ("Enter",)]


def member_code(clock, member_id="M00000005", minutes_ago=0):
    return make_code(
        demo_private_key(member_id), member_id, int((clock.now - timedelta(minutes=minutes_ago)).timestamp())
    )


def forged(code: str) -> str:
    head, sig = code.rsplit(".", 1)
    return f"{head}.{'A' if sig[0] != 'A' else 'B'}{sig[1:]}"


def cases(clock):
    """(name, how it arrives, what it is, whether it adds a line). `how`: burst | slow | mixed."""
    replayed = member_code(clock, "M00000007")
    return [
        ("wechat pay code", "burst", "134567890123456789", False),
        ("alipay pay code, 16 digits", "burst", "2834567890123456", False),
        ("alipay pay code, 24 digits", "burst", "301234567890123456789012", False),
        ("GS1-128 with ]C1, weight and expiry", "burst", "]C101" + GTIN14 + "3103000500" + FRESH, True),
        ("GS1 without symbology id or separator", "burst", "01" + GTIN14 + FRESH + "10LOT42", True),
        ("GS1 DataMatrix ]d2 with GS after the lot", "burst", "]d201" + GTIN14 + "10LOT42" + GS + FRESH, True),
        ("GS1 printed form with brackets", "burst", "(01)" + GTIN14 + "(17)271231", True),
        ("GS1 of an expired item", "burst", "]C101" + GTIN14 + "17201231", False),
        ("GS1 of an outer case (indicator 1)", "burst", "]C1011" + "6901939621254", False),
        ("GS1 of an uncatalogued item", "burst", "]C101" + "0" + "4006381333931", False),
        ("GS1 with a wrong GTIN check digit", "burst", "]C101" + "0" + "6901939621258", False),
        ("GS1 garbage after ]C1", "burst", "]C1zz!!", False),
        ("URL", "burst", "https://example.com/pay?x=1&y=2", False),
        ("URL with Chinese", "burst", "http://商店.cn/会员", False),
        ("EAN-13 with a wrong check digit", "burst", "6901939621258", False),
        ("EAN-8 with a wrong check digit", "burst", "96385075", False),
        ("UPC-A, valid but not sold here", "burst", "036000291452", False),
        ("8,000 digits", "burst", "6" * 8000, False),
        ("600 letters", "burst", "A" * 600, False),
        ("a product wrapped in control characters", "burst", "\x02\x07" + COLA + "\x1b\x03", True),
        ("control characters only", "burst", "\x02\x03\x00\x07\x1b", False),
        ("SQL in a barcode", "burst", "'; DROP TABLE sales;--", False),
        ("emoji", "burst", "☃🍺☃🍺", False),
        ("full-width digits", "burst", "６９０１９３９６２１２５７", False),
        ("23 digits that overflow 64-bit money", "burst", "99999999999999999999999", False),
        ("negative number", "burst", "-6901939621257", False),
        ("an expired member code (a screenshot)", "burst", member_code(clock, minutes_ago=5), False),
        ("a forged member code", "burst", forged(member_code(clock)), False),
        ("a member code, then the same code again", "burst", replayed, False),
        ("(the replay)", "burst", replayed, False),
        ("unknown coupon", "burst", "Q0000ZZZZ", False),
        ("half a product code typed by a person", "slow", COLA[:6], False),
        ("a person's five digits, then a scanner's burst", "mixed", "6901496385074", False),
        ("whitespace", "burst", "      ", False),
        ("a real product (control case)", "burst", COLA, True),
    ]


def deliver(how: str, code: str) -> None:
    if how == "burst":
        scan_burst(code)
    elif how == "slow":
        type_slowly(code + "\r")
    else:  # a person starts, a scanner finishes
        type_slowly(code[:5])
        type_keys(code[5:] + "\r", SCANNER_GAP_MS)


def test_thirty_kinds_of_hostile_scan_through_the_real_window(qtbot, till, translated, clock):
    window = make_window(qtbot, till, translated)
    window.activateWindow()
    open_shift_and_login(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=30000)
    rows = window.till_screen.model.rowCount
    kinds = cases(clock)
    assert len(kinds) >= 30
    problems = []
    for name, how, code, adds in kinds:
        window.till_screen.scan.setFocus()
        before_qty = sum(pl.line.qty for pl in window.view.priced.lines) if window.view else 0
        deliver(how, code)
        settle(qtbot)
        after_qty = sum(pl.line.qty for pl in window.view.priced.lines)
        message = window.till_screen.message.text()
        if (after_qty == before_qty + 1) != adds:
            problems.append(f"{name}: cart {before_qty} -> {after_qty} ({message})")
        if english(message):
            problems.append(f"{name}: English on screen: {message!r}")
        if not adds and not message and name not in SILENT:
            problems.append(f"{name}: refused without a word")
        if QApplication.activeModalWidget() is not None:
            problems.append(f"{name}: left a dialog open")
            QApplication.activeModalWidget().reject()
        if window.till_screen.scan.text():
            window.till_screen.scan.clear()
    assert not problems, "\n".join(problems)
    assert rows() == 1 and window.view.priced.lines[0].line.qty == 6  # four GS1 forms, the wrapped one, the real one
    assert window.view.member is not None and window.view.member.id == "M00000007"
    nothing_absurd_stored(till)


def test_codes_arriving_while_dialogs_are_open_change_nothing(qtbot, till, translated, clock):
    window = make_window(qtbot, till, translated)
    window.activateWindow()
    open_shift_and_login(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=30000)
    window.till_screen.scan.setFocus()
    scan_burst(COLA)
    settle(qtbot)
    assert window.till_screen.model.rowCount() == 1
    seen: dict = {}

    def in_quantity(dialog):  # F8: the quantity dialog has the focus
        try:
            assert isinstance(dialog, QInputDialog)
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow, timeout=30000)
            scan_burst(COLA)  # 13 digits into a spin box, then Enter
            seen["quantity_open"] = dialog.isVisible()
            seen["message"] = window.till_screen.message.text()
        finally:
            dialog.reject()

    run_modal(qtbot, in_quantity, lambda: window.on_action("qty"))
    settle(qtbot)
    assert seen["quantity_open"] and window.view.priced.lines[0].line.qty == 1
    assert "关闭" in seen["message"] and not english(seen["message"])

    for code, expect in (
        (COLA, "请先完成付款"),
        ("134567890123456789", "微信"),
        ("https://evil.example/x", "不是"),
        ("6" * 8000, "过长"),
        ("]C101" + GTIN14 + FRESH, "请先完成付款"),
    ):

        def in_payment(dialog, code=code, expect=expect):
            try:
                assert isinstance(dialog, PaymentDialog)
                dialog.activateWindow()
                qtbot.waitUntil(dialog.isActiveWindow, timeout=30000)
                dialog.amount.setFocus()
                scan_burst(code)
                seen["payment"] = (dialog.tenders[:], dialog.amount.text(), dialog.error.text(), dialog.isVisible())
            finally:
                dialog.reject()

        run_modal(qtbot, in_payment, lambda: window.on_action("pay"))
        settle(qtbot)
        tenders, amount, error, still_open = seen["payment"]
        assert tenders == [] and amount == "" and still_open, (code[:20], seen["payment"])
        assert expect in error and not english(error), (code[:20], error)
    assert window.till_screen.model.rowCount() == 1 and window.view.priced.lines[0].line.qty == 1
    nothing_absurd_stored(till)


def run_modal(qtbot, act, open_it) -> None:
    """Open a modal dialog with `open_it()` and run `act(dialog)` once it shows; wait until closed."""
    done = []
    errors: list[BaseException] = []

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poll)
            return
        try:
            act(dialog)
        except BaseException as error:
            errors.append(error)
        done.append(dialog)

    QTimer.singleShot(0, poll)
    open_it()
    qtbot.waitUntil(lambda: bool(done) and QApplication.activeModalWidget() is None, timeout=30000)
    if errors:
        raise errors[0]


def nothing_absurd_stored(till) -> None:
    """The SQLite file as it is: every amount a till could have taken, the open cart only real
    products in sane quantities, nothing recorded from a pay code, URL or control character."""
    con = cipher.connect(till.db.path)
    try:
        assert (
            con.execute(
                "select count(*) from payments where cash_given_fen > amount_fen + 1000000 "
                "or amount_fen < 0 or amount_fen > 100000000"
            ).fetchone()[0]
            == 0
        )
        assert (
            con.execute("select count(*) from sales where payable_fen < 0 or payable_fen > 100000000").fetchone()[0]
            == 0
        )
        (cart,) = con.execute("select cart from open_cart").fetchone() or ("{}",)
        lines = json.loads(cart).get("lines", []) if isinstance(cart, str) else cart.get("lines", [])
        known = {pid for (pid,) in con.execute("select id from products")}
        assert all(l["product_id"] in known and 0 < l["qty"] <= 9999 and 0 <= l["price"] < 10_000_000 for l in lines)
        text = " ".join(str(v) for row in con.execute("select * from open_cart") for v in row)
        assert "example" not in text and "DROP" not in text and "134567890123456789" not in text
    finally:
        con.close()
