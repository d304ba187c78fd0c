"""The member's points-mall orders at the till (issue 18, item 5), through the real window,
offscreen, in Chinese: after the member is attached the panel says how many gifts wait; Ctrl+G
lists them; "已交付" hands one over in the background (the GUI-thread guard is on), takes it off
the list and puts one `mall_order_handed_over` event in the outbox for HQ."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from sqlalchemy import select

from pos_app.store.models import MallOrderRow, OutboxEvent

from .conftest import settle
from .test_till_flows import make_window, open_shift_and_login, when_modal

MEMBER = "M00000005"


def test_the_cashier_hands_over_a_members_pending_gift_from_the_till(qtbot, till, translated, stalls, tmp_path):
    with till.uow() as uow:  # as HQ's change feed writes them (sync/till.py)
        for n, name in enumerate(("毛巾", "保温杯")):
            uow.session.add(
                MallOrderRow(
                    id=f"order-{n}",
                    member_id=MEMBER,
                    item_id=f"G{n}",
                    item_name=name,
                    points=200 + 100 * n,
                    status="pending",
                    created_at=datetime(2026, 11, 22, 15, n),
                )
            )
        uow.session.add(
            MallOrderRow(
                id="order-other",
                member_id="M00000003",
                item_id="G0",
                item_name="毛巾",
                points=200,
                status="pending",
                created_at=datetime(2026, 11, 22, 16),
            )
        )
        uow.commit()
    window = make_window(qtbot, till, translated, stalls)
    open_shift_and_login(qtbot, window)
    session = window.session
    window.call(lambda: session.attach_member(MEMBER), window.show_view)
    settle(qtbot)
    assert "积分商城：2 件礼品待领取（Ctrl+G）" in window.till_screen.member.coupons.text()
    seen: dict = {}
    shot = tmp_path / "mall-orders.png"

    def hand_over_first(dialog):
        seen["before"] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        dialog.grab().save(str(shot))
        dialog.submit()  # "已交付" on the first (oldest) order

        def wait_done():
            if dialog.list.count() == 1 and dialog.status.text():
                seen["after"] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
                seen["status"] = dialog.status.text()
                dialog.grab().save(str(tmp_path / "mall-orders-after.png"))
                dialog.accept()
            else:
                QTimer.singleShot(10, wait_done)

        QTimer.singleShot(0, wait_done)

    when_modal(qtbot, hand_over_first)
    qtbot.keyClick(window.till_screen.scan, Qt.Key_G, Qt.ControlModifier)
    settle(qtbot)
    settle(qtbot)
    assert seen["before"] == [
        "毛巾 — 200 积分 — 兑换于 2026-11-22 15:00",
        "保温杯 — 300 积分 — 兑换于 2026-11-22 15:01",
    ]
    assert seen["after"] == ["保温杯 — 300 积分 — 兑换于 2026-11-22 15:01"] and seen["status"] == "已交付：毛巾"
    assert "积分商城：1 件礼品待领取（Ctrl+G）" in window.till_screen.member.coupons.text()
    stalls.pause()
    with till.uow() as uow:
        events = [
            e.payload
            for e in uow.session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "mall_order_handed_over"))
        ]
        handed = uow.session.get(MallOrderRow, "order-0")
    assert [(e["order_id"], e["member_id"]) for e in events] == [("order-0", MEMBER)]
    assert handed.handed_here_at is not None and handed.status == "pending"  # HQ's word comes with the feed
    assert shot.stat().st_size > 0
