"""The cart table: a Qt model over the priced cart the services return (widgets hold no truth)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from pos_app.domain import PricedCart, format_fen


class CartModel(QAbstractTableModel):
    """Rows are priced lines: name, qty, unit price, reduction (rules in the tooltip), total."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._priced: PricedCart | None = None

    def headers(self) -> list[str]:
        return [self.tr("Item"), self.tr("Qty"), self.tr("Price"), self.tr("Discount"), self.tr("Total")]

    def set_priced(self, priced: PricedCart | None) -> None:
        self.beginResetModel()
        self._priced = priced
        self.endResetModel()

    def priced(self) -> PricedCart | None:
        return self._priced

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._priced is None else len(self._priced.lines)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 5

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.headers()[section]
        return None

    def line_id(self, row: int) -> str:
        return self._priced.lines[row].line.line_id

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or self._priced is None:
            return None
        pl = self._priced.lines[index.row()]
        shown_reduction = sum(r.amount_fen for r in pl.reductions if r.source_kind not in ("points", "rounding"))
        column = index.column()
        if role == Qt.DisplayRole:
            return [pl.line.name, str(pl.line.qty), format_fen(pl.line.unit_price_fen),
                    f"-{format_fen(shown_reduction)}" if shown_reduction else "",
                    format_fen(pl.line.gross_fen - shown_reduction)][column]
        if role == Qt.ToolTipRole and column == 3 and pl.reductions:
            return "\n".join(f"{r.label}: -{format_fen(r.amount_fen)}" for r in pl.reductions
                             if r.source_kind not in ("points", "rounding"))
        if role == Qt.TextAlignmentRole and column > 0:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ForegroundRole and column == 3 and shown_reduction:
            from PySide6.QtGui import QColor
            return QColor("#c92a2a")
        return None
