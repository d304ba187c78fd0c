"""The member API is chain-aware: a sign-up joins the chain the request names (or HQ's only
chain), not a hard-coded `demo` (which failed on the foreign key for any other chain)."""

from __future__ import annotations

from datetime import datetime

import pytest

from hq.base import HQError
from hq.members import MemberAPI
from hq.models import Member
from hq.service import HQ

NOW = datetime(2026, 11, 23, 10)


def code_for(api: MemberAPI, phone: str) -> str:
    api.send_code(phone)
    return api.sms.sent[phone].split("验证码 ")[1][:6]


def test_a_sign_up_joins_hqs_only_chain_whatever_its_id(sqlite_url):
    hq = HQ(sqlite_url, lambda: NOW)
    chain = hq.create_chain("好邻居超市")  # a random id, not "demo"
    api = MemberAPI(hq)
    signed = api.sign_in_with_code("13900001111", code_for(api, "13900001111"), "新会员")
    with hq.tx() as s:
        assert s.get(Member, signed["member_id"]).chain_id == chain
    hq.close()


def test_a_sign_up_names_its_chain_when_hq_holds_several(sqlite_url):
    hq = HQ(sqlite_url, lambda: NOW)
    first, second = hq.create_chain("甲连锁", "alpha"), hq.create_chain("乙连锁", "beta")
    api = MemberAPI(hq)
    with pytest.raises(HQError, match="name the chain"):
        api.sign_in_with_code("13900001111", code_for(api, "13900001111"))
    with pytest.raises(HQError, match="No chain gamma"):
        api.sign_in_with_code("13900001111", code_for(api, "13900001111"), chain_id="gamma")
    a = api.sign_in_with_code("13900001111", code_for(api, "13900001111"), chain_id=second)
    b = api.sign_in_with_code("13900001111", code_for(api, "13900001111"), chain_id=first)
    assert a["created"] and b["created"] and a["member_id"] != b["member_id"]  # one person, two chains
    with hq.tx() as s:
        assert {s.get(Member, a["member_id"]).chain_id, s.get(Member, b["member_id"]).chain_id} == {first, second}
    hq.close()
