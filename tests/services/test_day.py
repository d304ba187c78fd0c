"""Login, lockout, suspend/resume across restarts, returns, members, shift reports, audit chain."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pos_app.services import (
    InvalidInput,
    LockedOut,
    PermissionDenied,
    SaleSession,
    Tender,
    Till,
    close_shift,
    complete_sale,
    find_sale,
    login,
    look_up,
    redeem_gift,
    refund,
    register,
    top_up,
    verify_audit,
    x_report,
)
from pos_app.services.shifts import cash_movement
from pos_app.store import Database, cipher

from .conftest import attach_verified

COLA = "6901939621257"


def test_pins_log_in_by_role_and_five_wrong_pins_lock_the_till(till, clock):
    assert (login(till, "1111").role, login(till, "2222").role, login(till, "9999").role) == (
        "cashier",
        "supervisor",
        "manager",
    )
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            login(till, "0000")
    with pytest.raises(LockedOut):
        login(till, "1111")
    clock.now += timedelta(minutes=6)
    assert login(till, "1111").name


def test_suspended_sale_survives_a_restart_and_resumes(till, cashier, shift, clock):
    sale = SaleSession(till, cashier)
    sale.scan(COLA)
    sale.scan(COLA)
    sale.suspend("blue jacket")
    restarted = Till(Database(till.db.path), clock)
    again = SaleSession(restarted, cashier)
    assert again.view().empty
    ((sid, label, items),) = again.suspended()
    assert (label, items) == ("blue jacket", 2)
    assert again.resume(sid).priced.lines[0].line.qty == 2


def test_open_cart_survives_a_crash(till, cashier, shift, clock):
    SaleSession(till, cashier).scan(COLA)
    assert SaleSession(Till(Database(till.db.path), clock), cashier).view().priced.lines[0].line.qty == 1


def test_refund_of_half_the_cart_returns_half_the_points_and_never_twice(till, cashier, shift):
    sale = SaleSession(till, cashier)
    for _ in range(4):
        sale.scan(COLA)
    sale.attach_member("M00000001")
    done = complete_sale(sale, [Tender("cash", sale.view().priced.payable_fen)])
    found = find_sale(till, done.receipt_no)
    line = found.lines[0]
    with pytest.raises(PermissionDenied, match="approval"):
        refund(till, cashier, done.receipt_no, {line.line_id: 2}, None)
    with pytest.raises(PermissionDenied, match="Wrong PIN"):
        refund(till, cashier, done.receipt_no, {line.line_id: 2}, "4321")
    first = refund(till, cashier, done.receipt_no, {line.line_id: 2}, "9999")
    assert (
        first.plan.points_reversed * 2 == done.priced.points_earned
        or abs(first.plan.points_reversed * 2 - done.priced.points_earned) <= 1
    )
    second = refund(till, cashier, done.receipt_no, {line.line_id: 2}, "9999")
    assert first.plan.money_fen + second.plan.money_fen == done.priced.payable_fen
    assert first.plan.points_reversed + second.plan.points_reversed == done.priced.points_earned
    with pytest.raises(InvalidInput, match="already been fully returned"):
        refund(till, cashier, done.receipt_no, {line.line_id: 1}, "9999")
    assert find_sale(till, done.receipt_no).lines[0].qty_left == 0


def test_the_database_itself_refuses_returning_a_line_twice(till, cashier, shift):
    sale = SaleSession(till, cashier)
    sale.scan(COLA)
    done = complete_sale(sale, [Tender("cash", sale.view().priced.payable_fen)])
    con = cipher.connect(till.db.path)
    with pytest.raises(cipher.dbapi2.IntegrityError):
        con.execute(
            "update sale_lines set returned_qty = qty + 1 where sale_id = (select id from sales where receipt_no = ?)",
            (done.receipt_no,),
        )
    con.close()


def test_register_look_up_masked_top_up_and_gift(till, cashier, shift):
    member = register(till, cashier, "13912345678", "陈小明", date(1995, 5, 4), True)
    assert member.masked_phone == "139****5678" and member.provisional
    with pytest.raises(InvalidInput, match="already a member"):
        register(till, cashier, "13912345678", "x", None, True)
    with pytest.raises(InvalidInput, match="11 digits"):
        register(till, cashier, "1391234", "x", None, True)
    with pytest.raises(InvalidInput, match="agree"):
        register(till, cashier, "13912345679", "x", None, False)
    found = look_up(till, "5678")
    assert any(m.id == member.id for m in found) and all("****" in m.masked_phone for m in found)
    topped = top_up(till, cashier, member.id, 50000, "cash")
    assert (topped.bonus_fen, topped.member.principal_fen, topped.member.bonus_fen) == (5000, 50000, 5000)
    with pytest.raises(InvalidInput, match="needs 500 points"):
        redeem_gift(till, cashier, member.id, "G02", identified_by="member_code")


def test_shift_report_figures_equal_the_ledgers(till, cashier, shift):
    paid = 0
    for n in range(3):
        sale = SaleSession(till, cashier)
        for _ in range(n + 1):
            sale.scan(COLA)
        payable = sale.view().priced.payable_fen
        paid += payable
        complete_sale(sale, [Tender("cash", payable, cash_given_fen=payable + 500)])
    cash_movement(till, cashier, "out", 10000, "pickup")
    x = x_report(till)
    assert (x.sales_count, x.net_sales_fen, x.tenders["cash"]) == (3, paid, paid)
    assert x.expected_cash_fen == 50000 + paid - 10000
    z = close_shift(till, cashier, 50000 + paid - 10000 - 200)
    assert z.kind == "Z" and z.over_short_fen == -200
    with pytest.raises(Exception, match="Open a shift"):
        x_report(till)


def test_every_report_figure_is_the_plain_sum_of_the_shifts_rows(till, cashier, shift, clock):
    """A varied shift (member and anonymous sales, points, stored value, a wallet payment, a
    refund, a top-up, a gift, cash in and out, three hours and two cashiers): each figure of the X
    report equals the same sum taken row by row from the tables with plain sqlite3."""
    con = cipher.connect(till.db.path)
    rich = con.execute("select id from members where hq_points >= 480 order by id limit 1").fetchone()[0]
    saver = con.execute("select id from members where hq_principal_fen >= 20000 order by id limit 1").fetchone()[0]
    supervisor = login(till, "2222")
    receipts = []
    for n, (who, member, tender, points) in enumerate(
        [
            (cashier, None, "cash", 0),
            (cashier, rich, "cash", 200),
            (supervisor, saver, "stored_value", 0),
            (supervisor, None, "wechat", 0),
            (cashier, rich, "alipay", 0),
        ]
    ):
        clock.now += timedelta(minutes=50)
        sale = SaleSession(till, who)
        for _ in range(n + 1):
            sale.scan(COLA)
        if member:
            attach_verified(sale, member)
        if points:
            sale.redeem_points(points)
        payable = sale.view().priced.payable_fen
        receipts.append(
            complete_sale(
                sale,
                [
                    Tender(
                        tender,
                        payable,
                        reference="" if tender in ("cash", "stored_value") else "WX0001",
                        cash_given_fen=payable if tender == "cash" else 0,
                    )
                ],
            )
        )
    line = find_sale(till, receipts[1].receipt_no).lines[0]
    refund(till, cashier, receipts[1].receipt_no, {line.line_id: 1}, "9999")
    top_up(till, cashier, saver, 20000, "cash")
    redeem_gift(till, cashier, rich, "G01", identified_by="member_code")
    cash_movement(till, cashier, "in", 3000, "float")
    cash_movement(till, cashier, "out", 10000, "pickup")
    x = x_report(till)

    sales = con.execute(
        "select id, kind, cashier_id, created_at, subtotal_fen, discount_fen, points_offset_fen, "
        "rounding_fen, payable_fen, points_earned, points_spent, member_id from sales "
        "where shift_id = ?",
        (x.shift_id,),
    ).fetchall()
    sold = [r for r in sales if r[1] == "sale"]
    back = [r for r in sales if r[1] == "refund"]
    kind_of = {r[0]: r[1] for r in sales}
    payments = [p for p in con.execute("select sale_id, tender, amount_fen from payments") if p[0] in kind_of]
    tenders, by_cashier, by_hour, items = {}, {}, {}, {}
    for _sale_id, tender, amount in payments:
        tenders[tender] = tenders.get(tender, 0) + amount
    for r in sold + back:
        sign = 1 if r[1] == "sale" else -1
        by_cashier[r[2]] = by_cashier.get(r[2], 0) + sign * r[8]
        by_hour[int(r[3][11:13])] = by_hour.get(int(r[3][11:13]), 0) + sign * r[8]
    for sale_id, name, qty in con.execute("select sale_id, name, qty from sale_lines"):
        if kind_of.get(sale_id) == "sale":
            items[name] = items.get(name, 0) + qty
    gifts = -sum(d for (d,) in con.execute("select delta from points_ledger where kind = 'gift'"))
    moves = dict(con.execute("select kind, sum(amount_fen) from cash_movements group by kind").fetchall())
    assert (
        len(sold) == 5
        and len(back) == 1
        and gifts == 100
        and {"cash", "stored_value", "wechat", "alipay"} <= set(tenders)
    )
    assert (x.sales_count, x.gross_fen, x.discount_fen, x.points_offset_fen, x.rounding_fen, x.net_sales_fen) == (
        5,
        *(sum(r[i] for r in sold) for i in (4, 5, 6, 7, 8)),
    )
    assert (x.refunds_count, x.refunds_fen) == (1, back[0][8])
    assert x.top_ups_fen == sum(r[8] for r in sales if r[1] == "top_up") == 20000
    assert (x.tenders, x.by_cashier, x.by_hour) == (tenders, by_cashier, dict(sorted(by_hour.items())))
    assert len(x.by_cashier) == 2 and len(x.by_hour) >= 3
    assert x.top_items == sorted(items.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
    assert (x.cash_in_fen, x.cash_out_fen) == (moves["in"], moves["out"])
    assert x.expected_cash_fen == 50000 + tenders["cash"] + moves["in"] - moves["out"]
    assert x.points_issued == sum(r[9] for r in sold) - sum(r[9] for r in back)
    assert x.points_redeemed == sum(r[10] for r in sold) - sum(r[10] for r in back) + gifts
    assert x.stored_value_spent_fen == sum(a for s, t, a in payments if t == "stored_value" and kind_of[s] == "sale")
    assert (
        x.stored_value_bonus_issued_fen
        == sum(b for (b,) in con.execute("select bonus_fen from stored_value_ledger where kind = 'top_up'"))
        > 0
    )
    assert x.member_sales_fen == sum(r[8] for r in sold if r[11])
    con.close()


def test_tampering_with_the_audit_log_is_detected(till, cashier, shift):
    sale = SaleSession(till, cashier)
    sale.scan(COLA)
    complete_sale(sale, [Tender("cash", sale.view().priced.payable_fen)])
    assert verify_audit(till)[0]
    con = cipher.connect(till.db.path)
    con.execute("update audit_log set cashier_id = '1003' where id = 1")
    con.commit()
    con.close()
    ok, bad_id, _ = verify_audit(till)
    assert not ok and bad_id == 1


def test_audit_cli_reports_intact_and_broken_chains(till, cashier, shift, capsys):
    from pos_app.services.audit_cli import main

    assert main([str(till.db.path)]) == 0 and "intact" in capsys.readouterr().out
    con = cipher.connect(till.db.path)
    con.execute("update audit_log set details = '{}' where id = 1")
    con.commit()
    con.close()
    assert main([str(till.db.path)]) == 1 and "BROKEN at entry 1" in capsys.readouterr().out
