"""One malformed promotion (or any rule row) from HQ no longer stops every scan (issue 16,
defect 9): the till leaves it out, keeps why for the status bar, reports it to HQ once (an outbox
event) and sells with the rest."""

from __future__ import annotations

from sqlalchemy import select

from pos_app.services import SaleSession, Tender, Till, complete_sale
from pos_app.store import Database
from pos_app.store.models import CouponTemplateRow, OutboxEvent, PromotionRow

COLA = "6901939621257"


def add_bad_rows(till):
    with till.uow() as uow:
        uow.session.add(
            PromotionRow(id="P-BAD", name="坏促销", kind="nth_discount", params={"n": 2, "percent_off": "ten"})
        )
        uow.session.add(PromotionRow(id="P-ODD", name="怪促销", kind="flash_sale", params={}))
        uow.session.add(PromotionRow(id="P-LIST", name="列表", kind="bogo", params=["not", "an", "object"]))
        uow.session.add(CouponTemplateRow(id="T-BAD", name="坏券", kind="spend_save", params={"ladder": "10-1"}))
        uow.commit()
    till.reload_rules()


def test_a_malformed_promotion_is_left_out_and_selling_goes_on(till, cashier, shift):
    add_bad_rows(till)
    sale = SaleSession(till, cashier)
    view = sale.scan(COLA)
    assert len(view.priced.lines) == 1
    done = complete_sale(sale, [Tender("cash", view.priced.payable_fen)])
    assert done.receipt_no


def test_each_rule_left_out_is_named_with_its_reason(till):
    add_bad_rows(till)
    problems = {p.rule_id: p for p in till.rule_problems}
    assert set(problems) == {"P-BAD", "P-ODD", "P-LIST", "T-BAD"}
    assert problems["P-BAD"].code == "rule.not_a_percent" and problems["P-BAD"].params["key"] == "percent_off"
    assert problems["P-ODD"].code == "rule.unknown_promotion_kind"
    assert problems["T-BAD"].kind == "coupon_template" and problems["T-BAD"].code == "rule.ladder_not_a_list"


def test_hq_is_told_once_about_each_rule_left_out(till):
    add_bad_rows(till)
    till.reload_rules()  # loaded again (a sync, a restart): not reported twice
    again = Till(Database(till.db.path), till.clock).prepare()
    with till.uow() as uow:
        events = uow.session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "rule_rejected")).all()
    assert sorted(e.payload["rule_id"] for e in events) == ["P-BAD", "P-LIST", "P-ODD", "T-BAD"]
    assert {e.payload["code"] for e in events} >= {"rule.not_a_percent", "rule.unknown_promotion_kind"}
    assert len(again.rule_problems) == 4
    again.db.close()
