"""The returns screen shows what goes back before the cashier confirms (issue 16, defect 17): the
refund total, each tender's part and the points, updated as units are chosen, exactly as the
refund then gives back."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt

from pos_app.services import find_sale
from pos_app.ui.returns import ReturnsDialog

from .conftest import settle
from .test_till_flows import COLA, WATER, make_window, open_shift_and_login, pay_and_finish, scan, when_modal

SHOTS = os.environ.get("MEMBERTILL_SHOTS")


def cash_sale(qtbot, window, till):
    for code in (COLA, COLA, COLA, WATER):
        scan(qtbot, window, code)

    def pay(dialog):
        qtbot.keyClick(dialog.amount, Qt.Key_Return)  # exact cash
        qtbot.keyClick(dialog.amount, Qt.Key_Return)

    pay_and_finish(qtbot, window, pay)
    return till.db.path


def test_returns_screen_shows_the_refund_total_before_confirming(qtbot, till, translated):
    window = make_window(qtbot, till, translated)
    open_shift_and_login(qtbot, window)
    cash_sale(qtbot, window, till)
    with till.uow() as uow:
        from sqlalchemy import select

        from pos_app.store.models import SaleRow

        receipt_no = uow.session.scalar(select(SaleRow.receipt_no).where(SaleRow.kind == "sale"))
    seen: dict = {}

    def look(dialog):
        assert isinstance(dialog, ReturnsDialog)
        qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=30000)
        seen["nothing"] = (dialog.total.text(), dialog.ok.isEnabled())
        dialog.table.cellWidget(0, 3).setValue(2)  # two of the three colas
        seen["two"] = (dialog.total.text(), dialog.ok.isEnabled())
        if SHOTS:
            dialog.grab().save(os.path.join(SHOTS, "returns-total.png"))
        dialog.select_all()
        seen["all"] = dialog.total.text()
        dialog.reject()

    when_modal(qtbot, look)
    scan(qtbot, window, receipt_no)
    qtbot.waitUntil(lambda: "all" in seen, timeout=30000)
    settle(qtbot)
    sale = find_sale(till, receipt_no)
    cola = sale.lines[0]
    two = sale.plan({cola.line_id: 2})
    everything = sale.plan({l.line_id: l.qty_left for l in sale.lines})

    def yuan(fen):
        return f"{fen // 100}.{fen % 100:02d}"

    assert seen["nothing"][1] is False and yuan(0) in seen["nothing"][0]
    text, enabled = seen["two"]
    assert enabled and "退款合计" in text and yuan(two.money_fen) in text and "现金" in text
    assert yuan(everything.money_fen) in seen["all"] and everything.money_fen > two.money_fen > 0
