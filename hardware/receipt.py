"""The receipt document: a layout model, not a string.

Services build a `Receipt` from a completed sale, refund, top-up or Z report out of a few block
kinds; `layout()` turns it into fixed-column lines for a paper width, and both renderers (ESC/POS
bytes and the preview image) draw exactly those lines, so what the preview shows is what the paper
gets.

Width is measured as the printer prints it. In its Chinese mode (FS &) a thermal printer prints a
one-byte (ASCII) character in one column (12 dots) and every two-byte GB18030/GBK character in
two, whatever Unicode calls it: the middle dot of 买买提·艾力, Greek and Cyrillic letters, box
drawing and the bullet (mapped to the middle dot) are East Asian "ambiguous" but print
full-width. So a character's width is the length of its GB18030 bytes, after `printable()` has
mapped everything to one- or two-byte characters. Lines break at spaces when every word fits a
line, else where Unicode allows (UAX #14, via `uniseg`): between words, between Chinese
characters, never before a closing bracket; a word wider than the whole line is the only thing
cut. The rules are in docs/hardware.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

COLUMNS = {58: 32, 80: 48}  # paper width (mm) -> characters of font A
DOTS = {58: 384, 80: 576}
ELLIPSIS = "…"  # GBK A1AD: two columns

# Characters python-escpos or GB18030 would send as bytes most Chinese printers (GBK/GB2312 font)
# print as garbage, mapped to what they can print.
SUBSTITUTES = {
    "\u00a5": "\uffe5",  # ¥ (4-byte GB18030) -> fullwidth ￥ (in GBK)
    "\u20ac": "EUR",
    "\u2022": "\u00b7",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00a0": " ",
    "\u2009": " ",
    "\u3000": "  ",
}


@lru_cache(maxsize=4096)
def printable(ch: str) -> str:
    """`ch` itself when a GBK printer font has it, else a printable stand-in.

    What comes out is made of printable ASCII (one byte, one column) and two-byte GB18030
    characters (the GBK range, two columns) only: nothing of three or four bytes, no control
    character, nothing a printer could read as the start of a command."""
    if ch in SUBSTITUTES:
        return SUBSTITUTES[ch]
    if ch == "\n" or ch == "\t":
        return " "
    if not ch.isprintable():
        return ""
    try:
        data = ch.encode("gb18030")
    except UnicodeEncodeError:  # a lone surrogate
        return "?"
    if (len(data) == 1 and data[0] < 0x80) or len(data) == 2:
        return ch
    return "?"


def printable_text(text: str) -> str:
    return "".join(printable(ch) for ch in text)


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """Columns the printer gives `ch` (one of `printable()`'s characters): its GB18030 bytes."""
    try:
        return min(2, len(ch.encode("gb18030")))
    except UnicodeEncodeError:
        return 1


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
    """`text` in lines of at most `width` columns, broken where Unicode allows a line break
    (spaces, between CJK characters, not before closing punctuation); a word wider than a whole
    line is cut. Always at least one line (an empty text is one empty line)."""
    lines: list[str] = []
    current = ""
    for unit in _units(text, width):
        if text_width((current + unit).rstrip(" ")) <= width:
            current += unit
            continue
        if current.strip(" "):
            lines.append(current.rstrip(" "))
        current = unit
        while text_width(current.rstrip(" ")) > width:
            head, current = clip(current, width)
            lines.append(head)
    lines.append(current.rstrip(" "))
    return lines


def line_break_units(text: str) -> Any:
    """UAX #14's pieces of `text` (uniseg is imported on first use: with its package metadata it took
    0.1 s of the till's start, before the login screen, for receipts printed later)."""
    from uniseg.linebreak import line_break_units as units

    return units(text)


def _units(text: str, width: int) -> list[str]:
    """The pieces a line may break between: at spaces when every space-separated word fits a
    line ("示例超市 人民路店" breaks at its space, not before 店), else where UAX #14 allows."""
    words = re.findall(r"[^ ]+ *| +", text)
    if all(text_width(w.rstrip(" ")) <= width for w in words):
        return words
    return list(line_break_units(text))


def longest_word(text: str) -> int:
    """Columns of the widest piece of `text` that must not be broken (UAX #14 units)."""
    return max((text_width(unit.rstrip(" ")) for unit in line_break_units(text)), default=0)


def truncate(text: str, width: int) -> str:
    """`text` cut to `width` columns, ending with an ellipsis when something was cut."""
    if text_width(text) <= width:
        return text
    if width < text_width(ELLIPSIS):
        return clip(text, width)[0]
    return clip(text, width - text_width(ELLIPSIS))[0].rstrip(" ") + ELLIPSIS


# ---- blocks ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Text:
    text: str
    align: str = "left"  # left | center | right
    bold: bool = False
    big: bool = False  # double width and height


@dataclass(frozen=True)
class Pair:
    """A label on the left and a value on the right of one line.

    `fit="wrap"` (amounts, numbers): when both do not fit, the label wraps and the value goes
    right-aligned, on lines of its own if need be, never cut. `fit="truncate"` (names of people
    and stores in the header and member block): the value is cut with an ellipsis to stay on the
    label's line."""

    left: str
    right: str
    bold: bool = False
    fit: str = "wrap"


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
    data: str  # CODE128


Block = Text | Pair | Item | Rule | QRCode | Barcode


@dataclass(frozen=True)
class Receipt:
    kind: str  # sale | refund | top_up | z_report | test
    number: str  # receipt number (or report id) for the queue and reprints
    blocks: tuple[Block, ...]
    cut: bool = True
    open_drawer: bool = False
    copy: bool = False  # a reprint (重打): never opens the drawer


BLOCKS: dict[str, type] = {cls.__name__: cls for cls in (Text, Pair, Item, Rule, QRCode, Barcode)}


def to_data(receipt: Receipt) -> dict[str, Any]:
    """The receipt as JSON-able data (the till's receipt journal keeps it for reprints)."""
    blocks = []
    for block in receipt.blocks:
        fields = {name: getattr(block, name) for name in block.__dataclass_fields__}
        if isinstance(block, Item):
            fields["reductions"] = [list(r) for r in block.reductions]
        blocks.append({"block": type(block).__name__, **fields})
    return {
        "kind": receipt.kind,
        "number": receipt.number,
        "blocks": blocks,
        "cut": receipt.cut,
        "open_drawer": receipt.open_drawer,
        "copy": receipt.copy,
    }


def from_data(data: dict[str, Any]) -> Receipt:
    """The receipt `to_data` made (unknown block kinds are refused with ValueError)."""
    blocks: list[Block] = []
    for raw in data["blocks"]:
        fields = dict(raw)
        cls = BLOCKS.get(fields.pop("block"))
        if cls is None:
            raise ValueError("Unknown receipt block")
        if cls is Item:
            fields["reductions"] = tuple(tuple(r) for r in fields.get("reductions", ()))
        blocks.append(cls(**fields))
    return Receipt(
        data["kind"],
        data["number"],
        tuple(blocks),
        data.get("cut", True),
        data.get("open_drawer", False),
        data.get("copy", False),
    )


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


def pair(left: str, right: str, width: int, fit: str = "wrap") -> list[str]:
    """`left ... right` on one line when both fit; else (`fit="truncate"`) the value cut to fit
    beside the label, or the label wrapped and the value right-aligned after it, on lines of its
    own (wrapped) when it is wider than what is left."""
    right_w = text_width(right)
    if text_width(left) + 1 + right_w <= width:
        return [left + " " * (width - text_width(left) - right_w) + right]
    if fit == "truncate" and text_width(left) + 1 + 2 * text_width(ELLIPSIS) <= width:
        room = width - text_width(left) - 1
        value = truncate(right, room)
        return [left + " " * (width - text_width(left) - text_width(value)) + value]
    lines = wrap(left, width)
    last = lines[-1]
    if text_width(last) + 1 + right_w <= width:
        lines[-1] = last + " " * (width - text_width(last) - right_w) + right
        return [pad(line, width) for line in lines]
    return [pad(line, width) for line in lines] + [pad(part, width, "right") for part in wrap(right, width)]


def layout(receipt: Receipt, paper_mm: int = 58) -> Laid:
    if paper_mm not in COLUMNS:
        raise ValueError(f"Paper must be 58 or 80 mm, not {paper_mm}")
    width = COLUMNS[paper_mm]
    out: list[Line | QRCode | Barcode] = []
    for block in receipt.blocks:
        if isinstance(block, Text):
            text = printable_text(block.text)
            # double size only when no word of the text has to be broken for it (a store name
            # "Good Neighbour Convenience" at 16 big columns); else normal size, wrapped by words
            big = block.big and longest_word(text) <= width // 2
            cols = width // 2 if big else width
            out.extend(Line(pad(part, cols, block.align), block.bold, big) for part in wrap(text, cols))
        elif isinstance(block, Pair):
            out.extend(
                Line(t, block.bold)
                for t in pair(printable_text(block.left), printable_text(block.right), width, block.fit)
            )
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
