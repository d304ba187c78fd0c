"""Receipt document -> ESC/POS bytes (python-escpos Dummy and File printers) and preview image."""

from __future__ import annotations

import re

import pytest
import zxingcpp
from escpos.printer import File

from hardware.escpos_render import CHINESE_ON, RenderOptions, render, write
from hardware.preview import preview
from hardware.receipt import Barcode, Item, Line, Pair, QRCode, Receipt, Rule, Text, layout, printable_text, text_width

QR = "https://m.example.cn/r/R00126112300001"
RECEIPT = Receipt(
    "sale",
    "R00126112300001",
    (
        Text("示例超市 人民路店", "center", bold=True, big=True),
        Pair("收银员", "张三"),
        Rule(),
        Item("农夫山泉 饮用天然水 550ml", "2 x 2.00", "4.00", (("第二件半价 PR02", "-1.00"),)),
        Item("Coca-Cola 可口可乐 330ml", "1 x 3.50", "3.50"),
        Item("五常大米 5kg 特级 稻花香 东北 新米 真空包装", "1 x 89.90", "89.90"),
        Rule(),
        Pair("合计 ¥", "96.40", bold=True),
        Pair("现金", "100.00"),
        QRCode(QR),
        Barcode("R00126112300001"),
    ),
    open_drawer=True,
)


def text_lines(data: bytes) -> list[str]:
    """The printed text lines: bytes between the Chinese-mode switch and the first QR command,
    control sequences removed, decoded as GB18030."""
    body = data[data.index(CHINESE_ON) + 2 : data.index(b"\x1d(k")]
    body = re.sub(rb"\x1b[!E]\S|\x1ba\S|\x1d!.", b"", body, flags=re.S)  # ESC ! n, ESC E n, ESC a n, GS ! n
    return body.decode("gb18030").rstrip("\n").split("\n")


@pytest.mark.parametrize("paper, columns", [(58, 32), (80, 48)])
def test_chinese_text_decodes_back_and_columns_align(paper, columns):
    data = render(RECEIPT, RenderOptions(paper_mm=paper))
    laid = layout(RECEIPT, paper)
    expected = [line.text.rstrip() for line in laid.lines if isinstance(line, Line)]
    assert text_lines(data) == expected
    printed = "".join(text_lines(data))
    for word in ("示例超市", "农夫山泉", "第二件半价", "合计", "现金", "可口可乐"):
        assert word in printed.replace(" ", "") or word in printed
    for line in laid.lines:
        if isinstance(line, Line):
            assert text_width(line.text) == (columns // 2 if line.big else columns), line.text
    # mixed Chinese/ASCII pairs end exactly at the last column: the amount is right-aligned
    total = next(l.text for l in laid.lines if isinstance(l, Line) and "合计" in l.text)
    assert total.endswith("96.40") and text_width(total) == columns
    reduction = next(l.text for l in laid.lines if isinstance(l, Line) and "第二件半价" in l.text)
    assert reduction.endswith("-1.00") and text_width(reduction) == columns


def test_characters_outside_gbk_are_mapped_to_printable_ones():
    assert "\u00a5" not in printable_text("¥1.00")  # python-escpos would send 4 bytes
    assert printable_text("¥1.00") == "￥1.00"
    data = render(Receipt("t", "1", (Text("价格 ¥3.50 — 😀"),)))
    body = data[data.index(CHINESE_ON) + 2 :]
    assert "￥3.50".encode("gbk") in body
    assert "¥".encode("gb18030") not in body  # 0x81 0x30 0x84 0x36
    text = text_lines(data + b"\x1d(k")[0]
    text.encode("gbk")  # every character is in GBK
    assert text == "价格 ￥3.50 - ?"


def test_native_qr_command_carries_the_payload_and_cut_and_drawer_are_there():
    data = render(RECEIPT)
    store = b"\x1d(k" + (len(QR) + 3).to_bytes(2, "little") + b"1P0" + QR.encode()
    assert store in data  # GS ( k fn 80: store the data
    assert b"\x1d(k\x03\x001Q0" in data  # GS ( k fn 81: print it
    assert data.endswith(b"\x1dV\x00") or b"\x1dV" in data[-8:]  # cut at the end
    assert b"\x1bp\x00" in data  # ESC p 0: drawer kick, pin 2
    assert (
        b"\x1dk" in data and b"{BR{C\x00\x0c=\x0c\x1e\x00\x01" in data
    )  # CODE128 of the receipt number: R, then digit pairs
    plain = render(Receipt("sale", "R1", RECEIPT.blocks, cut=False, open_drawer=False))
    assert b"\x1bp" not in plain and b"\x1dV" not in plain


def test_raster_qr_fallback_sends_an_image_instead_of_the_native_command():
    data = render(RECEIPT, RenderOptions(native_qr=False))
    assert b"1P0" not in data
    assert b"\x1dv0" in data  # GS v 0: raster bit image


def test_file_printer_gets_the_same_bytes(tmp_path):
    path = tmp_path / "lp0"
    printer = File(str(path))
    write(printer, layout(RECEIPT, 58), RenderOptions())
    printer.close()
    assert path.read_bytes() == render(RECEIPT)


@pytest.mark.parametrize("paper", [58, 80])
def test_preview_qr_and_barcode_decode_to_the_payload(paper, tmp_path):
    image = preview(RECEIPT, paper)
    assert image.width == {58: 384, 80: 576}[paper] + 16
    found = {(r.format, r.text) for r in zxingcpp.read_barcodes(image)}
    assert (zxingcpp.BarcodeFormat.QRCode, QR) in found
    assert (zxingcpp.BarcodeFormat.Code128, "R00126112300001") in found
