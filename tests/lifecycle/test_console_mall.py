"""The console's points-mall and coupon-issuing pages over real HTTP (issue 18, items 4 and 5):
items with stock, orders, cancelling back to the lots, coupons to members and as codes within the
template's budget; every change audited; roles checked; hostile input refused in words."""

from __future__ import annotations

from sqlalchemy import func, select

from hq.lifecycle import mall
from hq.models import AuditEntry, Coupon, Member
from hq.models_mall import MallItem
from tests.hq.conftest import console_hq, console_template  # noqa: F401 (fixtures)
from tests.sync.conftest import served, sqlite_url  # noqa: F401

ITEM = {
    "id": "TOWEL",
    "kind": "gift",
    "name": "毛巾",
    "points": "200",
    "stock": "5",
    "per_member_limit": "1",
    "coupon_template": "",
    "valid_days": "30",
    "active": "1",
}


def audited(console_hq, action: str) -> list[AuditEntry]:
    hq = console_hq.hq()
    try:
        with hq.tx() as s:
            return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))
    finally:
        hq.close()


def test_marketing_adds_an_item_a_member_redeems_it_and_the_order_is_cancelled_back(console_hq):
    mkt = console_hq.signed_in("mkt")
    page = mkt.get("/console/mall").text
    r = mkt.post("/console/mall/items", data={"csrf_token": mkt.csrf(page), **ITEM})
    assert r.status_code == 200 and "已保存“毛巾”" in r.text
    row = r.text.split('id="item-TOWEL"')[1].split("</tr>")[0]
    assert ">200<" in row and ">5<" in row
    hq = console_hq.hq()
    try:
        with hq.tx() as s:
            before = s.get(Member, "M00000005").points
        order = mall.redeem(hq, console_hq.chain_id, "M00000005", "TOWEL", "console-test-1")
    finally:
        hq.close()
    page = mkt.get("/console/mall?status=pending").text
    row = page.split(f'id="order-{order["id"]}"')[1].split("</tr>")[0]
    assert "待领取" in row and "M00000005" in row and "取消并退积分" in row
    assert page.split('id="item-TOWEL"')[1].split("</tr>")[0].count(">4<") == 1
    r = mkt.post("/console/mall/orders/cancel", data={"csrf_token": mkt.csrf(page), "order_id": order["id"]})
    assert r.status_code == 200 and "200 积分已退回原批次" in r.text
    hq = console_hq.hq()
    try:
        with hq.tx() as s:
            assert s.get(Member, "M00000005").points == before and s.get(MallItem, "TOWEL").stock == 5
    finally:
        hq.close()
    r = mkt.post("/console/mall/orders/cancel", data={"csrf_token": mkt.csrf(page), "order_id": order["id"]})
    assert r.status_code == 422 and "已不是待领取状态" in r.text
    (saved,) = audited(console_hq, "mall.item_saved")
    (cancelled,) = audited(console_hq, "mall.order_cancelled")
    assert saved.after["stock"] == 5 and cancelled.target == order["id"] and cancelled.after["points"] == 200


def test_an_item_that_makes_no_sense_is_refused_in_words_and_nothing_saved(console_hq):
    admin = console_hq.signed_in("admin")
    page = admin.get("/console/mall").text
    for field, value, words in (
        ("points", "-5", "所需积分须在"),
        ("id", "<script>", "商品编号须为"),
        ("stock", "九", "库存须在"),
    ):
        r = admin.post("/console/mall/items", data={"csrf_token": admin.csrf(page), **ITEM, field: value})
        assert r.status_code == 422 and words in r.text and "Traceback" not in r.text, field
        assert "<script>" not in r.text.split("</header>")[1].replace("&lt;script&gt;", "")
    assert "商城里还没有商品" in admin.get("/console/mall").text
    assert audited(console_hq, "mall.item_saved") == []


def test_coupons_go_to_a_list_of_members_and_out_as_codes_within_the_budget(console_hq):
    hq = console_hq.hq()
    try:
        hq.upsert_catalogue(
            console_hq.chain_id,
            "coupon_templates",
            [
                dict(
                    id="LIM3",
                    name="限量满50减10",
                    kind="spend_save",
                    params={"ladder": [[5000, 1000]], "issue_limit": 3, "store_codes": ["S002"]},
                )
            ],
        )
    finally:
        hq.close()
    mkt = console_hq.signed_in("mkt")
    page = mkt.get("/console/coupons").text
    row = page.split('id="template-LIM3"')[1].split("</tr>")[0]
    assert ">0<" in row and ">3<" in row and "S002" in row
    r = mkt.post(
        "/console/coupons/issue",
        data={
            "csrf_token": mkt.csrf(page),
            "template_id": "LIM3",
            "how": "members",
            "members": "M00000001\nM00000002",
            "valid_days": "14",
        },
    )
    assert r.status_code == 200 and "已从模板 LIM3 发放 2 张券" in r.text
    r = mkt.post(
        "/console/coupons/issue",
        data={"csrf_token": mkt.csrf(page), "template_id": "LIM3", "how": "codes", "count": "2", "valid_days": "14"},
    )
    assert r.status_code == 422 and "发放预算已用完（还可发 1 张）" in r.text
    r = mkt.post(
        "/console/coupons/issue",
        data={"csrf_token": mkt.csrf(page), "template_id": "LIM3", "how": "codes", "count": "1", "valid_days": "14"},
    )
    codes = r.text.split('id="issued-codes"')[1].split(">", 1)[1].split("</textarea>")[0].split()
    assert r.status_code == 200 and len(codes) == 1
    row = r.text.split('id="template-LIM3"')[1].split("</tr>")[0]
    assert ">3<" in row and 'class="badge bad">0<' in row
    hq = console_hq.hq()
    try:
        with hq.tx() as s:
            assert s.scalar(select(func.count()).select_from(Coupon).where(Coupon.template_id == "LIM3")) == 3
            assert s.get(Coupon, codes[0]).member_id is None
    finally:
        hq.close()
    r = mkt.post(
        "/console/coupons/issue",
        data={
            "csrf_token": mkt.csrf(page),
            "template_id": "CT01",
            "how": "members",
            "members": "M99999999",
            "valid_days": "14",
        },
    )
    assert r.status_code == 422 and "有 1 位会员不存在" in r.text
    entries = audited(console_hq, "coupons.issued")
    assert [(e.target, e.after["how"], e.after["count"]) for e in entries] == [
        ("LIM3", "members", 2),
        ("LIM3", "codes", 1),
    ]
    assert all("1380" not in str(e.after) for e in entries)


def test_finance_sees_the_mall_but_changes_nothing_and_a_store_manager_sees_neither(console_hq):
    fin = console_hq.signed_in("fin")
    page = fin.get("/console/mall")
    assert page.status_code == 200 and 'action="/console/mall/items"' not in page.text
    assert fin.post("/console/mall/items", data={"csrf_token": fin.csrf(page.text), **ITEM}).status_code == 403
    coupons = fin.get("/console/coupons")
    assert coupons.status_code == 200 and 'action="/console/coupons/issue"' not in coupons.text
    assert (
        fin.post(
            "/console/coupons/issue",
            data={"csrf_token": fin.csrf(page.text), "template_id": "CT01", "how": "codes", "count": "1"},
        ).status_code
        == 403
    )
    mgr = console_hq.signed_in("mgr1")
    assert mgr.get("/console/mall").status_code == 403 and mgr.get("/console/coupons").status_code == 403
