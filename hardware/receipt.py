"""The receipt document: a layout model, not a string.

Services build a `Receipt` from a completed sale, refund, top-up or Z report out of a few block
kinds; `layout()` turns it into fixed-column lines for a paper width, counting a Chinese
(East Asian wide) character as two columns, and both renderers (ESC/POS bytes and the preview
image) draw exactly those lines, so what the preview shows is what the paper gets.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

COLUMNS = {58: 32, 80: 48}          # paper width (mm) -> characters of font A
DOTS = {58: 384, 80: 576}

# Characters python-escpos or GB18030 would send as bytes most Chinese printers (GBK/GB2312 font)
# print as garbage, mapped to what they can print.
SUBSTITUTES = {
    "\u00a5": "\uffe5",     # ¥ (4-byte GB18030) -> fullwidth ￥ (in GBK)
    "\u20ac": "EUR",
    "\u2022": "\u00b7",
    "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u00a0": " ", "\u2009": " ", "\u3000": "  ",
    "\u2026": "...",
}


@lru_cache(maxsize=4096)
def printable(ch: str) -> str:
    """`ch` itself when a GBK printer font has it, else a printable stand-in."""
    if ch in SUBSTITUTES:
        return SUBSTITUTES[ch]
    if ch == "\n" or ch == "\t":
        return " "
    if not ch.isprintable():
        return ""
    try:
        ch.encode("gbk")
        return ch
    except UnicodeEncodeError:
        return "?"


def printable_text(text: str) -> str:
    return "".join(printable(ch) for ch in text)


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def clip(text: str, width: int) -> tuple[str, str]:
    """Split `text` into the part that fits `width` columns and the rest."""
    used = 0
    for i, ch in enumerate(text):
        w = char_width(ch)
        if used + w > width:
            return text[:i], text[i:]
        used += w
    return text, ""


def wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    while True:
        head, text = clip(text, width)
        lines.append(head)
        if not text:
            return lines


# ---- blocks ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Text:
    text: str
    align: str = "left"          # left | center | right
    bold: bool = False
    big: bool = False            # double width and height


@dataclass(frozen=True)
class Pair:
    """A label on the left and a value on the right of one line (the label wraps if long)."""
    left: str
    right: str
    bold: bool = False


@dataclass(frozen=True)
class Item:
    """A sold line: its name, then `qty x price` and the line total, then its reductions."""
    name: str
    detail: str
    total: str
    reductions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Rule:
    char: str = "-"


@dataclass(frozen=True)
class QRCode:
    data: str


@dataclass(frozen=True)
class Barcode:
    data: str                    # CODE128


Block = Text | Pair | Item | Rule | QRCode | Barcode


@dataclass(frozen=True)
class Receipt:
    kind: str                    # sale | refund | top_up | z_report | test
    number: str                  # receipt number (or report id) for the queue and reprints
    blocks: tuple[Block, ...]
    cut: bool = True
    open_drawer: bool = False


# ---- layout ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Line:
    """One printed line: `text` is exactly the columns to print (already padded)."""
    text: str
    bold: bool = False
    big: bool = False


@dataclass(frozen=True)
class Laid:
    lines: tuple[Line | QRCode | Barcode, ...]
    columns: int
    dots: int
    cut: bool
    open_drawer: bool


def pad(text: str, width: int, align: str = "left") -> str:
    gap = max(0, width - text_width(text))
    if align == "right":
        return " " * gap + text
    if align == "center":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


def pair(left: str, right: str, width: int) -> list[str]:
    """`left ... right` on one line when both fit, else the label wrapped and the value right."""
    right_w = text_width(right)
    if text_width(left) + 1 + right_w <= width:
        return [left + " " * (width - text_width(left) - right_w) + right]
    lines = wrap(left, width)
    last = lines[-1]
    if text_width(last) + 1 + right_w <= width:
        lines[-1] = last + " " * (width - text_width(last) - right_w) + right
    else:
        lines[-1] = pad(last, width)
        lines.append(pad(right, width, "right"))
    return [pad(line, width) for line in lines]


def layout(receipt: Receipt, paper_mm: int = 58) -> Laid:
    if paper_mm not in COLUMNS:
        raise ValueError(f"Paper must be 58 or 80 mm, not {paper_mm}")
    width = COLUMNS[paper_mm]
    out: list[Line | QRCode | Barcode] = []
    for block in receipt.blocks:
        if isinstance(block, Text):
            text = printable_text(block.text)
            cols = width // 2 if block.big else width
            out.extend(Line(pad(part, cols, block.align), block.bold, block.big) for part in wrap(text, cols))
        elif isinstance(block, Pair):
            out.extend(Line(t, block.bold) for t in pair(printable_text(block.left), printable_text(block.right), width))
        elif isinstance(block, Item):
            out.extend(Line(pad(part, width)) for part in wrap(printable_text(block.name), width))
            out.extend(Line(t) for t in pair("  " + printable_text(block.detail), printable_text(block.total), width))
            for label, amount in block.reductions:
                out.extend(Line(t) for t in pair("  " + printable_text(label), printable_text(amount), width))
        elif isinstance(block, Rule):
            unit = printable_text(block.char) or "-"
            out.append(Line(pad(clip(unit * width, width)[0], width)))
        elif isinstance(block, (QRCode, Barcode)):
            if block.data:
                out.append(block)
        else:  # pragma: no cover - a programming error, not input
            raise TypeError(f"Unknown receipt block {block!r}")
    return Laid(tuple(out), width, DOTS[paper_mm], receipt.cut, receipt.open_drawer)


def plain_text(laid: Laid) -> str:
    """The receipt as text (for logs, tests and the journal), QR and barcodes as markers."""
    rows = []
    for line in laid.lines:
        if isinstance(line, Line):
            rows.append(line.text)
        elif isinstance(line, QRCode):
            rows.append(f"[QR {line.data}]")
        else:
            rows.append(f"[CODE128 {line.data}]")
    return "\n".join(rows)
