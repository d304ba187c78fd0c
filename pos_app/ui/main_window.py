"""The till window: login, then the till screen; every action runs through the services in the
background and comes back to the GUI thread as a result or a translated message."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMainWindow, QMessageBox, QStackedWidget, QWidget

from .login import LoginScreen
from .messages import text_of, text_of_code
from .worker import run_in_background

if TYPE_CHECKING:
    from pos_app.domain.barcodes import Scan, WeightLayout
    from pos_app.services import CashierInfo, SaleSession, SaleView, Till
    from pos_app.services.sale import ScanOutcome

    from .member_actions import MemberActions
    from .payment import PaymentDialog
    from .sale_actions import SaleActions
    from .shift_actions import ShiftActions
    from .till_screen import TillScreen


def load_parts() -> None:
    """(any thread) Import what `TillWindow.attach` builds the till screen with; the till's start
    does it on the database thread while the database opens (pos_app/boot.py)."""
    from . import member_actions, sale_actions, shift_actions, till_screen  # noqa: F401


# what a payment reference scanned in the payment dialog may look like (letters, digits, dashes)
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{3,63}$")


class TillWindow(QMainWindow):
    """`printing` (optional) receives completed sales, refunds, top-ups and reports to print;
    `sync_status` (optional) returns a dict for the status bar.

    Made without a till (the till's start, pos_app/boot.py) it is only the login screen, saying
    the database is opening, and takes no PIN; `attach(till, ...)` builds the rest once the
    database has answered. This module imports no services (no SQLAlchemy): they load with the
    database, on its thread, and the window's parts import them in `attach` (issue 23)."""

    busy_changed = Signal(bool)

    def __init__(
        self,
        till: Till | None = None,
        *,
        demo: bool = False,
        printing: Any = None,
        sync_status: Callable[[], dict] | None = None,
        on_recorded: Callable[[], None] | None = None,
        after_shift_close: Callable[[], Any] | None = None,
        sale_from_hq: Callable[[str], dict] | None = None,
        parent: QWidget | None = None,
        config_values: dict[str, dict[str, Any]] | None = None,
    ):
        """`on_recorded` is called after each completed sale, refund or top-up (the sync worker's
        nudge); `after_shift_close` runs in the background after a shift closes (the backup)."""
        super().__init__(parent)
        self.demo = demo
        self.customer_display: Any = None
        self.cashier: CashierInfo | None = None
        self.session: SaleSession | None = None
        self.view: SaleView | None = None
        self.last_printed: Any = None
        self.extras: dict[str, list] = {}
        self.approver: Any = None
        # set by attach(): the till and what works on it
        self.till: Till
        self.till_screen: TillScreen
        self.weight_layout: WeightLayout
        self.sales: SaleActions
        self.members: MemberActions
        self.shifts: ShiftActions
        self.actions: dict[str, Callable[[], None]] = {}
        self.setWindowTitle(self.tr("MemberTill"))
        self.resize(1280, 800)
        self.login_screen = LoginScreen()
        self.login_screen.pin_entered.connect(self.try_login)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.login_screen)
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
        self.rules_label.hide()
        self.statusBar().addPermanentWidget(self.rules_label)
        self.statusBar().addPermanentWidget(self.printer_label)
        self.statusBar().addPermanentWidget(self.sync_label)
        if till is not None:
            self.attach(
                till,
                printing=printing,
                sync_status=sync_status,
                on_recorded=on_recorded,
                after_shift_close=after_shift_close,
                sale_from_hq=sale_from_hq,
                config_values=config_values,
            )

    def renew_login_screen(self) -> None:
        """A new login screen in the language installed since this one was made (the language a
        manager saved at the till, read with the database); before `attach`."""
        old = self.login_screen
        self.login_screen = LoginScreen()
        self.login_screen.pin_entered.connect(self.try_login)
        self.stack.insertWidget(0, self.login_screen)
        self.stack.setCurrentWidget(self.login_screen)
        self.stack.removeWidget(old)
        old.deleteLater()
        self.setWindowTitle(self.tr("MemberTill"))

    def attach(
        self,
        till: Till,
        *,
        printing: Any = None,
        sync_status: Callable[[], dict] | None = None,
        on_recorded: Callable[[], None] | None = None,
        after_shift_close: Callable[[], Any] | None = None,
        sale_from_hq: Callable[[str], dict] | None = None,
        config_values: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        """The database has answered: the till screen and the actions on `till`; the login
        screen takes PINs from now on."""
        from hardware.scanners import WedgeDetector
        from pos_app.domain.barcodes import WeightLayout
        from pos_app.services.demo import demo_pins

        from .member_actions import MemberActions
        from .sale_actions import SaleActions
        from .shift_actions import ShiftActions
        from .till_screen import TillScreen

        self.till, self.printing, self.sync_status = till, printing, sync_status
        self.on_recorded, self.after_shift_close = on_recorded, after_shift_close
        self.sale_from_hq = sale_from_hq  # HQ's copy of another till's sale, for returns (None: standalone)
        self.config_values = config_values or {}  # what the till runs with: the settings dialog's start
        self.setWindowTitle(self.tr("MemberTill — %1").replace("%1", till.store.name))
        hint = ""
        if self.demo:
            roles = {"cashier": self.tr("cashier"), "supervisor": self.tr("supervisor"), "manager": self.tr("manager")}
            hint = self.tr("Demo store PINs: %1").replace(
                "%1", "  ".join(f"{roles[r]} {name} {pin}" for name, r, pin in demo_pins())
            )
        self.till_screen = TillScreen()
        self.till_screen.scanned.connect(self.on_scan)
        self.till_screen.action.connect(self.on_action)
        self.stack.addWidget(self.till_screen)
        self.weight_layout = WeightLayout()
        self.wedge = WedgeDetector(self, accept=self.takes_wedge_scans)
        self.wedge.scanned.connect(self.on_wedge_scan)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.wedge)
        if printing is not None and hasattr(printing, "use_journal") and printing.journal is None:
            from pos_app.services.journal import ReceiptJournal

            printing.use_journal(ReceiptJournal(till))  # every receipt kept for reprints (Ctrl+P)
        self.sales, self.members, self.shifts = SaleActions(self), MemberActions(self), ShiftActions(self)
        self.actions = {
            "help": self.show_help,
            "logout": self.logout,
            "search": self.sales.search,
            "coupon": self.sales.coupon,
            "remove_coupon": self.sales.remove_coupon,
            "override": self.sales.override,
            "discount": self.sales.discount,
            "suspend": self.sales.suspend,
            "resume": self.sales.resume,
            "void_line": self.sales.void_line,
            "void_sale": self.sales.void_sale,
            "qty": self.sales.qty,
            "pay": self.sales.pay,
            "reprint": self.sales.reprint,
            "drawer": self.sales.drawer,
            "member": self.members.member,
            "remove_member": self.members.remove_member,
            "points": self.members.points,
            "top_up": self.members.top_up,
            "gift": self.members.gift,
            "mall": self.members.mall,
            "refund": self.shifts.refund,
            "shift": self.shifts.shift,
            "dashboard": self.shifts.dashboard,
            "settings": self.shifts.settings,
        }
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh_sync)
        self.timer.start(2000)
        self.refresh_sync()
        self.login_screen.set_ready(till.store.name, till.store.till_name, hint)

    # ---- plumbing ---------------------------------------------------------------------------
    def call(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run a service call in the background; errors go to the till's message line."""
        run_in_background(self, fn, done or (lambda _: None), failed or self.fail)

    def tell(self, text: str) -> None:
        """A message for the cashier (the crash reporter's): on the till screen's message line, or
        on the login screen before the till screen exists."""
        if hasattr(self, "till_screen"):
            self.till_screen.show_message(text)
        else:
            self.login_screen.error.setText(text)

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
            screen.member.show_member(
                m.name,
                m.masked_phone,
                m.tier_name,
                m.points,
                m.stored_value_fen,
                applied + usable,
                sum(1 for c in view.priced.held_coupons if not c.applied),
                m.pending_gifts,
            )
        screen.select_line(view.last_line_id)
        screen.show_message("")
        for note in view.priced.notes:
            screen.show_message(text_of_code(note.code, **note.params))
        screen.focus_scan()

    def refresh_sync(self) -> None:
        problems = self.till.rule_problems  # in memory: set where the rules were loaded
        self.rules_label.setVisible(bool(problems))
        if problems:
            self.rules_label.setText(
                self.tr("Rules from HQ left out (%1): %2")
                .replace("%1", str(len(problems)))
                .replace("%2", "; ".join(text_of_code(p.code, **p.params) for p in problems[:3]))
            )
        if self.printing is not None:
            status = self.printing.queue.status()
            text = (
                self.tr("Printer ready")
                if status.ok
                else self.tr("Printer: %1 (Ctrl+P reprints)").replace(
                    "%1", text_of_code(status.message, detail=status.detail)
                )
            )
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
                "%1", waiting
            )
        elif status.get("refused"):
            text = self.tr("HQ refused this till: %1").replace(
                "%1", text_of_code(status.get("error_code") or "sync.refused", **(status.get("error_params") or {}))
            )
        elif status.get("online"):
            text = self.tr("Online · %1 events waiting · synced %2").replace("%1", waiting).replace("%2", when)
        else:
            text = self.tr("Offline · %1 events waiting · last sync %2").replace("%1", waiting).replace("%2", when)
        self.sync_label.setText(text)
        self.sync_label.setProperty("error", bool(status.get("refused")))

    # ---- login and shift ----------------------------------------------------------------------
    def try_login(self, pin: str) -> None:
        from pos_app.services import login

        self.call(
            lambda: login(self.till, pin), self.logged_in, lambda error: self.login_screen.show_error(text_of(error))
        )

    def logged_in(self, cashier: CashierInfo) -> None:
        from pos_app.services import current_shift

        self.set_cashier(cashier)
        self.stack.setCurrentWidget(self.till_screen)
        self.call(lambda: current_shift(self.till), self.shift_checked)

    def set_cashier(self, cashier: CashierInfo) -> None:
        from pos_app.services.sale import weight_layout

        self.cashier = cashier
        self.call(lambda: weight_layout(self.till), lambda layout: setattr(self, "weight_layout", layout))
        roles = {"cashier": self.tr("cashier"), "supervisor": self.tr("supervisor"), "manager": self.tr("manager")}
        self.who.setText(
            self.tr("Cashier: %1 (%2)").replace("%1", cashier.name).replace("%2", roles.get(cashier.role, cashier.role))
        )

    def shift_checked(self, shift: Any) -> None:
        from pos_app.services import open_shift

        from .dialogs import AmountDialog

        if shift is None:
            dialog = AmountDialog(
                self.tr("Open shift"), self.tr("Opening float in the drawer (yuan)"), self, default_fen=50000
            )
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
        from pos_app.services import SaleSession
        from pos_app.services.members import counter_lists

        session = SaleSession(self.till, cashier)
        return session, counter_lists(self.till), session.view()

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
        return (
            self.session is not None
            and self.stack.currentWidget() is self.till_screen
            and (modal is not None or self.isActiveWindow())
        )

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
        from pos_app.domain.barcodes import classify

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
            if field.hasFocus() and code and field.text().endswith(code[: field.maxLength()]):
                field.setText(field.text()[: -len(code[: field.maxLength()])])
        self.till_screen.show_message(text_of_code("scan.dialog_open"))

    def scan_during_payment(self, dialog: PaymentDialog, scan: Scan, raw: str) -> None:
        from pos_app.domain.barcodes import COUPON, MEMBER_CARD, MEMBER_CODE, PAY_CODE, UNKNOWN, is_member_id

        if scan.kind in (MEMBER_CODE, MEMBER_CARD, COUPON) or is_member_id(scan):
            dialog.rescan = scan  # attach (or apply) first, then the payment opens again
            dialog.reject()
        elif scan.kind == PAY_CODE:
            key = "F3" if scan.wallet == "wechat" else "F4"
            dialog.take_pay_code(scan.code, text_of_code("scan.pay_code_in_payment", wallet=scan.wallet, key=key))
        elif (
            scan.kind == UNKNOWN
            and REFERENCE.match(raw.strip())
            and not (raw.strip().isdigit() and len(raw.strip()) in (8, 12, 13))
        ):  # a product code misread
            # a transaction number from a card terminal's slip, say: the next tender's reference
            dialog.take_pay_code(raw.strip(), text_of_code("scan.reference_in_payment"))
        elif scan.kind == UNKNOWN:
            dialog.fail(text_of_code(scan.reason, **scan.reason_params))
        else:  # a product, a scale label, a GS1 item, a receipt
            dialog.fail(text_of_code("scan.finish_payment_first"))

    def after_payment_rescan(self, scan: Scan | str) -> None:
        """The payment dialog was closed for a member code or coupon scanned in it: attach or
        apply it, then open the payment again on the repriced sale."""
        session = self.session

        def reopen(view: SaleView) -> None:
            self.show_view(view)
            self.sales.pay()

        def refused(error: Exception) -> None:  # say why in the payment, opened again as it was
            self.payment_note = text_of(error)
            self.sales.pay()

        if scan == "override":  # the payment dialog's "manager approves spending"
            self.members.request_spend_override(self.sales.pay)
        else:  # a member code or card, a member id, a coupon
            code = scan.code
            self.call(
                lambda: session.handle_scan(code),
                lambda outcome: reopen(outcome.view) if outcome.view is not None else self.sales.pay(),
                refused,
            )

    def on_scan(self, code: str) -> None:
        """Every scan (wedge, serial or typed) goes to the sale's one router (in the background);
        the window only shows what it did."""
        if self.session is None:
            return
        session = self.session
        self.call(lambda: session.handle_scan(code), self.show_scan)

    def show_scan(self, outcome: ScanOutcome) -> None:
        from pos_app.services.sale import REFUSED, RETURNS

        if outcome.kind == RETURNS:
            self.shifts.open_returns(outcome.receipt_no)
        elif outcome.kind == REFUSED:  # unknown, or a customer's payment code
            self.till_screen.show_message(text_of_code(outcome.code, **(outcome.params or {})))
            self.till_screen.focus_scan()
        else:
            self.show_view(outcome.view)

    # ---- the actions: one table, three parts by responsibility --------------------------------------
    def on_action(self, name: str) -> None:
        """A function key or touch button (till_screen.function_keys names them): its handler from
        the action table; without an open sale only help works."""
        if self.session is None and name != "help":
            return
        handler = self.actions.get(name)
        if handler is not None:
            handler()
        self.till_screen.focus_scan()

    def show_help(self) -> None:
        keys = "\n".join(f"{key}\t{text}" for _, key, text in self.till_screen.function_keys())
        QMessageBox.information(self, self.tr("Keys"), keys)

    def _approval(self, action: str, text: str) -> str | None:
        """Ask for a manager PIN unless the cashier may do it; returns the PIN ('' = not needed).
        The PIN is checked in the background by the dialog; the approver is kept in self.approver."""
        from pos_app.services.auth import approve

        from .dialogs import ManagerOverrideDialog

        self.approver = None
        if self.cashier.may(action):
            return ""
        box = ManagerOverrideDialog(text, lambda pin: (pin, approve(self.till, pin, action, self.cashier)), self)
        self.override_dialog = box
        if not box.exec():
            return None
        pin, self.approver = box.approval
        return pin

    def print_later(self, document: Any) -> None:
        """Hand a completed result to the print queue (it renders and sends in its own thread)."""
        self.last_printed = document
        if self.on_recorded is not None:
            self.on_recorded()
        if self.printing is not None and document is not None:
            self.printing.submit(document, self.cashier.name if self.cashier else "")
