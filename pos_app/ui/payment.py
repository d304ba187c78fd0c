"""Payment dialog: split tenders, quick cash, change shown large, points offset with its cap,
stored value with a balance check, external payments with their reference."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain import PricedCart, TenderKind, parse_yuan
from pos_app.domain.tenders import Tender
from pos_app.services.checkout import MAX_REFERENCE, tender_limit_fen

from .messages import text_of, text_of_code
from .panels import yuan
from .worker import run_in_background

# a tender in the list; for cash, amount_fen is the part of the sale it pays (tendered minus
# change) and cash_given_fen what the customer handed over (the list shows it, and the change)


def tender_name(widget: QWidget, kind: TenderKind | str) -> str:
    return {
        TenderKind.CASH: QCoreApplication.translate("Tenders", "Cash"),
        TenderKind.STORED_VALUE: QCoreApplication.translate("Tenders", "Stored value"),
        TenderKind.WECHAT: QCoreApplication.translate("Tenders", "WeChat Pay"),
        TenderKind.ALIPAY: QCoreApplication.translate("Tenders", "Alipay"),
        TenderKind.CARD: QCoreApplication.translate("Tenders", "Bank card"),
    }[kind]


class PaymentDialog(QDialog):
    """`reprice_with_points(points) -> PricedCart` lets the cashier apply points before paying."""

    def __init__(
        self,
        priced: PricedCart,
        *,
        stored_value_fen: int = 0,
        points_balance: int = 0,
        points_cap: int = 0,
        has_member: bool = False,
        reprice_with_points: Callable[[int], PricedCart] | None = None,
        parent: QWidget | None = None,
        may_spend: bool = True,
        store_limit_fen: int = 0,
    ):
        """`may_spend` is False when the member was found by id, card or phone (not verified):
        points and stored value stay closed (the identification policy, docs/architecture.md).
        `store_limit_fen` is the store's own cap on cash handed over (0: payable + 10,000 yuan)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Payment"))
        self.setMinimumWidth(620)
        self.priced = priced
        self.stored_value_fen = stored_value_fen
        self.reprice_with_points = reprice_with_points
        self.store_limit_fen = store_limit_fen
        self.may_spend = may_spend
        self.tenders: list[Tender] = []
        self.cash_given_fen = 0
        layout = QVBoxLayout(self)
        top = QGridLayout()
        self.payable = QLabel()
        self.payable.setObjectName("payable")
        self.due = QLabel()
        self.due.setObjectName("title")
        self.change = QLabel()
        self.change.setObjectName("change")
        top.addWidget(QLabel(self.tr("Payable")), 0, 0)
        top.addWidget(self.payable, 0, 1)
        top.addWidget(QLabel(self.tr("Still due")), 1, 0)
        top.addWidget(self.due, 1, 1)
        top.addWidget(QLabel(self.tr("Change")), 2, 0)
        top.addWidget(self.change, 2, 1)
        layout.addLayout(top)

        points_row = QHBoxLayout()
        self.points = QSpinBox()
        self.points.setRange(0, max(0, points_balance))
        self.points.setSingleStep(100)
        self.points.setValue(priced.points_spent)
        self.points_info = QLabel()
        self.points_info.setObjectName("muted")
        apply_points = QPushButton(self.tr("Use points"))
        apply_points.clicked.connect(self.use_points)
        for w in (QLabel(self.tr("Points")), self.points, apply_points):
            points_row.addWidget(w)
        points_row.addWidget(self.points_info, 1)
        self.points_widgets = (self.points, apply_points)
        for w in self.points_widgets:
            w.setEnabled(has_member and may_spend and points_balance > 0 and reprice_with_points is not None)
        if not has_member:
            self.points_info.setText(self.tr("Attach a member to use points"))
        elif not may_spend:
            self.points_info.setText(self.tr("To spend points or stored value, scan the member's code"))
        else:
            self.points_info.setText(
                self.tr("Balance %1 points; at most %2 points on this sale")
                .replace("%1", str(points_balance))
                .replace("%2", str(points_cap))
            )
        layout.addLayout(points_row)

        entry = QHBoxLayout()
        self.amount = QLineEdit()
        self.amount.setObjectName("amount")
        self.amount.setMaxLength(12)  # 999999999.99: more than any till takes; a scan cannot fit
        self.amount.setPlaceholderText(self.tr("Amount (yuan)"))
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.setMaxLength(MAX_REFERENCE)
        self.reference.setPlaceholderText(self.tr("Payment reference"))
        entry.addWidget(self.amount)
        entry.addWidget(self.reference)
        layout.addLayout(entry)
        # the keyboard rules, in full, on their own line (a placeholder this long was cut off)
        self.hint = QLabel(self.tr("Enter: pay the amount in cash (empty: what is still due); F2-F5: other tenders"))
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)

        quick = QHBoxLayout()
        for label, value in ((self.tr("Exact"), None), ("￥50", 5000), ("￥100", 10000)):
            b = QPushButton(label)
            b.clicked.connect(lambda _=False, v=value: self.add_cash(v))
            quick.addWidget(b)
        layout.addLayout(quick)
        kinds = QHBoxLayout()
        for kind, key in (
            (TenderKind.CASH, "Enter"),
            (TenderKind.STORED_VALUE, "F2"),
            (TenderKind.WECHAT, "F3"),
            (TenderKind.ALIPAY, "F4"),
            (TenderKind.CARD, "F5"),
        ):
            b = QPushButton(f"{tender_name(self, kind)}\n{key}")
            b.setObjectName(f"tender_{kind}")
            b.clicked.connect(lambda _=False, k=kind: self.add_typed(k))
            if kind == TenderKind.STORED_VALUE and not may_spend:
                b.setEnabled(False)
            kinds.addWidget(b)
        layout.addLayout(kinds)
        self.sv_info = QLabel(self.tr("Stored value balance: %1").replace("%1", yuan(stored_value_fen)))
        self.sv_info.setObjectName("muted")
        layout.addWidget(self.sv_info)
        self.rescan: object = None  # set when the dialog closes for the window to act first
        if has_member and not may_spend:
            override = QPushButton(self.tr("Manager approves spending"))
            override.setObjectName("spend_override")
            override.clicked.connect(self.ask_override)
            layout.addWidget(override)
        self.list = QListWidget()
        layout.addWidget(self.list)
        self.error = QLabel("")
        self.error.setObjectName("error")
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        clear = QPushButton(self.tr("Clear payments"))
        clear.clicked.connect(self.clear_tenders)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.complete = QPushButton(self.tr("Complete sale"))
        self.complete.setObjectName("primary")
        self.complete.clicked.connect(self.accept)
        for b in (clear, cancel, self.complete):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.amount.returnPressed.connect(self.enter_pressed)
        self.reference.returnPressed.connect(self.reference_entered)
        for key, kind in (
            ("F2", TenderKind.STORED_VALUE),
            ("F3", TenderKind.WECHAT),
            ("F4", TenderKind.ALIPAY),
            ("F5", TenderKind.CARD),
        ):
            QShortcut(QKeySequence(key), self, activated=lambda k=kind: self.add_typed(k))
        self.amount.setFocus()
        self.refresh()

    def enter_pressed(self) -> None:
        """Keyboard flow: Enter pays the typed amount (or what is due) in cash; when nothing is
        due any more, Enter completes the sale."""
        if self.due_fen() == 0:
            self.accept()
        else:
            self.add_typed(TenderKind.CASH)

    def reference_entered(self) -> None:
        """Enter in the reference field: back to the amount (or complete when nothing is due)."""
        if self.due_fen() == 0:
            self.accept()
        else:
            self.amount.setFocus()

    def keyPressEvent(self, event) -> None:
        """Enter reaches the dialog once more after a line edit has handled it (QLineEdit emits
        returnPressed, then ignores the key): it was handled there, so it is taken here and
        dropped. Enter anywhere else (a button has the focus) does what Enter in the amount does."""
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            if not isinstance(self.focusWidget(), QLineEdit):
                self.enter_pressed()
            event.accept()
            return
        super().keyPressEvent(event)

    # ---- scans that land here ----------------------------------------------------------------
    def take_back(self, code: str) -> None:
        """A scanner burst was typed into a field of this dialog: take its characters out again."""
        for field in (self.amount, self.reference):
            text = field.text()
            if code and text.endswith(code[: field.maxLength()]):
                field.setText(text[: len(text) - len(code[: field.maxLength()])])
            elif field.hasFocus() and len(code) > 3:
                field.clear()

    def take_pay_code(self, code: str, message: str) -> None:
        """A customer's payment code: it becomes the reference of the next tender."""
        self.reference.setText(code[:MAX_REFERENCE])
        self.amount.setFocus()
        self.fail(message)

    def ask_override(self) -> None:
        """Close; the window asks the manager's PIN and opens the payment again."""
        self.rescan = "override"
        self.reject()

    def tender_limit(self) -> int:
        return tender_limit_fen(self.priced.payable_fen, self.store_limit_fen)

    # ---- state ---------------------------------------------------------------------------
    def paid_fen(self) -> int:
        return sum(t.amount_fen for t in self.tenders)

    def due_fen(self) -> int:
        return max(0, self.priced.payable_fen - self.paid_fen())

    def refresh(self) -> None:
        self.payable.setText(yuan(self.priced.payable_fen))
        self.due.setText(yuan(self.due_fen()))
        self.change.setText(
            yuan(max(0, self.cash_given_fen - sum(t.amount_fen for t in self.tenders if t.kind == TenderKind.CASH)))
        )
        self.list.clear()
        for t in self.tenders:
            ref = f"  ({t.reference})" if t.reference else ""
            if t.kind == TenderKind.CASH and t.cash_given_fen > t.amount_fen:
                # what the customer handed over, and what goes back: the cashier checks both
                self.list.addItem(
                    self.tr("%1 received %2 · change %3")
                    .replace("%1", tender_name(self, t.kind))
                    .replace("%2", yuan(t.cash_given_fen))
                    .replace("%3", yuan(t.cash_given_fen - t.amount_fen))
                )
            else:
                self.list.addItem(f"{tender_name(self, t.kind)}  {yuan(t.amount_fen)}{ref}")
        self.complete.setEnabled(self.due_fen() == 0)

    def fail(self, message: str) -> None:
        self.error.setText(message)

    def typed_amount(self) -> int | None:
        text = self.amount.text().strip()
        if not text:
            return None
        try:
            amount = parse_yuan(text)
        except ValueError:
            self.fail(self.tr("Not an amount: %1").replace("%1", text[:12]))
            return -1
        if amount > self.tender_limit():
            self.refuse_too_large(amount)
            return -1
        return amount

    def refuse_too_large(self, amount: int) -> None:
        self.fail(
            self.tr("No customer hands over %1: at most %2")
            .replace("%1", yuan(amount))
            .replace("%2", yuan(self.tender_limit()))
        )
        self.amount.selectAll()

    # ---- actions -------------------------------------------------------------------------
    def add_cash(self, given: int | None) -> None:
        due = self.due_fen()
        if due == 0:
            return
        given = due if given is None else given
        if self.cash_given_fen + given > self.tender_limit():
            self.refuse_too_large(self.cash_given_fen + given)
            return
        self.cash_given_fen += given
        self.tenders.append(Tender(TenderKind.CASH, min(given, due), cash_given_fen=given))
        self.error.setText("")
        self.refresh()

    def add_typed(self, kind: str) -> None:
        amount = self.typed_amount()
        if amount == -1:
            return
        due = self.due_fen()
        if due == 0:
            self.fail(self.tr("Nothing is due"))
            return
        if kind == TenderKind.CASH:
            before = len(self.tenders)
            self.add_cash(amount)
            if len(self.tenders) > before:
                self.amount.clear()
            return
        amount = due if amount is None else amount
        if amount <= 0 or amount > due:
            self.fail(self.tr("Only %1 is due").replace("%1", yuan(due)))
            return
        reference = self.reference.text().strip()
        if kind == TenderKind.STORED_VALUE:
            if not self.may_spend:
                self.fail(self.tr("To spend points or stored value, scan the member's code"))
                return
            used = sum(t.amount_fen for t in self.tenders if t.kind == TenderKind.STORED_VALUE)
            if amount > self.stored_value_fen - used:
                self.fail(self.tr("Stored value balance is only %1").replace("%1", yuan(self.stored_value_fen - used)))
                return
        elif not reference:
            self.fail(self.tr("Scan or type the payment reference first"))
            return
        self.tenders.append(Tender(kind, amount, reference))
        self.amount.clear()
        self.reference.clear()
        self.error.setText("")
        self.refresh()

    def clear_tenders(self) -> None:
        self.tenders.clear()
        self.cash_given_fen = 0
        self.refresh()

    def use_points(self) -> None:
        if self.reprice_with_points is None:
            return
        self.clear_tenders()
        points = self.points.value()
        reprice = self.reprice_with_points
        # redeeming writes the open cart: a database commit, so never on the GUI thread
        run_in_background(self, lambda: reprice(points), self._repriced, lambda error: self.fail(text_of(error)))

    def _repriced(self, priced: PricedCart) -> None:
        self.priced = priced
        self.points.setValue(self.priced.points_spent)
        for note in self.priced.notes:
            self.fail(text_of_code(note.code, **note.params))
        self.refresh()
