"""Rule publishing (hq/services/rules.py): drafts checked field by field and by the till's own
pricing code, a preview through `price_cart`, numbered versions through the change feed, restore;
a rule that fails never reaches a till (the admin API and the service refuse it, HQ stores
nothing); a real till prices with a published promotion after its pull."""

from __future__ import annotations

from datetime import datetime

import pytest
import requests
from sqlalchemy import func, select

from hq.models import CatalogueRow, ChangeRow, RuleDraft, RuleVersion, RuleVersionRow
from hq.service import HQ
from hq.services.rules import RulePublishing, RuleRefused
from pos_app.services import SaleSession, Till, login
from pos_app.store import Database
from sync.till import TillSync
from sync.transport import HttpTransport

from .conftest import ADMIN, NOW, demo_hq

COLA = "P000001"  # 可口可乐 330ml, 3.50 yuan, barcode 6901939621257
COLA_BARCODE = "6901939621257"
SPECIAL = {
    "id": "PR90",
    "name": "可乐特价 2.50",
    "kind": "special_price",
    "params": {"product_ids": [COLA], "price_fen": 250},
    "priority": 5,
}


def stored(hq: HQ) -> tuple[int, int, int, int]:
    """(change rows, promotion rows, versions, drafts): what HQ holds that a refusal must not add to."""
    with hq.tx() as s:
        return (
            s.scalar(select(func.count()).select_from(ChangeRow)),
            s.scalar(select(func.count()).select_from(CatalogueRow).where(CatalogueRow.kind == "promotions")),
            s.scalar(select(func.count()).select_from(RuleVersion)),
            s.scalar(select(func.count()).select_from(RuleDraft)),
        )


def test_a_promotion_with_a_negative_price_is_refused_naming_the_field_and_nothing_is_stored(hq):
    rules = RulePublishing(hq)
    before = stored(hq)
    with pytest.raises(RuleRefused) as refused:
        rules.save_draft("demo", "promotions", dict(SPECIAL, params={"product_ids": [COLA], "price_fen": -5}), "ann")
    assert refused.value.field == "price_fen"
    assert "price_fen" in refused.value.text("zh_CN") and "金额" in refused.value.text("zh_CN")
    assert "price_fen" in refused.value.text("en")
    assert stored(hq) == before


@pytest.mark.parametrize(
    "change, field",
    [
        ({"kind": "half_price"}, "kind"),
        ({"name": ""}, "name"),
        ({"priority": "high"}, "priority"),
        ({"valid_from": "2026-12-01T00:00", "valid_to": "2026-11-01T00:00"}, "valid_to"),
        ({"params": {"product_ids": [COLA], "price_fen": 250, "price": 1}}, "price"),
        ({"params": {"product_ids": ["P999999"], "price_fen": 250}}, "product_ids"),
    ],
)
def test_each_malformed_field_is_refused_by_name(hq, change, field):
    rules = RulePublishing(hq)
    with pytest.raises(RuleRefused) as refused:
        rules.save_draft("demo", "promotions", dict(SPECIAL, **change), "ann")
        rules.publish("demo", "ann")
    assert refused.value.field == field
    assert rules.versions("demo") == []


def test_a_bundle_of_one_product_passes_the_form_but_the_till_s_parser_refuses_it(hq):
    """The field checks let a one-product bundle through; the domain parser the till loads with
    does not, and so the draft is refused and nothing is stored."""
    rules = RulePublishing(hq)
    before = stored(hq)
    with pytest.raises(RuleRefused) as refused:
        rules.save_draft(
            "demo",
            "promotions",
            {
                "id": "PR91",
                "name": "单品组合",
                "kind": "bundle",
                "params": {"product_ids": [COLA], "bundle_price_fen": 300},
            },
            "ann",
        )
    assert refused.value.error.code == "rules.refused_by_pricing"
    assert "bundle needs at least two products" in refused.value.text("en")
    assert stored(hq) == before


def test_drafts_that_are_fine_alone_but_clash_together_are_refused_at_publish(hq):
    rules = RulePublishing(hq)
    rules.save_draft("demo", "tiers", {"code": "diamond", "name": "钻石会员", "rank": 3, "discount_percent": 10}, "ann")
    before = stored(hq)
    with pytest.raises(RuleRefused) as refused:
        rules.publish("demo", "ann")
    assert refused.value.error.code == "rules.tier_rank_taken" and refused.value.field == "rank"
    assert stored(hq) == before


def test_removing_a_tier_members_still_hold_is_refused(hq):
    rules = RulePublishing(hq)
    rules.draft_deletion("demo", "tiers", "gold", "ann")
    with pytest.raises(RuleRefused) as refused:
        rules.publish("demo", "ann")
    assert refused.value.error.code == "rules.tier_in_use" and refused.value.field == "code"


def test_the_preview_prices_a_sample_cart_with_the_draft_and_the_published_rules_stay(hq):
    rules = RulePublishing(hq)
    assert rules.preview("demo", [(COLA, 1)]).payable_fen == 350
    rules.save_draft("demo", "promotions", SPECIAL, "ann")
    priced = rules.preview("demo", [(COLA, 1)])
    assert priced.payable_fen == 250
    assert [(r.source_id, r.amount_fen) for r in priced.reductions] == [("PR90", 100)]
    assert rules.preview("demo", [(COLA, 1)], with_drafts=False).payable_fen == 350
    assert stored(hq)[2] == 0  # nothing published


def test_publish_numbers_versions_and_restore_brings_an_earlier_one_back_as_a_new_version(any_hq):
    hq = any_hq
    rules = RulePublishing(hq)
    rules.save_draft("demo", "promotions", SPECIAL, "ann")
    first = rules.publish("demo", "ann", "cola special")
    assert first.number == 1
    rules.save_draft("demo", "promotions", dict(SPECIAL, params={"product_ids": [COLA], "price_fen": 200}), "bob")
    assert [(c.kind, c.key) for c in rules.pending("demo")] == [("promotions", "PR90")]
    second = rules.publish("demo", "bob")
    assert second.number == 2 and rules.drafts("demo") == []
    assert rules.preview("demo", [(COLA, 1)]).payable_fen == 200
    with hq.tx() as s:
        feed_before = s.scalar(select(func.max(ChangeRow.seq)))
    third = rules.restore("demo", 1, "carol")
    assert (third.number, third.restored_from) == (3, 1)
    assert rules.preview("demo", [(COLA, 1)]).payable_fen == 250
    with hq.tx() as s:
        changed = list(s.execute(select(ChangeRow.kind, ChangeRow.key).where(ChangeRow.seq > feed_before)))
        assert changed == [("promotions", "PR90")]  # only the row that differs goes to the tills
        rows = s.scalar(
            select(func.count()).select_from(RuleVersionRow).join(RuleVersion).where(RuleVersion.number == 3)
        )
    assert rows == len(rules.version_rules("demo", 1))
    assert [v.number for v in rules.versions("demo")] == [3, 2, 1]
    with pytest.raises(RuleRefused) as refused:
        rules.restore("demo", 9, "carol")
    assert refused.value.status == 404


def test_publishing_with_no_drafts_is_refused(hq):
    with pytest.raises(RuleRefused) as refused:
        RulePublishing(hq).publish("demo", "ann")
    assert refused.value.status == 409 and refused.value.error.code == "rules.nothing_to_publish"


@pytest.fixture
def live(sqlite_url, served):
    codes = demo_hq(sqlite_url, NOW)
    return served(sqlite_url), sqlite_url, codes


def test_the_admin_api_refuses_a_malformed_promotion_and_hq_stores_nothing(live):
    server, url, _ = live
    hq = HQ(url, lambda: NOW)
    before = stored(hq)
    bad = dict(SPECIAL, params={"product_ids": [COLA], "price_fen": -5})
    r = requests.put(
        f"{server.base}/v1/admin/catalogue/demo/promotions", json={"rows": [bad]}, headers={"X-Admin-Token": ADMIN}
    )
    assert r.status_code == 422 and "price_fen" in r.json()["detail"]
    r = requests.put(
        f"{server.base}/v1/admin/catalogue/demo/settings",
        json={"rows": [{"key": "points_program", "value": {"redeem_points": 0}}], "key": "key"},
        headers={"X-Admin-Token": ADMIN},
    )
    assert r.status_code == 422 and "redeem_points" in r.json()["detail"]
    assert stored(hq) == before
    r = requests.put(
        f"{server.base}/v1/admin/catalogue/demo/promotions", json={"rows": [SPECIAL]}, headers={"X-Admin-Token": ADMIN}
    )
    assert r.status_code == 200
    assert [v.number for v in RulePublishing(hq).versions("demo")] == [1]  # a good one is a version too
    hq.close()


def test_a_published_promotion_reaches_a_real_till_that_prices_with_it_after_its_pull(live, tmp_path):
    server, url, codes = live
    till = Till(Database(tmp_path / "till.sqlite3"), lambda: NOW)
    sync = TillSync(till, HttpTransport(server.base, timeout=(1.0, 10.0)))
    sync.enrol(codes[0])
    sync.pull_all()
    sale = SaleSession(till, login(till, "1111"))
    sale.scan(COLA_BARCODE)

    def cola_price() -> int:
        return sale.view().priced.payable_fen  # the open cart, priced with the till's rules now

    assert cola_price() == 350
    hq = HQ(url, lambda: NOW)
    rules = RulePublishing(hq)
    rules.save_draft("demo", "promotions", SPECIAL, "marketing")
    assert cola_price() == 350  # a draft reaches no till
    sync.pull_all()
    assert cola_price() == 350
    rules.publish("demo", "marketing")
    sync.pull_all()
    assert cola_price() == 250
    hq.close()
    till.db.close()


def test_drafts_publishing_and_restoring_are_in_the_audit_log_and_its_chain_verifies(hq):
    from hq.services import audit

    rules = RulePublishing(hq)
    actor = audit.Actor("demo", None, "marketing-ann", "10.0.0.7")
    rules.save_draft("demo", "promotions", SPECIAL, actor)
    rules.publish("demo", actor, "cola")
    rules.restore("demo", 1, actor)
    with hq.tx() as s:
        entries = audit.search(s, "demo", action="rules.")
        assert [e.action for e in entries] == ["rules.restored", "rules.published", "rules.draft_saved"]
        assert entries[2].after["params"]["price_fen"] == 250 and entries[2].before is None
        assert entries[1].after["changed"] == ["promotions/PR90"] and entries[1].client == "10.0.0.7"
        assert audit.verify(s).ok


def test_a_member_day_of_the_month_earns_the_same_at_a_real_till_and_in_hq_s_preview(live, tmp_path):
    """Issue 18 (branch earn): the member day by day of the month and the birthday period are the
    points programme's; published at HQ, a real till pulls them and earns exactly what HQ's preview
    (the same domain code, read through the same parser) says, day by day."""
    from demo.chain import POINTS_PROGRAM
    from hq.models import Member

    server, url, codes = live
    clock = {"now": datetime(2026, 12, 14, 10)}  # a Monday; not the demo's Wednesday
    till = Till(Database(tmp_path / "till.sqlite3"), lambda: clock["now"])
    sync = TillSync(till, HttpTransport(server.base, timeout=(1.0, 10.0)))
    sync.enrol(codes[0])
    hq = HQ(url, lambda: clock["now"])
    rules = RulePublishing(hq)
    program = dict(
        POINTS_PROGRAM,
        member_day_weekday=None,
        member_day_of_month=15,
        member_day_multiplier_pct=300,
        birthday_scope="day",
        birthday_bonus_points=500,
    )
    rules.save_draft("demo", "settings", {"key": "points_program", "value": program}, "marketing")
    rules.publish("demo", "marketing")
    sync.pull_all()
    with hq.tx() as s:
        # born in December but not on the days priced: a birthday *day* multiplier does not apply
        # (the month rule would have tripled nothing but doubled every December order)
        member = next(
            m
            for m in s.scalars(select(Member).where(Member.chain_id == "demo").order_by(Member.id))
            if m.birthday and m.birthday[5:7] == "12" and m.birthday[8:] not in ("14", "15", "16")
        )
        phone, tier = member.phone, member.tier_code
    sale = SaleSession(till, login(till, "1111"))
    for _ in range(20):
        sale.scan(COLA_BARCODE)
    sale.attach_member(phone)
    earned = {}
    for day in (14, 15, 16):
        clock["now"] = datetime(2026, 12, day, 10)
        at_till = sale.view().priced.points_earned
        at_hq = rules.preview("demo", [(COLA, 20)], now=clock["now"], tier_code=tier).points_earned
        assert at_till == at_hq, day
        earned[day] = at_till
    assert earned[15] > 2 * earned[14] and earned[14] == earned[16] > 0  # x3 on the 15th, no +500 bonus
    hq.close()
    till.db.close()
