"""The customer display mirrors the till's cart and totals, and its sign-up QR code decodes."""

from __future__ import annotations

import zxingcpp
from PIL import Image

from pos_app.services import SaleSession, login, open_shift
from pos_app.ui.customer_display import CustomerDisplay

from .test_till_flows import COLA, WATER


def grab_png(widget, path):
    widget.grab().save(str(path))
    return Image.open(path)


def test_customer_display_follows_the_sale_and_its_qr_decodes(qtbot, till, translated, tmp_path):
    cashier = login(till, "1111")
    open_shift(till, cashier, 0)
    sale = SaleSession(till, cashier)
    display = CustomerDisplay(till.store.name, "https://member.example.cn/join?store=S001")
    qtbot.addWidget(display)
    display.show()
    qtbot.waitExposed(display)
    sale.scan(COLA)
    sale.scan(COLA)
    view = sale.scan(WATER)
    display.show_view(view)
    assert display.lines.count() == 2
    assert "可口可乐" in display.lines.item(0).text() and "×2" in display.lines.item(0).text()
    payable = view.priced.payable_fen
    assert display.total.text() == f"￥{payable // 100}.{payable % 100:02d}"
    assert "节省" in display.saved.text()  # 可乐第二件半价
    view = sale.attach_member("M00000003")
    display.show_view(view)
    assert "会员" in display.member.text() and view.member.name in display.member.text()
    image = grab_png(display, tmp_path / "customer.png")
    found = [r.text for r in zxingcpp.read_barcodes(image)]
    assert "https://member.example.cn/join?store=S001" in found
    display.show_view(None)
    assert display.lines.count() == 0 and display.member.text() == ""


def test_a_scan_changes_the_line_it_touched_and_the_customer_sees_it(qtbot, till, translated):
    """The list's items are kept from scan to scan (a 100-line cart was 100 new items at each
    scan), and the line a scan added or changed is scrolled into view: with a long cart the
    customer sees the new line, not the top of the list."""
    from sqlalchemy import text

    cashier = login(till, "1111")
    open_shift(till, cashier, 0)
    sale = SaleSession(till, cashier)
    with till.uow() as uow:
        codes = [
            c for (c,) in uow.session.execute(text("SELECT code FROM barcodes WHERE code NOT LIKE 'PLU%' LIMIT 40"))
        ]
    display = CustomerDisplay(till.store.name, "")
    qtbot.addWidget(display)
    display.show()
    qtbot.waitExposed(display)
    views = []
    for code in codes:
        views.append(sale.scan(code))
        display.show_view(views[-1])
    view = views[-1]
    count = len(view.priced.lines)
    assert count > 15 and display.lines.count() == count  # longer than the list shows at once

    def in_view(row: int) -> bool:
        rect = display.lines.visualItemRect(display.lines.item(row))
        return display.lines.viewport().rect().contains(rect)

    assert in_view(count - 1) and not in_view(0)  # the newest line, at the bottom
    kept = [display.lines.item(row) for row in range(count)]
    display.show_view(sale.scan(codes[0]))  # the first line again: quantity 2
    assert "×2" in display.lines.item(0).text() and in_view(0)
    assert [display.lines.item(row) for row in range(count)] == kept  # the same items, not new ones
    display.show_view(views[4])  # a shorter cart (as after lines were taken off): the rest go
    assert display.lines.count() == len(views[4].priced.lines) < count
    assert "×1" in display.lines.item(0).text()
