"""The cart table: a Qt model over the priced cart the services return (widgets hold no truth)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from pos_app.domain import PricedCart, format_fen


DISPLAY = Qt.ItemDataRole.DisplayRole.value
TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
ALIGN = Qt.ItemDataRole.TextAlignmentRole.value
FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


class CartModel(QAbstractTableModel):
    """Rows are priced lines: name, qty, unit price, reduction (rules in the tooltip), total.

    The text of every cell is worked out once when the cart changes; `data()` (called for every
    visible cell and role on each repaint) only looks it up."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._priced: PricedCart | None = None
        self._rows: list[tuple[tuple[str, ...], str | None]] = []
        self._red = QColor("#c92a2a")

    def headers(self) -> list[str]:
        return [self.tr("Item"), self.tr("Qty"), self.tr("Price"), self.tr("Discount"), self.tr("Total")]

    def set_priced(self, priced: PricedCart | None) -> None:
        rows = []
        for pl in priced.lines if priced is not None else ():
            shown = [r for r in pl.reductions if r.source_kind not in ("points", "rounding")]
            reduction = sum(r.amount_fen for r in shown)
            text = (pl.line.name, str(pl.line.qty), format_fen(pl.line.unit_price_fen),
                    f"-{format_fen(reduction)}" if reduction else "", format_fen(pl.line.gross_fen - reduction))
            tip = "\n".join(f"{r.label}: -{format_fen(r.amount_fen)}" for r in shown) if shown else None
            rows.append((text, tip))
        same_shape = len(rows) == len(self._rows) and priced is not None
        self._priced = priced
        if same_shape:
            changed = [i for i, (old, new) in enumerate(zip(self._rows, rows)) if old != new]
            self._rows = rows
            if changed:
                self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), 4))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def priced(self) -> PricedCart | None:
        return self._priced

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 5

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def line_id(self, row: int) -> str:
        return self._priced.lines[row].line.line_id

    def data(self, index: QModelIndex, role=DISPLAY):
        if role == DISPLAY:
            return self._rows[index.row()][0][index.column()]
        if role == ALIGN:
            return RIGHT if index.column() else None
        if role == FOREGROUND:
            return self._red if index.column() == 3 and self._rows[index.row()][0][3] else None
        if role == TOOLTIP and index.column() == 3:
            return self._rows[index.row()][1]
        return None
