"""The till window's sale actions: search, coupons, a manager's price override and discount,
suspend and resume, voids, quantity, payment, reprint and the drawer (issue 21: the window split by
responsibility). Each runs its service call in the background through the window's `call`."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QInputDialog, QMessageBox

from pos_app.domain import TenderKind
from pos_app.services import SaleView, Tender, cash_movement, complete_sale

from .dialogs import ProductSearchDialog, ReasonAmountDialog
from .panels import yuan
from .part import WindowPart
from .payment import PaymentDialog


class SaleActions(WindowPart):
    """The sale's actions (the F-keys of selling)."""

    def search(self) -> None:
        session = self.w.session
        dialog = ProductSearchDialog(session.search, lambda p: f"{p.name}    {yuan(p.price_fen)}", self.w)
        if dialog.exec() and dialog.chosen is not None:
            product_id = dialog.chosen.id
            self.w.call(lambda: session.add_product(product_id), self.w.show_view)

    def coupon(self) -> None:
        box = QInputDialog(self.w)
        box.setWindowTitle(self.tr("Coupon"))
        box.setLabelText(self.tr("Scan or type the coupon code"))
        box.setProperty("takes_scans", True)  # the coupon's code is scanned into it
        ok, code = bool(box.exec()), box.textValue()
        if ok and code.strip():
            session = self.w.session
            self.w.call(lambda: session.apply_coupon(code), self.w.show_view)

    def remove_coupon(self) -> None:
        codes = list(self.w.view.coupon_codes) if self.w.view is not None else []
        if not codes:
            self.w.till_screen.show_message(self.tr("No coupon on this sale"))
            return
        code = codes[0]
        if len(codes) > 1:
            code, ok = QInputDialog.getItem(
                self.w, self.tr("Remove coupon"), self.tr("Coupon to take off"), codes, 0, False
            )
            if not ok:
                return
        session = self.w.session
        self.w.call(lambda: session.remove_coupon(code), self.w.show_view)

    def override(self) -> None:
        line_id = self.w.till_screen.selected_line_id()
        if line_id is None:
            self.w.till_screen.show_message(self.tr("Choose the line whose price changes"))
            return
        dialog = ReasonAmountDialog(self.tr("Price override"), self.tr("New unit price"), self.w)
        self.w.override_input = dialog
        if not dialog.exec():
            return
        pin = self.w._approval("price_override", self.tr("price override"))
        if pin is None:
            return
        session, price, reason = self.w.session, dialog.amount_fen, dialog.reason.text()
        label = self.tr("Price override ({by}: {reason})")
        self.w.call(
            lambda: session.override_price(line_id, price, reason, pin or None, label_format=label), self.w.show_view
        )

    def discount(self) -> None:
        if self.w.view is None or self.w.view.empty:
            self.w.till_screen.show_message(self.tr("The sale is empty"))
            return
        dialog = ReasonAmountDialog(self.tr("Discount"), self.tr("Amount or percent off"), self.w, percent=True)
        self.w.discount_input = dialog
        if not dialog.exec():
            return
        pin = self.w._approval("manual_discount", self.tr("manual discount"))
        if pin is None:
            return
        session, reason = self.w.session, dialog.reason.text()
        percent, amount = dialog.percent, dialog.amount_fen
        label = self.tr("Discount ({by}: {reason})")
        self.w.call(
            lambda: session.give_discount(reason, pin or None, percent=percent, amount_fen=amount, label_format=label),
            self.w.show_view,
        )

    def suspend(self) -> None:
        session = self.w.session
        self.w.call(lambda: session.suspend(), self.w.show_view)

    def resume(self) -> None:
        session = self.w.session
        self.w.call(session.suspended, self._pick_suspended)

    def _pick_suspended(self, parked: list) -> None:
        if not parked:
            self.w.till_screen.show_message(self.tr("No suspended sales"), error=False)
            return
        labels = [self.tr("%1 (%2 items)").replace("%1", label).replace("%2", str(items)) for _, label, items in parked]
        choice, ok = QInputDialog.getItem(
            self.w, self.tr("Resume a sale"), self.tr("Suspended sales"), labels, 0, False
        )
        if ok:
            sid = parked[labels.index(choice)][0]
            session = self.w.session
            self.w.call(lambda: session.resume(sid), self.w.show_view)

    def void_line(self) -> None:
        line_id = self.w.till_screen.selected_line_id()
        if line_id is None:
            return
        pin = ""
        if self.w.session.cart.payment_started:
            pin = self.w._approval("void_after_subtotal", self.tr("void a line after subtotal"))
            if pin is None:
                return
        session = self.w.session
        self.w.call(lambda: session.void_line(line_id, pin or None), self.w.show_view)

    def void_sale(self) -> None:
        if self.w.view is None or self.w.view.empty:
            return
        if QMessageBox.question(self.w, self.tr("Void sale"), self.tr("Throw away the whole sale?")) != QMessageBox.Yes:
            return
        pin = ""
        if self.w.session.cart.payment_started:
            pin = self.w._approval("void_after_subtotal", self.tr("void the sale after subtotal"))
            if pin is None:
                return
        session = self.w.session
        self.w.call(lambda: session.void_sale(pin or None), self.w.show_view)

    def qty(self) -> None:
        line_id = self.w.till_screen.selected_line_id()
        if line_id is None:
            return
        qty, ok = QInputDialog.getInt(self.w, self.tr("Quantity"), self.tr("New quantity"), 1, 1, 9999)
        if ok:
            session = self.w.session
            self.w.call(lambda: session.set_qty(line_id, qty), self.w.show_view)

    def pay(self) -> None:
        if self.w.view is None or self.w.view.empty:
            self.w.till_screen.show_message(self.tr("The sale is empty"))
            return
        session = self.w.session
        self.w.call(session.start_payment, self._open_payment)

    def _open_payment(self, view: SaleView) -> None:
        self.w.show_view(view)
        member = view.member
        session = self.w.session
        dialog = PaymentDialog(
            view.priced,
            stored_value_fen=member.stored_value_fen if member else 0,
            points_balance=member.points if member else 0,
            points_cap=session.points_cap(view),
            has_member=member is not None,
            reprice_with_points=lambda pts: session.redeem_points(pts).priced,
            parent=self.w,
            may_spend=view.may_spend,
            store_limit_fen=self.w.till.store.max_tender_fen,
        )
        self.w.payment_dialog = dialog
        note, self.w.payment_note = getattr(self.w, "payment_note", ""), ""
        if note:  # why a code scanned in the last payment dialog was refused
            dialog.fail(note)
        if not dialog.exec():
            if dialog.rescan is not None:
                self.w.after_payment_rescan(dialog.rescan)
            return
        tenders = [
            Tender(t.kind, t.amount_fen, t.reference, dialog.cash_given_fen if t.kind == TenderKind.CASH else 0)
            for t in dialog.tenders
        ]
        cash = [t for t in tenders if t.kind == TenderKind.CASH]
        if len(cash) > 1:  # several quick-cash presses: one cash tender with the total handed over
            tenders = [t for t in tenders if t.kind != TenderKind.CASH] + [
                Tender(TenderKind.CASH, sum(t.amount_fen for t in cash), "", dialog.cash_given_fen)
            ]
        self.w.call(lambda: complete_sale(session, tenders), self.sale_done)

    def sale_done(self, done: Any) -> None:
        self.w.print_later(done)
        self.w.till_screen.show_message(
            self.tr("Sale %1 complete. Change: %2").replace("%1", done.receipt_no).replace("%2", yuan(done.change_fen)),
            error=False,
        )
        session = self.w.session
        self.w.call(
            session.view,
            lambda view: (
                self.w.show_view(view),
                self.w.till_screen.show_message(
                    self.tr("Sale %1 complete. Change: %2")
                    .replace("%1", done.receipt_no)
                    .replace("%2", yuan(done.change_fen)),
                    error=False,
                ),
            ),
        )
        self.w.call(self.w.till.checkpoint)  # queued behind the new sale's view: between customers

    def reprint(self) -> None:
        """Ctrl+P: the receipt journal (any receipt of the shift, or by number, as a copy)."""
        if self.w.printing is None:
            return
        journal = getattr(self.w.printing, "journal", None)
        if journal is None:
            if self.w.printing.reprint() is None:
                self.w.till_screen.show_message(self.tr("Nothing printed yet"))
            return
        from .journal import JournalDialog

        printing, till = self.w.printing, self.w.till

        def copy_preview(entry):
            from hardware.preview import preview
            from pos_app.services.receipts import mark_copy

            copy = mark_copy(entry.receipt, till.now(), printing.labels)
            image = preview(copy, printing.paper_mm)
            return copy, image.tobytes(), image.width, image.height

        dialog = JournalDialog(
            journal.shift_receipts,
            journal.find,
            copy_preview,
            printing.queue.submit,
            lambda entry: printing.retry(entry.receipt),
            self.w,
        )
        self.w.journal_dialog = dialog
        dialog.exec()

    def drawer(self) -> None:
        pin = self.w._approval("no_sale", self.tr("open the drawer without a sale"))
        if pin is None:
            return
        approver = self.w.approver
        self.w.call(
            lambda: cash_movement(self.w.till, self.w.cashier, "no_sale", 0, "", approver),
            lambda _: self.w.printing.open_drawer() if self.w.printing else None,
        )
