"""Login screen: cashier PIN on a numeric keypad (the keyboard works too)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from .widgets import NumericKeypad


class LoginScreen(QWidget):
    """Emits `pin_entered(pin)`; the window checks it in the background and calls show_error."""

    pin_entered = Signal(str)

    def __init__(self, store_name: str, till_name: str, demo_hint: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        box = QFrame()
        box.setObjectName("panel")
        box.setFixedWidth(380)
        layout = QVBoxLayout(box)
        title = QLabel(self.tr("MemberTill"))
        title.setObjectName("title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        where = QLabel(f"{store_name} · {till_name}")
        where.setAlignment(Qt.AlignmentFlag.AlignCenter)
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
        keypad = NumericKeypad(self.pin)
        keypad.entered.connect(self.submit)
        for w in (title, where, self.pin, self.error, keypad):
            layout.addWidget(w)
        if demo_hint:
            hint = QLabel(demo_hint)
            hint.setObjectName("muted")
            hint.setWordWrap(True)
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(hint)
        outer.addWidget(box)
        outer.addStretch(1)

    def submit(self) -> None:
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
