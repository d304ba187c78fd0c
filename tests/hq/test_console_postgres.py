"""The console on PostgreSQL, served by two worker processes as deployed: sign-in, staff, stores
and tills (contact noted by an upsert), reconciliation and the audit chain (its advisory lock and
append-only trigger) through the same pages as on SQLite."""

from __future__ import annotations

import re

import pytest
import requests

from hq.services import audit

from .conftest import ConsoleHQ, Server, make_console_hq

pytestmark = pytest.mark.postgres


@pytest.fixture
def console_pg(pg_url, tmp_path):
    chain_id = make_console_hq(pg_url)
    server = Server(pg_url, tmp_path / "hq.log", workers=2).start()
    yield ConsoleHQ(server, pg_url, chain_id)
    server.stop()


def test_the_console_works_on_postgresql_with_two_workers(console_pg):
    admin = console_pg.signed_in("admin")
    page = admin.get("/console/staff").text
    r = admin.post(
        "/console/staff",
        data={"csrf_token": admin.csrf(page), "username": "fin2", "role": "finance", "password": "a-new-password-1"},
    )
    assert r.status_code == 200 and "账号 fin2 已创建" in r.text
    r = admin.post("/console/stores/S002/tills", data={"csrf_token": admin.csrf(page), "till_code": "010"})
    code = re.search(r"只显示一次）：([0-9A-F-]+)", r.text).group(1)
    token = requests.post(console_pg.base + "/v1/enrol", json={"version": 1, "code": code}).json()["token"]
    for _ in range(3):  # noted once, whichever worker answers
        assert requests.get(
            console_pg.base + "/v1/pull",
            headers={"Authorization": f"Bearer {token}", "User-Agent": "MemberTill-till/1.2.0"},
        ).ok
    row = admin.get("/console/stores").text.split('id="till-S002-010"')[1].split("</tr>")[0]
    assert "1.2.0" in row and "秒前" in row
    fin = console_pg.client()
    assert fin.sign_in("fin2", "a-new-password-1").status_code == 303
    queue = fin.get("/console/reconciliation").text
    item = re.search(r'id="item-(\d+)"', queue).group(1)
    r = fin.post(
        f"/console/reconciliation/{item}",
        data={"csrf_token": fin.csrf(queue), "decision": "no_action", "note": "核对无误"},
    )
    assert r.status_code == 200
    assert "哈希链校验通过" in admin.get("/console/audit").text
    hq = console_pg.hq()
    with hq.tx() as s:
        assert audit.verify(s).ok and audit.verify(s).entries >= 10
    hq.close()
