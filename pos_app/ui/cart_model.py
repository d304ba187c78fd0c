"""The cart table: a Qt model over the priced cart the services return (widgets hold no truth)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from pos_app.domain import CartLine, PricedCart, Reduction, format_fen

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
COLUMNS = 5


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
        rows = []
        old = self._rows
        sources = self._sources
        kept = len(sources)
        for n, pl in enumerate(priced.lines if priced is not None else ()):
            # A row's text is a function of its line (a frozen value the cart keeps from one
            # pricing to the next while it is unchanged) and its reductions: when both are the
            # same as at the last change, so is the text (most rows, at a scan)
            if n < kept and sources[n][0] is pl.line and sources[n][1] == pl.reductions:
                rows.append(old[n])
                continue
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
            rows.append((text, tip))
        self._priced = priced
        self._sources = [(pl.line, pl.reductions) for pl in priced.lines] if priced is not None else []
        self._rows = rows
        if len(rows) < len(old):
            self.removeRows(len(rows), len(old) - len(rows))
        for r, (text, tip) in enumerate(rows):
            if r >= len(old):
                self.appendRow(self._new_row(text, tip))
            elif old[r] != (text, tip):
                previous, _ = old[r]
                for c in range(COLUMNS):
                    if previous[c] != text[c]:
                        self.item(r, c).setText(text[c])
                self.item(r, 3).setToolTip(tip or "")

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
