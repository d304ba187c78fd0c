"""Earning rules at HQ (issue 18), from the chain's settings and its points programme: sign-in
streaks that cap or cycle, referral rewards on both sides, profile-completion points once per
member, the member day by day of the month (the tills' rule), the programme's birthday gift once
a year; each benefit once per member and period even when its job runs twice."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from hq.jobs import lifecycle_jobs  # noqa: F401 (registers the jobs)
from hq.jobs.runs import run_job
from hq.lifecycle.earning import sign_in_points, validate
from hq.members import MemberAPI
from hq.models import BenefitGrant, Member, PointsEntry, Setting
from hq.service import HQError
from pos_app.domain.errors import RuleError

from .conftest import PROGRAM, Chain


def settings(hq, chain_id, **values):
    with hq.tx() as s:
        s.merge(Setting(key=f"lifecycle:{chain_id}", value=json.dumps(values)))


def ledger(hq, member_id):
    with hq.tx() as s:
        return [
            (e.kind, e.delta, e.ref)
            for e in s.scalars(select(PointsEntry).where(PointsEntry.member_id == member_id).order_by(PointsEntry.id))
        ]


def balance(hq, member_id):
    with hq.tx() as s:
        return s.get(Member, member_id).points


def test_sign_in_amounts_cap_or_cycle_as_the_settings_say(chain, clock, hq):
    assert [sign_in_points([1, 2, 3], "cap", n) for n in range(1, 8)] == [1, 2, 3, 3, 3, 3, 3]
    assert [sign_in_points([1, 2, 3], "cycle", n) for n in range(1, 8)] == [1, 2, 3, 1, 2, 3, 1]
    settings(hq, chain.chain_id, sign_in_points=[5, 5, 10], sign_in_after="cycle")
    api = MemberAPI(hq, chain_id=chain.chain_id)
    m = chain.register("M1", "13800000001")
    got = []
    for _ in range(5):
        got.append(api.daily_sign_in(m)["points"])
        clock.advance(days=1)
    clock.advance(days=1)  # a day missed: the streak starts again
    got.append(api.daily_sign_in(m)["points"])
    assert got == [5, 5, 10, 5, 5, 5]
    assert balance(hq, m) == 35 and [k for k, _, _ in ledger(hq, m)] == ["sign_in"] * 6


def test_a_referral_rewards_both_sides_with_the_seeds_amounts(chain, clock, hq):
    settings(hq, chain.chain_id, referral_points={"inviter": 20, "invitee": 10})
    api = MemberAPI(hq, chain_id=chain.chain_id)
    inviter = chain.register("M1", "13800000001")
    code = api.profile(inviter)["referral_code"]
    api.send_code("13900002222")
    friend = api.sign_in_with_code(
        "13900002222", api.sms.sent["13900002222"].split("验证码 ")[1][:6], referral_code=code, chain_id=chain.chain_id
    )["member_id"]
    assert ledger(hq, inviter) == [("referral", 20, friend)]
    assert ledger(hq, friend) == [("referred", 10, inviter)]


def test_profile_completion_points_are_given_once_when_every_configured_field_is_filled(chain, clock, hq):
    settings(hq, chain.chain_id, profile_points={"points": 50, "fields": ["name", "birthday", "gender"]})
    api = MemberAPI(hq, chain_id=chain.chain_id)
    m = chain.register("M1", "13800000001")
    assert api.update_profile(m, {"birthday": "1990-05-04"}) == {"points": 0, "profile_points": 0}
    assert api.update_profile(m, {"gender": "female"})["profile_points"] == 50  # name was set at registration
    assert api.update_profile(m, {"gender": "other", "address": "上海"})["profile_points"] == 0
    assert api.update_profile(m, {"gender": ""})["profile_points"] == 0
    assert api.update_profile(m, {"gender": "female"})["profile_points"] == 0  # complete again: nothing
    assert ledger(hq, m) == [("benefit", 50, "profile:")] and balance(hq, m) == 50
    with hq.tx() as s:
        member = s.get(Member, m)
        assert (member.birthday, member.custom["gender"], member.custom["address"]) == ("1990-05-04", "female", "上海")


@pytest.mark.parametrize(
    "values, message",
    [
        ({"birthday": "1990-13-01"}, "birthday"),
        ({"birthday": "2030-01-01"}, "birthday"),
        ({"gender": "x"}, "gender"),
        ({"email": "nobody"}, "email"),
        ({"phone": "13900000000"}, "Unknown"),
    ],
)
def test_a_bad_profile_value_is_refused_and_changes_nothing(chain, clock, hq, values, message):
    settings(hq, chain.chain_id, profile_points={"points": 50, "fields": ["name"]})
    api = MemberAPI(hq, chain_id=chain.chain_id)
    m = chain.register("M1", "13800000001")
    with pytest.raises(HQError) as refused:
        api.update_profile(m, values)
    assert message in str(refused.value.detail if hasattr(refused.value, "detail") else refused.value)
    assert ledger(hq, m) == []


def test_earning_settings_are_checked(chain):
    assert validate({"sign_in_points": [1, 2], "sign_in_after": "cycle"}) == {
        "sign_in_points": [1, 2],
        "sign_in_after": "cycle",
    }
    for bad in (
        {"sign_in_points": []},
        {"sign_in_points": [1], "sign_in_after": "again"},
        {"sign_in_points": [-1]},
        {"referral_points": {"inviter": "20"}},
        {"profile_points": {"points": 10, "fields": []}},
        {"profile_points": {"points": 10, "fields": ["pet"]}},
    ):
        with pytest.raises(RuleError) as refused:
            validate(bad)
        assert refused.value.code.startswith("earning.")


def test_member_day_by_day_of_the_month_gives_its_benefit_once_even_when_the_job_runs_twice(hq, clock):
    chain = Chain(hq, clock, program=dict(PROGRAM, member_day_of_month=15))
    settings(hq, chain.chain_id, benefits={"member_day": {"points": 30}})
    members = [chain.register(f"M{n}", f"1380000000{n}") for n in range(3)]
    assert run_job(hq, "member_day", "2026-01-14").rows == 0
    assert run_job(hq, "member_day", "2026-01-15").rows == 3
    assert run_job(hq, "member_day", "2026-01-15", rerun=True).rows == 3  # the re-run added none
    run_job(hq, "member_day", "2026-01-15", limit=1, rerun=True)
    assert run_job(hq, "member_day", "2026-02-15").rows == 3  # next month's, once more
    for m in members:
        assert ledger(hq, m) == [("benefit", 30, "member_day:2026-01-15"), ("benefit", 30, "member_day:2026-02-15")]
        assert balance(hq, m) == 60


def test_the_programmes_birthday_bonus_is_a_yearly_gift_given_once(hq, clock):
    chain = Chain(hq, clock, program=dict(PROGRAM, birthday_bonus_points=88, birthday_multiplier_pct=200))
    m = chain.register("M1", "13800000001", birthday="1990-01-12")
    for _ in range(2):
        run_job(hq, "birthday_benefits", "2026-01-12")
        run_job(hq, "birthday_benefits", "2026-01-12", rerun=True)
    assert ledger(hq, m) == [("benefit", 88, "birthday:2026")]
    with hq.tx() as s:
        assert [(g.benefit, g.period, g.points) for g in s.scalars(select(BenefitGrant))] == [("birthday", "2026", 88)]
