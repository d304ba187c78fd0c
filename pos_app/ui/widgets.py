"""Reusable till widgets: an on-screen numeric keypad and small QPainter charts.

PySide6-Essentials has no QtCharts, so the dashboard's charts are drawn here with QPainter:
a bar chart (sales by hour; top items as horizontal bars, so whole product names fit) and a
share ring (member vs walk-in sales) whose percentages add up to 100 (largest remainder).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from pos_app.domain import allocate

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


def percentages(values: Sequence[int]) -> list[int]:
    """Whole percents of each part that add up to exactly 100 (largest remainder)."""
    total = sum(values)
    return allocate(100, list(values)) if total > 0 else [0] * len(values)


class BarChart(QWidget):
    """Vertical bars with labels under them and values over them; `horizontal` draws one bar per
    row with its whole label on the left (long product names wrap, never cut)."""

    def __init__(self, parent: QWidget | None = None, *, horizontal: bool = False):
        super().__init__(parent)
        self.horizontal = horizontal
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
        if self.horizontal:
            self._paint_rows(p, w, h)
            return
        top, bottom = 44, h - 24
        top_value = max(*self.values, 1)
        slot = w / len(self.values)
        bar_w = max(4.0, slot * 0.6)
        for i, (label, value) in enumerate(zip(self.labels, self.values)):
            x = i * slot + (slot - bar_w) / 2
            bar_h = (bottom - top) * value / top_value
            p.fillRect(QRectF(x, bottom - bar_h, bar_w, bar_h), QColor(PALETTE[0]))
            p.drawText(QRectF(i * slot, bottom + 2, slot, 20), Qt.AlignHCenter | Qt.AlignTop, label)
            if value:
                p.drawText(
                    QRectF(i * slot - 10, bottom - bar_h - 18, slot + 20, 16),
                    Qt.AlignHCenter | Qt.AlignBottom,
                    self.value_text(value),
                )
        p.setPen(QPen(QColor("#adb5bd")))
        p.drawLine(0, bottom, w, bottom)

    def label_width(self) -> int:
        """The label column: the widest label, up to 55 % of the chart (wider ones wrap)."""
        metrics = QFontMetrics(self.font())
        return min(max(metrics.horizontalAdvance(label) for label in self.labels) + 8, int(self.width() * 0.55))

    def _paint_rows(self, p: QPainter, w: int, h: int) -> None:
        top = 30
        row_h = min(34.0, (h - top) / len(self.values))
        label_w = self.label_width()
        value_w = QFontMetrics(self.font()).horizontalAdvance(self.value_text(max(self.values))) + 10
        bar_room = max(10.0, w - label_w - value_w - 8)
        top_value = max(*self.values, 1)
        for i, (label, value) in enumerate(zip(self.labels, self.values)):
            y = top + i * row_h
            p.setPen(QPen(QColor("black")))
            p.drawText(QRectF(0, y, label_w - 6, row_h), Qt.AlignRight | Qt.AlignVCenter | Qt.TextWrapAnywhere, label)
            bar_w = bar_room * value / top_value
            p.fillRect(QRectF(label_w, y + row_h * 0.2, bar_w, row_h * 0.6), QColor(PALETTE[0]))
            p.drawText(
                QRectF(label_w + bar_w + 4, y, value_w, row_h), Qt.AlignLeft | Qt.AlignVCenter, self.value_text(value)
            )


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
        shares = percentages([v for _, v in self.parts])
        legend_x = size + 24
        legend_w = max(40.0, self.width() - legend_x - 20)
        for i, (label, value) in enumerate(self.parts):
            span = -round(360 * 16 * value / total)
            pen = QPen(QColor(PALETTE[i % len(PALETTE)]), size * 0.18)
            pen.setCapStyle(Qt.FlatCap)
            p.setPen(pen)
            inner = rect.adjusted(size * 0.09, size * 0.09, -size * 0.09, -size * 0.09)
            p.drawArc(inner, start, span)
            start += span
            # each legend entry: the label (wrapping if it must), then its percent on a line of
            # its own, so a long label (in English) never pushes the figure off the widget
            p.setPen(QPen(QColor("black")))
            y = 44 + i * 50
            p.fillRect(QRectF(legend_x, y + 4, 14, 14), QColor(PALETTE[i % len(PALETTE)]))
            p.drawText(
                QRectF(legend_x + 20, y, legend_w, 22), Qt.AlignLeft | Qt.AlignVCenter | Qt.TextWrapAnywhere, label
            )
            p.drawText(QRectF(legend_x + 20, y + 22, legend_w, 22), Qt.AlignLeft | Qt.AlignVCenter, f"{shares[i]}%")
