"""Login screen: cashier PIN on a numeric keypad (the keyboard works too).

It shows before the till's database has opened (issue 23: the cashier sees the till at once),
saying so, with the PIN field and the keypad disabled; `set_ready` (the database answered) names
the store and the till and takes PINs from then on. This module loads no SQLAlchemy and no
services: it is what the till's start imports before its window is painted."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from .widgets import NumericKeypad


class LoginScreen(QWidget):
    """Emits `pin_entered(pin)`, once ready; the window checks it in the background and calls
    show_error."""

    pin_entered = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.ready = False
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        box = QFrame()
        box.setObjectName("panel")
        box.setFixedWidth(380)
        layout = QVBoxLayout(box)
        title = QLabel(self.tr("MemberTill"))
        title.setObjectName("title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.where = QLabel(self.tr("Opening the database…"))
        self.where.setObjectName("where")
        self.where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin = QLineEdit()
        self.pin.setObjectName("pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("Enter your PIN"))
        self.pin.setMaxLength(8)
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.returnPressed.connect(self.submit)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.setWordWrap(True)
        self.keypad = NumericKeypad(self.pin)
        self.keypad.entered.connect(self.submit)
        self.hint = QLabel("")
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.hide()
        for w in (title, self.where, self.pin, self.error, self.keypad, self.hint):
            layout.addWidget(w)
        outer.addWidget(box)
        outer.addStretch(1)
        self.pin.setEnabled(False)
        self.keypad.setEnabled(False)

    def set_ready(self, store_name: str, till_name: str, demo_hint: str = "") -> None:
        """The database has answered: name the store and the till, take PINs."""
        self.where.setText(f"{store_name} · {till_name}")
        if demo_hint:
            self.hint.setText(demo_hint)
            self.hint.show()
        self.pin.setEnabled(True)
        self.keypad.setEnabled(True)
        self.ready = True
        self.reset()

    def submit(self) -> None:
        if not self.ready:  # nothing reaches the database before it has opened (and been checked)
            return
        pin = self.pin.text().strip()
        if not pin.isdigit():
            self.show_error(self.tr("The PIN is digits only"))
            return
        self.error.setText("")
        self.pin_entered.emit(pin)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.pin.clear()
        self.pin.setFocus()

    def reset(self) -> None:
        self.error.setText("")
        self.pin.clear()
        self.pin.setFocus()
