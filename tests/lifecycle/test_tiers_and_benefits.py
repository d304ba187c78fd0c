"""Tiers that move on the right days, benefits given once per member and period."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from hq.jobs import lifecycle_jobs  # noqa: F401 (registers the jobs)
from hq.jobs.runs import run_job
from hq.lifecycle.benefits import validate
from hq.lifecycle.tiers import tier_progress
from hq.models import BenefitGrant, Coupon, Member, MemberTier, PointsEntry, Setting, TierChange
from pos_app.domain.errors import RuleError


def tier(hq, member_id):
    with hq.tx() as s:
        return s.get(Member, member_id).tier_code


def configure(hq, chain_id, **benefits):
    with hq.tx() as s:
        s.merge(Setting(key=f"lifecycle:{chain_id}", value=json.dumps({"benefits": benefits})))


def test_a_push_that_qualifies_the_member_upgrades_at_once(chain, clock, hq):
    m = chain.register("M1", "13800000001")
    chain.sale(m, 60000)
    assert tier(hq, m) == "regular"
    chain.sale(m, 40000)  # 1,000 yuan in 12 months: silver
    assert tier(hq, m) == "silver"
    with hq.tx() as s:
        state = s.get(MemberTier, m)
        assert (state.since, state.review_on) == (date(2026, 1, 5), date(2027, 1, 5))


def test_the_upgraded_tier_reaches_tills_with_the_next_pull(chain, clock, hq):
    m = chain.register("M1", "13800000001")
    chain.sale(m, 100000)
    page = hq.pull(chain.tills[1], "S1", chain.chain_id, 0)
    assert [c.data["tier_code"] for c in page.changes if c.kind == "members"][-1] == "silver"


def test_a_downgrade_waits_for_the_review_date(chain, clock, hq):
    m = chain.register("M1", "13800000001")
    chain.sale(m, 100000)  # silver on 2026-01-05, review 2027-01-05
    clock.now = datetime(2026, 6, 1, 9)
    chain.refund("sale-1", m, money_fen=100000)  # no longer qualifies ...
    run_job(hq, "tier_review", "2026-06-01")
    assert tier(hq, m) == "silver"  # ... but keeps the tier until the review
    run_job(hq, "tier_review", "2027-01-04")
    assert tier(hq, m) == "silver"
    run_job(hq, "tier_review", "2027-01-05")
    assert tier(hq, m) == "regular"
    with hq.tx() as s:
        assert [
            (c.from_tier, c.to_tier, c.reason, c.changed_on)
            for c in s.scalars(select(TierChange).order_by(TierChange.id))
        ] == [("regular", "silver", "upgrade", date(2026, 1, 5)), ("silver", "regular", "downgrade", date(2027, 1, 5))]


def test_a_member_who_still_qualifies_at_the_review_keeps_the_tier_for_another_year(chain, clock, hq):
    m = chain.register("M1", "13800000001")
    chain.sale(m, 100000)
    clock.now = datetime(2026, 12, 20, 9)
    chain.sale(m, 100000)
    run_job(hq, "tier_review", "2027-01-05")
    assert tier(hq, m) == "silver"
    with hq.tx() as s:
        assert s.get(MemberTier, m).review_on == date(2028, 1, 5)


def test_the_member_sees_what_they_must_spend_to_keep_the_tier(chain, clock, hq):
    m = chain.register("M1", "13800000001")
    chain.sale(m, 100000)  # silver needs 1,000 yuan
    clock.now = datetime(2026, 11, 1, 9)
    with hq.tx() as s:
        got = tier_progress(s, chain.chain_id, m, clock().date())
    # at the review (2027-01-05) the January 2026 spend has left the 12 months: all 1,000 yuan again
    assert got["tier"] == "silver" and got["review_on"] == "2027-01-05" and got["keep_fen"] == 100000
    assert got["next_tier"] == "gold" and got["next_fen"] == 400000


def test_welcome_pack_once_on_registration_and_visible_in_the_ledger(chain, clock, hq):
    configure(hq, chain.chain_id, welcome={"points": 100, "coupon_template": "CT03", "valid_days": 30})
    m = chain.register("M1", "13800000001")
    chain.push("member_registered", {"member_id": "M1", "phone": "13800000001", "name": "张三"})  # seen again
    with hq.tx() as s:
        assert s.get(Member, m).points == 100
        assert [(e.kind, e.delta) for e in s.scalars(select(PointsEntry).where(PointsEntry.member_id == m))] == [
            ("benefit", 100)
        ]
        assert [c.template_id for c in s.scalars(select(Coupon).where(Coupon.member_id == m))] == ["CT03"]
    page = hq.pull(chain.tills[1], "S1", chain.chain_id, 0)
    assert {c.kind for c in page.changes} >= {"members", "member_coupons", "points_lots"}


def test_post_purchase_coupon_once_per_member_and_day(chain, clock, hq):
    configure(hq, chain.chain_id, post_purchase={"min_spend_fen": 5000, "coupon_template": "CT01"})
    m = chain.register("M1", "13800000001")
    chain.sale(m, 3000)
    chain.sale(m, 6000)
    chain.sale(m, 9000)
    clock.advance(days=1)
    chain.sale(m, 8000)
    with hq.tx() as s:
        assert s.scalar(select(func.count()).select_from(Coupon).where(Coupon.member_id == m)) == 2


def test_tier_upgrade_gift_once(chain, clock, hq):
    configure(hq, chain.chain_id, tier_upgrade={"silver": {"points": 300}})
    m = chain.register("M1", "13800000001")
    chain.sale(m, 100000)
    chain.sale(m, 1000)
    with hq.tx() as s:
        assert [(g.benefit, g.period, g.points) for g in s.scalars(select(BenefitGrant))] == [
            ("tier_upgrade", "silver", 300)
        ]
        assert s.get(Member, m).points == 300


def test_birthday_gift_once_a_year_and_a_notice_ahead(chain, clock, hq):
    from hq.models import Message

    configure(hq, chain.chain_id, birthday={"points": 200})
    m = chain.register("M1", "13800000001", birthday="1990-01-12")
    run_job(hq, "birthday_benefits", "2026-01-09")  # 3 days ahead: a notice
    run_job(hq, "birthday_benefits", "2026-01-12")
    run_job(hq, "birthday_benefits", "2026-01-12", rerun=True)
    with hq.tx() as s:
        assert [(g.benefit, g.period) for g in s.scalars(select(BenefitGrant))] == [("birthday", "2026")]
        assert s.get(Member, m).points == 200
        assert [(x.purpose, x.status) for x in s.scalars(select(Message))] == [("birthday_notice", "queued")]


def test_a_29_february_birthday_is_celebrated_on_the_28th_in_common_years(chain, clock, hq):
    configure(hq, chain.chain_id, birthday={"points": 200})
    chain.register("M1", "13800000001", birthday="2000-02-29")
    run_job(hq, "birthday_benefits", "2026-02-28")
    with hq.tx() as s:
        assert s.scalar(select(func.count()).select_from(BenefitGrant)) == 1


def test_member_day_benefit_on_the_programmes_weekday_only(hq, clock):
    from .conftest import Chain

    chain = Chain(hq, clock, program={"expiry": "never", "member_day_weekday": 2})
    configure(hq, chain.chain_id, member_day={"coupon_template": "CT01", "valid_days": 1})
    chain.register("M1", "13800000001")
    run_job(hq, "member_day", "2026-01-06")  # a Tuesday
    run_job(hq, "member_day", "2026-01-07")  # Wednesday: member day
    with hq.tx() as s:
        assert [(g.benefit, g.period) for g in s.scalars(select(BenefitGrant))] == [("member_day", "2026-01-07")]


def test_a_bad_benefit_configuration_is_refused_with_a_code():
    with pytest.raises(RuleError) as bad:
        validate({"welcome": {"coupon_template": "NOPE"}}, {"CT01"})
    assert bad.value.code == "benefit.unknown_template"
    with pytest.raises(RuleError) as empty:
        validate({"birthday": {}}, {"CT01"})
    assert empty.value.code == "benefit.empty"


def test_sign_in_streak_amounts_come_from_the_chains_settings(chain, clock, hq):
    from hq.members import MemberAPI

    with hq.tx() as s:
        s.merge(Setting(key=f"lifecycle:{chain.chain_id}", value=json.dumps({"sign_in_points": [2, 4, 8]})))
    api = MemberAPI(hq, chain_id=chain.chain_id)
    m = chain.register("M1", "13800000001")
    got = []
    for _ in range(4):
        got.append(api.daily_sign_in(m)["points"])
        clock.advance(days=1)
    assert got == [2, 4, 8, 8]


def test_a_referral_rewards_both_the_inviter_and_the_invitee(chain, clock, hq):
    from hq.members import MemberAPI

    with hq.tx() as s:
        s.merge(
            Setting(
                key=f"lifecycle:{chain.chain_id}",
                value=json.dumps({"referral_points": {"inviter": 300, "invitee": 120}}),
            )
        )
    api = MemberAPI(hq, chain_id=chain.chain_id)
    inviter = chain.register("M1", "13800000001")
    code = api.profile(inviter)["referral_code"]
    api.send_code("13900002222")
    friend = api.sign_in_with_code(
        "13900002222", api.sms.sent["13900002222"].split("验证码 ")[1][:6], referral_code=code, chain_id=chain.chain_id
    )["member_id"]
    with hq.tx() as s:
        assert (s.get(Member, inviter).points, s.get(Member, friend).points) == (300, 120)
