"""The customer display: a second window facing the customer (a second screen when there is
one) showing the cart and totals as the cashier scans, and a QR code for member sign-up."""

from __future__ import annotations

from PIL.ImageQt import ImageQt
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from hardware.preview import qr_image
from pos_app.domain import format_fen

from .panels import yuan


class CustomerDisplay(QWidget):
    def __init__(self, store_name: str, signup_url: str, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Customer display"))
        self.resize(800, 480)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.welcome = QLabel(self.tr("Welcome to %1").replace("%1", store_name))
        self.welcome.setObjectName("title")
        self.lines = QListWidget()
        self.lines.setObjectName("customer_lines")
        self.saved = QLabel()
        self.total = QLabel(yuan(0))
        self.total.setObjectName("payable")
        for w in (self.welcome, self.lines, self.saved, self.total):
            left.addWidget(w)
        right = QVBoxLayout()
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if signup_url:
            self.qr.setPixmap(QPixmap.fromImage(ImageQt(qr_image(signup_url, box=5).convert("RGB"))))
        self.qr_text = QLabel(self.tr("Scan to join and earn points on this purchase"))
        self.qr_text.setWordWrap(True)
        self.qr_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.member = QLabel()
        self.member.setWordWrap(True)
        for w in (self.qr, self.qr_text, self.member):
            right.addWidget(w)
        right.addStretch(1)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def show_view(self, view) -> None:
        """Mirror the till's sale view (called on the GUI thread with what the till shows)."""
        priced = view.priced if view is not None else None
        lines = priced.lines if priced is not None else ()
        texts = [f"{pl.line.name}  ×{pl.line.qty}    {format_fen(pl.net_fen + pl.points_offset_fen)}" for pl in lines]
        scanned = view.last_line_id if view is not None else None
        self._show_lines(texts, next((row for row, pl in enumerate(lines) if pl.line.line_id == scanned), None))
        if priced is None or not priced.lines:
            self.saved.setText("")
            self.total.setText(yuan(0))
        else:
            saved = priced.subtotal_fen - priced.payable_fen
            self.saved.setText(self.tr("You save %1").replace("%1", yuan(saved)) if saved > 0 else "")
            self.total.setText(yuan(priced.payable_fen))
        member = view.member if view is not None else None
        if member is None:
            self.member.setText("")
        else:
            self.member.setText(
                self.tr("Member %1 · %2 points · earn %3 today")
                .replace("%1", member.name)
                .replace("%2", str(member.points))
                .replace("%3", str(priced.points_earned if priced else 0))
            )

    def _show_lines(self, texts: list[str], scanned: int | None) -> None:
        """The lines' texts, the list's items kept: a scan changes a line's text or adds one
        (emptied and filled again, a 100-line cart made 100 items on the GUI thread at each
        scan), and the line scanned (else the last one changed) is scrolled into the
        customer's view, as the till's cart scrolls to it."""
        changed = None
        for row, text in enumerate(texts):
            item = self.lines.item(row)
            if item is None:
                self.lines.addItem(text)
                changed = row
            elif item.text() != text:
                item.setText(text)
                changed = row
        while self.lines.count() > len(texts):
            self.lines.takeItem(self.lines.count() - 1)
        shown = scanned if scanned is not None else changed
        if shown is not None:
            self.lines.scrollToItem(self.lines.item(shown))

    def place(self) -> None:
        """Full screen on the second screen when there is one, else a normal window."""
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setGeometry(screens[1].geometry())
            self.showFullScreen()
        else:
            self.show()
