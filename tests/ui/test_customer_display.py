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
