"""The till window: login, then the till screen; every action runs through the services in the
background and comes back to the GUI thread as a result or a translated message."""
from __future__ import annotations

import logging
import re
from typing import Any, Callable

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (QApplication, QInputDialog, QLabel, QLineEdit, QMainWindow, QMessageBox, QStackedWidget,
                               QWidget)

from pos_app.domain.barcodes import (COUPON, MEMBER_CARD, MEMBER_CODE, PAY_CODE, UNKNOWN, Scan, WeightLayout, classify,
                                     is_member_id)
from hardware.scanners import WedgeDetector
from pos_app.domain import TenderKind, format_fen
from pos_app.services import (CashierInfo, SaleSession, SaleView, Tender, Till, cash_movement, close_shift,
                              complete_sale, current_shift, find_sale, login, look_up, open_shift, redeem_gift,
                              refund, register, top_up, x_report)
from pos_app.services.auth import approve
from pos_app.services.demo import demo_pins
from pos_app.services.mall import hand_over, pending_orders
from pos_app.services.sale import REFUSED, RETURNS, ScanOutcome, weight_layout

from .dialogs import (AmountDialog, GiftDialog, ManagerOverrideDialog, MemberLookupDialog, ProductSearchDialog,
                      ReasonAmountDialog, RegisterMemberDialog, TopUpDialog)
from .login import LoginScreen
from .mall import MallOrdersDialog
from .messages import text_of, text_of_code
from .panels import yuan
from .payment import PaymentDialog
from .reports import DashboardDialog, ShiftCloseDialog
from .returns import ReturnsDialog
from .till_screen import TillScreen
from .worker import run_in_background


# what a payment reference scanned in the payment dialog may look like (letters, digits, dashes)
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{3,63}$")


class TillWindow(QMainWindow):
    """`printing` (optional) receives completed sales, refunds, top-ups and reports to print;
    `sync_status` (optional) returns a dict for the status bar."""

    busy_changed = Signal(bool)

    def __init__(self, till: Till, *, demo: bool = False, printing: Any = None,
                 sync_status: Callable[[], dict] | None = None, on_recorded: Callable[[], None] | None = None,
                 after_shift_close: Callable[[], Any] | None = None,
                 sale_from_hq: Callable[[str], dict] | None = None, parent: QWidget | None = None,
                 config_values: dict[str, dict[str, Any]] | None = None):
        """`on_recorded` is called after each completed sale, refund or top-up (the sync worker's
        nudge); `after_shift_close` runs in the background after a shift closes (the backup)."""
        super().__init__(parent)
        self.till, self.printing, self.sync_status = till, printing, sync_status
        self.on_recorded, self.after_shift_close = on_recorded, after_shift_close
        self.sale_from_hq = sale_from_hq      # HQ's copy of another till's sale, for returns (None: standalone)
        self.config_values = config_values or {}     # what the till runs with: the settings dialog's start
        self.customer_display: Any = None
        self.cashier: CashierInfo | None = None
        self.session: SaleSession | None = None
        self.view: SaleView | None = None
        self.last_printed: Any = None
        self.extras: dict[str, list] = {}
        self.approver: Any = None
        self.setWindowTitle(self.tr("MemberTill — %1").replace("%1", till.store.name))
        self.resize(1280, 800)
        hint = ""
        if demo:
            roles = {"cashier": self.tr("cashier"), "supervisor": self.tr("supervisor"), "manager": self.tr("manager")}
            hint = self.tr("Demo store PINs: %1").replace(
                "%1", "  ".join(f"{roles[r]} {name} {pin}" for name, r, pin in demo_pins()))
        self.login_screen = LoginScreen(till.store.name, till.store.till_name, hint)
        self.login_screen.pin_entered.connect(self.try_login)
        self.till_screen = TillScreen()
        self.till_screen.scanned.connect(self.on_scan)
        self.till_screen.action.connect(self.on_action)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.login_screen)
        self.stack.addWidget(self.till_screen)
        self.setCentralWidget(self.stack)
        self.who = QLabel("")
        self.sync_label = QLabel("")
        self.sync_label.setObjectName("sync")
        self.statusBar().addWidget(self.who, 1)
        self.printer_label = QLabel("")
        self.printer_label.setObjectName("printer")
        self.rules_label = QLabel("")
        self.rules_label.setObjectName("rules")
        self.rules_label.setProperty("error", True)
        self.statusBar().addPermanentWidget(self.rules_label)
        self.statusBar().addPermanentWidget(self.printer_label)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.weight_layout = WeightLayout()
        self.wedge = WedgeDetector(self, accept=self.takes_wedge_scans)
        self.wedge.scanned.connect(self.on_wedge_scan)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.wedge)
        if printing is not None and hasattr(printing, "use_journal") and printing.journal is None:
            from pos_app.services.journal import ReceiptJournal
            printing.use_journal(ReceiptJournal(till))     # every receipt kept for reprints (Ctrl+P)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh_sync)
        self.timer.start(2000)
        self.refresh_sync()

    # ---- plumbing ---------------------------------------------------------------------------
    def call(self, fn: Callable[[], Any], done: Callable[[Any], None] | None = None,
             failed: Callable[[Exception], None] | None = None) -> None:
        """Run a service call in the background; errors go to the till's message line."""
        run_in_background(self, fn, done or (lambda _: None), failed or self.fail)

    def fail(self, error: Exception) -> None:
        self.till_screen.show_message(text_of(error))
        self.till_screen.focus_scan()

    def show_view(self, view: SaleView) -> None:
        self.view = view
        if self.customer_display is not None:
            self.customer_display.show_view(view)
        screen = self.till_screen
        screen.model.set_priced(view.priced)
        screen.totals.show_priced(view.priced)
        if view.member is None:
            screen.member.clear()
        else:
            m = view.member
            usable = [(c.name, c.amount_fen) for c in view.priced.held_coupons if c.applied]
            applied = [(f"✓ {c.name}", c.amount_fen) for c in view.priced.coupons if c.applied]
            screen.member.show_member(m.name, m.masked_phone, m.tier_name, m.points, m.stored_value_fen,
                                      applied + usable, sum(1 for c in view.priced.held_coupons if not c.applied),
                                      m.pending_gifts)
        screen.select_line(view.last_line_id)
        screen.show_message("")
        for note in view.priced.notes:
            screen.show_message(text_of_code(note.code, **note.params))
        screen.focus_scan()

    def refresh_sync(self) -> None:
        problems = self.till.rule_problems           # in memory: set where the rules were loaded
        self.rules_label.setVisible(bool(problems))
        if problems:
            self.rules_label.setText(self.tr("Rules from HQ left out (%1): %2").replace("%1", str(len(problems))).replace(
                "%2", "; ".join(text_of_code(p.code, **p.params) for p in problems[:3])))
        if self.printing is not None:
            status = self.printing.queue.status()
            text = self.tr("Printer ready") if status.ok else self.tr("Printer: %1 (Ctrl+P reprints)").replace(
                "%1", text_of_code(status.message, detail=status.detail))
            self.printer_label.setText(text)
            self.printer_label.setProperty("error", not status.ok)
        if self.sync_status is None:
            self.sync_label.setText(self.tr("Offline mode (no headquarters configured)"))
            return
        status = self.sync_status()
        waiting = str(status.get("waiting", 0))
        last = status.get("last_success")
        when = last.strftime("%H:%M") if last else self.tr("never")
        if not status.get("enrolled", True) and not status.get("refused"):
            text = self.tr("Not enrolled with HQ yet: HQ unreachable, retrying · %1 events waiting").replace(
                "%1", waiting)
        elif status.get("refused"):
            text = self.tr("HQ refused this till: %1").replace(
                "%1", text_of_code(status.get("error_code") or "sync.refused", **(status.get("error_params") or {})))
        elif status.get("online"):
            text = self.tr("Online · %1 events waiting · synced %2").replace("%1", waiting).replace("%2", when)
        else:
            text = self.tr("Offline · %1 events waiting · last sync %2").replace("%1", waiting).replace("%2", when)
        self.sync_label.setText(text)
        self.sync_label.setProperty("error", bool(status.get("refused")))

    # ---- login and shift ----------------------------------------------------------------------
    def try_login(self, pin: str) -> None:
        self.call(lambda: login(self.till, pin), self.logged_in,
                  lambda error: self.login_screen.show_error(text_of(error)))

    def logged_in(self, cashier: CashierInfo) -> None:
        self.set_cashier(cashier)
        self.stack.setCurrentWidget(self.till_screen)
        self.call(lambda: current_shift(self.till), self.shift_checked)

    def set_cashier(self, cashier: CashierInfo) -> None:
        self.cashier = cashier
        self.call(lambda: weight_layout(self.till), lambda layout: setattr(self, "weight_layout", layout))
        roles = {"cashier": self.tr("cashier"), "supervisor": self.tr("supervisor"), "manager": self.tr("manager")}
        self.who.setText(self.tr("Cashier: %1 (%2)").replace("%1", cashier.name)
                         .replace("%2", roles.get(cashier.role, cashier.role)))

    def shift_checked(self, shift: Any) -> None:
        if shift is None:
            dialog = AmountDialog(self.tr("Open shift"), self.tr("Opening float in the drawer (yuan)"), self,
                                  default_fen=50000)
            if dialog.exec():
                amount = dialog.amount_fen
                self.call(lambda: open_shift(self.till, self.cashier, amount), lambda _: self.start_session())
                return
        self.start_session()

    def start_session(self) -> None:
        cashier = self.cashier
        self.call(lambda: self._new_session(cashier), self._session_started)

    def _new_session(self, cashier: CashierInfo) -> tuple[SaleSession, dict[str, list], SaleView]:
        """(worker thread) the sale session, and the small lists dialogs need, loaded once. It only
        returns them: the window's state is assigned on the GUI thread (`_session_started`)."""
        session = SaleSession(self.till, cashier)
        with self.till.uow() as uow:
            extras = {"plans": [(p.name, p.pay_fen, p.bonus_fen) for p in uow.rules.plans()],
                      "gifts": [(g.id, g.name, g.points) for g in uow.rules.gifts()]}
        return session, extras, session.view()

    def _session_started(self, started: tuple[SaleSession, dict[str, list], SaleView]) -> None:
        self.session, self.extras, view = started
        self.show_view(view)

    def logout(self) -> None:
        self.cashier = None
        self.session = None
        self.who.setText("")
        self.login_screen.reset()
        self.stack.setCurrentWidget(self.login_screen)

    # ---- selling --------------------------------------------------------------------------------
    def takes_wedge_scans(self) -> bool:
        """A burst is a scan while a sale is open on the till screen, whatever has the focus -
        except in a dialog that reads scans into its own field (returns, member look-up, coupon)."""
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.property("takes_scans"):
            return False
        return (self.session is not None and self.stack.currentWidget() is self.till_screen
                and (modal is not None or self.isActiveWindow()))

    def on_wedge_scan(self, code: str) -> None:
        """A keyboard-wedge burst, wherever the focus was: the typed characters are taken back out
        of the field they landed in, and the code goes to the scan router."""
        self.till_screen.scan.clear()
        self.route_scan(code)

    @Slot(str)
    def on_serial_scan(self, code: str) -> None:
        """A serial scanner's code (queued here from its reader thread)."""
        modal = QApplication.activeModalWidget()
        if self.session is not None and (modal is None or not modal.property("takes_scans")):
            self.route_scan(code)

    def route_scan(self, code: str) -> None:
        """A scan while anything may be open: the till screen takes it as usual; the payment dialog
        sends a product back ("finish the payment first"), takes a payment code as the reference
        and a member code (or coupon) by closing, attaching and opening again; any other dialog
        gets a message and the code is dropped (it never becomes a quantity or an amount)."""
        modal = QApplication.activeModalWidget()
        if modal is None:
            self.on_scan(code)
            return
        payment = getattr(self, "payment_dialog", None)
        scan = classify(code, self.weight_layout)
        if modal is payment and payment is not None:
            payment.take_back(code)
            self.scan_during_payment(payment, scan, code)
            return
        for field in modal.findChildren(QLineEdit):
            if field.hasFocus() and code and field.text().endswith(code[:field.maxLength()]):
                field.setText(field.text()[:-len(code[:field.maxLength()])])
        self.till_screen.show_message(text_of_code("scan.dialog_open"))

    def scan_during_payment(self, dialog: PaymentDialog, scan: Scan, raw: str) -> None:
        if scan.kind in (MEMBER_CODE, MEMBER_CARD, COUPON) or is_member_id(scan):
            dialog.rescan = scan            # attach (or apply) first, then the payment opens again
            dialog.reject()
        elif scan.kind == PAY_CODE:
            key = "F3" if scan.wallet == "wechat" else "F4"
            dialog.take_pay_code(scan.code, text_of_code("scan.pay_code_in_payment",
                                                                 wallet=scan.wallet, key=key))
        elif scan.kind == UNKNOWN and REFERENCE.match(raw.strip()) and not (
                raw.strip().isdigit() and len(raw.strip()) in (8, 12, 13)):      # a product code misread
            # a transaction number from a card terminal's slip, say: the next tender's reference
            dialog.take_pay_code(raw.strip(), text_of_code("scan.reference_in_payment"))
        elif scan.kind == UNKNOWN:
            dialog.fail(text_of_code(scan.reason, **scan.reason_params))
        else:                               # a product, a scale label, a GS1 item, a receipt
            dialog.fail(text_of_code("scan.finish_payment_first"))

    def after_payment_rescan(self, scan: Scan | str) -> None:
        """The payment dialog was closed for a member code or coupon scanned in it: attach or
        apply it, then open the payment again on the repriced sale."""
        session = self.session

        def reopen(view: SaleView) -> None:
            self.show_view(view)
            self.do_pay()

        def refused(error: Exception) -> None:      # say why in the payment, opened again as it was
            self.payment_note = text_of(error)
            self.do_pay()
        if scan == "override":              # the payment dialog's "manager approves spending"
            self.request_spend_override(self.do_pay)
        else:                               # a member code or card, a member id, a coupon
            code = scan.code
            self.call(lambda: session.handle_scan(code),
                      lambda outcome: reopen(outcome.view) if outcome.view is not None else self.do_pay(), refused)

    def request_spend_override(self, then: Callable[[], None] | None = None) -> None:
        """The member was found by id, card or phone: a manager's PIN lets them spend on this sale
        (audited by the service). `then` runs once the sale shows the approval."""
        pin = self._approval("member_spend", self.tr("let a member found by id, card or phone spend points or "
                                                     "stored value on this sale"))
        if pin is None:
            return
        session = self.session

        def approved(view: SaleView) -> None:
            self.show_view(view)
            if then is not None:
                then()
        self.call(lambda: session.allow_member_spend(pin or None), approved)

    def spend_allowed_or_ask(self, then: Callable[[], None]) -> bool:
        """True when the sale's member may spend; otherwise say why and offer the override."""
        if self.view is not None and self.view.member is not None and not self.view.may_spend:
            self.till_screen.show_message(text_of_code("member.unverified_spend"))
            choice = QMessageBox.question(self, self.tr("Member not verified"), self.tr(
                "Ask the member to show their member code. Or may a manager approve spending on this sale?"))
            if choice == QMessageBox.Yes:
                self.request_spend_override(then)
            return False
        return True

    @staticmethod
    def attach_looked_up(session: SaleSession, member_id: str, query: str) -> SaleView:
        """(worker thread) The member the look-up dialog found, identified as the query found them."""
        query = query.strip()
        if query.isdigit() and len(query) in (4, 11):
            return session.attach_member(member_id, "phone")
        view = session.attach_member(query) if query else None
        if view is not None and view.member is not None and view.member.id == member_id:
            return view
        return session.attach_member(member_id, "id")

    def on_scan(self, code: str) -> None:
        """Every scan (wedge, serial or typed) goes to the sale's one router (in the background);
        the window only shows what it did."""
        if self.session is None:
            return
        session = self.session
        self.call(lambda: session.handle_scan(code), self.show_scan)

    def show_scan(self, outcome: ScanOutcome) -> None:
        if outcome.kind == RETURNS:
            self.open_returns(outcome.receipt_no)
        elif outcome.kind == REFUSED:               # unknown, or a customer's payment code
            self.till_screen.show_message(text_of_code(outcome.code, **(outcome.params or {})))
            self.till_screen.focus_scan()
        else:
            self.show_view(outcome.view)

    def on_action(self, name: str) -> None:
        if self.session is None and name != "help":
            return
        handler = getattr(self, f"do_{name}", None)
        if handler:
            handler()
        self.till_screen.focus_scan()

    def do_help(self) -> None:
        keys = "\n".join(f"{key}\t{text}" for _, key, text in self.till_screen.function_keys())
        QMessageBox.information(self, self.tr("Keys"), keys)

    def do_search(self) -> None:
        session = self.session
        dialog = ProductSearchDialog(session.search, lambda p: f"{p.name}    {yuan(p.price_fen)}", self)
        if dialog.exec() and dialog.chosen is not None:
            product_id = dialog.chosen.id
            self.call(lambda: session.add_product(product_id), self.show_view)

    def do_member(self) -> None:
        session = self.session
        dialog = MemberLookupDialog(lambda q: look_up(self.till, q), self.describe_member, self)
        dialog.setProperty("takes_scans", True)
        if not dialog.exec():
            return
        if dialog.wants_registration:
            reg = RegisterMemberDialog(lambda phone, name, birthday, consent:
                                       register(self.till, self.cashier, phone, name, birthday, consent), self)
            if reg.exec() and reg.member is not None:
                member_id = reg.member.id
                self.call(lambda: session.attach_member(member_id, "phone"), self.show_view)
        elif dialog.chosen is not None:
            member_id, query = dialog.chosen.id, dialog.query.text()
            self.call(lambda: self.attach_looked_up(session, member_id, query), self.show_view)

    def describe_member(self, m: Any) -> str:
        points = self.tr("%1 points").replace("%1", str(m.points))
        return f"{m.name}  {m.masked_phone}  {m.tier_name}  {points}"

    def do_coupon(self) -> None:
        box = QInputDialog(self)
        box.setWindowTitle(self.tr("Coupon"))
        box.setLabelText(self.tr("Scan or type the coupon code"))
        box.setProperty("takes_scans", True)            # the coupon's code is scanned into it
        ok, code = bool(box.exec()), box.textValue()
        if ok and code.strip():
            session = self.session
            self.call(lambda: session.apply_coupon(code), self.show_view)

    # ---- taking things off the sale, a manager's price override and discount ----------------------
    def do_remove_member(self) -> None:
        if self.view is None or self.view.member is None:
            self.till_screen.show_message(self.tr("No member on this sale"))
            return
        if QMessageBox.question(self, self.tr("Remove member"),
                                self.tr("Take the member off this sale? Their coupons and points come off too.")) \
                != QMessageBox.Yes:
            return
        session = self.session
        self.call(session.detach_member, self.show_view)

    def do_remove_coupon(self) -> None:
        codes = list(self.view.coupon_codes) if self.view is not None else []
        if not codes:
            self.till_screen.show_message(self.tr("No coupon on this sale"))
            return
        code = codes[0]
        if len(codes) > 1:
            code, ok = QInputDialog.getItem(self, self.tr("Remove coupon"), self.tr("Coupon to take off"), codes, 0, False)
            if not ok:
                return
        session = self.session
        self.call(lambda: session.remove_coupon(code), self.show_view)

    def do_override(self) -> None:
        line_id = self.till_screen.selected_line_id()
        if line_id is None:
            self.till_screen.show_message(self.tr("Choose the line whose price changes"))
            return
        dialog = ReasonAmountDialog(self.tr("Price override"), self.tr("New unit price"), self)
        self.override_input = dialog
        if not dialog.exec():
            return
        pin = self._approval("price_override", self.tr("price override"))
        if pin is None:
            return
        session, price, reason = self.session, dialog.amount_fen, dialog.reason.text()
        label = self.tr("Price override ({by}: {reason})")
        self.call(lambda: session.override_price(line_id, price, reason, pin or None, label_format=label),
                  self.show_view)

    def do_discount(self) -> None:
        if self.view is None or self.view.empty:
            self.till_screen.show_message(self.tr("The sale is empty"))
            return
        dialog = ReasonAmountDialog(self.tr("Discount"), self.tr("Amount or percent off"), self, percent=True)
        self.discount_input = dialog
        if not dialog.exec():
            return
        pin = self._approval("manual_discount", self.tr("manual discount"))
        if pin is None:
            return
        session, reason = self.session, dialog.reason.text()
        percent, amount = dialog.percent, dialog.amount_fen
        label = self.tr("Discount ({by}: {reason})")
        self.call(lambda: session.give_discount(reason, pin or None, percent=percent, amount_fen=amount,
                                                label_format=label), self.show_view)

    def do_suspend(self) -> None:
        session = self.session
        self.call(lambda: session.suspend(), self.show_view)

    def do_resume(self) -> None:
        session = self.session
        self.call(session.suspended, self._pick_suspended)

    def _pick_suspended(self, parked: list) -> None:
        if not parked:
            self.till_screen.show_message(self.tr("No suspended sales"), error=False)
            return
        labels = [self.tr("%1 (%2 items)").replace("%1", label).replace("%2", str(items)) for _, label, items in parked]
        choice, ok = QInputDialog.getItem(self, self.tr("Resume a sale"), self.tr("Suspended sales"), labels, 0, False)
        if ok:
            sid = parked[labels.index(choice)][0]
            session = self.session
            self.call(lambda: session.resume(sid), self.show_view)

    def _approval(self, action: str, text: str) -> str | None:
        """Ask for a manager PIN unless the cashier may do it; returns the PIN ('' = not needed).
        The PIN is checked in the background by the dialog; the approver is kept in self.approver."""
        self.approver = None
        if self.cashier.may(action):
            return ""
        box = ManagerOverrideDialog(text, lambda pin: (pin, approve(self.till, pin, action, self.cashier)), self)
        self.override_dialog = box
        if not box.exec():
            return None
        pin, self.approver = box.approval
        return pin

    def do_void_line(self) -> None:
        line_id = self.till_screen.selected_line_id()
        if line_id is None:
            return
        pin = ""
        if self.session.cart.payment_started:
            pin = self._approval("void_after_subtotal", self.tr("void a line after subtotal"))
            if pin is None:
                return
        session = self.session
        self.call(lambda: session.void_line(line_id, pin or None), self.show_view)

    def do_void_sale(self) -> None:
        if self.view is None or self.view.empty:
            return
        if QMessageBox.question(self, self.tr("Void sale"), self.tr("Throw away the whole sale?")) != QMessageBox.Yes:
            return
        pin = ""
        if self.session.cart.payment_started:
            pin = self._approval("void_after_subtotal", self.tr("void the sale after subtotal"))
            if pin is None:
                return
        session = self.session
        self.call(lambda: session.void_sale(pin or None), self.show_view)

    def do_qty(self) -> None:
        line_id = self.till_screen.selected_line_id()
        if line_id is None:
            return
        qty, ok = QInputDialog.getInt(self, self.tr("Quantity"), self.tr("New quantity"), 1, 1, 9999)
        if ok:
            session = self.session
            self.call(lambda: session.set_qty(line_id, qty), self.show_view)

    def do_points(self) -> None:
        if self.view is None or self.view.member is None:
            self.till_screen.show_message(self.tr("Attach a member first"))
            return
        if not self.spend_allowed_or_ask(self.do_points):
            return
        points, ok = QInputDialog.getInt(self, self.tr("Points"), self.tr("Points to use (100 points = 1 yuan)"),
                                         self.view.priced.points_spent, 0, max(0, self.view.member.points), 100)
        if ok:
            session = self.session
            self.call(lambda: session.redeem_points(points), self.show_view)

    def do_top_up(self) -> None:
        if self.view is None or self.view.member is None:
            self.till_screen.show_message(self.tr("Attach a member first"))
            return
        member_id = self.view.member.id
        dialog = TopUpDialog(self.extras.get("plans", []), lambda pay, tender, ref: top_up(self.till, self.cashier, member_id, pay, tender, ref),
                             self)
        if dialog.exec():
            self.print_later(dialog.result_value)
            session = self.session
            self.call(session.view, self.show_view)

    def do_gift(self) -> None:
        if self.view is None or self.view.member is None:
            self.till_screen.show_message(self.tr("Attach a member first"))
            return
        if not self.spend_allowed_or_ask(self.do_gift):
            return
        member_id, identified_by = self.view.member.id, self.view.identified_by
        dialog = GiftDialog(self.extras.get("gifts", []), self.view.member.points,
                            lambda gift: redeem_gift(self.till, self.cashier, member_id, gift,
                                                     identified_by=identified_by), self)
        if dialog.exec():
            session = self.session
            self.call(session.view, self.show_view)

    def do_mall(self) -> None:
        """The attached member's points-mall gifts waiting here; the cashier hands them over."""
        if self.view is None or self.view.member is None:
            self.till_screen.show_message(self.tr("Attach a member first"))
            return
        member_id, name, cashier = self.view.member.id, self.view.member.name, self.cashier
        self.call(lambda: pending_orders(self.till, member_id),
                  lambda orders: self._open_mall(member_id, name, cashier, orders))

    def _open_mall(self, member_id: str, name: str, cashier, orders) -> None:
        rows = [(o.id, o.item_name, o.points, o.created_at.strftime("%Y-%m-%d %H:%M")) for o in orders]
        dialog = MallOrdersDialog(name, rows, lambda order_id: hand_over(self.till, cashier, member_id, order_id), self)
        dialog.exec()
        if dialog.handed:
            session = self.session
            self.call(session.view, self.show_view)

    def do_pay(self) -> None:
        if self.view is None or self.view.empty:
            self.till_screen.show_message(self.tr("The sale is empty"))
            return
        session = self.session
        self.call(session.start_payment, self._open_payment)

    def _open_payment(self, view: SaleView) -> None:
        self.show_view(view)
        member = view.member
        session = self.session
        dialog = PaymentDialog(view.priced, stored_value_fen=member.stored_value_fen if member else 0,
                               points_balance=member.points if member else 0, points_cap=session.points_cap(view),
                               has_member=member is not None,
                               reprice_with_points=lambda pts: session.redeem_points(pts).priced, parent=self,
                               may_spend=view.may_spend, store_limit_fen=self.till.store.max_tender_fen)
        self.payment_dialog = dialog
        note, self.payment_note = getattr(self, "payment_note", ""), ""
        if note:                            # why a code scanned in the last payment dialog was refused
            dialog.fail(note)
        if not dialog.exec():
            if dialog.rescan is not None:
                self.after_payment_rescan(dialog.rescan)
            return
        tenders = [Tender(t.kind, t.amount_fen, t.reference,
                          dialog.cash_given_fen if t.kind == TenderKind.CASH else 0) for t in dialog.tenders]
        cash = [t for t in tenders if t.kind == TenderKind.CASH]
        if len(cash) > 1:        # several quick-cash presses: one cash tender with the total handed over
            tenders = [t for t in tenders if t.kind != TenderKind.CASH] + [
                Tender(TenderKind.CASH, sum(t.amount_fen for t in cash), "", dialog.cash_given_fen)]
        self.call(lambda: complete_sale(session, tenders), self.sale_done)

    def sale_done(self, done: Any) -> None:
        self.print_later(done)
        self.till_screen.show_message(
            self.tr("Sale %1 complete. Change: %2").replace("%1", done.receipt_no).replace("%2", yuan(done.change_fen)),
            error=False)
        session = self.session
        self.call(session.view, lambda view: (self.show_view(view), self.till_screen.show_message(
            self.tr("Sale %1 complete. Change: %2").replace("%1", done.receipt_no)
            .replace("%2", yuan(done.change_fen)), error=False)))

    def print_later(self, document: Any) -> None:
        """Hand a completed result to the print queue (it renders and sends in its own thread)."""
        self.last_printed = document
        if self.on_recorded is not None:
            self.on_recorded()
        if self.printing is not None and document is not None:
            self.printing.submit(document, self.cashier.name if self.cashier else "")

    def do_reprint(self) -> None:
        """Ctrl+P: the receipt journal (any receipt of the shift, or by number, as a copy)."""
        if self.printing is None:
            return
        journal = getattr(self.printing, "journal", None)
        if journal is None:
            if self.printing.reprint() is None:
                self.till_screen.show_message(self.tr("Nothing printed yet"))
            return
        from .journal import JournalDialog
        printing, till = self.printing, self.till

        def copy_preview(entry):
            from hardware.preview import preview
            from pos_app.services.receipts import mark_copy
            copy = mark_copy(entry.receipt, till.now(), printing.labels)
            image = preview(copy, printing.paper_mm)
            return copy, image.tobytes(), image.width, image.height
        dialog = JournalDialog(journal.shift_receipts, journal.find, copy_preview, printing.queue.submit,
                               lambda entry: printing.retry(entry.receipt), self)
        self.journal_dialog = dialog
        dialog.exec()

    def do_drawer(self) -> None:
        pin = self._approval("no_sale", self.tr("open the drawer without a sale"))
        if pin is None:
            return
        approver = self.approver
        self.call(lambda: cash_movement(self.till, self.cashier, "no_sale", 0, "", approver),
                  lambda _: self.printing.open_drawer() if self.printing else None)

    # ---- returns, shift, dashboard ----------------------------------------------------------------
    def do_refund(self) -> None:
        self.open_returns("")

    def open_returns(self, receipt_no: str) -> None:
        dialog = ReturnsDialog(lambda number: self._returnable(number), self._approve_and_refund, self)
        self.returns_dialog = dialog
        dialog.setProperty("takes_scans", True)         # the receipt's barcode is scanned into it
        if receipt_no:
            dialog.receipt.setText(receipt_no)
            dialog.lookup()
        if dialog.exec() and dialog.result_value is not None:
            self.print_later(dialog.result_value)
            self.till_screen.show_message(self.tr("Refunded %1").replace("%1", yuan(dialog.result_value.plan.money_fen)),
                                          error=False)

    def _returnable(self, number: str):
        sale = find_sale(self.till, number, from_hq=self.sale_from_hq)
        return sale, [(l.line_id, l.name, l.qty_left, l.paid_fen) for l in sale.lines]

    def _approve_and_refund(self, sale: Any, returns: dict[str, int], done: Callable[[Any], None],
                            failed: Callable[[Exception], None]) -> None:
        """The manager's PIN, then the refund in the background; `done(result)` (None when no
        approval was given) or `failed(error)` on the GUI thread. Nothing waits for the worker."""
        pin = self._approval("refund", self.tr("refund %1").replace("%1", sale.receipt_no))
        if pin is None:
            done(None)
            return
        cashier, receipt_no, from_hq = self.cashier, sale.receipt_no, self.sale_from_hq
        run_in_background(self, lambda: refund(self.till, cashier, receipt_no, returns, pin or None, from_hq=from_hq),
                          done, failed)

    def do_shift(self) -> None:
        choices = [self.tr("Cash in"), self.tr("Cash out"), self.tr("X report / close shift")]
        choice, ok = QInputDialog.getItem(self, self.tr("Shift"), self.tr("What do you want to do?"), choices, 2, False)
        if not ok:
            return
        if choice == choices[2]:
            self.call(lambda: x_report(self.till), self._shift_close)
            return
        kind = "in" if choice == choices[0] else "out"
        dialog = AmountDialog(choice, self.tr("Amount (yuan)"), self)
        if dialog.exec():
            amount = dialog.amount_fen
            self.call(lambda: cash_movement(self.till, self.cashier, kind, amount),
                      lambda _: self.till_screen.show_message(self.tr("Recorded"), error=False))

    def report_rows(self, report: Any) -> list[tuple[str, str]]:
        from .payment import tender_name
        tender_names = {k: tender_name(self, k) for k in (TenderKind.CASH, TenderKind.STORED_VALUE, TenderKind.WECHAT, TenderKind.ALIPAY, TenderKind.CARD)}
        # gross - discounts - points offset - rounding = net sales, every term on screen with its sign
        rows = [(self.tr("Sales"), str(report.sales_count)), (self.tr("Gross"), yuan(report.gross_fen)),
                (self.tr("Discounts"), "-" + yuan(report.discount_fen)),
                (self.tr("Points offset"), "-" + yuan(report.points_offset_fen)),
                (self.tr("Rounding"), "-" + yuan(report.rounding_fen)),
                (self.tr("Net sales"), yuan(report.net_sales_fen)),
                (self.tr("Refunds"), f"{report.refunds_count} / {yuan(report.refunds_fen)}"),
                (self.tr("Top-ups"), yuan(report.top_ups_fen))]
        rows += [(tender_names.get(k, k), yuan(v)) for k, v in sorted(report.tenders.items())]
        rows += [(self.tr("Cash in"), yuan(report.cash_in_fen)), (self.tr("Cash out"), yuan(report.cash_out_fen)),
                 (self.tr("Opening float"), yuan(report.float_fen)), (self.tr("Expected cash"), yuan(report.expected_cash_fen)),
                 (self.tr("Points issued"), str(report.points_issued)), (self.tr("Points redeemed"), str(report.points_redeemed)),
                 (self.tr("Stored value spent"), yuan(report.stored_value_spent_fen)),
                 (self.tr("Stored value bonus issued"), yuan(report.stored_value_bonus_issued_fen))]
        names = getattr(report, "cashier_names", {}) or {}
        rows += [(self.tr("Cashier %1").replace("%1", names.get(k, k)), yuan(v))
                 for k, v in sorted(report.by_cashier.items(), key=lambda kv: names.get(kv[0], kv[0]))]
        if report.counted_cash_fen is not None:
            rows += [(self.tr("Counted cash"), yuan(report.counted_cash_fen)),
                     (self.tr("Over / short"), yuan(report.over_short_fen))]
        return rows

    def _shift_close(self, report: Any) -> None:
        dialog = ShiftCloseDialog(self.report_rows(report), self._close_shift, self.print_later, self)
        self.shift_dialog = dialog
        if dialog.exec():
            QMessageBox.information(self, self.tr("Shift closed"), "\n".join(
                f"{label}: {value}" for label, value in self.report_rows(dialog.result_value)))
            self.logout()

    def _close_shift(self, counted: int) -> Any:
        """In the background: close the shift, then back the database up (a failed backup is
        logged and does not undo the close)."""
        report = close_shift(self.till, self.cashier, counted)
        if self.after_shift_close is not None:
            try:
                self.after_shift_close()
            except Exception:
                logging.getLogger(__name__).exception("backup after shift close failed")
        return report

    def do_dashboard(self) -> None:
        if not self.cashier.may("dashboard"):
            pin = self._approval("points_adjustment", self.tr("see the dashboard"))
            if pin is None:
                return
        self.call(lambda: x_report(self.till), self._show_dashboard)

    def _show_dashboard(self, report: Any) -> None:
        dialog = DashboardDialog(self)
        self.dashboard = dialog
        dialog.show_figures(report.net_sales_fen, report.sales_count, report.member_sales_fen,
                            sorted(report.by_hour.items()), report.top_items)
        dialog.exec()

    def do_settings(self) -> None:
        """The saved settings are read in the background; the dialog opens with them."""
        from pos_app.services import settings as till_settings
        current = self.config_values
        self.call(lambda: till_settings.load(self.till, current), self._open_settings)

    def _open_settings(self, values: dict[str, Any]) -> None:
        from .settings import SettingsDialog
        dialog = SettingsDialog(self.till, values, self, cashier=self.cashier)
        self.settings_dialog = dialog
        dialog.exec()

    def do_logout(self) -> None:
        self.logout()


_ = (Qt, format_fen)
