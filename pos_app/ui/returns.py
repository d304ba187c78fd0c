"""Returns: scan the receipt barcode or type its number, pick lines and units, see what goes back
(the refund total, per tender, and the points) before confirming, manager PIN, refund."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .dialogs import ErrorLine
from .messages import text_of
from .panels import yuan
from .payment import tender_name
from .worker import run_in_background


class ReturnsDialog(QDialog):
    """`find(receipt_no)` -> (sale, [(line_id, name, qty_left, paid_fen)]);
    `approve_and_refund(sale, {line_id: qty}, done, failed)` asks for approval and refunds in the
    background, then calls `done(result or None)` or `failed(error)` on the GUI thread."""

    def __init__(
        self,
        find: Callable[[str], tuple[Any, Sequence[tuple[str, str, int, int]]]],
        approve_and_refund: Callable[[Any, dict[str, int], Callable[[Any], None], Callable[[Exception], None]], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Return items"))
        self.resize(700, 520)
        self.find_sale, self.approve_and_refund = find, approve_and_refund
        self.sale: Any = None
        self.result_value: Any = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.receipt = QLineEdit()
        self.receipt.setObjectName("receipt")
        self.receipt.setPlaceholderText(self.tr("Scan the receipt barcode or type its number"))
        self.receipt.returnPressed.connect(self.lookup)
        look = QPushButton(self.tr("Find sale"))
        look.clicked.connect(self.lookup)
        row.addWidget(self.receipt)
        row.addWidget(look)
        layout.addLayout(row)
        self.origin = QLabel("")
        self.origin.setObjectName("origin")
        layout.addWidget(self.origin)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("lines")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Can return"), self.tr("Paid"), self.tr("Return qty")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 280)
        layout.addWidget(self.table)
        self.total = QLabel("")
        self.total.setObjectName("refund_total")
        self.total.setWordWrap(True)
        self.total.setStyleSheet("font-size: 16px; font-weight: bold;")
        layout.addWidget(self.total)
        self.error = ErrorLine()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        all_lines = QPushButton(self.tr("Return everything"))
        all_lines.clicked.connect(self.select_all)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.ok = QPushButton(self.tr("Refund"))
        self.ok.setObjectName("primary")
        self.ok.clicked.connect(self.submit)
        self.ok.setEnabled(False)
        for b in (all_lines, cancel, self.ok):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self.line_ids: list[str] = []

    def lookup(self) -> None:
        number = self.receipt.text().strip()
        if not number:
            return
        run_in_background(
            self, lambda: self.find_sale(number), self.show_sale, lambda error: self.error.setText(text_of(error))
        )

    def show_sale(self, found: tuple[Any, Sequence[tuple[str, str, int, int]]]) -> None:
        self.sale, lines = found
        self.error.setText("")
        origin = getattr(self.sale, "origin", "")
        self.origin.setText(
            self.tr("Sold at store-till %1 (supplied by headquarters)").replace("%1", origin) if origin else ""
        )
        self.table.setRowCount(len(lines))
        self.line_ids = []
        for r, (line_id, name, qty_left, paid) in enumerate(lines):
            self.line_ids.append(line_id)
            self.table.setItem(r, 0, QTableWidgetItem(name))
            self.table.setItem(r, 1, QTableWidgetItem(str(qty_left)))
            self.table.setItem(r, 2, QTableWidgetItem(yuan(paid)))
            spin = QSpinBox()
            spin.setRange(0, qty_left)
            spin.setEnabled(qty_left > 0)
            spin.valueChanged.connect(self.show_total)
            self.table.setCellWidget(r, 3, spin)
        self.ok.setEnabled(bool(lines))
        self.show_total()

    def show_total(self) -> None:
        """What the chosen units give back, worked out as the refund will be (pure, no database):
        the total, each tender's part and the points; the Refund button only when there is one."""
        plan_of = getattr(self.sale, "plan", None)
        plan = plan_of(self.chosen()) if plan_of is not None else None
        if plan is None:
            self.total.setText(self.tr("Refund total: %1").replace("%1", yuan(0)))
            self.ok.setEnabled(False)
            return
        parts = [f"{tender_name(self, t.tender)} {yuan(t.amount_fen)}" for t in plan.tenders]
        if plan.points_restored:
            parts.append(self.tr("points returned +%1").replace("%1", str(plan.points_restored)))
        if plan.points_reversed:
            parts.append(self.tr("points taken back -%1").replace("%1", str(plan.points_reversed)))
        text = self.tr("Refund total: %1").replace("%1", yuan(plan.money_fen))
        self.total.setText(text + ("  (" + ", ".join(parts) + ")" if parts else ""))
        self.ok.setEnabled(True)

    def select_all(self) -> None:
        for r in range(self.table.rowCount()):
            spin = cast(QSpinBox, self.table.cellWidget(r, 3))
            spin.setValue(spin.maximum())

    def chosen(self) -> dict[str, int]:
        out = {}
        for r, line_id in enumerate(self.line_ids):
            qty = cast(QSpinBox, self.table.cellWidget(r, 3)).value()
            if qty:
                out[line_id] = qty
        return out

    def submit(self) -> None:
        returns = self.chosen()
        if not returns:
            self.error.setText(self.tr("Choose at least one item to return"))
            return
        self.ok.setEnabled(False)
        self.approve_and_refund(self.sale, returns, self._refunded, self._refused)

    def _refunded(self, result: Any) -> None:
        self.ok.setEnabled(True)
        if result is not None:
            self.result_value = result
            self.accept()

    def _refused(self, error: Exception) -> None:
        """A refusal (no approval, already returned) shown as text."""
        self.ok.setEnabled(True)
        self.error.setText(text_of(error))
