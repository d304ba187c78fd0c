"""The points mall and coupons end to end: a real HQ process on 127.0.0.1 (uvicorn, SQLite), the
member app's JSON API over HTTP, and real tills of stores S001 and S002 (their SQLite files,
their sync over HTTP): a gift bought in the app is handed over at one till, reaches HQ once and
leaves the other till's list; a coupon restricted to S002 is refused at S001 with HQ stopped."""

from __future__ import annotations

from datetime import datetime

import pytest
import requests
from sqlalchemy import func, select

from hq.demo import load_demo
from hq.lifecycle import mall
from hq.lifecycle.coupons import issue_codes, issue_to_members
from hq.members import MemberAPI
from hq.models import EventRow, Member, ReconciliationItem
from hq.models_mall import MallOrder
from hq.service import HQ
from pos_app.services import InvalidInput, NotFound, SaleSession, Tender, Till, complete_sale, login, open_shift
from pos_app.services.mall import hand_over, pending_orders
from pos_app.store import Database
from sync.till import TillSync
from sync.transport import HttpTransport
from tests.sync.conftest import served, sqlite_url  # noqa: F401 (fixtures)

NOW = datetime(2026, 11, 23, 10)
MEMBER = "M00000005"  # 860 points in lots, in the demo chain
COLA = "6901939621257"


def make_chain(url: str) -> tuple[dict[str, str], str]:
    """The demo chain with two stores, a towel in the mall, a 满50减10 template usable only at S002;
    the enrolment codes and a member app session of MEMBER."""
    hq = HQ(url, lambda: NOW)
    load_demo(hq, NOW, stores=("S001", "S002"), products=300, members=400)
    mall.save_item(hq, "demo", dict(id="TOWEL", kind="gift", name="毛巾", points=200, stock=3, per_member_limit=2))
    hq.upsert_catalogue(
        "demo",
        "coupon_templates",
        [
            dict(
                id="S2ONLY",
                name="二店满50减10",
                kind="spend_save",
                params={"ladder": [[5000, 1000]], "store_codes": ["S002"]},
            )
        ],
    )
    hq.clock = datetime.now
    codes = {store: hq.create_till(store, "001")[1] for store in ("S001", "S002")}
    with hq.tx() as s:
        phone = s.get(Member, MEMBER).phone
    api = MemberAPI(hq)
    api.send_code(phone)
    token = api.sign_in_with_code(phone, api.sms.sent[phone].split("验证码 ")[1][:6])["token"]
    hq.close()
    return codes, token


def enrolled(tmp_path, base: str, store: str, code: str) -> tuple[Till, TillSync]:
    till = Till(Database(tmp_path / f"{store}.sqlite3"), lambda: NOW)
    sync = TillSync(till, HttpTransport(base, timeout=(1.0, 5.0)))
    sync.enrol(code)
    sync.pull_all()
    return till, sync


@pytest.fixture
def world(sqlite_url, served, tmp_path):
    codes, token = make_chain(sqlite_url)
    server = served(sqlite_url)
    a = enrolled(tmp_path, server.base, "S001", codes["S001"])
    b = enrolled(tmp_path, server.base, "S002", codes["S002"])
    yield server, token, a, b
    a[0].db.close()
    b[0].db.close()


def app(server, token: str, method: str, path: str, **kw) -> requests.Response:
    return requests.request(
        method, server.base + "/v1/member" + path, headers={"Authorization": f"Bearer {token}"}, timeout=10, **kw
    )


def test_a_gift_bought_in_the_app_is_handed_over_at_one_till_and_reaches_hq_once(world, sqlite_url):
    server, token, (a, sync_a), (b, sync_b) = world
    items = app(server, token, "GET", "/mall/items").json()
    assert [(i["id"], i["points"], i["stock"]) for i in items] == [("TOWEL", 200, 3)]
    order = app(server, token, "POST", "/mall/orders", json={"item_id": "TOWEL", "request_key": "tap-1-abcdef"})
    retry = app(server, token, "POST", "/mall/orders", json={"item_id": "TOWEL", "request_key": "tap-1-abcdef"})
    assert order.status_code == retry.status_code == 200 and order.json() == retry.json()
    order_id = order.json()["id"]
    assert app(server, token, "GET", "/me").json()["points"] == 660
    sync_a.pull_all()
    sync_b.pull_all()
    cashier_a, cashier_b = login(a, "1111"), login(b, "1111")
    assert [(o.id, o.item_name, o.points) for o in pending_orders(a, MEMBER)] == [(order_id, "毛巾", 200)]
    assert pending_orders(a, "M00000003") == []
    hand_over(a, cashier_a, MEMBER, order_id)
    assert pending_orders(a, MEMBER) == []
    with pytest.raises(InvalidInput) as twice:
        hand_over(a, cashier_a, MEMBER, order_id)  # offline or not: once per till
    assert twice.value.code == "mall.order_handed_here"
    with pytest.raises(NotFound):
        hand_over(a, cashier_a, "M00000003", order_id)  # not that member's order
    sync_a.push_all()
    sync_a.push_all()
    sync_a.pull_all()
    sync_b.pull_all()
    assert pending_orders(b, MEMBER) == []  # the other till learnt it from the feed
    with pytest.raises(InvalidInput) as elsewhere:
        hand_over(b, cashier_b, MEMBER, order_id)
    assert elsewhere.value.code == "mall.order_not_pending"
    hq = HQ(sqlite_url, datetime.now)
    try:
        with hq.tx() as s:
            done = s.get(MallOrder, order_id)
            assert (done.status, done.store_code) == ("handed_over", "S001")
            assert (
                s.scalar(select(func.count()).select_from(EventRow).where(EventRow.kind == "mall_order_handed_over"))
                == 1
            )
            assert s.scalar(select(func.count()).select_from(ReconciliationItem)) == 0
    finally:
        hq.close()
    refused = app(server, token, "POST", "/mall/cancel", json={"order_id": order_id})
    assert refused.status_code == 409 and refused.json()["code"] == "mall.order_not_pending"
    assert "待领取" in refused.json()["message"]
    assert [o["status"] for o in app(server, token, "GET", "/mall/orders").json()] == ["handed_over"]


def test_the_app_cancels_a_pending_gift_and_is_told_why_not_in_words(world):
    server, token, _, _ = world
    first = app(server, token, "POST", "/mall/orders", json={"item_id": "TOWEL", "request_key": "tap-1-000001"})
    app(server, token, "POST", "/mall/orders", json={"item_id": "TOWEL", "request_key": "tap-1-000002"})
    third = app(server, token, "POST", "/mall/orders", json={"item_id": "TOWEL", "request_key": "tap-1-000003"})
    assert third.status_code == 409 and third.json()["code"] == "mall.limit_reached"
    assert "每人限兑 2 件" in third.json()["message"]
    cancelled = app(server, token, "POST", "/mall/cancel", json={"order_id": first.json()["id"]})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert app(server, token, "GET", "/me").json()["points"] == 860 - 200
    assert app(server, token, "GET", "/mall/items").json()[0]["stock"] == 2
    for body in (
        {"item_id": "TOWEL", "request_key": "short"},
        {"item_id": "TOWEL"},
        {"item_id": "TOWEL", "request_key": "tap-1-000009", "points": 1},
    ):
        bad = app(server, token, "POST", "/mall/orders", json=body)
        assert bad.status_code == 422 and "Traceback" not in bad.text
    unknown = app(server, token, "POST", "/mall/orders", json={"item_id": "CAR", "request_key": "tap-1-000010"})
    assert unknown.status_code == 404 and unknown.json()["code"] == "mall.item_unknown"
    assert requests.get(server.base + "/v1/member/mall/items", timeout=10).status_code == 401


def test_a_coupon_for_store_s002_is_refused_at_s001_offline_and_taken_at_s002(world, sqlite_url):
    server, _, (a, sync_a), (b, sync_b) = world
    hq = HQ(sqlite_url, lambda: NOW)  # the tills' clock: the coupon is valid from now
    try:
        (mine,) = issue_to_members(hq, "demo", "S2ONLY", [MEMBER], valid_days=30)
    finally:
        hq.close()
    sync_a.pull_all()
    sync_b.pull_all()
    server.stop()  # both tills offline from here
    for till, allowed in ((a, False), (b, True)):
        cashier = login(till, "1111")
        open_shift(till, cashier, 50000)
        sale = SaleSession(till, cashier)
        for _ in range(20):
            sale.scan(COLA)
        sale.attach_member(MEMBER)
        sale.allow_member_spend("9999")  # the manager's override: member coupons may be used
        held = {c.code: c for c in sale.view().priced.held_coupons}
        if allowed:
            view = sale.apply_coupon(mine)
            assert any(c.code == mine and c.applied and c.amount_fen == 1000 for c in view.priced.coupons)
            done = complete_sale(
                sale, [Tender("cash", view.priced.payable_fen, cash_given_fen=view.priced.payable_fen)]
            )
            assert done.receipt_no
        else:
            assert not held[mine].applied and held[mine].reason.code == "coupon.wrong_store"
            with pytest.raises(InvalidInput) as refused:
                sale.apply_coupon(mine)
            assert refused.value.code == "coupon.wrong_store" and refused.value.params["stores"] == "S002"


def test_a_single_use_code_is_taken_once_chain_wide_and_a_forged_one_is_refused(world, sqlite_url):
    server, _, (a, sync_a), (b, sync_b) = world
    hq = HQ(sqlite_url, lambda: NOW)
    try:
        (code,) = issue_codes(hq, "demo", "CT01", 1, valid_days=30)
    finally:
        hq.close()
    sync_a.pull_all()
    sync_b.pull_all()

    cashiers = {}
    for till in (a, b):
        cashiers[till] = login(till, "1111")
        open_shift(till, cashiers[till], 50000)

    def sale_at(till):
        sale = SaleSession(till, cashiers[till])
        for _ in range(40):  # 105.00: the demo CT01 saves 10.00 from 100.00
            sale.scan(COLA)
        return sale

    sale = sale_at(a)
    with pytest.raises(NotFound) as forged:
        sale.apply_coupon("C" + code[1:-1] + ("0" if code[-1] != "0" else "1"))
    assert forged.value.code == "coupon.unknown"
    view = sale.apply_coupon(code)
    complete_sale(sale, [Tender("cash", view.priced.payable_fen, cash_given_fen=view.priced.payable_fen)])
    with pytest.raises(InvalidInput) as replayed:
        sale_at(a).apply_coupon(code)
    assert replayed.value.code == "coupon.used"
    sync_a.push_all()
    sync_b.pull_all()
    with pytest.raises(InvalidInput) as elsewhere:
        sale_at(b).apply_coupon(code)
    assert elsewhere.value.code == "coupon.used"
