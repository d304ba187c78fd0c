"""One scan router (issue 21): `SaleSession.handle_scan` reads a scan once with the barcode grammar
of the domain and says what it did; the window only shows the outcome."""

from __future__ import annotations

import pytest

from pos_app.services import InvalidInput, NotFound, SaleSession
from pos_app.services.sale import REFUSED, RETURNS, SALE
from pos_app.store.demo_data import ean13

COLA = "6901939621257"


def test_a_product_scan_adds_it_and_a_scale_label_adds_its_price(till, cashier, shift):
    sale = SaleSession(till, cashier)
    outcome = sale.handle_scan("\x02" + COLA + "\r")  # framing characters are read away
    assert outcome.kind == SALE and [pl.line.qty for pl in outcome.view.priced.lines] == [1]
    label = sale.handle_scan(ean13("20" + "00001" + "01290"))  # PLU 00001, ¥12.90 on the label
    assert label.kind == SALE and label.view.priced.lines[-1].line.unit_price_fen == 1290
    assert sale.cart.lines[-1].from_label


def test_a_receipt_number_asks_for_the_returns_and_changes_nothing(till, cashier, shift):
    sale = SaleSession(till, cashier)
    outcome = sale.handle_scan("RS001-00126112300001")
    assert (outcome.kind, outcome.receipt_no, outcome.view) == (RETURNS, "RS001-00126112300001", None)
    assert sale.cart.empty


@pytest.mark.parametrize(
    "text, code",
    [
        ("https://example.com/pay", "scan.not_a_code"),
        ("6901939621258", "scan.check_digit"),
        ("134567890123456789", "scan.pay_code"),
        ("A" * 600, "scan.too_long"),
    ],
)
def test_what_is_no_code_of_the_till_is_refused_with_the_grammars_reason(till, cashier, shift, text, code):
    sale = SaleSession(till, cashier)
    outcome = sale.handle_scan(text)
    assert (outcome.kind, outcome.code) == (REFUSED, code)
    assert sale.cart.empty


def test_a_bare_member_id_attaches_the_member_who_may_not_spend(till, cashier, shift):
    sale = SaleSession(till, cashier)
    outcome = sale.handle_scan("M00000007")
    assert outcome.kind == SALE and outcome.view.member.id == "M00000007"
    assert outcome.view.identified_by == "id" and not outcome.view.may_spend


def test_what_the_sale_refuses_raises_as_the_sales_own_methods_do(till, cashier, shift):
    sale = SaleSession(till, cashier)
    with pytest.raises(NotFound):
        sale.handle_scan("Q0000ZZZZ")  # a coupon number nobody holds
    with pytest.raises(NotFound):
        sale.handle_scan("4006381333931")  # a valid EAN-13 not sold here
    with pytest.raises(InvalidInput):
        sale.handle_scan("MT1.M00000007.123.AAAA")  # not a valid member code
    assert sale.cart.empty


def test_the_points_cap_comes_from_the_program_and_the_balance(till, cashier, shift):
    sale = SaleSession(till, cashier)
    for _ in range(4):
        view = sale.handle_scan(COLA).view
    view = sale.handle_scan("M00000007").view
    program = till.rules.program
    before = view.priced.payable_fen + view.priced.points_offset_fen + view.priced.rounding_fen
    expected = before * program.max_offset_percent // 100 // program.redeem_fen * program.redeem_points
    assert sale.points_cap(view) == min(expected, view.member.points)
    assert 0 < sale.points_cap(view) <= view.member.points
