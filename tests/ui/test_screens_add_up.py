"""Screens a cashier or manager can check by eye (issue 16, defect 17): the shift report's figures
add up on screen, cashiers are named; the payment list shows what was handed over and the change;
the dashboard keeps whole product names, every hour of the day and percentages that sum to 100."""

from __future__ import annotations

from pos_app.services import SaleSession, Tender, complete_sale, login, open_shift, x_report
from pos_app.ui.panels import yuan
from pos_app.ui.payment import PaymentDialog
from pos_app.ui.reports import DashboardDialog, ShiftCloseDialog
from pos_app.ui.widgets import percentages

from .test_till_flows import COLA, WATER, make_window


def fen(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    whole, _, part = text.lstrip("-￥").partition(".")
    return sign * (int(whole) * 100 + int(part))


def test_the_shift_report_on_screen_adds_up_and_names_the_cashiers(qtbot, till, translated, clock):
    cashier, manager = login(till, "1111"), login(till, "9999")
    open_shift(till, cashier, 50000)
    for who, codes, member in ((cashier, [COLA, WATER], None), (manager, [COLA, COLA, COLA], "M00000005")):
        sale = SaleSession(till, who)
        for code in codes:
            sale.scan(code)
        if member:  # a tier discount leaves fen: rounding takes them off
            sale.attach_member(member)
        complete_sale(sale, [Tender("cash", sale.view().priced.payable_fen)])
    report = x_report(till)
    assert report.rounding_fen > 0
    window = make_window(qtbot, till, translated)
    dialog = ShiftCloseDialog(window.shifts.report_rows(report), lambda c: None, lambda r: None, window)
    qtbot.addWidget(dialog)
    table = dialog.report
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    gross, discounts = fen(rows["销售总额"]), fen(rows["优惠合计"])
    offset, rounding, net = fen(rows["积分抵现"]), fen(rows["抹零"]), fen(rows["实收销售"])
    assert rounding == -report.rounding_fen
    assert gross + discounts + offset + rounding == net  # the signed rows add up on screen
    assert f"收银员 {cashier.name}" in rows and f"收银员 {manager.name}" in rows
    assert not any(label.endswith((cashier.id, manager.id)) for label in rows)


def test_the_payment_list_shows_the_cash_handed_over_and_the_change(qtbot, till, translated):
    sale = SaleSession(till, login(till, "1111"))
    sale.scan(COLA)
    priced = sale.view().priced
    dialog = PaymentDialog(priced)
    qtbot.addWidget(dialog)
    dialog.add_cash(10000)
    line = dialog.list.item(0).text()
    assert yuan(10000) in line and yuan(10000 - priced.payable_fen) in line and "找零" in line


def test_the_dashboard_keeps_whole_names_every_hour_and_shares_that_sum_to_100(qtbot, translated):
    dialog = DashboardDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    names = [("康师傅红烧牛肉面 五连包", 12), ("可口可乐 330ml", 9), ("农夫山泉 550ml", 4)]
    dialog.show_figures(30000, 7, 10000, [(9, 5000), (12, 15000), (15, 10000)], names)
    assert dialog.top.labels == [n for n, _ in names]  # whole names, not name[:6]
    assert dialog.by_hour.labels == [str(h) for h in range(9, 16)]  # 9..15, the quiet hours too
    assert dialog.by_hour.values[1:3] == [0, 0]
    from PySide6.QtGui import QFontMetrics

    widest = max(QFontMetrics(dialog.top.font()).horizontalAdvance(n) for n, _ in names)
    assert dialog.top.label_width() >= widest  # the label column holds them
    assert percentages([10000, 20000]) == [33, 67] and sum(percentages([1, 1, 1])) == 100
    assert percentages([0, 0]) == [0, 0]
