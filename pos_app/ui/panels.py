"""The till screen's side panels: member, totals (every reduction names its rule), status."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from pos_app.domain import PricedCart, format_fen

from .theme import PANEL_BACKGROUND


def yuan(fen: int) -> str:
    return f"￥{format_fen(fen)}"


def panel_label(text: str = "") -> QLabel:
    """A label on a panel that paints the panel's background itself (an opaque widget): when its
    text changes, Qt repaints only the label, not the panel's rounded frame and the window, stack
    and screen under it (the style sheet makes every widget see-through otherwise). It must lie
    inside the panel's flat background, as a laid-out label does (the layout's margins keep it off
    the rounded border)."""
    label = QLabel(text)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(PANEL_BACKGROUND))
    label.setPalette(palette)
    label.setAutoFillBackground(True)
    return label


# where a value label sits in its grid cell: at the left, centred in the height, where a label
# filling the cell shows its text (`show_value` keeps the label itself at its text's size)
VALUE_CELL = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def show_value(label: QLabel, text: str) -> None:
    """Show a new amount without laying the till window out again. A label whose text changes
    asks its parent's layout to be done again, and each layout done asks its parent's: a scan's
    new totals posted four relayouts, up through the till screen and the stack to the main
    window, which set the geometry of every widget on the screen again and made and dropped a
    QPropertyAnimation for its central widget (QMainWindowLayout) - 0.6-1.9 ms of the GUI thread
    a scan, in the bench while the next scan's job ran on the pool thread, to move nothing
    (python -m bench ui). A label of fixed size asks nothing, so a value label is fixed at the
    size its text needs, and fixed again (one relayout) only when a text needs more room; added
    to its cell at VALUE_CELL, it shows its text where a label filling the cell would."""
    if label.text() == text:
        return
    label.setText(text)
    label.ensurePolished()  # the style sheet's font (the payable's is larger) before measuring
    need = label.sizeHint()
    have = label.minimumSize()
    fixed = have == label.maximumSize()
    size = need.expandedTo(have) if fixed else need
    if not fixed or size != have:
        label.setFixedSize(size)


class MemberPanel(QFrame):
    """Name, masked phone, tier, points, stored value and the coupons usable now."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("panel")
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("title")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.coupons = QLabel()
        self.coupons.setWordWrap(True)
        self.coupons.setObjectName("muted")
        for w in (self.heading, self.details, self.coupons):
            layout.addWidget(w)
        layout.addStretch(1)
        self.clear()

    def clear(self) -> None:
        self.heading.setText(self.tr("No member"))
        self.details.setText(self.tr("Scan the member code, or press F3 to look up by phone"))
        self.coupons.setText("")

    def show_member(
        self,
        name: str,
        masked_phone: str,
        tier: str,
        points: int,
        stored_value_fen: int,
        usable_coupons: Sequence[tuple[str, int]] = (),
        unusable: int = 0,
        pending_gifts: int = 0,
    ) -> None:
        self.heading.setText(f"{name}  ·  {tier}")
        self.details.setText(
            self.tr("Phone: %1\nPoints: %2\nStored value: %3")
            .replace("%1", masked_phone)
            .replace("%2", str(points))
            .replace("%3", yuan(stored_value_fen))
        )
        if usable_coupons:
            lines = [self.tr("Usable coupons:")] + [f"  {name}  -{yuan(saving)}" for name, saving in usable_coupons]
        else:
            lines = [self.tr("No coupon usable for this cart")]
        if unusable:
            lines.append(self.tr("%1 other coupons do not apply").replace("%1", str(unusable)))
        if pending_gifts:
            lines.append(self.tr("Points mall: %1 gifts to hand over (Ctrl+G)").replace("%1", str(pending_gifts)))
        self.coupons.setText("\n".join(lines))


class TotalsPanel(QFrame):
    """Subtotal, each reduction with its rule, points offset, rounding, payable, points earned.

    A row's labels are made once and kept: a scan changes texts, and a rule that starts or stops
    applying (or the rounding row, which comes and goes with the payable's last digit) shows or
    hides a row. Made anew each time, the rows cost such a scan 2.5-4 ms of the GUI thread
    (new labels styled, the old ones deleted; 1.5-2.5 % of bench ui's scans, its slowest)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("panel")
        self.grid = QGridLayout(self)
        # a scan changes these labels' texts: they are opaque (panel_label)
        self.payable = panel_label()
        self.payable.setObjectName("payable")  # before its size is taken: the style sheet's font
        self.payable_label = panel_label(self.tr("Payable"))
        self._pairs: list[tuple[QLabel, QLabel]] = []  # every row made so far; `_shown` of them shown
        self._shown = -1
        # the rows' names, translated once (the language is installed before any window is made):
        # a scan asks for them again, and each tr() is a call through the binding into Qt
        self._subtotal, self._rounding, self._to_earn = (
            self.tr("Subtotal"),
            self.tr("Rounding"),
            self.tr("Points to earn"),
        )
        self._offset = self.tr("Points offset (%1 points)")
        self.show_priced(None)

    def rows(self, priced: PricedCart | None) -> list[tuple[str, str, str]]:
        if priced is None:
            return [(self._subtotal, yuan(0), "")]
        rows = [(self._subtotal, yuan(priced.subtotal_fen), "")]
        rows += [(f"  {r.label}", f"-{yuan(r.amount_fen)}", "") for r in priced.reductions]
        if priced.points_offset_fen:
            rows.append(
                (self._offset.replace("%1", str(priced.points_spent)), f"-{yuan(priced.points_offset_fen)}", "")
            )
        if priced.rounding_fen:
            rows.append((self._rounding, f"-{yuan(priced.rounding_fen)}", ""))
        if priced.points_earned:
            rows.append((self._to_earn, str(priced.points_earned), "muted"))
        return rows

    def show_priced(self, priced: PricedCart | None) -> None:
        rows = self.rows(priced)
        show_value(self.payable, yuan(priced.payable_fen if priced is not None else 0))
        if len(rows) != self._shown:
            self._show_rows(len(rows))
        for (left, right), (label, value, name) in zip(self._pairs, rows):
            if left.objectName() != name:  # another look (the points to earn are muted)
                for widget in (left, right):
                    widget.setObjectName(name)
                    widget.setStyleSheet("")  # styled again by the application's style sheet
            left.setText(label)
            show_value(right, value)

    def _show_rows(self, count: int) -> None:
        while len(self._pairs) < count:
            row = len(self._pairs)
            left, right = panel_label(), panel_label()
            self.grid.addWidget(left, row, 0)
            self.grid.addWidget(right, row, 1, VALUE_CELL)
            self._pairs.append((left, right))
        for row, pair in enumerate(self._pairs):
            for widget in pair:
                widget.setVisible(row < count)
        # the payable right under the rows shown (over the hidden ones: they take no room)
        self.grid.removeWidget(self.payable_label)
        self.grid.removeWidget(self.payable)
        self.grid.addWidget(self.payable_label, count, 0)
        self.grid.addWidget(self.payable, count, 1, VALUE_CELL)
        self._shown = count
