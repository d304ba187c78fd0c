"""Issue 22, defect 4: every spend of points goes through the same offline cap, gifts included
(one member redeemed twice the policy's bound in gifts at two offline tills)."""

from __future__ import annotations

import pytest

from pos_app.domain.error_texts import describe
from pos_app.services import InvalidInput, SaleSession, Tender, complete_sale, redeem_gift
from pos_app.store import cipher
from pos_app.store.demo_data import ean13
from pos_app.store.models import PointsEntry

RICE = ean13("69" + f"{20:010d}")  # 五常大米 5kg


def caps(till, points_per_day: int) -> None:
    with till.uow() as uow:
        store = dict(uow.rules.setting("store"))
        store["offline_caps"] = {"points_per_day": points_per_day, "stored_value_fen_per_day": 100000}
        uow.rules.set_setting("store", store)
        uow.commit()
    till.reload_rules()


def rich_member(till, points: int) -> str:
    con = cipher.connect(till.db.path)
    (member_id,) = con.execute("select id from members where hq_points >= ? order by id limit 1", (points,)).fetchone()
    con.close()
    return member_id


def gifts_given(till) -> int:
    with till.uow() as uow:
        return uow.session.query(PointsEntry).filter(PointsEntry.kind == "gift").count()


def test_gifts_stop_at_the_offline_points_cap_as_sales_do(till, cashier, shift):
    caps(till, 1000)
    member = rich_member(till, 1500)
    redeem_gift(till, cashier, member, "G02", identified_by="member_code")  # 500
    redeem_gift(till, cashier, member, "G02", identified_by="member_code")  # 1,000: the cap reached, not passed
    with pytest.raises(InvalidInput) as refused:
        redeem_gift(till, cashier, member, "G01", identified_by="member_code")  # 1,100 > 1,000
    assert refused.value.code == "offline_caps.points_per_day"
    assert "1000" in describe(refused.value, "zh_CN") and "离线上限" in describe(refused.value, "zh_CN")
    assert gifts_given(till) == 2


def test_points_spent_on_gifts_count_against_the_cap_of_a_later_sale(till, cashier, shift):
    caps(till, 600)
    member = rich_member(till, 1500)
    redeem_gift(till, cashier, member, "G02", identified_by="member_code")  # 500 of 600
    sale = SaleSession(till, cashier)
    sale.scan(RICE)
    sale.attach_member(member)
    sale.allow_member_spend("9999")  # spending needs a verified member (t16-scan)
    payable = sale.redeem_points(200).priced.payable_fen
    with pytest.raises(InvalidInput) as refused:
        complete_sale(sale, [Tender("cash", payable)])
    assert refused.value.code == "offline_caps.points_per_day"


def test_once_hq_confirms_the_gifts_the_day_starts_over(till, cashier, shift):
    caps(till, 500)
    member = rich_member(till, 1500)
    redeem_gift(till, cashier, member, "G02", identified_by="member_code")
    with till.uow() as uow:  # HQ confirmed the balance (a pull marks them synced)
        uow.session.execute(PointsEntry.__table__.update().values(synced=True))
        uow.commit()
    redeem_gift(till, cashier, member, "G02", identified_by="member_code")
    assert gifts_given(till) == 2
