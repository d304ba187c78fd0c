"""The main till screen: scan field (always focused), cart table, member and totals panels,
function keys. It only shows state and emits intents; the window runs them in the background."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.barcodes import MAX_SCAN_LEN

from .cart_model import CartModel
from .panels import MemberPanel, TotalsPanel


def native_table_view(parent: QWidget) -> QTableView:
    """A QTableView made by Qt itself (its form loader), not through PySide: a table constructed
    from Python is a binding subclass whose virtual functions all pass through the binding, and
    Qt calls some of them thousands of times per paint (metaObject() for every cast the style
    and the delegate make, per cell) - about an eighth of what a repaint of the cart cost. The
    table is not subclassed, so nothing is lost; it is used from Python as any QTableView."""
    table = QUiLoader().createWidget("QTableView", parent)
    assert isinstance(table, QTableView)
    return table


class TillScreen(QWidget):
    scanned = Signal(str)
    action = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = CartModel(self)
        root = QHBoxLayout(self)
        left = QVBoxLayout()
        scan_row = QHBoxLayout()
        self.scan = QLineEdit()
        self.scan.setObjectName("scan")
        self.scan.setMaxLength(MAX_SCAN_LEN)  # an endless "scan" stops here (it froze the till)
        self.scan.setPlaceholderText(self.tr("Scan a barcode or member code, or type it and press Enter"))
        self.scan.returnPressed.connect(self._scan_entered)
        scan_row.addWidget(QLabel(self.tr("Scan")))
        scan_row.addWidget(self.scan, 1)
        left.addLayout(scan_row)
        self.table = native_table_view(self)
        self.table.setObjectName("cart")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(False)  # names are one line; unwrapped cells lay out faster
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(34)
        # The header draws its sections alike, selected row or not (the style sheet's
        # QHeaderView::section), so it is not told of the selection: told, it repainted itself at
        # every scan (selecting the scanned row) for no visible change.
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSelectionModel(QItemSelectionModel(self.model, header))
        # A scan scrolls the cart to its line, and the scroll bar repaints. See-through (the style
        # sheet's), it had the table's frame, this screen, the stack and the window repaint under
        # it first: a repaint of the bar alone 0.53 against 0.18 ms of the GUI thread filled with
        # the window's colour itself (bench ui's machine, under load; ~0.1 M instructions a scan in
        # the bench's flow, callgrind), the same pixels (the colour under it is the window's).
        self.table.verticalScrollBar().setAutoFillBackground(True)
        left.addWidget(self.table, 1)
        self.message = QLabel("")
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        left.addWidget(self.message)
        keys = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for n, (name, key, text) in enumerate(self.function_keys()):
            button = QPushButton(f"{text}\n{key}")
            button.setObjectName("fkey")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, a=name: self.action.emit(a))
            self.buttons[name] = button
            keys.addWidget(button, n // 8, n % 8)
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda a=name: self.action.emit(a))
        self.buttons["pay"].setObjectName("primary")
        left.addLayout(keys)
        root.addLayout(left, 3)
        right = QVBoxLayout()
        self.member = MemberPanel()
        self.totals = TotalsPanel()
        right.addWidget(self.member, 2)
        right.addWidget(self.totals, 3)
        root.addLayout(right, 2)

    def function_keys(self) -> list[tuple[str, str, str]]:
        """(action, key, label) — every action has a key and a touch button."""
        return [
            ("help", "F1", self.tr("Help")),
            ("search", "F2", self.tr("Search")),
            ("member", "F3", self.tr("Member")),
            ("coupon", "F4", self.tr("Coupon")),
            ("suspend", "F5", self.tr("Suspend")),
            ("resume", "F6", self.tr("Resume")),
            ("void_line", "F7", self.tr("Void line")),
            ("qty", "F8", self.tr("Quantity")),
            ("points", "F9", self.tr("Points")),
            ("top_up", "F10", self.tr("Top up")),
            ("gift", "F11", self.tr("Gift")),
            ("pay", "F12", self.tr("Pay")),
            ("refund", "Ctrl+R", self.tr("Refund")),
            ("drawer", "Ctrl+D", self.tr("Drawer")),
            ("void_sale", "Ctrl+Del", self.tr("Void sale")),
            ("shift", "Ctrl+S", self.tr("Shift")),
            ("reprint", "Ctrl+P", self.tr("Reprint")),
            ("dashboard", "Ctrl+B", self.tr("Dashboard")),
            ("settings", "Ctrl+,", self.tr("Settings")),
            ("logout", "Ctrl+L", self.tr("Log out")),
            ("remove_member", "Ctrl+M", self.tr("Remove member")),
            ("remove_coupon", "Ctrl+K", self.tr("Remove coupon")),
            ("override", "Ctrl+E", self.tr("Price override")),
            ("discount", "Ctrl+J", self.tr("Discount")),
            ("mall", "Ctrl+G", self.tr("Mall orders")),
        ]

    def keyPressEvent(self, event) -> None:
        """Function keys reach here from the scan field when no window shortcut took them
        (e.g. the window is not the active one): the keyboard always works."""
        pressed = QKeySequence(event.keyCombination())
        for name, key, _ in self.function_keys():
            if QKeySequence(key).matches(pressed) == QKeySequence.SequenceMatch.ExactMatch:
                self.action.emit(name)
                return
        super().keyPressEvent(event)

    def _scan_entered(self) -> None:
        code = self.scan.text().strip()
        self.scan.clear()
        if code:
            self.scanned.emit(code)

    def selected_line_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return self.model.line_id(rows[0].row())
        count = self.model.rowCount()
        return self.model.line_id(count - 1) if count else None

    def select_line(self, line_id: str | None) -> None:
        row = self.model.row_of(line_id) if line_id is not None else None
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def show_message(self, text: str, error: bool = True) -> None:
        name = "error" if error else "muted"
        if self.message.objectName() != name:  # re-style only when the look changes
            self.message.setObjectName(name)
            self.message.setStyleSheet("")
        if self.message.text() != text:
            self.message.setText(text)

    def focus_scan(self) -> None:
        self.scan.setFocus()
