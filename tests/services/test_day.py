"""Login, lockout, suspend/resume across restarts, returns, members, shift reports, audit chain."""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from pos_app.services import (InvalidInput, LockedOut, PermissionDenied, SaleSession, Tender, Till, close_shift,
                              complete_sale, find_sale, login, look_up, redeem_gift, refund, register, top_up,
                              verify_audit, x_report)
from pos_app.services.shifts import cash_movement
from pos_app.store import Database

COLA = "6901939621257"


def test_pins_log_in_by_role_and_five_wrong_pins_lock_the_till(till, clock):
    assert (login(till, "1111").role, login(till, "2222").role, login(till, "9999").role) == \
           ("cashier", "supervisor", "manager")
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
    (sid, label, items), = again.suspended()
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
    assert first.plan.points_reversed * 2 == done.priced.points_earned or \
        abs(first.plan.points_reversed * 2 - done.priced.points_earned) <= 1
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
    con = sqlite3.connect(till.db.path)
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("update sale_lines set returned_qty = qty + 1 where sale_id = "
                    "(select id from sales where receipt_no = ?)", (done.receipt_no,))
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
        redeem_gift(till, cashier, member.id, "G02")


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


def test_tampering_with_the_audit_log_is_detected(till, cashier, shift):
    sale = SaleSession(till, cashier)
    sale.scan(COLA)
    complete_sale(sale, [Tender("cash", sale.view().priced.payable_fen)])
    assert verify_audit(till)[0]
    con = sqlite3.connect(till.db.path)
    con.execute("update audit_log set cashier_id = '1003' where id = 1")
    con.commit()
    con.close()
    ok, bad_id, _ = verify_audit(till)
    assert not ok and bad_id == 1


def test_audit_cli_reports_intact_and_broken_chains(till, cashier, shift, capsys):
    from pos_app.services.audit_cli import main
    assert main([str(till.db.path)]) == 0 and "intact" in capsys.readouterr().out
    con = sqlite3.connect(till.db.path)
    con.execute("update audit_log set details = '{}' where id = 1")
    con.commit()
    con.close()
    assert main([str(till.db.path)]) == 1 and "BROKEN at entry 1" in capsys.readouterr().out
