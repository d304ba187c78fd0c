"""The member identification policy (issue 16, defect 1): a bare member id, a card number or a
phone look-up earns points and gets tier prices only; spending points, stored value or member
coupons needs a verified identity - the member's rotating code, verified offline, or a manager's
override for this one sale, audited. The sale, its receipt and its event for HQ say which."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from demo.chain import member_people
from hardware.escpos_render import CHINESE_ON
from hardware.member_code import demo_private_key, make_code
from hardware.printing import PrinterConfig, PrintQueue
from hardware.receipt import Pair
from pos_app.services import (
    InvalidInput,
    PermissionDenied,
    SaleSession,
    Tender,
    complete_sale,
    redeem_gift,
    verify_audit,
)
from pos_app.services.receipts import ReceiptPrinting, sale_receipt
from pos_app.store import cipher
from pos_app.store.demo_data import ean13
from pos_app.store.models import MemberCoupon

COLA = "6901939621257"
RICE = ean13("69" + f"{20:010d}")
TABLES = ("sales", "payments", "points_ledger", "stored_value_ledger", "outbox", "coupon_uses")


def counts(till) -> dict[str, int]:
    con = cipher.connect(till.db.path)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def rich_member(till) -> tuple[str, str, str]:
    """(id, card number, phone) of a member with a phone key, points and stored value."""
    con = cipher.connect(till.db.path)
    row = con.execute(
        "select id, card_no from members where public_key is not null and hq_points >= 600 "
        "and hq_principal_fen >= 5000 and card_no is not null order by id limit 1"
    ).fetchone()
    con.close()
    assert row, "the demo data has such a member"
    return row[0], row[1], member_people(300)[row[0]]["phone"]  # the till keeps no full phone


def member_code(member_id: str, clock) -> str:
    return make_code(demo_private_key(member_id), member_id, int(clock.now.timestamp()))


def outbox_sale(till, receipt_no: str) -> dict:
    con = cipher.connect(till.db.path)
    payloads = [json.loads(p) for (p,) in con.execute("select payload from outbox where kind = 'sale'")]
    con.close()
    return next(p for p in payloads if p["receipt_no"] == receipt_no)


@pytest.mark.parametrize("how", ["id", "card", "phone"])
def test_a_member_found_by_id_card_or_phone_earns_points_but_cannot_spend_them(till, cashier, shift, how):
    member_id, card, phone = rich_member(till)
    sale = SaleSession(till, cashier)
    sale.scan(RICE)
    view = sale.attach_member({"id": member_id, "card": card, "phone": phone}[how])
    assert view.member.id == member_id and view.identified_by == how and not view.may_spend
    assert view.priced.points_earned > 0  # earning and tier prices: yes
    with pytest.raises(PermissionDenied) as refused:
        sale.redeem_points(100)
    assert refused.value.code == "member.unverified_spend"
    assert sale.view().priced.points_spent == 0
    done = complete_sale(sale, [Tender("cash", sale.view().priced.payable_fen)])
    assert done.member.points == done.points_balance_before + done.priced.points_earned
    assert outbox_sale(till, done.receipt_no)["identified_by"] == how


def test_stored_value_cannot_be_spent_by_a_bare_member_id_and_nothing_is_written(till, cashier, shift):
    member_id, _, _ = rich_member(till)
    sale = SaleSession(till, cashier)
    sale.scan(COLA)
    payable = sale.attach_member(member_id).priced.payable_fen
    before = counts(till)
    with pytest.raises(PermissionDenied) as refused:
        complete_sale(sale, [Tender("stored_value", payable)])
    assert refused.value.code == "member.unverified_spend"
    assert counts(till) == before
    assert not SaleSession(till, cashier).view().empty  # the cart waits to be paid otherwise


def test_a_member_coupon_needs_a_verified_member(till, cashier, shift, clock):
    with till.uow() as uow:  # a member with a phone key holds this voucher
        coupon = uow.session.scalar(
            select(MemberCoupon).where(
                MemberCoupon.template_id == "CT03",
                MemberCoupon.status == "issued",
                MemberCoupon.member_id <= "M00000200",
            )
        )
        member_id, code = coupon.member_id, coupon.code
    sale = SaleSession(till, cashier)
    sale.scan(RICE)
    sale.attach_member(member_id)
    with pytest.raises(PermissionDenied):
        sale.apply_coupon(code)
    assert sale.view().coupon_codes == ()
    view = sale.attach_member_code(member_code(member_id, clock))
    assert view.identified_by == "member_code" and view.may_spend
    assert any(c.code == code and c.applied for c in sale.apply_coupon(code).priced.coupons)


def test_the_member_code_lets_the_member_spend_and_the_sale_event_and_receipt_say_so(till, cashier, shift, clock):
    member_id, _, _ = rich_member(till)
    sale = SaleSession(till, cashier)
    sale.scan(RICE)
    sale.attach_member_code(member_code(member_id, clock))
    view = sale.redeem_points(200)
    assert view.priced.points_spent == 200
    payable = view.priced.payable_fen
    done = complete_sale(sale, [Tender("stored_value", 1000), Tender("cash", payable - 1000, cash_given_fen=payable)])
    assert done.identified_by == "member_code"
    assert outbox_sale(till, done.receipt_no)["identified_by"] == "member_code"
    con = cipher.connect(till.db.path)
    details = json.loads(
        con.execute("select details from sales where receipt_no = ?", (done.receipt_no,)).fetchone()[0]
    )
    con.close()
    assert details["identified_by"] == "member_code"
    receipt = sale_receipt(till.store, done)
    pairs = {b.left: b.right for b in receipt.blocks if isinstance(b, Pair)}
    assert pairs["Identified by"] == "Member code"
    queue = PrintQueue(PrinterConfig())  # and it is in the printed bytes
    ReceiptPrinting(till.store, queue).submit(done, cashier.name)
    assert queue.wait_idle(5)
    data = queue.connection.sent[0]
    assert b"Identified by" in data[data.index(CHINESE_ON) :]
    queue.close()


def test_switching_to_a_member_found_by_id_takes_back_the_points_offset(till, cashier, shift, clock):
    member_id, _, _ = rich_member(till)
    sale = SaleSession(till, cashier)
    sale.scan(RICE)
    sale.attach_member_code(member_code(member_id, clock))
    assert sale.redeem_points(300).priced.points_spent == 300
    assert sale.attach_member(member_id).priced.points_spent == 300  # the same member, still verified
    view = sale.attach_member("M00000002")
    assert view.identified_by == "id" and view.priced.points_spent == 0


def test_a_screenshot_of_an_expired_code_attaches_no_one(till, cashier, shift, clock):
    member_id, _, _ = rich_member(till)
    old = make_code(demo_private_key(member_id), member_id, int((clock.now - timedelta(minutes=5)).timestamp()))
    sale = SaleSession(till, cashier)
    sale.scan(COLA)
    with pytest.raises(InvalidInput, match="expired"):
        sale.attach_member_code(old)
    assert sale.view().member is None


def test_a_manager_override_lets_the_member_spend_on_this_sale_only_and_is_audited(till, cashier, shift):
    member_id, _, _ = rich_member(till)
    sale = SaleSession(till, cashier)
    sale.scan(RICE)
    sale.attach_member(member_id)
    with pytest.raises(PermissionDenied):
        sale.allow_member_spend(None)  # a cashier cannot approve it
    with pytest.raises(PermissionDenied):
        sale.allow_member_spend("1111")  # nor with their own PIN
    view = sale.allow_member_spend("9999")
    assert view.identified_by == "override" and view.may_spend
    view = sale.redeem_points(100)
    done = complete_sale(sale, [Tender("cash", view.priced.payable_fen)])
    assert done.priced.points_spent == 100 and outbox_sale(till, done.receipt_no)["identified_by"] == "override"
    con = cipher.connect(till.db.path)
    action, approver, details = con.execute(
        "select action, approved_by, details from audit_log where action = 'member_spend_override'"
    ).fetchone()
    con.close()
    assert approver and approver != cashier.id
    assert json.loads(details) == {"member_id": member_id, "identified_by": "id"}
    assert verify_audit(till)[0]
    following = SaleSession(till, cashier)  # the next sale starts unverified
    following.scan(COLA)
    assert not following.attach_member(member_id).may_spend
    with pytest.raises(PermissionDenied):
        following.redeem_points(100)


def test_a_gift_is_redeemed_only_for_a_verified_member(till, cashier, shift):
    member_id, _, _ = rich_member(till)
    with pytest.raises(PermissionDenied):
        redeem_gift(till, cashier, member_id, "G01", identified_by="phone")
    assert redeem_gift(till, cashier, member_id, "G01", identified_by="member_code").points > 0
