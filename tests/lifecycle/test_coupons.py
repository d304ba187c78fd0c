"""Coupons issued from HQ: to a member or a list, as single-use codes, within the template's
budget; points exchanged for a coupon from the oldest usable lots."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from hq.lifecycle.coupons import CouponIssueError, exchange_points, issue_codes, issue_to_members
from hq.models import Coupon, Member, PointsEntry, Setting


def test_coupons_to_a_list_of_members_reach_tills_with_the_next_pull(chain, hq):
    a, b = chain.register("M1", "13800000001"), chain.register("M2", "13800000002")
    codes = issue_to_members(hq, chain.chain_id, "CT01", [a, b], valid_days=14)
    page = hq.pull(chain.tills[0], "S1", chain.chain_id, 0)
    got = {c.key: c.data["member_id"] for c in page.changes if c.kind == "member_coupons"}
    assert got == dict(zip(codes, [a, b]))


def test_single_use_codes_belong_to_no_member(chain, hq):
    codes = issue_codes(hq, chain.chain_id, "CT03", 5)
    with hq.tx() as s:
        rows = s.scalars(select(Coupon).where(Coupon.code.in_(codes))).all()
    assert len(set(codes)) == 5 and all(c.member_id is None and c.status == "issued" for c in rows)


def test_a_templates_budget_is_never_passed(chain, hq):
    hq.upsert_catalogue(
        chain.chain_id,
        "coupon_templates",
        [dict(id="CT09", name="限量券", kind="cash_voucher", params={"amount_fen": 500, "issue_limit": 3})],
    )
    issue_codes(hq, chain.chain_id, "CT09", 2)
    with pytest.raises(CouponIssueError) as spent:
        issue_codes(hq, chain.chain_id, "CT09", 2)
    assert spent.value.code == "coupon.budget_exhausted" and spent.value.params["left"] == 1
    issue_codes(hq, chain.chain_id, "CT09", 1)


def test_points_buy_a_coupon_from_the_oldest_usable_lots(chain, clock, hq):
    with hq.tx() as s:
        s.merge(
            Setting(
                key=f"lifecycle:{chain.chain_id}",
                value=json.dumps(
                    {"points_exchange": [{"id": "X100", "points": 100, "coupon_template": "CT01", "valid_days": 30}]}
                ),
            )
        )
    m = chain.register("M1", "13800000001")
    chain.sale(m, 10000, earned=80)
    clock.advance(days=1)
    chain.sale(m, 10000, earned=80)
    code = exchange_points(hq, chain.chain_id, m, "X100")
    with hq.tx() as s:
        assert s.get(Member, m).points == 60 and s.get(Coupon, code).template_id == "CT01"
        assert [e.delta for e in s.scalars(select(PointsEntry).where(PointsEntry.kind == "exchange"))] == [-100]
    with pytest.raises(CouponIssueError) as short:
        exchange_points(hq, chain.chain_id, m, "X100")
    assert short.value.code == "coupon.points_short"
    with hq.tx() as s:
        assert s.get(Member, m).points == 60  # nothing taken by the refused exchange
