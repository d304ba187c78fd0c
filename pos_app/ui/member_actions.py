"""The till window's member actions: look-up and registration, taking the member off, points,
top-up, gifts, points-mall orders, and the identification policy's manager override (issue 21:
the window split by responsibility)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QInputDialog, QMessageBox

from pos_app.services import SaleSession, SaleView, look_up, redeem_gift, register, top_up
from pos_app.services.mall import hand_over, pending_orders

from .dialogs import GiftDialog, MemberLookupDialog, RegisterMemberDialog, TopUpDialog
from .mall import MallOrdersDialog
from .messages import text_of_code
from .part import WindowPart


class MemberActions(WindowPart):
    """The member's actions."""

    def member(self) -> None:
        session = self.w.session
        dialog = MemberLookupDialog(lambda q: look_up(self.w.till, q), self.describe_member, self.w)
        dialog.setProperty("takes_scans", True)
        if not dialog.exec():
            return
        if dialog.wants_registration:
            reg = RegisterMemberDialog(
                lambda phone, name, birthday, consent: register(
                    self.w.till, self.w.cashier, phone, name, birthday, consent
                ),
                self.w,
            )
            if reg.exec() and reg.member is not None:
                member_id = reg.member.id
                self.w.call(lambda: session.attach_member(member_id, "phone"), self.w.show_view)
        elif dialog.chosen is not None:
            member_id, query = dialog.chosen.id, dialog.query.text()
            self.w.call(lambda: self.attach_looked_up(session, member_id, query), self.w.show_view)

    def describe_member(self, m: Any) -> str:
        points = self.tr("%1 points").replace("%1", str(m.points))
        return f"{m.name}  {m.masked_phone}  {m.tier_name}  {points}"

    def remove_member(self) -> None:
        if self.w.view is None or self.w.view.member is None:
            self.w.till_screen.show_message(self.tr("No member on this sale"))
            return
        if (
            QMessageBox.question(
                self.w,
                self.tr("Remove member"),
                self.tr("Take the member off this sale? Their coupons and points come off too."),
            )
            != QMessageBox.Yes
        ):
            return
        session = self.w.session
        self.w.call(session.detach_member, self.w.show_view)

    def points(self) -> None:
        if self.w.view is None or self.w.view.member is None:
            self.w.till_screen.show_message(self.tr("Attach a member first"))
            return
        if not self.spend_allowed_or_ask(self.points):
            return
        points, ok = QInputDialog.getInt(
            self.w,
            self.tr("Points"),
            self.tr("Points to use (100 points = 1 yuan)"),
            self.w.view.priced.points_spent,
            0,
            max(0, self.w.view.member.points),
            100,
        )
        if ok:
            session = self.w.session
            self.w.call(lambda: session.redeem_points(points), self.w.show_view)

    def top_up(self) -> None:
        if self.w.view is None or self.w.view.member is None:
            self.w.till_screen.show_message(self.tr("Attach a member first"))
            return
        member_id = self.w.view.member.id
        dialog = TopUpDialog(
            self.w.extras.get("plans", []),
            lambda pay, tender, ref: top_up(self.w.till, self.w.cashier, member_id, pay, tender, ref),
            self.w,
        )
        if dialog.exec():
            self.w.print_later(dialog.result_value)
            session = self.w.session
            self.w.call(session.view, self.w.show_view)

    def gift(self) -> None:
        if self.w.view is None or self.w.view.member is None:
            self.w.till_screen.show_message(self.tr("Attach a member first"))
            return
        if not self.spend_allowed_or_ask(self.gift):
            return
        member_id, identified_by = self.w.view.member.id, self.w.view.identified_by
        dialog = GiftDialog(
            self.w.extras.get("gifts", []),
            self.w.view.member.points,
            lambda gift: redeem_gift(self.w.till, self.w.cashier, member_id, gift, identified_by=identified_by),
            self.w,
        )
        if dialog.exec():
            session = self.w.session
            self.w.call(session.view, self.w.show_view)

    def mall(self) -> None:
        """The attached member's points-mall gifts waiting here; the cashier hands them over."""
        if self.w.view is None or self.w.view.member is None:
            self.w.till_screen.show_message(self.tr("Attach a member first"))
            return
        member_id, name, cashier = self.w.view.member.id, self.w.view.member.name, self.w.cashier
        self.w.call(
            lambda: pending_orders(self.w.till, member_id),
            lambda orders: self._open_mall(member_id, name, cashier, orders),
        )

    def _open_mall(self, member_id: str, name: str, cashier, orders) -> None:
        rows = [(o.id, o.item_name, o.points, o.created_at.strftime("%Y-%m-%d %H:%M")) for o in orders]
        dialog = MallOrdersDialog(
            name, rows, lambda order_id: hand_over(self.w.till, cashier, member_id, order_id), self.w
        )
        dialog.exec()
        if dialog.handed:
            session = self.w.session
            self.w.call(session.view, self.w.show_view)

    def request_spend_override(self, then: Callable[[], None] | None = None) -> None:
        """The member was found by id, card or phone: a manager's PIN lets them spend on this sale
        (audited by the service). `then` runs once the sale shows the approval."""
        pin = self.w._approval(
            "member_spend", self.tr("let a member found by id, card or phone spend points or stored value on this sale")
        )
        if pin is None:
            return
        session = self.w.session

        def approved(view: SaleView) -> None:
            self.w.show_view(view)
            if then is not None:
                then()

        self.w.call(lambda: session.allow_member_spend(pin or None), approved)

    def spend_allowed_or_ask(self, then: Callable[[], None]) -> bool:
        """True when the sale's member may spend; otherwise say why and offer the override."""
        if self.w.view is not None and self.w.view.member is not None and not self.w.view.may_spend:
            self.w.till_screen.show_message(text_of_code("member.unverified_spend"))
            choice = QMessageBox.question(
                self.w,
                self.tr("Member not verified"),
                self.tr("Ask the member to show their member code. Or may a manager approve spending on this sale?"),
            )
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
