"""The console's benefits page over real HTTP (issue 18): marketing configures the benefits on
triggers and the earning tasks; the save is checked whole, audited, and what it configures is
given (a welcome pack, once, in the member's ledger); a bad value is refused in words with
nothing stored; finance reads, a store manager does not see the page."""

from __future__ import annotations

import json

from sqlalchemy import select

from hq.members import MemberAPI
from hq.models import AuditEntry, Setting
from tests.hq.conftest import console_hq, console_template  # noqa: F401 (fixtures)
from tests.sync.conftest import served, sqlite_url  # noqa: F401

FORM = {
    "welcome.points": "100",
    "welcome.template": "CT03",
    "welcome.days": "30",
    "post_purchase.points": "",
    "post_purchase.template": "CT01",
    "post_purchase.days": "14",
    "post_purchase.min_yuan": "50.00",
    "birthday.points": "200",
    "birthday.template": "",
    "birthday.days": "30",
    "member_day.points": "",
    "member_day.template": "",
    "member_day.days": "30",
    "tier.gold.points": "500",
    "tier.gold.template": "",
    "tier.gold.days": "30",
    "sign_in_points": "5, 5, 10",
    "sign_in_after": "cycle",
    "referral.inviter": "20",
    "referral.invitee": "10",
    "profile.points": "50",
    "profile.fields": ["name", "birthday"],
}


def lifecycle(console_hq):
    hq = console_hq.hq()
    try:
        with hq.tx() as s:
            row = s.get(Setting, f"lifecycle:{console_hq.chain_id}")
            return json.loads(row.value) if row else {}
    finally:
        hq.close()


def test_marketing_configures_benefits_and_earning_and_a_new_member_gets_the_welcome_pack_once(console_hq):
    mkt = console_hq.signed_in("mkt")
    page = mkt.get("/console/benefits")
    assert page.status_code == 200 and "开卡礼" in page.text and "升级礼" in page.text
    r = mkt.post("/console/benefits", data=dict(FORM, csrf_token=mkt.csrf(page.text)))
    assert r.status_code == 200 and "已保存会员权益与积分任务" in r.text
    stored = lifecycle(console_hq)
    assert stored["benefits"] == {
        "welcome": {"points": 100, "valid_days": 30, "coupon_template": "CT03"},
        "post_purchase": {"points": 0, "valid_days": 14, "coupon_template": "CT01", "min_spend_fen": 5000},
        "birthday": {"points": 200, "valid_days": 30},
        "tier_upgrade": {"gold": {"points": 500, "valid_days": 30}},
    }
    assert (stored["sign_in_points"], stored["sign_in_after"], stored["referral_points"], stored["profile_points"]) == (
        [5, 5, 10],
        "cycle",
        {"inviter": 20, "invitee": 10},
        {"points": 50, "fields": ["name", "birthday"]},
    )
    row = r.text.split('id="benefit-welcome"')[1].split("</tr>")[0]
    assert 'value="100"' in row and 'value="CT03" selected' in row  # the page shows what it saved
    hq = console_hq.hq()
    try:
        with hq.tx() as s:
            (entry,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "benefits.saved"))
            assert entry.after["benefits"]["welcome"]["points"] == 100 and entry.before["benefits"] in (None, {})
        api = MemberAPI(hq, chain_id=console_hq.chain_id)
        api.send_code("13900007777")
        code = api.sms.sent["13900007777"].split("验证码 ")[1][:6]
        member = api.sign_in_with_code("13900007777", code, "新会员")["member_id"]
        api.send_code("13900007777")
        api.sign_in_with_code(
            "13900007777", api.sms.sent["13900007777"].split("验证码 ")[1][:6]
        )  # again: no second pack
        assert [(h["kind"], h["delta"], h["ref"]) for h in api.points_history(member)] == [("benefit", 100, "welcome:")]
        assert [c["template_id"] for c in api.coupons(member)] == ["CT03"]
    finally:
        hq.close()


def test_a_bad_value_is_refused_in_words_and_nothing_is_stored(console_hq):
    mkt = console_hq.signed_in("mkt")
    before = lifecycle(console_hq)
    for change, words in (
        ({"welcome.points": "很多"}, "开卡礼"),
        ({"tier.gold.days": "0"}, "升级礼"),
        ({"sign_in_points": "5, -1"}, "签到积分"),
        ({"profile.fields": []}, "完善资料"),
        ({"birthday.template": "CT99"}, "CT99"),
    ):
        page = mkt.get("/console/benefits").text
        r = mkt.post("/console/benefits", data=dict(FORM, csrf_token=mkt.csrf(page), **change))
        assert r.status_code == 422 and words in r.text and "Traceback" not in r.text, change
        assert lifecycle(console_hq) == before


def test_finance_reads_the_page_but_cannot_save_and_a_store_manager_does_not_see_it(console_hq):
    fin = console_hq.signed_in("fin")
    page = fin.get("/console/benefits")
    assert page.status_code == 200 and 'type="submit" class="primary"' not in page.text
    r = fin.post("/console/benefits", data=dict(FORM, csrf_token=fin.csrf(page.text)))
    assert r.status_code == 403 and lifecycle(console_hq).get("benefits") in (None, {})
    assert console_hq.signed_in("mgr1").get("/console/benefits").status_code == 403
