"""Reusable till widgets: an on-screen numeric keypad and small QPainter charts.

PySide6-Essentials has no QtCharts, so the dashboard's charts are drawn here with QPainter:
a bar chart (sales by hour, top items) and a share ring (member vs walk-in sales).
"""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

PALETTE = ["#1c7ed6", "#37b24d", "#f59f00", "#e8590c", "#7048e8", "#0ca678", "#d6336c"]


class NumericKeypad(QWidget):
    """0-9, 00, backspace, clear and enter, typing into a line edit (touch screens)."""

    entered = Signal()

    def __init__(self, target: QLineEdit, parent: QWidget | None = None, *, with_dot: bool = False):
        super().__init__(parent)
        self.target = target
        grid = QGridLayout(self)
        keys = ["7", "8", "9", "4", "5", "6", "1", "2", "3", "." if with_dot else "00", "0", "⌫"]
        for n, key in enumerate(keys):
            button = QPushButton(key)
            button.setObjectName(f"key_{key}")
            button.setFocusPolicy(Qt.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(button, n // 3, n % 3)
        clear = QPushButton(self.tr("Clear"))
        clear.setFocusPolicy(Qt.NoFocus)
        clear.clicked.connect(lambda: self.press("C"))
        ok = QPushButton(self.tr("OK"))
        ok.setObjectName("primary")
        ok.setFocusPolicy(Qt.NoFocus)
        ok.clicked.connect(self.entered.emit)
        grid.addWidget(clear, 4, 0)
        grid.addWidget(ok, 4, 1, 1, 2)

    def press(self, key: str) -> None:
        if key == "⌫":
            self.target.backspace()
        elif key == "C":
            self.target.clear()
        else:
            self.target.insert(key)


class BarChart(QWidget):
    """Vertical bars with labels under them and values over them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.title = ""
        self.labels: list[str] = []
        self.values: list[int] = []
        self.value_text = str

    def set_data(self, title: str, labels: Sequence[str], values: Sequence[int], value_text=str) -> None:
        self.title, self.labels, self.values, self.value_text = title, list(labels), list(values), value_text
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        w, h = self.width(), self.height()
        p.drawText(QRectF(0, 0, w, 24), Qt.AlignLeft | Qt.AlignVCenter, self.title)
        if not self.values:
            p.drawText(QRectF(0, 24, w, h - 24), Qt.AlignCenter, self.tr("No sales yet"))
            return
        top, bottom = 44, h - 24
        top_value = max(max(self.values), 1)
        slot = w / len(self.values)
        bar_w = max(4.0, slot * 0.6)
        for i, (label, value) in enumerate(zip(self.labels, self.values)):
            x = i * slot + (slot - bar_w) / 2
            bar_h = (bottom - top) * value / top_value
            p.fillRect(QRectF(x, bottom - bar_h, bar_w, bar_h), QColor(PALETTE[0]))
            p.drawText(QRectF(i * slot, bottom + 2, slot, 20), Qt.AlignHCenter | Qt.AlignTop, label)
            if value:
                p.drawText(QRectF(i * slot - 10, bottom - bar_h - 18, slot + 20, 16),
                           Qt.AlignHCenter | Qt.AlignBottom, self.value_text(value))
        p.setPen(QPen(QColor("#adb5bd")))
        p.drawLine(0, bottom, w, bottom)


class ShareRing(QWidget):
    """A ring showing parts of a whole (e.g. member vs walk-in sales), with a legend."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumSize(220, 180)
        self.title = ""
        self.parts: list[tuple[str, int]] = []

    def set_data(self, title: str, parts: Sequence[tuple[str, int]]) -> None:
        self.title, self.parts = title, list(parts)
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.drawText(QRectF(0, 0, self.width(), 24), Qt.AlignLeft | Qt.AlignVCenter, self.title)
        total = sum(v for _, v in self.parts)
        size = min(self.width() * 0.5, self.height() - 40)
        rect = QRectF(10, 34, size, size)
        if total <= 0:
            p.drawText(QRectF(0, 24, self.width(), self.height() - 24), Qt.AlignCenter, self.tr("No sales yet"))
            return
        start = 90 * 16
        for i, (label, value) in enumerate(self.parts):
            span = -round(360 * 16 * value / total)
            pen = QPen(QColor(PALETTE[i % len(PALETTE)]), size * 0.18)
            pen.setCapStyle(Qt.FlatCap)
            p.setPen(pen)
            inner = rect.adjusted(size * 0.09, size * 0.09, -size * 0.09, -size * 0.09)
            p.drawArc(inner, start, span)
            start += span
            p.setPen(QPen(QColor("black")))
            p.fillRect(QRectF(size + 24, 44 + i * 26, 14, 14), QColor(PALETTE[i % len(PALETTE)]))
            p.drawText(QRectF(size + 44, 40 + i * 26, self.width() - size - 44, 22), Qt.AlignLeft | Qt.AlignVCenter,
                       f"{label}  {value * 100 // total}%")
