"""`python -m pos_app --demo --screenshot DIR`: render each main screen of the demo to a PNG.

A fresh demo store in a temporary folder, a fixed clock (a Wednesday afternoon, member day), a
gold member with a discounted cart: login, till, payment, member registration, returns, shift
close and dashboard. Used for docs/screenshots and looked at by people (Chinese must render).
"""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from pos_app.domain.tenders import TenderKind
from pos_app.services import SaleSession, Tender, complete_sale, find_sale, login, open_shift, x_report
from pos_app.services.demo import open_demo_till

COLA, WATER, NOODLE, RICE, CHIPS = "6901939621257", "6921168509256", "6920152400012", "6900000000205", "6900000000120"


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def snap(widget: QWidget, path: Path) -> Path:
    widget.show()
    for _ in range(5):
        QApplication.processEvents()
    widget.grab().save(str(path))
    return path


def _sell(till, cashier, clock, hour: int, codes: list[str], member: str | None = None):
    clock.now = clock.now.replace(hour=hour, minute=10)
    sale = SaleSession(till, cashier)
    for code in codes:
        sale.scan(code)
    if member:
        sale.attach_member(member)
    payable = sale.view().priced.payable_fen
    return complete_sale(sale, [Tender(TenderKind.CASH, payable, cash_given_fen=payable)])


def render_all(out_dir: Path, language: str, cache_dir: Path) -> int:
    from .app import make_app
    from .dialogs import RegisterMemberDialog
    from .main_window import TillWindow
    from .payment import PaymentDialog
    from .reports import DashboardDialog, ShiftCloseDialog
    from .returns import ReturnsDialog

    out_dir.mkdir(parents=True, exist_ok=True)
    app, _translator = make_app(language, cache_dir)
    work = Path(tempfile.mkdtemp(prefix="membertill-shots-"))
    clock = Clock(datetime(2026, 11, 25, 8, 30))
    till = open_demo_till(work / "till.sqlite3", clock)
    window = TillWindow(till, demo=True)
    window.resize(1280, 800)
    written = [snap(window, out_dir / "01-login.png")]

    cashier = login(till, "1111")
    open_shift(till, cashier, 50000)
    for hour, codes, member in (
        (9, [COLA, WATER], None),
        (10, [NOODLE, NOODLE, COLA], "M00000002"),
        (12, [RICE, COLA, COLA], "M00000004"),
        (15, [CHIPS, WATER], None),
        (17, [COLA, COLA, COLA, NOODLE], "M00000006"),
    ):
        last = _sell(till, cashier, clock, hour, codes, member)
    clock.now = clock.now.replace(hour=18, minute=5)
    window.set_cashier(cashier)
    session = window.session = SaleSession(till, cashier)
    for code in (COLA, COLA, RICE, NOODLE, NOODLE, CHIPS, WATER):
        session.scan(code)
    with till.uow() as uow:  # a gold member with points and stored value
        gold = uow.members.first_of_tier("gold", min_points=1500, with_stored_value=True)
    view = session.attach_member(gold)
    session.allow_member_spend("9999")  # found by number: the manager lets them spend (identification policy)
    view = session.redeem_points(min(500, view.member.points) // 100 * 100)
    window.stack.setCurrentWidget(window.till_screen)
    window.show_view(view)
    written.append(snap(window, out_dir / "02-till.png"))

    pay = PaymentDialog(
        view.priced,
        stored_value_fen=view.member.stored_value_fen,
        points_balance=view.member.points,
        points_cap=window.session.points_cap(view),
        has_member=True,
        parent=window,
    )
    pay.add_cash(10000)
    written.append(snap(pay, out_dir / "03-payment.png"))
    pay.close()

    reg = RegisterMemberDialog(lambda *a: None, window)
    reg.phone.setText("13912345678")
    reg.name.setText("陈小明")
    reg.has_birthday.setChecked(True)
    reg.consent.setChecked(True)
    written.append(snap(reg, out_dir / "04-register-member.png"))
    reg.close()

    found = find_sale(till, last.receipt_no)
    ret = ReturnsDialog(lambda n: None, lambda s, r, done, failed: done(None), window)
    ret.receipt.setText(last.receipt_no)
    ret.show_sale((found, [(l.line_id, l.name, l.qty_left, l.paid_fen) for l in found.lines]))
    ret.table.cellWidget(0, 3).setValue(1)
    written.append(snap(ret, out_dir / "05-returns.png"))
    ret.close()

    report = x_report(till)
    close = ShiftCloseDialog(window.shifts.report_rows(report), lambda c: None, lambda r: None, window)
    close.counted.setText(f"{report.expected_cash_fen // 100}")
    written.append(snap(close, out_dir / "06-shift-close.png"))
    close.close()

    dash = DashboardDialog(window)
    dash.show_figures(
        report.net_sales_fen,
        report.sales_count,
        report.member_sales_fen,
        sorted(report.by_hour.items()),
        report.top_items,
    )
    written.append(snap(dash, out_dir / "07-dashboard.png"))
    dash.close()

    from pos_app.services import settings as till_settings

    from .settings import SettingsDialog

    settings = SettingsDialog(till, till_settings.load(till), window)
    settings.printer_kind.setCurrentIndex(settings.printer_kind.findData("network"))
    settings.printer_host.setText("192.168.1.50")
    settings.tabs.setCurrentIndex(1)  # the printer page, in the config file's terms
    written.append(snap(settings, out_dir / "09-settings.png"))
    settings.close()
    window.close()
    till.db.close()
    for path in written:
        print(path)
    return 0


_ = timedelta
