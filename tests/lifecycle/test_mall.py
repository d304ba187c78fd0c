"""The points mall at HQ (issue 18, item 5) and points → coupon exchange (item 4): stock, limits
per member, request keys, cancelling back to the original lots; on PostgreSQL, two redemptions at
once never take stock below zero nor pass a member's limit."""

from __future__ import annotations

import json
import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from hq.lifecycle import mall
from hq.lifecycle.coupons import CouponIssueError, exchange_points
from hq.models import Coupon, Member, PointsEntry, PointsLot, Setting
from hq.models_mall import MallItem, MallOrder
from hq.service import HQ

from .conftest import Chain, Clock

KEY = "req-0000-0001"


def stocked(hq, chain_id, **over) -> dict:
    item = dict(id="TOWEL", kind="gift", name="毛巾", points=100, stock=5, per_member_limit=0) | over
    return mall.save_item(hq, chain_id, item)


def rich_member(chain, member_id="M1", phone="13800000001", points=300) -> str:
    m = chain.register(member_id, phone)
    chain.sale(m, points * 100, earned=points)
    return m


def points_of(hq, member_id) -> tuple[int, int]:
    """(the member's balance, the sum of their lots' remaining points)."""
    with hq.tx() as s:
        lots = s.scalar(select(func.sum(PointsLot.remaining)).where(PointsLot.member_id == member_id))
        return s.get(Member, member_id).points, int(lots or 0)


def test_a_gift_is_bought_once_per_request_key_and_waits_to_be_handed_over(chain, hq):
    stocked(hq, chain.chain_id)
    m = rich_member(chain)
    first = mall.redeem(hq, chain.chain_id, m, "TOWEL", KEY)
    again = mall.redeem(hq, chain.chain_id, m, "TOWEL", KEY)  # a retry after a lost answer
    assert first == again and first["status"] == "pending" and first["points"] == 100
    assert points_of(hq, m) == (200, 200)
    with hq.tx() as s:
        assert s.get(MallItem, "TOWEL").stock == 4
        assert [e.delta for e in s.scalars(select(PointsEntry).where(PointsEntry.kind == "mall"))] == [-100]
    page = hq.pull(chain.tills[0], "S1", chain.chain_id, 0)
    got = {c.key: c.data for c in page.changes if c.kind == "mall_orders"}
    assert got[first["id"]]["status"] == "pending" and got[first["id"]]["member_id"] == m


def test_the_limit_per_member_the_stock_and_the_points_are_each_refused_in_words(chain, hq):
    stocked(hq, chain.chain_id, stock=2, per_member_limit=1)
    a, b, c = rich_member(chain), rich_member(chain, "M2", "13800000002"), rich_member(chain, "M3", "13800000003")
    mall.redeem(hq, chain.chain_id, a, "TOWEL", "a-000001")
    with pytest.raises(mall.MallError) as limit:
        mall.redeem(hq, chain.chain_id, a, "TOWEL", "a-000002")
    assert limit.value.code == "mall.limit_reached" and limit.value.params["limit"] == 1
    mall.redeem(hq, chain.chain_id, b, "TOWEL", "b-000001")
    with pytest.raises(mall.MallError) as gone:
        mall.redeem(hq, chain.chain_id, c, "TOWEL", "c-000001")
    assert gone.value.code == "mall.out_of_stock"
    stocked(hq, chain.chain_id, id="BIKE", name="自行车", points=5000, stock=3)
    with pytest.raises(mall.MallError) as short:
        mall.redeem(hq, chain.chain_id, c, "BIKE", "c-000002")
    assert short.value.code == "mall.points_short"
    with hq.tx() as s:  # nothing of the refused ones stayed
        assert s.get(MallItem, "BIKE").stock == 3 and s.get(MallItem, "TOWEL").stock == 0
    assert points_of(hq, c) == (300, 300)


def test_a_cancelled_order_gives_the_points_back_to_the_lots_they_came_from(chain, clock, hq):
    stocked(hq, chain.chain_id, points=150)
    m = chain.register("M1", "13800000001")
    chain.sale(m, 10000, earned=100)  # lot 1: expires 30 days on (PROGRAM: fixed 30)
    clock.advance(days=10)
    chain.sale(m, 10000, earned=100)  # lot 2
    order = mall.redeem(hq, chain.chain_id, m, "TOWEL", KEY)
    with hq.tx() as s:
        before = {l.earned_on: (l.remaining, l.expires_on) for l in s.scalars(select(PointsLot))}
    assert sorted(r for r, _ in before.values()) == [0, 50]  # the oldest lot first
    done = mall.cancel(hq, chain.chain_id, order["id"], by="staff:admin")
    assert done["status"] == "cancelled"
    with hq.tx() as s:
        after = {l.earned_on: (l.remaining, l.expires_on) for l in s.scalars(select(PointsLot))}
        assert s.get(MallItem, "TOWEL").stock == 5
    assert after == {d: (100, exp) for d, (_, exp) in before.items()}  # same lots, original expiry
    assert points_of(hq, m) == (200, 200)
    with pytest.raises(mall.MallError) as twice:
        mall.cancel(hq, chain.chain_id, order["id"], by="staff:admin")
    assert twice.value.code == "mall.order_not_pending"
    assert points_of(hq, m) == (200, 200)


def test_a_coupon_item_issues_its_coupon_inside_the_templates_budget(chain, hq):
    hq.upsert_catalogue(
        chain.chain_id,
        "coupon_templates",
        [dict(id="CT09", name="5元券", kind="cash_voucher", params={"amount_fen": 500, "issue_limit": 1})],
    )
    mall.save_item(
        hq,
        chain.chain_id,
        dict(id="V5", kind="coupon", name="5元券", points=50, stock=10, coupon_template="CT09", valid_days=7),
    )
    a, b = rich_member(chain), rich_member(chain, "M2", "13800000002")
    order = mall.redeem(hq, chain.chain_id, a, "V5", KEY)
    assert order["status"] == "issued"
    with hq.tx() as s:
        assert s.get(Coupon, order["coupon_code"]).member_id == a
    with pytest.raises(CouponIssueError) as budget:
        mall.redeem(hq, chain.chain_id, b, "V5", KEY)
    assert budget.value.code == "coupon.budget_exhausted"
    assert points_of(hq, b) == (300, 300)  # refused whole: no points, no stock taken
    with hq.tx() as s:
        assert s.get(MallItem, "V5").stock == 9


def test_points_for_a_coupon_is_idempotent_by_request_key(chain, hq):
    with hq.tx() as s:
        s.merge(
            Setting(
                key=f"lifecycle:{chain.chain_id}",
                value=json.dumps(
                    {
                        "points_exchange": [
                            {
                                "id": "X100",
                                "name": "100积分换满50减10",
                                "points": 100,
                                "coupon_template": "CT01",
                                "valid_days": 30,
                            }
                        ]
                    }
                ),
            )
        )
    m = rich_member(chain, points=250)
    code = exchange_points(hq, chain.chain_id, m, "X100", "tap-00000001")
    assert exchange_points(hq, chain.chain_id, m, "X100", "tap-00000001") == code
    assert points_of(hq, m) == (150, 150)
    other = exchange_points(hq, chain.chain_id, m, "X100", "tap-00000002")
    assert other != code and points_of(hq, m) == (50, 50)
    with pytest.raises(CouponIssueError) as short:
        exchange_points(hq, chain.chain_id, m, "X100", "tap-00000003")
    assert short.value.code == "coupon.points_short" and points_of(hq, m) == (50, 50)
    with hq.tx() as s:
        assert s.scalar(select(func.count()).select_from(Coupon).where(Coupon.member_id == m)) == 2
        assert s.scalar(select(func.count()).select_from(MallOrder).where(MallOrder.kind == "exchange")) == 2


def test_an_offer_saved_by_the_console_is_exchanged_changed_and_withdrawn(chain, hq):
    """Offers made through save_exchange_offer are what exchange_points reads; a change keeps its
    place, a withdrawal refuses new exchanges and leaves the coupons bought."""
    saved, before = mall.save_exchange_offer(
        hq, chain.chain_id, dict(id="X100", name="100积分换满50减10", points="100", coupon_template="CT01")
    )
    assert before is None and saved == {
        "id": "X100",
        "name": "100积分换满50减10",
        "points": 100,
        "coupon_template": "CT01",
        "valid_days": 30,
    }
    mall.save_exchange_offer(hq, chain.chain_id, dict(id="X200", name="另一个", points=200, coupon_template="CT01"))
    changed, before = mall.save_exchange_offer(
        hq, chain.chain_id, dict(id="X100", name="120积分换券", points=120, coupon_template="CT01", valid_days=7)
    )
    assert before["points"] == 100
    assert [(o["id"], o["points"]) for o in mall.exchange_offers(hq, chain.chain_id)] == [("X100", 120), ("X200", 200)]
    m = rich_member(chain, points=250)
    code = exchange_points(hq, chain.chain_id, m, "X100", "tap-00000001")
    assert points_of(hq, m) == (130, 130)
    assert mall.remove_exchange_offer(hq, chain.chain_id, "X100")["id"] == "X100"
    with pytest.raises(CouponIssueError) as gone:
        exchange_points(hq, chain.chain_id, m, "X100", "tap-00000002")
    assert gone.value.code == "coupon.unknown_offer" and points_of(hq, m) == (130, 130)
    with hq.tx() as s:
        assert s.get(Coupon, code).member_id == m
    with pytest.raises(mall.MallError) as twice:
        mall.remove_exchange_offer(hq, chain.chain_id, "X100")
    assert twice.value.code == "mall.item_unknown"


@pytest.mark.parametrize(
    "bad, code",
    [
        (dict(id="a b"), "mall.item_id_invalid"),
        (dict(name=" "), "mall.name_invalid"),
        (dict(points="0"), "mall.points_invalid"),
        (dict(points="10000001"), "mall.points_invalid"),
        (dict(valid_days="9999"), "mall.valid_days_invalid"),
        (dict(coupon_template="NOPE"), "mall.template_unknown"),
    ],
)
def test_an_offer_that_makes_no_sense_is_refused_and_nothing_saved(chain, hq, bad, code):
    with pytest.raises(mall.MallError) as refused:
        mall.save_exchange_offer(
            hq, chain.chain_id, dict(dict(id="X1", name="换券", points=100, coupon_template="CT01"), **bad)
        )
    assert refused.value.code == code
    assert mall.exchange_offers(hq, chain.chain_id) == []


@pytest.mark.parametrize(
    "bad, code",
    [
        (dict(id="no spaces"), "mall.item_id_invalid"),
        (dict(kind="car"), "mall.kind_invalid"),
        (dict(name=""), "mall.name_invalid"),
        (dict(points=0), "mall.points_invalid"),
        (dict(points="1e9"), "mall.points_invalid"),
        (dict(stock=-1), "mall.stock_invalid"),
        (dict(per_member_limit=True), "mall.limit_invalid"),
        (dict(kind="coupon", coupon_template="NOPE"), "mall.template_unknown"),
    ],
)
def test_an_item_that_makes_no_sense_is_refused_with_its_code_and_nothing_saved(chain, hq, bad, code):
    with pytest.raises(mall.MallError) as refused:
        stocked(hq, chain.chain_id, **bad)
    assert refused.value.code == code
    assert mall.items(hq, chain.chain_id) == []


@pytest.mark.postgres
@pytest.mark.parametrize("same_member", [False, True])
def test_two_redemptions_at_once_never_take_stock_below_zero_nor_pass_the_limit(pg_url, same_member):
    """The last unit (or a limit of one) wanted by two requests at the same moment, on PostgreSQL:
    exactly one order, stock 0 (or 4), the loser's points untouched."""
    clock = Clock(__import__("datetime").datetime(2026, 1, 5, 10))
    hq = HQ(pg_url, clock)
    try:
        chain = Chain(hq, clock)
        stocked(hq, chain.chain_id, stock=5 if same_member else 1, per_member_limit=1 if same_member else 0)
        a = rich_member(chain)
        b = a if same_member else rich_member(chain, "M2", "13800000002")
        start, outcomes = threading.Barrier(2), []

        def buy(member, key):
            start.wait()
            try:
                outcomes.append(mall.redeem(hq, chain.chain_id, member, "TOWEL", key)["status"])
            except mall.MallError as error:
                outcomes.append(error.code)

        threads = [
            threading.Thread(target=buy, args=(a, "key-000000a")),
            threading.Thread(target=buy, args=(b, "key-000000b")),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        refusal = "mall.limit_reached" if same_member else "mall.out_of_stock"
        assert sorted(outcomes) == sorted(["pending", refusal])
        with hq.tx() as s:
            assert s.get(MallItem, "TOWEL").stock == (4 if same_member else 0)
            assert s.scalar(select(func.count()).select_from(MallOrder)) == 1
            assert sum(s.get(Member, x).points for x in {a, b}) == (200 if same_member else 500)
    finally:
        hq.close()


def test_expired_lots_do_not_pay_for_a_gift(chain, clock, hq):
    stocked(hq, chain.chain_id)
    m = rich_member(chain, points=100)
    clock.advance(days=31)  # the lot lapsed (fixed 30 days), no job run yet
    with pytest.raises(mall.MallError) as short:
        mall.redeem(hq, chain.chain_id, m, "TOWEL", KEY)
    assert short.value.code == "mall.points_short" and clock().date() > date(2026, 2, 4)
