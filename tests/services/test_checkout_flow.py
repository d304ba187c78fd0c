"""Whole checkout flows on a real SQLite file: scan, member, coupons, points, tenders, one transaction."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from pos_app.services import InvalidInput, NotFound, SaleSession, Tender, complete_sale, look_up, verify_audit
from pos_app.store import cipher
from pos_app.store.demo_data import ean13
from pos_app.store.models import MemberCoupon, OutboxEvent, PointsEntry, PointsLotRow, StoredValueEntry

from .conftest import attach_verified

COLA = "6901939621257"  # 可口可乐 330ml, 3.50
RICE = ean13("69" + f"{20:010d}")  # 五常大米 5kg, 89.90 (special 79.90)


def counts(till):
    con = cipher.connect(till.db.path)
    out = {
        t: con.execute(f"select count(*) from {t}").fetchone()[0]
        for t in (
            "sales",
            "sale_lines",
            "payments",
            "points_ledger",
            "stored_value_ledger",
            "outbox",
            "audit_log",
            "coupon_uses",
        )
    }
    con.close()
    return out


def test_scanning_adds_and_merges_lines_and_bad_codes_change_nothing(till, cashier, shift):
    sale = SaleSession(till, cashier)
    view = sale.scan(COLA)
    view = sale.scan(COLA)
    assert [(pl.line.name, pl.line.qty) for pl in view.priced.lines] == [("可口可乐 330ml", 2)]
    for code, error, words in (
        ("6901939621258", InvalidInput, "check digit"),
        (ean13("690000000000"), NotFound, "Unknown"),
        ("hello", InvalidInput, "Not a product barcode"),
    ):
        with pytest.raises(error, match=words):
            sale.scan(code)
    assert sale.view().priced.lines[0].line.qty == 2


def test_weight_label_prices_the_item_from_its_barcode(till, cashier, shift):
    sale = SaleSession(till, cashier)
    code = ean13("20" + "00001" + "01290")  # scale label: PLU 00001 (苹果), price 12.90
    view = sale.scan(code)
    assert view.priced.lines[0].line.unit_price_fen == 1290 and "苹果" in view.priced.lines[0].line.name


def test_only_a_line_priced_by_its_label_keeps_quantity_one(till, cashier, shift):
    """A weighed or price-labelled item is one item whatever its name; a product whose name ends in
    "kg" (五常大米 5kg, sold each) takes any quantity (it used to be taken for a weighed line)."""
    sale = SaleSession(till, cashier)
    rice = sale.scan(RICE).priced.lines[0].line
    assert rice.name.endswith("kg")
    assert sale.set_qty(rice.line_id, 3).priced.lines[0].line.qty == 3
    label = sale.scan(ean13("20" + "00001" + "01290")).priced.lines[-1].line  # 苹果, price from its label
    with pytest.raises(InvalidInput):
        sale.set_qty(label.line_id, 2)
    assert [pl.line.qty for pl in sale.view().priced.lines] == [3, 1]


def test_pinyin_initials_find_products(till, cashier):
    hits = SaleSession(till, cashier).search("kkkl")
    assert hits and hits[0].name.startswith("可口可乐")
    assert SaleSession(till, cashier).search("牛奶")


@pytest.mark.parametrize("qty", [0, -1, 10**6, 2.5])
def test_absurd_quantities_are_refused_and_change_nothing(till, cashier, shift, qty):
    sale = SaleSession(till, cashier)
    view = sale.scan(COLA)
    with pytest.raises(InvalidInput, match="Quantity"):
        sale.set_qty(view.priced.lines[0].line.line_id, qty)
    assert sale.view().priced.lines[0].line.qty == 1


def test_a_member_sale_with_points_stored_value_and_cash_is_written_whole(till, cashier, shift):
    member = look_up(till, "M00000003")[0]
    before = counts(till)
    sale = SaleSession(till, cashier)
    sale.scan(RICE)
    sale.scan(COLA)
    sale.scan(COLA)
    view = attach_verified(sale, member.id)
    assert "****" in view.member.masked_phone
    view = sale.redeem_points(min(member.points, 1000) // 100 * 100)
    priced = view.priced
    sv = min(member.stored_value_fen, priced.payable_fen // 2)
    tenders = [Tender("cash", priced.payable_fen - sv, cash_given_fen=priced.payable_fen - sv + 1000)]
    if sv:
        tenders.insert(0, Tender("stored_value", sv))
    done = complete_sale(sale, tenders)
    assert done.change_fen == 1000 and done.receipt_no.startswith("R" + till.store.receipt_prefix + "261123")
    after = counts(till)
    assert after["sales"] == before["sales"] + 1
    assert after["sale_lines"] == before["sale_lines"] + 2
    assert after["outbox"] == before["outbox"] + 1
    with till.uow() as uow:
        row = uow.sales.by_receipt_no(done.receipt_no)
        assert row.payable_fen == priced.payable_fen and row.points_earned == priced.points_earned
        m = uow.members.by_id(member.id)
        assert uow.ledgers.points_balance(m) == member.points - priced.points_spent + priced.points_earned
        assert sum(uow.ledgers.stored_value(m)) == member.stored_value_fen - sv
    assert verify_audit(till)[0]
    assert SaleSession(till, cashier).view().empty  # the open cart went with the sale


def test_a_failure_before_commit_leaves_nothing_behind(till, cashier, shift):
    sale = SaleSession(till, cashier)
    sale.scan(COLA)
    sale.attach_member("M00000003")
    before = counts(till)
    with pytest.raises(RuntimeError, match="injected"):
        complete_sale(sale, [Tender("cash", sale.view().priced.payable_fen)], fail_before_commit=True)
    assert counts(till) == before
    assert not SaleSession(till, cashier).view().empty  # the cart is still there to pay again


def test_tenders_must_match_and_external_payments_need_a_reference(till, cashier, shift):
    sale = SaleSession(till, cashier)
    payable = sale.scan(COLA).priced.payable_fen
    with pytest.raises(InvalidInput, match="do not match"):
        complete_sale(sale, [Tender("cash", payable - 1)])
    with pytest.raises(InvalidInput, match="reference"):
        complete_sale(sale, [Tender("wechat", payable)])
    with pytest.raises(InvalidInput, match="member"):
        complete_sale(sale, [Tender("stored_value", payable)])
    done = complete_sale(sale, [Tender("alipay", payable, "ALI2026112300001")])
    assert done.payments[0].reference == "ALI2026112300001"


def test_outbox_sequence_is_contiguous_and_ids_are_uuid7(till, cashier, shift):
    for _ in range(3):
        sale = SaleSession(till, cashier)
        complete_sale(sale, [Tender("cash", sale.scan(COLA).priced.payable_fen)])
    with till.uow() as uow:
        events = uow.session.scalars(select(OutboxEvent).order_by(OutboxEvent.seq)).all()
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        assert all(e.event_id[14] == "7" for e in events)


def test_coupon_that_does_not_apply_says_why_and_is_not_kept(till, cashier, shift):
    with till.uow() as uow:
        from pos_app.store.models import MemberCoupon

        coupon = uow.session.scalar(select(MemberCoupon).where(MemberCoupon.template_id == "CT01"))
        member_id, code = coupon.member_id, coupon.code
    sale = SaleSession(till, cashier)
    sale.scan(COLA)
    attach_verified(sale, member_id)
    with pytest.raises(InvalidInput, match="more needed"):
        sale.apply_coupon(code)
    assert sale.view().coupon_codes == ()
    for _ in range(40):
        sale.scan(COLA)
    view = sale.apply_coupon(code)
    assert any(c.code == code and c.applied for c in view.priced.coupons)
    done = complete_sale(sale, [Tender("cash", view.priced.payable_fen)])
    with pytest.raises(InvalidInput, match="already been used"):
        SaleSession(till, cashier).apply_coupon(code)
    assert done.priced.discount_fen >= 1000


def test_a_full_disk_or_read_only_database_refuses_clearly_and_changes_nothing(till, cashier, shift):
    from sqlalchemy import event

    from pos_app.services.errors import StorageError

    sale = SaleSession(till, cashier)
    sale.scan(COLA)
    before = counts(till)
    till.db.engine.dispose()

    @event.listens_for(till.db.engine, "connect")
    def disk_full(conn, _record):  # the database may not grow by a single page
        pages = conn.execute("pragma page_count").fetchone()[0]
        conn.execute(f"pragma max_page_count={pages}")

    with pytest.raises(StorageError, match="disk is full"):
        for _ in range(200):  # until a page is needed
            more = SaleSession(till, cashier)
            more.scan(RICE)
            complete_sale(more, [Tender("cash", more.view().priced.payable_fen, cash_given_fen=10_000_00)])
            before = counts(till)
    assert counts(till) == before  # the refused sale left nothing behind
    assert verify_audit(till)[0]
    event.remove(till.db.engine, "connect", disk_full)
    till.db.engine.dispose()

    @event.listens_for(till.db.engine, "connect")
    def read_only(conn, _record):
        conn.execute("pragma query_only = 1")

    with pytest.raises(StorageError, match="read-only"):
        complete_sale(sale, [Tender("cash", sale.view().priced.payable_fen, cash_given_fen=10_000_00)])
    assert counts(till) == before
    event.remove(till.db.engine, "connect", read_only)
    till.db.engine.dispose()


def test_payment_charges_what_the_screen_showed_and_the_rows_read_back_as_written(till, cashier, shift, clock):
    # M00000001 (300 points lapsing in 20 days, 560 later): M00000003's 120 points lapse 25 days
    # before this sale is paid, and an expired lot is never spendable (issue 18)
    member = look_up(till, "M00000001")[0]
    sale = SaleSession(till, cashier)
    sale.scan(RICE)  # on special (79.90) until early January
    sale.scan(COLA)
    attach_verified(sale, member.id)
    shown = sale.redeem_points(min(member.points, 500) // 100 * 100).priced
    assert shown.points_spent > 0 and shown.points_earned > 0
    clock.now += timedelta(days=45, microseconds=123456)  # they pay after the special ended
    assert SaleSession(till, cashier).view().priced.payable_fen > shown.payable_fen  # the cart priced now
    done = complete_sale(sale, [Tender("cash", shown.payable_fen)])
    assert done.priced == shown
    assert done.member == look_up(till, member.id)[0]  # the receipt's member figures are the database's
    with till.uow() as uow:
        row = uow.sales.by_receipt_no(done.receipt_no)
        assert row.created_at == done.at and row.payable_fen == shown.payable_fen and row.member_id == member.id
        assert row.details["reductions"] == [
            [r.source_kind, r.source_id, r.label, r.amount_fen] for r in shown.reductions
        ]
        assert [(line.name, line.qty, line.net_fen) for line in uow.sales.lines(row.id)] == [
            (pl.line.name, pl.line.qty, pl.net_fen) for pl in shown.lines
        ]
        event = uow.session.scalars(select(OutboxEvent).order_by(OutboxEvent.seq.desc())).first()
        assert event.payload["receipt_no"] == done.receipt_no and event.created_at == done.at and not event.acked
        entries = uow.session.scalars(select(PointsEntry).where(PointsEntry.ref == done.receipt_no)).all()
        assert sorted(e.delta for e in entries) == sorted([-shown.points_spent, shown.points_earned])
        assert all(e.outbox_seq == event.seq and e.at == done.at and not e.synced for e in entries)
        lot = uow.session.scalar(select(PointsLotRow).where(PointsLotRow.source == done.receipt_no))
        assert lot.earned_on == done.at.date() and lot.remaining == lot.points == shown.points_earned
    assert verify_audit(till)[0]


def test_a_coupon_used_elsewhere_before_payment_stops_the_sale_and_nothing_is_written(till, cashier, shift):
    with till.uow() as uow:
        coupon = uow.session.scalar(
            select(MemberCoupon).where(MemberCoupon.template_id == "CT03", MemberCoupon.status == "issued")
        )
        member_id, code = coupon.member_id, coupon.code
    sale = SaleSession(till, cashier)
    sale.scan(RICE)
    attach_verified(sale, member_id)
    payable = sale.apply_coupon(code).priced.payable_fen
    con = cipher.connect(till.db.path)  # as a pull from HQ would: spent at another till
    with con:
        con.execute("update member_coupons set status = 'used' where code = ?", (code,))
    con.close()
    before = counts(till)
    with pytest.raises(InvalidInput, match="already been used"):
        complete_sale(sale, [Tender("cash", payable)])
    assert counts(till) == before
    assert not SaleSession(till, cashier).view().empty  # the cart is kept: remove the coupon, pay again


def test_offline_caps_stop_spending_past_the_days_limit_until_hq_confirms(till, cashier, shift):
    with till.uow() as uow:
        store = dict(uow.rules.setting("store"))
        store["offline_caps"] = {"points_per_day": 300, "stored_value_fen_per_day": 500}
        uow.rules.set_setting("store", store)
        uow.commit()
    till.reload_rules()
    con = cipher.connect(till.db.path)
    (member_id,) = con.execute(
        "select id from members where hq_points >= 600 and hq_principal_fen >= 1000 order by id limit 1"
    ).fetchone()
    con.close()
    member = look_up(till, member_id)[0]

    def pay(points: int, stored_value: int):
        sale = SaleSession(till, cashier)
        sale.scan(RICE)
        attach_verified(sale, member.id)
        payable = sale.redeem_points(points).priced.payable_fen
        tenders = [Tender("stored_value", stored_value)] if stored_value else []
        return sale, payable, [*tenders, Tender("cash", payable - stored_value)]

    complete_sale(*pay(200, 0)[::2])
    sale, _, tenders = pay(200, 0)  # 400 today: past 300
    before = counts(till)
    with pytest.raises(InvalidInput, match="limit of 300"):
        complete_sale(sale, tenders)
    complete_sale(*pay(0, 400)[::2])
    sale, _, tenders = pay(0, 200)  # 600 fen today: past 500
    with pytest.raises(InvalidInput, match="offline limit"):
        complete_sale(sale, tenders)
    assert counts(till)["sales"] == before["sales"] + 1
    with till.uow() as uow:  # HQ confirms what was spent: the day starts over
        uow.session.execute(PointsEntry.__table__.update().values(synced=True))
        uow.session.execute(StoredValueEntry.__table__.update().values(synced=True))
        uow.commit()
    complete_sale(*pay(200, 0)[::2])


def test_a_sale_waits_for_another_writer_and_says_so_when_it_does_not_finish(till, cashier, shift):
    import threading

    from sqlalchemy import event

    from pos_app.services.errors import StorageError

    sale = SaleSession(till, cashier)
    payable = sale.scan(COLA).priced.payable_fen
    till.db.engine.dispose()

    @event.listens_for(till.db.engine, "connect")
    def short_wait(conn, _record):  # 0.3 s instead of 5 s, for the test's sake
        conn.execute("pragma busy_timeout = 300")

    other = cipher.connect(till.db.path, isolation_level=None, check_same_thread=False)
    before = counts(till)
    other.execute("BEGIN IMMEDIATE")  # e.g. the sync worker applying a pulled page
    with pytest.raises(StorageError, match="busy"):
        complete_sale(sale, [Tender("cash", payable)])
    other.execute("COMMIT")
    assert counts(till) == before
    other.execute("BEGIN IMMEDIATE")  # a writer that finishes within the wait
    threading.Timer(0.1, other.execute, ("COMMIT",)).start()
    done = complete_sale(sale, [Tender("cash", payable)])
    assert counts(till)["sales"] == before["sales"] + 1 and done.receipt_no
    other.close()
    event.remove(till.db.engine, "connect", short_wait)
    till.db.engine.dispose()
