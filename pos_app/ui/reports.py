"""Shift close (counted cash, X/Z report view and print) and the manager's dashboard."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain import parse_yuan

from .dialogs import ErrorLine
from .messages import text_of
from .panels import yuan
from .widgets import BarChart, ShareRing
from .worker import run_in_background


def report_table(rows: Sequence[tuple[str, str]]) -> QTableWidget:
    """A two-column, read-only table of report figures (labels left, amounts right)."""
    table = QTableWidget(len(rows), 2)
    table.setObjectName("report")
    table.horizontalHeader().setVisible(False)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    for r, (label, value) in enumerate(rows):
        table.setItem(r, 0, QTableWidgetItem(label))
        item = QTableWidgetItem(value)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        table.setItem(r, 1, item)
    table.verticalHeader().setDefaultSectionSize(26)
    return table


class ShiftCloseDialog(QDialog):
    """Shows the X report; the cashier types the counted cash and closes (Z report)."""

    def __init__(
        self,
        report_rows: Sequence[tuple[str, str]],
        close: Callable[[int], Any],
        print_report: Callable[[Any], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Close shift"))
        self.resize(560, 780)  # every row on screen, cashiers included: checked by eye
        self.close_fn, self.print_report = close, print_report
        self.result_value: Any = None
        layout = QVBoxLayout(self)
        self.report = report_table(report_rows)
        layout.addWidget(QLabel(self.tr("X report (shift so far)")))
        layout.addWidget(self.report)
        row = QHBoxLayout()
        self.counted = QLineEdit()
        self.counted.setObjectName("counted")
        self.counted.setPlaceholderText(self.tr("Counted cash in the drawer, yuan"))
        row.addWidget(QLabel(self.tr("Counted cash")))
        row.addWidget(self.counted)
        layout.addLayout(row)
        self.error = ErrorLine()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.ok = QPushButton(self.tr("Close shift and print Z report"))
        self.ok.setObjectName("primary")
        self.ok.clicked.connect(self.submit)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok)
        layout.addLayout(buttons)

    def submit(self) -> None:
        try:
            counted = parse_yuan(self.counted.text())
        except ValueError:
            self.error.setText(self.tr("Type the counted cash first"))
            return
        self.ok.setEnabled(False)
        run_in_background(self, lambda: self.close_fn(counted), self._done, self._failed)

    def _done(self, z_report: Any) -> None:
        self.result_value = z_report
        self.print_report(z_report)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.ok.setEnabled(True)
        self.error.setText(text_of(error))


class DashboardDialog(QDialog):
    """Today at a glance: sales by hour, member share, top items — as charts."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Today's dashboard"))
        self.resize(980, 640)
        layout = QGridLayout(self)
        self.figures = QLabel("")
        self.figures.setObjectName("title")
        self.by_hour = BarChart()
        self.by_hour.setObjectName("by_hour")
        self.share = ShareRing()
        self.share.setObjectName("member_share")
        self.top = BarChart(horizontal=True)
        self.top.setObjectName("top_items")
        layout.addWidget(self.figures, 0, 0, 1, 2)
        layout.addWidget(self.by_hour, 1, 0, 1, 2)
        layout.addWidget(self.share, 2, 0)
        layout.addWidget(self.top, 2, 1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout.addWidget(close, 3, 1)

    def show_figures(
        self,
        total_fen: int,
        sales: int,
        members_fen: int,
        by_hour: Sequence[tuple[int, int]],
        top_items: Sequence[tuple[str, int]],
    ) -> None:
        average = total_fen // sales if sales else 0
        self.figures.setText(
            self.tr("Sales %1 · %2 receipts · average %3")
            .replace("%1", yuan(total_fen))
            .replace("%2", str(sales))
            .replace("%3", yuan(average))
        )
        sold = dict(by_hour)
        hours = list(range(min(sold), max(sold) + 1)) if sold else []  # every hour of the span
        self.by_hour.set_data(
            self.tr("Sales by hour (yuan)"),
            [f"{h}" for h in hours],
            [sold.get(h, 0) for h in hours],
            lambda v: f"{v // 100}",
        )
        self.share.set_data(
            self.tr("Member share of sales"),
            [(self.tr("Members"), members_fen), (self.tr("Walk-in"), max(0, total_fen - members_fen))],
        )
        self.top.set_data(
            self.tr("Top items (units)"), [name for name, _ in top_items], [units for _, units in top_items]
        )
