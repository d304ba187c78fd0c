"""The member's points-mall orders at the counter (issue 18, item 5): the gifts they redeemed in
the member app, waiting to be handed over here. The list is loaded in the background before the
dialog opens; "Handed over" runs `services.mall.hand_over` in the background too (never on the
GUI thread) and takes the order off the list when it is done."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from .dialogs import ErrorLine, buttons_row
from .messages import text_of
from .worker import run_in_background


class MallOrdersDialog(QDialog):
    """`orders`: (order id, item name, points, redeemed at text); `hand_over(order_id)` marks one."""

    def __init__(
        self,
        member_name: str,
        orders: Sequence[tuple[str, str, int, str]],
        hand_over: Callable[[str], Any],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Points mall orders"))
        self.hand_over = hand_over
        self.handed: list[str] = []
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Gifts %1 redeemed for points, to hand over here:").replace("%1", member_name)))
        self.list = QListWidget()
        self.list.setObjectName("mall_orders")
        for order_id, name, points, when in orders:
            item = QListWidgetItem(
                self.tr("%1 — %2 points — redeemed %3")
                .replace("%1", name)
                .replace("%2", str(points))
                .replace("%3", when)
            )
            item.setData(Qt.ItemDataRole.UserRole, order_id)
            self.list.addItem(item)
        if orders:
            self.list.setCurrentRow(0)
        self.empty = QLabel(self.tr("No order waiting to be handed over"))
        self.empty.setVisible(not orders)
        self.status = QLabel("")
        self.error = ErrorLine()
        for w in (self.list, self.empty, self.status, self.error):
            layout.addWidget(w)
        row, self.ok = buttons_row(self, self.tr("Handed over"), self.submit)
        self.ok.setEnabled(bool(orders))
        layout.addLayout(row)
        self.resize(460, 320)

    def submit(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self.error.setText(self.tr("Choose an order"))
            return
        order_id = item.data(Qt.ItemDataRole.UserRole)
        self.ok.setEnabled(False)
        self.error.setText("")
        run_in_background(self, lambda: self.hand_over(order_id), lambda _: self._done(order_id), self._failed)

    def _done(self, order_id: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == order_id:
                self.status.setText(self.tr("Handed over: %1").replace("%1", item.text().split(" — ")[0]))
                self.list.takeItem(row)
                break
        self.handed.append(order_id)
        self.empty.setVisible(self.list.count() == 0)
        self.ok.setEnabled(self.list.count() > 0)

    def _failed(self, error: Exception) -> None:
        self.ok.setEnabled(True)
        self.error.setText(text_of(error))
