"""Nothing slow on the GUI thread (issue 16, defect 15), checked by the deterministic guard of
tests/ui/conftest.py rather than by a clock: the payment dialog's points, the settings dialog,
the refund after approval and the start of a session."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from PySide6.QtCore import Qt

from hardware.member_code import demo_private_key, make_code
from pos_app.services import SaleSession, Tender, complete_sale, login

from .conftest import UI_DIR, GuiThreadIO, settle
from .test_till_flows import COLA, make_window, open_shift_and_login, scan, when_modal


def as_ui_code(source: str, name: str):
    """A function that the guard sees as the till's UI code (its file is under pos_app/ui)."""
    namespace: dict = {"sqlite3": sqlite3}
    exec(compile(source, f"{UI_DIR}/guard_probe.py", "exec"), namespace)
    return namespace[name]


def test_the_guard_refuses_a_connection_opened_by_ui_code_on_the_gui_thread(gui_guard, tmp_path):
    probe = as_ui_code("def probe(path):\n    return sqlite3.connect(path)\n", "probe")
    with pytest.raises(GuiThreadIO):
        probe(str(tmp_path / "x.sqlite3"))
    assert gui_guard.violations and "guard_probe.py" in gui_guard.violations[0]
    gui_guard.violations.clear()  # seen: this test is about the guard itself


def test_the_guard_lets_a_worker_thread_and_the_test_itself_open_connections(gui_guard, tmp_path):
    probe = as_ui_code("def probe(path):\n    sqlite3.connect(path).close()\n", "probe")
    worker = threading.Thread(target=probe, args=(str(tmp_path / "w.sqlite3"),))
    worker.start()
    worker.join()
    sqlite3.connect(str(tmp_path / "t.sqlite3")).close()
    assert not gui_guard.violations


@pytest.mark.parametrize("name", ["SaleBook", "CartBook"])
def test_the_guard_refuses_a_plain_sql_unit_of_work_begun_by_ui_code_on_the_gui_thread(gui_guard, till, name):
    """SaleBook and CartBook borrow their connection past the pool's checkout event, through the
    `__enter__` they share (store/sale_book.py PooledBook): the guard still refuses each one's
    begin on the GUI thread, before anything is borrowed, and lets a worker thread's through."""
    from pos_app.store.cart_book import CartBook
    from pos_app.store.sale_book import SaleBook

    book = {"SaleBook": SaleBook, "CartBook": CartBook}[name]
    probe = as_ui_code("def probe(book, db):\n    with book(db):\n        return 'begun'\n", "probe")
    with pytest.raises(GuiThreadIO):
        probe(book, till.db)
    assert len(gui_guard.violations) == 1
    assert f"({name})" in gui_guard.violations[0] and "guard_probe.py" in gui_guard.violations[0]
    gui_guard.violations.clear()  # seen: this test is about the guard itself
    assert till.db.engine.pool.checkedout() == 0
    done = []
    worker = threading.Thread(target=lambda: done.append(probe(book, till.db)))
    worker.start()
    worker.join()
    assert done == ["begun"] and not gui_guard.violations
    assert till.db.engine.pool.checkedout() == 0  # given back


def member_sale_window(qtbot, till, translated):
    window = make_window(qtbot, till, translated)
    open_shift_and_login(qtbot, window)
    scan(qtbot, window, COLA)
    scan(qtbot, window, COLA)
    session = window.session
    # a member code: only a verified member may spend points (t16-scan's identification policy)
    code = make_code(demo_private_key("M00000005"), "M00000005", int(till.now().timestamp()))
    window.call(lambda: session.attach_member_code(code), window.show_view)
    settle(qtbot)
    assert window.view.member is not None and window.view.member.points >= 100
    return window


def test_points_redeemed_in_the_payment_dialog_are_committed_off_the_gui_thread(qtbot, till, translated, gui_guard):
    window = member_sale_window(qtbot, till, translated)
    before = window.view.priced.payable_fen
    seen = {}

    def use_points(dialog):
        try:
            dialog.points.setValue(100)
            dialog.use_points()  # the redeem commits the open cart
            qtbot.waitUntil(lambda: dialog.priced.points_spent == 100, timeout=30000)
            seen["payable"] = dialog.priced.payable_fen
        finally:
            seen["closed"] = True
            dialog.reject()

    when_modal(qtbot, use_points)
    qtbot.keyClick(window.till_screen.scan, Qt.Key_F12)
    qtbot.waitUntil(lambda: "closed" in seen, timeout=30000)
    settle(qtbot)
    assert not gui_guard.violations
    assert seen["payable"] == before - 100  # 100 points = 1 yuan
    assert not gui_guard.violations


def test_the_settings_dialog_opens_and_saves_without_the_gui_thread_touching_the_database(
    qtbot, till, translated, gui_guard
):
    window = make_window(qtbot, till, translated)
    window.cashier = login(till, "9999")
    saved = {}

    def change_and_save(dialog):
        dialog.footer.setText("谢谢惠顾")
        dialog.save()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30000)
        saved["done"] = dialog.result()

    when_modal(qtbot, change_and_save)
    window.shifts.settings()
    qtbot.waitUntil(lambda: "done" in saved, timeout=30000)
    settle(qtbot)
    assert saved["done"] == 1 and till.store.footer == "谢谢惠顾"
    assert not gui_guard.violations


def test_a_refund_after_approval_runs_in_the_background_without_a_nested_event_loop(
    qtbot, till, translated, clock, gui_guard
):
    manager = login(till, "9999")
    window = make_window(qtbot, till, translated)
    open_shift_and_login(qtbot, window)
    sale = SaleSession(till, manager)
    sale.scan(COLA)
    done = complete_sale(sale, [Tender("cash", sale.view().priced.payable_fen)])
    window.cashier = manager  # may refund without a PIN
    from pos_app.ui.returns import ReturnsDialog

    dialog = ReturnsDialog(window.shifts._returnable, window.shifts._approve_and_refund, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.receipt.setText(done.receipt_no)
    dialog.lookup()
    qtbot.waitUntil(lambda: dialog.sale is not None, timeout=30000)
    dialog.select_all()
    dialog.submit()
    # submit returned at once: the refund is still on its way (a nested loop would have waited)
    assert dialog.result_value is None
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=30000)
    assert dialog.result_value.plan.money_fen == done.priced.payable_fen
    assert not gui_guard.violations


def test_starting_a_session_assigns_the_window_state_on_the_gui_thread(qtbot, till, translated, gui_guard):
    window = make_window(qtbot, till, translated)
    open_shift_and_login(qtbot, window)
    assert window.session is not None and window.extras["plans"]
    assert not gui_guard.violations
