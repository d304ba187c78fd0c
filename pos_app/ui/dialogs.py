"""Smaller dialogs: manager override, product search, member look-up and registration,
stored-value top-up, points gift, float entry. Each talks to the till through callables the
window gives it; every call that touches the database runs in the background."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain import TenderKind, parse_yuan

from .messages import text_of
from .panels import yuan
from .widgets import NumericKeypad
from .worker import run_in_background


class ErrorLine(QLabel):
    def __init__(self):
        super().__init__("")
        self.setObjectName("error")
        self.setWordWrap(True)


def buttons_row(dialog: QDialog, ok_text: str, on_ok: Callable[[], None]) -> tuple[QHBoxLayout, QPushButton]:
    row = QHBoxLayout()
    cancel = QPushButton(QCoreApplication.translate("Dialogs", "Cancel"))
    cancel.clicked.connect(dialog.reject)
    ok = QPushButton(ok_text)
    ok.setObjectName("primary")
    ok.setDefault(True)
    ok.clicked.connect(on_ok)
    row.addWidget(cancel)
    row.addWidget(ok)
    return row, ok


class ManagerOverrideDialog(QDialog):
    """Asks a supervisor/manager PIN for a protected action; `check(pin)` raises if refused."""

    def __init__(self, action_text: str, check: Callable[[str], Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Manager approval"))
        self.check = check
        self.approval: Any = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Approval needed: %1").replace("%1", action_text)))
        self.pin = QLineEdit()
        self.pin.setObjectName("manager_pin")
        self.pin.setEchoMode(QLineEdit.Password)
        self.pin.setPlaceholderText(self.tr("Manager PIN"))
        self.pin.returnPressed.connect(self.submit)
        self.error = ErrorLine()
        keypad = NumericKeypad(self.pin)
        keypad.entered.connect(self.submit)
        for w in (self.pin, self.error, keypad):
            layout.addWidget(w)
        row, _ = buttons_row(self, self.tr("Approve"), self.submit)
        layout.addLayout(row)

    def submit(self) -> None:
        pin = self.pin.text().strip()
        run_in_background(self, lambda: self.check(pin), self._approved, self._refused)

    def _approved(self, approval: Any) -> None:
        self.approval = approval
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.error.setText(text_of(error))
        self.pin.clear()


class ProductSearchDialog(QDialog):
    """Name or pinyin initials (kkkl finds 可口可乐); results as you type."""

    def __init__(
        self, search: Callable[[str], Sequence[Any]], describe: Callable[[Any], str], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Find a product"))
        self.resize(560, 480)
        self.search, self.describe = search, describe
        self.chosen: Any = None
        layout = QVBoxLayout(self)
        self.query = QLineEdit()
        self.query.setObjectName("query")
        self.query.setPlaceholderText(self.tr("Name or pinyin initials, e.g. kkkl"))
        self.results = QListWidget()
        self.results.itemActivated.connect(self.pick)
        self.status = QLabel("")
        self.status.setObjectName("muted")
        for w in (self.query, self.results, self.status):
            layout.addWidget(w)
        row, _ = buttons_row(self, self.tr("Add to sale"), self.pick_current)
        layout.addLayout(row)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(120)
        self.timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _: self.timer.start())
        self.query.returnPressed.connect(self.pick_current)
        self._generation = 0

    def run_search(self) -> None:
        text = self.query.text().strip()
        self._generation += 1
        generation = self._generation
        if not text:
            self.results.clear()
            return
        run_in_background(
            self,
            lambda: list(self.search(text)),
            lambda found: self.show_results(generation, found),
            lambda error: self.status.setText(text_of(error)),
        )

    def show_results(self, generation: int, found: Sequence[Any]) -> None:
        if generation != self._generation:
            return  # an older query finished after a newer one started
        self.results.clear()
        for product in found:
            item = QListWidgetItem(self.describe(product))
            item.setData(Qt.UserRole, product)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
        self.status.setText(self.tr("%1 found").replace("%1", str(len(found))))

    def pick_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self.pick(item)

    def pick(self, item: QListWidgetItem) -> None:
        self.chosen = item.data(Qt.UserRole)
        self.accept()


class MemberLookupDialog(QDialog):
    """Look up by phone (or card/member number): results show masked phones only."""

    def __init__(
        self, lookup: Callable[[str], Sequence[Any]], describe: Callable[[Any], str], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Find a member"))
        self.resize(520, 420)
        self.lookup, self.describe = lookup, describe
        self.chosen: Any = None
        self.wants_registration = False
        layout = QVBoxLayout(self)
        self.query = QLineEdit()
        self.query.setObjectName("query")
        self.query.setPlaceholderText(self.tr("Phone number, last 4 digits, or card number"))
        self.query.returnPressed.connect(self.run_lookup)
        self.results = QListWidget()
        self.results.itemActivated.connect(self.pick)
        self.error = ErrorLine()
        register = QPushButton(self.tr("Register new member"))
        register.clicked.connect(self.register)
        for w in (self.query, self.results, self.error, register):
            layout.addWidget(w)
        row, _ = buttons_row(self, self.tr("Attach"), self.pick_current)
        layout.addLayout(row)

    def run_lookup(self) -> None:
        text = self.query.text().strip()
        run_in_background(
            self, lambda: list(self.lookup(text)), self.show_results, lambda error: self.error.setText(text_of(error))
        )

    def show_results(self, found: Sequence[Any]) -> None:
        self.results.clear()
        self.error.setText("" if found else self.tr("No member found"))
        for member in found:
            item = QListWidgetItem(self.describe(member))
            item.setData(Qt.UserRole, member)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)

    def pick_current(self) -> None:
        if self.results.currentItem() is not None:
            self.pick(self.results.currentItem())
        else:
            self.run_lookup()

    def pick(self, item: QListWidgetItem) -> None:
        self.chosen = item.data(Qt.UserRole)
        self.accept()

    def register(self) -> None:
        self.wants_registration = True
        self.accept()


class RegisterMemberDialog(QDialog):
    """Phone, name, birthday, consent: built to be done in well under 20 seconds of typing."""

    def __init__(self, register: Callable[[str, str, date | None, bool], Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Register a member"))
        self.register_fn = register
        self.member: Any = None
        form = QFormLayout(self)
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.phone.setInputMask("99999999999;_")
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.has_birthday = QCheckBox(self.tr("Birthday known"))
        self.birthday = QDateEdit(QDate(1990, 1, 1))
        self.birthday.setObjectName("birthday")
        self.birthday.setDisplayFormat("yyyy-MM-dd")
        self.birthday.setEnabled(False)
        self.has_birthday.toggled.connect(self.birthday.setEnabled)
        self.consent = QCheckBox(self.tr("Member agrees to the membership terms and privacy notice"))
        self.consent.setObjectName("consent")
        self.error = ErrorLine()
        form.addRow(self.tr("Mobile phone"), self.phone)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.has_birthday, self.birthday)
        form.addRow(self.consent)
        form.addRow(self.error)
        row, self.ok = buttons_row(self, self.tr("Register"), self.submit)
        form.addRow(row)

    def submit(self) -> None:
        phone = self.phone.text().strip().replace("_", "")
        if not self.consent.isChecked():
            self.error.setText(self.tr("The member must agree to the terms first"))
            return
        birthday = self.birthday.date().toPython() if self.has_birthday.isChecked() else None
        name = self.name.text().strip()
        self.ok.setEnabled(False)
        run_in_background(self, lambda: self.register_fn(phone, name, birthday, True), self._done, self._failed)

    def _done(self, member: Any) -> None:
        self.member = member
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.ok.setEnabled(True)
        self.error.setText(text_of(error))


class TopUpDialog(QDialog):
    """Stored-value top-up with the store's plans (充500送50)."""

    def __init__(
        self,
        plans: Sequence[tuple[str, int, int]],
        top_up: Callable[[int, str, str], Any],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Top up stored value"))
        self.top_up = top_up
        self.result_value: Any = None
        form = QFormLayout(self)
        self.plan = QComboBox()
        self.plan.setObjectName("plan")
        for name, pay, bonus in plans:
            self.plan.addItem(f"{name}  ({yuan(pay)} + {yuan(bonus)})", pay)
        self.plan.addItem(self.tr("Other amount"), 0)
        self.amount = QLineEdit()
        self.amount.setObjectName("amount")
        self.amount.setPlaceholderText(self.tr("Amount in yuan"))
        self.tender = QComboBox()
        self.tender.setObjectName("tender")
        for kind, label in (
            (TenderKind.CASH, self.tr("Cash")),
            (TenderKind.WECHAT, self.tr("WeChat Pay")),
            (TenderKind.ALIPAY, self.tr("Alipay")),
            (TenderKind.CARD, self.tr("Bank card")),
        ):
            self.tender.addItem(label, kind)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("Payment reference (not for cash)"))
        self.error = ErrorLine()
        form.addRow(self.tr("Plan"), self.plan)
        form.addRow(self.tr("Amount"), self.amount)
        form.addRow(self.tr("Paid by"), self.tender)
        form.addRow(self.tr("Reference"), self.reference)
        form.addRow(self.error)
        row, self.ok = buttons_row(self, self.tr("Top up"), self.submit)
        form.addRow(row)

    def submit(self) -> None:
        pay = self.plan.currentData()
        if not pay:
            try:
                pay = parse_yuan(self.amount.text())
            except ValueError:
                self.error.setText(self.tr("Type the amount to top up"))
                return
        tender, reference = self.tender.currentData(), self.reference.text().strip()
        self.ok.setEnabled(False)
        run_in_background(self, lambda: self.top_up(pay, tender, reference), self._done, self._failed)

    def _done(self, value: Any) -> None:
        self.result_value = value
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.ok.setEnabled(True)
        self.error.setText(text_of(error))


class GiftDialog(QDialog):
    """Redeem points for a gift (500 points for a towel)."""

    def __init__(
        self,
        gifts: Sequence[tuple[str, str, int]],
        balance: int,
        redeem: Callable[[str], Any],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Redeem points for a gift"))
        self.redeem = redeem
        self.result_value: Any = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Points balance: %1").replace("%1", str(balance))))
        self.list = QListWidget()
        for gift_id, name, points in gifts:
            item = QListWidgetItem(self.tr("%1 — %2 points").replace("%1", name).replace("%2", str(points)))
            item.setData(Qt.UserRole, gift_id)
            if points > balance:
                item.setFlags(item.flags() & ~Qt.ItemIsEnabled)
            self.list.addItem(item)
        self.error = ErrorLine()
        layout.addWidget(self.list)
        layout.addWidget(self.error)
        row, self.ok = buttons_row(self, self.tr("Redeem"), self.submit)
        layout.addLayout(row)

    def submit(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self.error.setText(self.tr("Choose a gift"))
            return
        gift_id = item.data(Qt.UserRole)
        self.ok.setEnabled(False)
        run_in_background(self, lambda: self.redeem(gift_id), self._done, self._failed)

    def _done(self, value: Any) -> None:
        self.result_value = value
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.ok.setEnabled(True)
        self.error.setText(text_of(error))


class AmountDialog(QDialog):
    """Type an amount in yuan (opening float, cash in/out, counted cash)."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None, *, default_fen: int = 0):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.amount_fen = 0
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        self.amount = QLineEdit(f"{default_fen // 100}" if default_fen else "")
        self.amount.setObjectName("amount")
        self.error = ErrorLine()
        keypad = NumericKeypad(self.amount, with_dot=True)
        keypad.entered.connect(self.submit)
        self.amount.returnPressed.connect(self.submit)
        for w in (self.amount, self.error, keypad):
            layout.addWidget(w)

    def submit(self) -> None:
        try:
            self.amount_fen = parse_yuan(self.amount.text())
        except ValueError:
            self.error.setText(self.tr("Not an amount: %1").replace("%1", self.amount.text()))
            return
        self.accept()


class ReasonAmountDialog(QDialog):
    """A price override or a manual discount: an amount in yuan (or, with `percent`, either an
    amount or a percent, e.g. "10%") and the reason the manager gives. Only parses what was typed;
    the sale session checks it and the manager's PIN."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None, *, percent: bool = False):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.allow_percent = percent
        self.amount_fen = 0
        self.percent = 0
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.amount = QLineEdit()
        self.amount.setObjectName("amount")
        self.amount.setMaxLength(12)
        self.amount.setPlaceholderText(self.tr("e.g. 5.00 or 10%") if percent else self.tr("e.g. 2.50"))
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(40)
        self.reason.setPlaceholderText(self.tr("Why (printed on the receipt)"))
        form.addRow(prompt, self.amount)
        form.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(form)
        self.error = ErrorLine()
        layout.addWidget(self.error)
        row, self.ok = buttons_row(self, self.tr("OK"), self.submit)
        layout.addLayout(row)
        self.amount.returnPressed.connect(self.reason.setFocus)
        self.reason.returnPressed.connect(self.submit)

    def submit(self) -> None:
        text = self.amount.text().strip()
        self.amount_fen = self.percent = 0
        try:
            if self.allow_percent and text.endswith("%"):
                digits = text[:-1].strip()
                if not digits.isdigit() or not 0 < int(digits) <= 100:
                    raise ValueError(text)
                self.percent = int(digits)
            else:
                self.amount_fen = parse_yuan(text)
        except ValueError:
            self.error.setText(self.tr("Not an amount: %1").replace("%1", text[:20]))
            return
        if not self.reason.text().strip():
            self.error.setText(self.tr("Give a reason"))
            return
        self.accept()
