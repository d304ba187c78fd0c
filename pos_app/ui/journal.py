"""The receipt journal at the till (Ctrl+P): the receipts of the shift, or any by its number; the
selected one previewed exactly as a reprint prints it (the same document, layout and preview
renderer), reprinted as a copy (重打), or - when its print failed - sent again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .dialogs import ErrorLine
from .messages import text_of
from .worker import run_in_background


class JournalDialog(QDialog):
    """`load()` -> the shift's entries; `find(number)` -> one entry; `copy_preview(entry)` ->
    (copy document, grey image bytes, width, height), all run in the background;
    `print_copy(copy)` and `retry(entry)` hand a document to the print queue (never blocks)."""

    def __init__(
        self,
        load: Callable[[], list],
        find: Callable[[str], Any],
        copy_preview: Callable[[Any], tuple[Any, bytes, int, int]],
        print_copy: Callable[[Any], Any],
        retry: Callable[[Any], Any],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Receipt journal"))
        self.setProperty("takes_scans", True)  # a receipt's barcode is scanned into its search
        self.resize(1000, 720)
        self.load, self.find_entry, self.copy_preview = load, find, copy_preview
        self.print_copy_fn, self.retry_fn = print_copy, retry
        self.entries: list[Any] = []
        self.entry: Any = None
        self.copy: Any = None
        self.image: QImage | None = None
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("receipt_number")
        self.search.setPlaceholderText(self.tr("Scan or type a receipt number"))
        self.search.returnPressed.connect(self.look_up)
        left.addWidget(self.search)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("receipts")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Receipt No."), self.tr("Time"), self.tr("Kind"), self.tr("Print")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 70)
        self.table.setColumnWidth(2, 90)
        self.table.itemSelectionChanged.connect(self.selected)
        left.addWidget(self.table)
        self.error = ErrorLine()
        left.addWidget(self.error)
        buttons = QHBoxLayout()
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        self.retry_button = QPushButton(self.tr("Print again (failed)"))
        self.retry_button.setObjectName("retry")
        self.retry_button.clicked.connect(self.do_retry)
        self.reprint_button = QPushButton(self.tr("Reprint copy"))
        self.reprint_button.setObjectName("primary")
        self.reprint_button.clicked.connect(self.do_reprint)
        for b in (close, self.retry_button, self.reprint_button):
            buttons.addWidget(b)
        left.addLayout(buttons)
        outer.addLayout(left, 3)
        self.preview = QLabel(self.tr("Choose a receipt"))
        self.preview.setObjectName("receipt_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(430)
        outer.addWidget(scroll, 2)
        self.reprint_button.setEnabled(False)
        self.retry_button.setEnabled(False)
        run_in_background(self, self.load, self.show_entries, self.failed)

    # ---- loading ------------------------------------------------------------------------------------
    def failed(self, error: Exception) -> None:
        self.error.setText(text_of(error))

    def kind_name(self, kind: str) -> str:
        return {
            "sale": self.tr("Sale"),
            "refund": self.tr("Refund"),
            "top_up": self.tr("Top-up"),
            "x_report": self.tr("X report"),
            "z_report": self.tr("Z report"),
        }.get(kind, kind)

    def status_name(self, entry: Any) -> str:
        text = {"printed": self.tr("Printed"), "failed": self.tr("Failed"), "queued": self.tr("Waiting")}.get(
            entry.status, entry.status
        )
        if entry.copies:
            text += " " + self.tr("(%1 copies)").replace("%1", str(entry.copies))
        return text

    def show_entries(self, entries: list) -> None:
        self.entries = list(entries)
        self.table.setRowCount(len(self.entries))
        for r, e in enumerate(self.entries):
            for c, text in enumerate((e.number, f"{e.at:%H:%M}", self.kind_name(e.kind), self.status_name(e))):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if self.entries:
            self.table.selectRow(0)
        else:
            self.preview.setText(self.tr("No receipts in this shift yet"))

    def look_up(self) -> None:
        number = self.search.text().strip()
        if number:
            run_in_background(self, lambda: self.find_entry(number), self.found, self.failed)

    def found(self, entry: Any) -> None:
        self.error.setText("")
        numbers = [e.number for e in self.entries]
        if entry.number in numbers:
            self.entries[numbers.index(entry.number)] = entry
        else:
            self.entries.insert(0, entry)
        self.show_entries(self.entries)
        self.table.selectRow([e.number for e in self.entries].index(entry.number))

    def selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        entry = self.entries[rows[0].row()]
        self.entry, self.copy = entry, None
        self.reprint_button.setEnabled(False)
        self.retry_button.setEnabled(entry.status == "failed")
        run_in_background(self, lambda: (entry, self.copy_preview(entry)), self.show_preview, self.failed)

    def show_preview(self, result: tuple) -> None:
        entry, (copy, data, width, height) = result
        if entry is not self.entry:
            return  # another receipt was chosen meanwhile
        self.copy = copy
        self.image = QImage(data, width, height, width, QImage.Format.Format_Grayscale8).copy()
        self.preview.setPixmap(QPixmap.fromImage(self.image))
        self.reprint_button.setEnabled(True)

    # ---- printing ----------------------------------------------------------------------------------
    def do_reprint(self) -> None:
        if self.copy is not None:
            self.print_copy_fn(self.copy)
            self.error.setText("")
            self.preview.setToolTip(self.tr("Sent to the printer"))

    def do_retry(self) -> None:
        if self.entry is not None and self.entry.status == "failed":
            self.retry_fn(self.entry)
            self.retry_button.setEnabled(False)
