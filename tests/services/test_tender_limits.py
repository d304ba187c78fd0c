"""Amounts no cashier could have been handed are refused by the checkout service itself, not only
by the payment dialog (issue 16, defect 3): nothing absurd is ever stored."""

from __future__ import annotations

import pytest

from pos_app.domain.error_texts import describe
from pos_app.services import InvalidInput, SaleSession, Tender, complete_sale
from pos_app.store import cipher

COLA = "6901939621257"


def stored(till) -> tuple[int, int]:
    con = cipher.connect(till.db.path)
    try:
        return (
            con.execute("select count(*) from sales").fetchone()[0],
            con.execute("select count(*) from payments").fetchone()[0],
        )
    finally:
        con.close()


@pytest.mark.parametrize("given", [690193962125350, 2**63, 2**70, 134567890123456789 * 100])
def test_a_scan_read_as_cash_handed_over_is_refused_and_nothing_is_stored(till, cashier, shift, given):
    sale = SaleSession(till, cashier)
    payable = sale.scan(COLA).priced.payable_fen
    with pytest.raises(InvalidInput) as refused:
        complete_sale(sale, [Tender("cash", payable, cash_given_fen=given)])
    assert refused.value.code == "tender.too_large"
    assert refused.value.params["limit_fen"] == payable + 1_000_000
    assert "最多" in describe(refused.value, "zh_CN")
    assert stored(till) == (0, 0)
    assert not SaleSession(till, cashier).view().empty  # the cart waits to be paid properly


def test_the_payable_plus_ten_thousand_yuan_is_still_taken(till, cashier, shift):
    sale = SaleSession(till, cashier)
    payable = sale.scan(COLA).priced.payable_fen
    done = complete_sale(sale, [Tender("cash", payable, cash_given_fen=payable + 1_000_000)])
    assert done.change_fen == 1_000_000


def test_a_store_can_set_a_lower_limit(till, cashier, shift):
    with till.uow() as uow:
        store = dict(uow.rules.setting("store"))
        store["max_tender_fen"] = 20000
        uow.rules.set_setting("store", store)
        uow.commit()
    till.reload_rules()
    from pos_app.services.checkout import tender_limit_fen

    assert tender_limit_fen(350, 20000) == 20000 and tender_limit_fen(350) == 1_000_350
    sale = SaleSession(till, cashier)
    payable = sale.scan(COLA).priced.payable_fen
    with pytest.raises(InvalidInput, match=r"200\.00"):
        complete_sale(sale, [Tender("cash", payable, cash_given_fen=30000)])
    assert complete_sale(sale, [Tender("cash", payable, cash_given_fen=20000)]).change_fen == 20000 - payable


def test_a_reference_longer_than_any_payment_reference_is_refused(till, cashier, shift):
    sale = SaleSession(till, cashier)
    payable = sale.scan(COLA).priced.payable_fen
    with pytest.raises(InvalidInput) as refused:
        complete_sale(sale, [Tender("wechat", payable, "4" * 8000)])
    assert refused.value.code == "tender.reference_too_long"
    assert stored(till) == (0, 0)
