"""The receipt journal (issue 16, defect 10): any receipt of the shift, or any by its number, is
reprinted after a restart, marked as a copy (重打), with the preview on screen identical to what
prints; a print that failed is sent again from the till."""

from __future__ import annotations

import os
import re
import socket

from PySide6.QtCore import Qt

from hardware.escpos_render import CHINESE_OFF, CHINESE_ON
from hardware.preview import preview
from hardware.printing import PrinterConfig, PrintQueue
from hardware.receipt import Line, layout
from pos_app.services import Till
from pos_app.store import Database, cipher
from pos_app.ui.journal import JournalDialog

from .conftest import settle
from .test_till_flows import COLA, WATER, log_in, open_shift_and_login, pay_and_finish, scan, when_modal
from .test_whole_day import window_for

SHOTS = os.environ.get("MEMBERTILL_SHOTS")


def cash_sale(qtbot, window, codes):
    for code in codes:
        scan(qtbot, window, code)

    def pay(dialog):
        qtbot.keyClick(dialog.amount, Qt.Key_Return)
        qtbot.keyClick(dialog.amount, Qt.Key_Return)

    pay_and_finish(qtbot, window, pay)


def journal_rows(path):
    con = cipher.connect(path)
    try:
        return con.execute("select number, status, copies from receipt_journal order by created_at, number").fetchall()
    finally:
        con.close()


def printed_text(data: bytes) -> list[str]:
    body = data[data.index(CHINESE_ON) + 2 : data.index(CHINESE_OFF)].split(b"\x1d(k")[0].split(b"\x1dk")[0]
    body = re.sub(rb"\x1b[!E].|\x1ba.|\x1d!.", b"", body, flags=re.S)
    return body.decode("gb18030").rstrip("\n").split("\n")


def image_bytes(image) -> bytes:
    bpl, width = image.bytesPerLine(), image.width()
    raw = bytes(image.constBits())
    return b"".join(raw[y * bpl : y * bpl + width] for y in range(image.height()))


def open_journal(qtbot, window, act):
    done = {}

    def run(dialog):
        assert isinstance(dialog, JournalDialog), dialog
        try:
            act(dialog)
        finally:
            done["yes"] = True
            dialog.reject()

    when_modal(qtbot, run)
    qtbot.keyClick(window.till_screen.scan, Qt.Key_P, Qt.ControlModifier)
    qtbot.waitUntil(lambda: "yes" in done, timeout=30000)
    settle(qtbot)


def test_a_receipt_of_the_shift_is_reprinted_after_a_restart_as_a_copy_identical_to_its_preview(
    qtbot, till, translated, clock
):
    queue = PrintQueue(PrinterConfig())
    window = window_for(qtbot, till, queue)
    open_shift_and_login(qtbot, window)
    cash_sale(qtbot, window, [COLA, WATER])
    cash_sale(qtbot, window, [COLA])
    qtbot.waitUntil(lambda: [r[1] for r in journal_rows(till.db.path)] == ["printed", "printed"], timeout=30000)
    first_no = journal_rows(till.db.path)[0][0]
    window.close()
    queue.close()

    # ---- the till restarts: a new process would open the same file ---------------------------------
    again = Till(Database(till.db.path), clock)
    paper = PrintQueue(PrinterConfig(paper_mm=58))
    window = window_for(qtbot, again, paper)
    log_in(qtbot, window)  # the shift is still open
    settle(qtbot)
    seen = {}

    def reprint_first(dialog):
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=30000)
        row = [dialog.table.item(r, 0).text() for r in range(2)].index(first_no)
        dialog.table.selectRow(row)
        qtbot.waitUntil(lambda: dialog.copy is not None and dialog.copy.number == first_no, timeout=30000)
        seen["image"] = image_bytes(dialog.image), dialog.image.width(), dialog.image.height()
        seen["copy"] = dialog.copy
        if SHOTS:
            dialog.grab().save(os.path.join(SHOTS, "journal.png"))
        qtbot.mouseClick(dialog.reprint_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: paper.wait_idle(0) and len(paper.connection.sent) == 1, timeout=30000)

    open_journal(qtbot, window, reprint_first)
    copy = seen["copy"]
    expected = preview(copy, 58)
    assert seen["image"] == (expected.tobytes(), expected.width, expected.height)  # the screen shows the paper
    data = paper.connection.sent[0]
    lines = printed_text(data)
    laid = layout(copy, 58).lines
    before_codes = next(i for i, l in enumerate(laid) if not isinstance(l, Line))
    assert lines == [l.text.rstrip() for l in laid[:before_codes]]
    assert laid[-1].text.rstrip().encode("gb18030") + b"\n" in data  # the copy mark closes it too
    assert "重打" in lines[0] and any(first_no in l for l in lines)
    assert b"\x1bp" not in data  # a copy never opens the drawer
    qtbot.waitUntil(lambda: journal_rows(again.db.path)[0][2] == 1, timeout=30000)  # one copy made
    window.close()
    paper.close()
    again.db.close()


def test_any_receipt_is_found_by_number(qtbot, till, translated, clock):
    queue = PrintQueue(PrinterConfig())
    window = window_for(qtbot, till, queue)
    open_shift_and_login(qtbot, window)
    cash_sale(qtbot, window, [WATER])
    qtbot.waitUntil(lambda: len(journal_rows(till.db.path)) == 1, timeout=30000)
    number = journal_rows(till.db.path)[0][0]
    seen = {}

    def search(dialog):
        qtbot.keyClicks(dialog.search, "NOSUCH1")
        qtbot.keyClick(dialog.search, Qt.Key_Return)
        qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=30000)
        seen["missing"] = dialog.error.text()
        dialog.search.clear()
        qtbot.keyClicks(dialog.search, number.lower())
        qtbot.keyClick(dialog.search, Qt.Key_Return)
        qtbot.waitUntil(lambda: dialog.copy is not None and dialog.copy.number == number, timeout=30000)
        seen["found"] = True

    open_journal(qtbot, window, search)
    assert seen["missing"] == "没有这个小票号的小票记录" and seen["found"]
    window.close()
    queue.close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_failed_print_is_sent_again_from_the_till(qtbot, till, translated, clock):
    queue = PrintQueue(PrinterConfig(kind="network", host="127.0.0.1", port=closed_port(), timeout_s=1))
    window = window_for(qtbot, till, queue)
    open_shift_and_login(qtbot, window)
    cash_sale(qtbot, window, [COLA])
    qtbot.waitUntil(lambda: [r[1] for r in journal_rows(till.db.path)] == ["failed"], timeout=30000)
    queue.reconfigure(PrinterConfig())  # the printer is plugged back in
    seen = {}

    def retry(dialog):
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1 and dialog.retry_button.isEnabled(), timeout=30000)
        seen["status"] = dialog.table.item(0, 3).text()
        qtbot.mouseClick(dialog.retry_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: queue.wait_idle(0) and len(queue.connection.sent) == 1, timeout=30000)

    open_journal(qtbot, window, retry)
    assert seen["status"] == "打印失败"
    qtbot.waitUntil(lambda: [r[1] for r in journal_rows(till.db.path)] == ["printed"], timeout=30000)
    lines = printed_text(queue.connection.sent[0])
    assert not any("重打" in l for l in lines)  # the original: it never came out before
    window.close()
    queue.close()
