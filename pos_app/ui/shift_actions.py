"""The till window's shift actions: returns, cash in and out, the X report and closing the shift,
the dashboard and the settings (issue 21: the window split by responsibility)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QInputDialog, QMessageBox

from pos_app.domain import TenderKind
from pos_app.services import cash_movement, close_shift, find_sale, refund, x_report

from .dialogs import AmountDialog
from .panels import yuan
from .part import WindowPart
from .reports import DashboardDialog, ShiftCloseDialog
from .returns import ReturnsDialog
from .worker import run_in_background


class ShiftActions(WindowPart):
    """The shift's actions (and the back office reached from the till)."""

    def refund(self) -> None:
        self.open_returns("")

    def open_returns(self, receipt_no: str) -> None:
        dialog = ReturnsDialog(lambda number: self._returnable(number), self._approve_and_refund, self.w)
        self.w.returns_dialog = dialog
        dialog.setProperty("takes_scans", True)  # the receipt's barcode is scanned into it
        if receipt_no:
            dialog.receipt.setText(receipt_no)
            dialog.lookup()
        if dialog.exec() and dialog.result_value is not None:
            self.w.print_later(dialog.result_value)
            self.w.till_screen.show_message(
                self.tr("Refunded %1").replace("%1", yuan(dialog.result_value.plan.money_fen)), error=False
            )

    def _returnable(self, number: str):
        sale = find_sale(self.w.till, number, from_hq=self.w.sale_from_hq)
        return sale, [(l.line_id, l.name, l.qty_left, l.paid_fen) for l in sale.lines]

    def _approve_and_refund(
        self, sale: Any, returns: dict[str, int], done: Callable[[Any], None], failed: Callable[[Exception], None]
    ) -> None:
        """The manager's PIN, then the refund in the background; `done(result)` (None when no
        approval was given) or `failed(error)` on the GUI thread. Nothing waits for the worker."""
        pin = self.w._approval("refund", self.tr("refund %1").replace("%1", sale.receipt_no))
        if pin is None:
            done(None)
            return
        cashier, receipt_no, from_hq = self.w.cashier, sale.receipt_no, self.w.sale_from_hq
        run_in_background(
            self.w,
            lambda: refund(self.w.till, cashier, receipt_no, returns, pin or None, from_hq=from_hq),
            done,
            failed,
        )

    def shift(self) -> None:
        choices = [self.tr("Cash in"), self.tr("Cash out"), self.tr("X report / close shift")]
        choice, ok = QInputDialog.getItem(
            self.w, self.tr("Shift"), self.tr("What do you want to do?"), choices, 2, False
        )
        if not ok:
            return
        if choice == choices[2]:
            self.w.call(lambda: x_report(self.w.till), self._shift_close)
            return
        kind = "in" if choice == choices[0] else "out"
        dialog = AmountDialog(choice, self.tr("Amount (yuan)"), self.w)
        if dialog.exec():
            amount = dialog.amount_fen
            self.w.call(
                lambda: cash_movement(self.w.till, self.w.cashier, kind, amount),
                lambda _: self.w.till_screen.show_message(self.tr("Recorded"), error=False),
            )

    def report_rows(self, report: Any) -> list[tuple[str, str]]:
        from .payment import tender_name

        tender_names = {
            k: tender_name(self.w, k)
            for k in (TenderKind.CASH, TenderKind.STORED_VALUE, TenderKind.WECHAT, TenderKind.ALIPAY, TenderKind.CARD)
        }
        # gross - discounts - points offset - rounding = net sales, every term on screen with its sign
        rows = [
            (self.tr("Sales"), str(report.sales_count)),
            (self.tr("Gross"), yuan(report.gross_fen)),
            (self.tr("Discounts"), "-" + yuan(report.discount_fen)),
            (self.tr("Points offset"), "-" + yuan(report.points_offset_fen)),
            (self.tr("Rounding"), "-" + yuan(report.rounding_fen)),
            (self.tr("Net sales"), yuan(report.net_sales_fen)),
            (self.tr("Refunds"), f"{report.refunds_count} / {yuan(report.refunds_fen)}"),
            (self.tr("Top-ups"), yuan(report.top_ups_fen)),
        ]
        rows += [(tender_names.get(k, k), yuan(v)) for k, v in sorted(report.tenders.items())]
        rows += [
            (self.tr("Cash in"), yuan(report.cash_in_fen)),
            (self.tr("Cash out"), yuan(report.cash_out_fen)),
            (self.tr("Opening float"), yuan(report.float_fen)),
            (self.tr("Expected cash"), yuan(report.expected_cash_fen)),
            (self.tr("Points issued"), str(report.points_issued)),
            (self.tr("Points redeemed"), str(report.points_redeemed)),
            (self.tr("Stored value spent"), yuan(report.stored_value_spent_fen)),
            (self.tr("Stored value bonus issued"), yuan(report.stored_value_bonus_issued_fen)),
        ]
        names = getattr(report, "cashier_names", {}) or {}
        rows += [
            (self.tr("Cashier %1").replace("%1", names.get(k, k)), yuan(v))
            for k, v in sorted(report.by_cashier.items(), key=lambda kv: names.get(kv[0], kv[0]))
        ]
        if report.counted_cash_fen is not None:
            rows += [
                (self.tr("Counted cash"), yuan(report.counted_cash_fen)),
                (self.tr("Over / short"), yuan(report.over_short_fen)),
            ]
        return rows

    def _shift_close(self, report: Any) -> None:
        dialog = ShiftCloseDialog(self.report_rows(report), self._close_shift, self.w.print_later, self.w)
        self.w.shift_dialog = dialog
        if dialog.exec():
            QMessageBox.information(
                self.w,
                self.tr("Shift closed"),
                "\n".join(f"{label}: {value}" for label, value in self.report_rows(dialog.result_value)),
            )
            self.w.logout()

    def _close_shift(self, counted: int) -> Any:
        """In the background: close the shift, then back the database up (a failed backup is
        logged and does not undo the close)."""
        report = close_shift(self.w.till, self.w.cashier, counted)
        if self.w.after_shift_close is not None:
            try:
                self.w.after_shift_close()
            except Exception:
                logging.getLogger(__name__).exception("backup after shift close failed")
        return report

    def dashboard(self) -> None:
        if not self.w.cashier.may("dashboard"):
            pin = self.w._approval("points_adjustment", self.tr("see the dashboard"))
            if pin is None:
                return
        self.w.call(lambda: x_report(self.w.till), self._show_dashboard)

    def _show_dashboard(self, report: Any) -> None:
        dialog = DashboardDialog(self.w)
        self.dashboard = dialog
        dialog.show_figures(
            report.net_sales_fen,
            report.sales_count,
            report.member_sales_fen,
            sorted(report.by_hour.items()),
            report.top_items,
        )
        dialog.exec()

    def settings(self) -> None:
        """The saved settings are read in the background; the dialog opens with them."""
        from pos_app.services import settings as till_settings

        current = self.w.config_values
        self.w.call(lambda: till_settings.load(self.w.till, current), self._open_settings)

    def _open_settings(self, values: dict[str, Any]) -> None:
        from .settings import SettingsDialog

        dialog = SettingsDialog(self.w.till, values, self.w, cashier=self.w.cashier)
        self.w.settings_dialog = dialog
        dialog.exec()
