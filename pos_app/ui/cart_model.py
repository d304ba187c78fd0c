"""The cart table: a Qt model over the priced cart the services return (widgets hold no truth)."""

from __future__ import annotations

from itertools import compress, count
from operator import attrgetter, itemgetter, ne

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from pos_app.domain import CartLine, PricedCart, PricedLine, Reduction, format_fen

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
COLUMNS = 5
_SOURCE = itemgetter(0, 1)  # a PricedLine's (line, reductions): what its row is made of
_LINE_ID = attrgetter("line.line_id")


class CartModel(QStandardItemModel):
    """Rows are priced lines: name, qty, unit price, reduction (rules in the tooltip), total.

    The cells live on the C++ side (QStandardItemModel), so a repaint never calls into Python:
    when the cart changes, the text of every row is worked out once and only the cells whose
    text changed are set (a scan usually changes one row)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(0, COLUMNS, parent)
        self._priced: PricedCart | None = None
        self._rows: list[tuple[tuple[str, ...], str | None]] = []
        self._sources: list[tuple[CartLine, tuple[Reduction, ...]]] = []  # what each row was made of
        self._red = QBrush(QColor("#c92a2a"))
        self.setHorizontalHeaderLabels(self.headers())

    def headers(self) -> list[str]:
        return [self.tr("Item"), self.tr("Qty"), self.tr("Price"), self.tr("Discount"), self.tr("Total")]

    def set_priced(self, priced: PricedCart | None) -> None:
        lines = priced.lines if priced is not None else ()
        old, sources = self._rows, self._sources
        new_sources = list(map(_SOURCE, lines))
        # A row's text is a function of its line (a frozen value the cart keeps from one pricing
        # to the next while it is unchanged) and its reductions: the rows whose pair differs from
        # the last change's are found in C (`map` stops at the shorter list; a kept line is the
        # same object, so most pairs compare equal at once) - a scan usually changes one row, and
        # no Python runs for the other ninety-nine
        changed = list(compress(count(), map(ne, new_sources, sources)))
        rows = old[: len(new_sources)]
        for n in changed:
            rows[n] = self._text(lines[n])
        rows += [self._text(pl) for pl in lines[len(rows) :]]
        self._priced, self._sources, self._rows = priced, new_sources, rows
        if len(rows) < len(old):
            self.removeRows(len(rows), len(old) - len(rows))
        for r in changed:
            (text, tip), (previous, _) = rows[r], old[r]
            if (text, tip) != old[r]:
                for c in range(COLUMNS):
                    if previous[c] != text[c]:
                        self.item(r, c).setText(text[c])
                self.item(r, 3).setToolTip(tip or "")
        for text, tip in rows[len(old) :]:
            self.appendRow(self._new_row(text, tip))

    @staticmethod
    def _text(pl: PricedLine) -> tuple[tuple[str, ...], str | None]:
        """A row's cells' text, and the reduction cell's tooltip (the rules, one a line)."""
        shown = [r for r in pl.reductions if r.source_kind not in ("points", "rounding")]
        reduction = sum(r.amount_fen for r in shown)
        text = (
            pl.line.name,
            str(pl.line.qty),
            format_fen(pl.line.unit_price_fen),
            f"-{format_fen(reduction)}" if reduction else "",
            format_fen(pl.line.gross_fen - reduction),
        )
        tip = "\n".join(f"{r.label}: -{format_fen(r.amount_fen)}" for r in shown) if shown else None
        return text, tip

    def _new_row(self, text: tuple[str, ...], tip: str | None) -> list[QStandardItem]:
        items = []
        for c, value in enumerate(text):
            item = QStandardItem(value)
            item.setEditable(False)
            item.setTextAlignment(RIGHT if c else LEFT)
            if c == 3:
                item.setForeground(self._red)
                item.setToolTip(tip or "")
            items.append(item)
        return items

    def priced(self) -> PricedCart | None:
        return self._priced

    def line_id(self, row: int) -> str:
        return self._priced.lines[row].line.line_id

    def row_of(self, line_id: str) -> int | None:
        """The row showing the line `line_id` (None: not in the cart)."""
        ids = list(map(_LINE_ID, self._priced.lines)) if self._priced is not None else []
        return ids.index(line_id) if line_id in ids else None
