"""The till screen's side panels: member, totals (every reduction names its rule), status."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from pos_app.domain import PricedCart, format_fen


def yuan(fen: int) -> str:
    return f"￥{format_fen(fen)}"


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

    def show_member(self, name: str, masked_phone: str, tier: str, points: int, stored_value_fen: int,
                    usable_coupons: Sequence[tuple[str, int]] = (), unusable: int = 0) -> None:
        self.heading.setText(f"{name}  ·  {tier}")
        self.details.setText(self.tr("Phone: %1\nPoints: %2\nStored value: %3")
                             .replace("%1", masked_phone).replace("%2", str(points))
                             .replace("%3", yuan(stored_value_fen)))
        if usable_coupons:
            lines = [self.tr("Usable coupons:")] + [f"  {name}  -{yuan(saving)}" for name, saving in usable_coupons]
        else:
            lines = [self.tr("No coupon usable for this cart")]
        if unusable:
            lines.append(self.tr("%1 other coupons do not apply").replace("%1", str(unusable)))
        self.coupons.setText("\n".join(lines))


class TotalsPanel(QFrame):
    """Subtotal, each reduction with its rule, points offset, rounding, payable, points earned."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("panel")
        self.grid = QGridLayout(self)
        self.payable = QLabel(yuan(0))
        self.payable.setObjectName("payable")
        self.show_priced(None)

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget()
            if widget is not None and widget is not self.payable:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()

    def _row(self, label: str, value: str, name: str = "") -> None:
        row = self.grid.rowCount()
        left, right = QLabel(label), QLabel(value)
        if name:
            left.setObjectName(name)
            right.setObjectName(name)
        self.grid.addWidget(left, row, 0)
        self.grid.addWidget(right, row, 1)

    def show_priced(self, priced: PricedCart | None) -> None:
        self._clear()
        if priced is None:
            self._row(self.tr("Subtotal"), yuan(0))
            self.payable.setText(yuan(0))
        else:
            self._row(self.tr("Subtotal"), yuan(priced.subtotal_fen))
            for r in priced.reductions:
                self._row(f"  {r.label}", f"-{yuan(r.amount_fen)}")
            if priced.points_offset_fen:
                self._row(self.tr("Points offset (%1 points)").replace("%1", str(priced.points_spent)),
                          f"-{yuan(priced.points_offset_fen)}")
            if priced.rounding_fen:
                self._row(self.tr("Rounding"), f"-{yuan(priced.rounding_fen)}")
            if priced.points_earned:
                self._row(self.tr("Points to earn"), str(priced.points_earned), "muted")
            self.payable.setText(yuan(priced.payable_fen))
        row = self.grid.rowCount()
        self.grid.addWidget(QLabel(self.tr("Payable")), row, 0)
        self.grid.addWidget(self.payable, row, 1)
