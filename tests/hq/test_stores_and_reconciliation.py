"""The stores and tills page (create a store, issue an enrolment code that a till can use,
revoke a till, last contact / lag / app version) and the reconciliation queue (resolve with a
decision and a note, audited; counts by store and kind), over real HTTP."""

from __future__ import annotations

import re

import requests

from hq.services import audit

TILL_UA = {"User-Agent": "MemberTill-till/0.9.3 python-requests/2.34"}


def test_the_stores_page_shows_each_tills_contact_lag_and_version(console_hq):
    token = None
    admin = console_hq.signed_in("admin")
    page = admin.get("/console/stores").text
    row = page[page.index('id="till-S001-001"') :].split("</tr>")[0]
    assert "已注册" in row and "从未" not in row and ">3<" in row and "1 分钟" in row  # 90 s late
    assert "未知" in row  # no version said yet
    assert "待注册" in page[page.index('id="till-S001-002"') :].split("</tr>")[0]
    # a till pulls, saying its version: the page shows it
    r = admin.post("/console/stores/S002/tills", data={"csrf_token": admin.csrf(page), "till_code": "009"})
    code = re.search(r"只显示一次）：([0-9A-F-]+)", r.text).group(1)
    token = requests.post(console_hq.base + "/v1/enrol", json={"version": 1, "code": code}).json()["token"]
    assert requests.get(console_hq.base + "/v1/pull", headers={"Authorization": f"Bearer {token}", **TILL_UA}).ok
    row = admin.get("/console/stores").text.split('id="till-S002-009"')[1].split("</tr>")[0]
    assert "0.9.3" in row and "秒前" in row and "已注册" in row


def test_a_revoked_till_is_refused_at_once_and_the_revocation_is_audited(console_hq):
    admin = console_hq.signed_in("admin")
    page = admin.get("/console/stores").text
    r = admin.post("/console/stores/S001/tills", data={"csrf_token": admin.csrf(page), "till_code": "007"})
    code = re.search(r"只显示一次）：([0-9A-F-]+)", r.text).group(1)
    token = requests.post(console_hq.base + "/v1/enrol", json={"version": 1, "code": code}).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    assert requests.get(console_hq.base + "/v1/pull", headers=auth).status_code == 200
    till_id = re.search(r'id="till-S001-007".*?action="/console/tills/([0-9a-f-]{36})/revoke"', r.text, re.S).group(1)
    r = admin.post(f"/console/tills/{till_id}/revoke", data={"csrf_token": admin.csrf(page), "reason": ""})
    assert r.status_code == 422 and "请填写停用原因" in r.text
    r = admin.post(f"/console/tills/{till_id}/revoke", data={"csrf_token": admin.csrf(page), "reason": "被盗"})
    assert r.status_code == 200 and "收银机已停用" in r.text
    r = requests.get(console_hq.base + "/v1/pull", headers=auth)
    assert r.status_code == 401 and "revoked: 被盗" in r.json()["detail"]
    r = admin.post("/console/stores/S001/tills", data={"csrf_token": admin.csrf(page), "till_code": "007"})
    assert r.status_code == 409 and "请用新的收银机编号" in r.text
    assert "停用收银机" in admin.get("/console/audit?action=till.revoked").text


def test_a_store_manager_manages_only_their_own_stores_tills(console_hq):
    mgr = console_hq.signed_in("mgr1")
    page = mgr.get("/console/stores").text
    assert 'id="store-S001"' in page and 'id="store-S002"' not in page and "新建门店" not in page
    r = mgr.post("/console/stores/S001/tills", data={"csrf_token": mgr.csrf(page), "till_code": "005"})
    assert r.status_code == 200 and "一次性注册码" in r.text
    r = mgr.post("/console/stores/S002/tills", data={"csrf_token": mgr.csrf(page), "till_code": "005"})
    assert r.status_code == 403 and "您不负责门店 S002" in r.text
    admin_page = console_hq.signed_in("admin").get("/console/stores").text
    other = re.search(r'id="till-S002-001".*?action="/console/tills/([0-9a-f-]{36})/revoke"', admin_page, re.S).group(1)
    r = mgr.post(f"/console/tills/{other}/revoke", data={"csrf_token": mgr.csrf(page), "reason": "试试"})
    assert r.status_code == 403
    r = mgr.post("/console/stores", data={"csrf_token": mgr.csrf(page), "code": "S777", "name": "新店"})
    assert r.status_code == 403


def test_a_chain_admin_creates_a_store(console_hq):
    admin = console_hq.signed_in("admin")
    page = admin.get("/console/stores").text
    r = admin.post("/console/stores", data={"csrf_token": admin.csrf(page), "code": "s003", "name": "邻家便利 3号店"})
    assert r.status_code == 200 and 'id="store-S003"' in r.text and "邻家便利 3号店" in r.text
    r = admin.post("/console/stores", data={"csrf_token": admin.csrf(page), "code": "S003", "name": "重复"})
    assert r.status_code == 409 and "门店编码 S003 已被使用" in r.text
    r = admin.post("/console/stores", data={"csrf_token": admin.csrf(page), "code": "S 4<", "name": "x"})
    assert r.status_code == 422


def test_reconciliation_counts_by_store_and_kind_and_a_resolution_is_audited(console_hq):
    fin = console_hq.signed_in("fin")
    page = fin.get("/console/reconciliation").text
    counts = page.split("按门店和类型统计")[1].split("</table>")[0]
    assert re.search(r"S001</td><td>优惠券重复使用</td><td class=\"num\">1</td><td class=\"num\">0", counts)
    assert "S002</td><td>积分透支" in counts and "（无门店）</td><td>同一手机号合并" in counts
    item = re.search(r'id="item-(\d+)">\s*<td class="num">\d+</td>\s*<td>优惠券重复使用', page).group(1)
    r = fin.post(
        f"/console/reconciliation/{item}", data={"csrf_token": fin.csrf(page), "decision": "recovered", "note": ""}
    )
    assert r.status_code == 422 and "请填写处理说明" in r.text
    r = fin.post(
        f"/console/reconciliation/{item}",
        data={"csrf_token": fin.csrf(page), "decision": "recovered", "note": "已联系会员补差 5 元"},
    )
    assert r.status_code == 200 and f"事项 #{item} 已处理" in r.text
    r = fin.post(
        f"/console/reconciliation/{item}",
        data={"csrf_token": fin.csrf(page), "decision": "no_action", "note": "再处理一次"},
    )
    assert r.status_code == 409 and "该事项已处理" in r.text
    done = fin.get("/console/reconciliation?state=resolved").text
    assert "已向会员追回" in done and "已联系会员补差 5 元" in done and "fin 于" in done
    counts = fin.get("/console/reconciliation").text.split("按门店和类型统计")[1].split("</table>")[0]
    assert re.search(r"S001</td><td>优惠券重复使用</td><td class=\"num\">0</td><td class=\"num\">1", counts)
    hq = console_hq.hq()
    with hq.tx() as s:
        entry = audit.search(s, console_hq.chain_id, action="reconciliation.resolved")[0]
        assert entry.staff_name == "fin" and entry.after == {
            "resolved": True,
            "decision": "recovered",
            "note": "已联系会员补差 5 元",
        }
    hq.close()


def test_a_store_manager_sees_only_their_stores_items_and_cannot_resolve(console_hq):
    mgr = console_hq.signed_in("mgr2")
    page = mgr.get("/console/reconciliation").text
    assert "积分透支" in page and "优惠券重复使用" not in page and "同一手机号合并" not in page
    item = re.search(r'id="item-(\d+)"', page).group(1)
    r = mgr.post(
        f"/console/reconciliation/{item}",
        data={"csrf_token": mgr.csrf(page), "decision": "no_action", "note": "看过了"},
    )
    assert r.status_code == 403
    assert mgr.get("/console/reconciliation?store=S001").status_code == 403
