"""Receipt width as the printer prints it (issue 16, defect 7): the ESC/POS bytes are parsed back
into printed lines and every line is measured as a GB18030 printer in Chinese mode prints it - a
one-byte character one column, a two-byte character two, double-size text twice that."""

from __future__ import annotations

import re
import sys

import pytest

from hardware.escpos_render import CHINESE_OFF, CHINESE_ON, RenderOptions, render
from hardware.printing import PrinterConfig, PrintQueue
from hardware.receipt import COLUMNS, Item, Pair, Receipt, Rule, Text, char_width, layout, printable, printable_text

DOUBLE_ON = re.compile(rb"\x1d!(.)", re.S)  # GS ! n: character size (python-escpos's set())


def printed_lines(data: bytes) -> list[tuple[bytes, bool]]:
    """(line bytes, double size) for every text line the printer gets, commands removed."""
    body = data[data.index(CHINESE_ON) + 2 : data.index(CHINESE_OFF)]
    body = body.split(b"\x1d(k")[0].split(b"\x1dk")[0]  # text ends where the QR / barcode begin
    lines: list[tuple[bytes, bool]] = []
    current, big = b"", False
    for chunk in re.split(rb"(\x1d!.|\x1b[!E].|\x1ba.|\n)", body, flags=re.S):
        if chunk == b"\n":
            lines.append((current, big))
            current = b""
        elif DOUBLE_ON.fullmatch(chunk):
            big = chunk[2] & 0x11 != 0
        elif chunk and not re.fullmatch(rb"\x1b[!E].|\x1ba.", chunk, flags=re.S):
            current += chunk
    return lines


def printed_columns(line: bytes, big: bool) -> int:
    """Columns a GB18030 printer in Chinese mode uses for these bytes: ASCII one, a two-byte
    character (lead byte 0x81-0xFE) two - i.e. its byte count - doubled for double size."""
    i = columns = 0
    while i < len(line):
        if line[i] < 0x80:
            i, columns = i + 1, columns + 1
        else:
            assert 0x81 <= line[i] <= 0xFE and 0x40 <= line[i + 1] <= 0xFE and line[i + 1] != 0x7F, line
            i, columns = i + 2, columns + 2
    return columns * (2 if big else 1)


NAME_32 = "买买提·艾力·阿不都热依木·司马义·吐尔逊·买买提明·艾合买提热"  # 32 characters
LATIN_32 = "Aleksandr-Konstantinovich Petrov"  # 32 characters
GREEK = "Αλέξανδρος Παπαδόπουλος • Ωμέγα"
STORE = "Good Neighbour Convenience Store Zhongguancun"
LONG_WORD_STORE = "Supercalifragilisticexpialidocious"


def hostile_receipt() -> Receipt:
    assert len(NAME_32) == 32 and len(LATIN_32) == 32
    return Receipt(
        "sale",
        "R0100126113000001",
        (
            Text(STORE, "center", bold=True, big=True),
            Text("好邻居便利店（中关村大街旗舰店）·24小时", "center", bold=True, big=True),
            Text(LONG_WORD_STORE, "center", bold=True, big=True),
            Pair("收银员", NAME_32, fit="truncate"),
            Pair("Cashier", LATIN_32, fit="truncate"),
            Rule("•"),
            Item(NAME_32 + " • 特级", "2 x 12.50", "25.00", (("会员价 " + NAME_32, "-1.00"),)),
            Item(GREEK, "1 x 3.50", "3.50"),
            Pair("会员", NAME_32 + " 138****5678", fit="truncate"),
            Pair("Member", GREEK + " " + LATIN_32, fit="truncate"),
            Pair("地址", NAME_32 + NAME_32),  # a value wider than the paper wraps
            Pair(NAME_32, "￥1,234,567.89", bold=True),
            Text(NAME_32 * 2, "center"),
            Rule("·"),
        ),
    )


@pytest.mark.parametrize("paper", [58, 80])
def test_every_printed_line_fits_the_paper_as_the_printer_counts_columns(paper):
    data = render(hostile_receipt(), RenderOptions(paper_mm=paper))
    lines = printed_lines(data)
    assert len(lines) > 12 and any(big for _, big in lines)
    for line, big in lines:
        assert printed_columns(line, big) <= COLUMNS[paper], (line.decode("gb18030"), big)


@pytest.mark.parametrize("paper", [58, 80])
def test_the_middle_dot_and_the_bullet_are_two_columns_and_amounts_end_at_the_last_column(paper):
    data = render(
        Receipt("t", "1", (Pair("买买提·艾力", "12.00"), Pair("• 积分", "100"))), RenderOptions(paper_mm=paper)
    )
    (first, _), (second, _) = printed_lines(data)[:2]
    for line, amount in ((first, b"12.00"), (second, b"100")):
        assert line.endswith(amount)
        assert printed_columns(line, False) == COLUMNS[paper]  # right-aligned to the last column
    assert "·".encode("gb18030") in first and char_width("·") == 2


def test_long_names_are_truncated_with_an_ellipsis_or_wrapped_by_rule():
    laid = layout(hostile_receipt(), 58)
    texts = [line.text for line in laid.lines if hasattr(line, "text")]
    cashier = next(t for t in texts if t.startswith("收银员"))
    assert cashier.endswith("…") and "买买提·艾力" in cashier  # cut, marked, on the label's line
    address = [t for t in texts if NAME_32[:4] in t and t.startswith(" ")]
    assert address  # the wide value wrapped onto lines of its own
    item = [t for t in texts if "买买提" in t and not t.startswith(("收银员", "会员", " "))]
    assert "".join(item).replace(" ", "").startswith(NAME_32.replace(" ", "")[:20])


@pytest.mark.parametrize("paper", [58, 80])
def test_double_size_store_name_never_breaks_a_word(paper):
    laid = layout(hostile_receipt(), paper)
    big = [line.text.strip() for line in laid.lines if getattr(line, "big", False)]
    words = STORE.split()
    for text in big:
        if text and text[0].isascii():
            assert all(part in words for part in text.split()), text
    joined = " ".join(big)
    assert all(word in joined for word in words)
    # a single word wider than half the paper is printed at normal size rather than broken
    assert not any("Supercal" in t for t in big)
    normal = [line.text.strip() for line in laid.lines if hasattr(line, "text") and not line.big]
    assert LONG_WORD_STORE in normal or (paper == 58 and LONG_WORD_STORE[: COLUMNS[paper]] in normal)


def test_width_is_the_printed_bytes_for_every_character_we_can_store():
    """Every Unicode scalar value a name or product could hold: what `printable` makes of it is
    one-byte ASCII or a two-byte GB18030 character, and its width is its byte count."""
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        for ch in printable(chr(cp)):
            data = ch.encode("gb18030")
            assert (len(data) == 1 and 0x20 <= data[0] < 0x7F) or len(data) == 2, hex(cp)
            assert char_width(ch) == len(data), hex(cp)


def test_file_printer_appends_as_its_config_says(tmp_path):
    path = tmp_path / "paper.bin"
    path.write_bytes(b"earlier paper\n")
    first = Receipt("t", "1", (Text("第一张"),))
    second = Receipt("t", "2", (Text("第二张"),))
    queue = PrintQueue(PrinterConfig(kind="file", path=str(path)))
    try:
        for receipt in (first, second):
            assert queue.submit(receipt) and queue.wait_idle(5)
    finally:
        queue.close()
    assert path.read_bytes() == b"earlier paper\n" + render(first) + render(second)
    assert all(j.status == "printed" for j in queue.history)


def test_printable_text_keeps_the_bullet_as_a_middle_dot():
    assert printable_text("• 积分") == "· 积分"
