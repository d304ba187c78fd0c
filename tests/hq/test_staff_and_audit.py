"""Staff accounts managed in the console, every change in HQ's hash-chained audit log (who, what,
before/after, when, from where); the audit page filters it; verify() finds an edited row."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from hq.models import AuditEntry
from hq.services import audit

from .conftest import PASSWORD, STAFF


def staff_id(html: str, username: str) -> str:
    row = html[html.index(f'id="staff-{username}"') :]
    return re.search(r'action="/console/staff/([0-9a-f-]{36})"', row).group(1)


def test_a_chain_admin_creates_an_account_and_the_audit_log_says_who_what_and_from_where(console_hq):
    admin = console_hq.signed_in("admin")
    r = admin.post(
        "/console/staff",
        data={
            "csrf_token": admin.page_csrf(),
            "username": "mkt2",
            "display_name": "小王",
            "role": "marketing",
            "password": "a-new-password-1",
            "stores": "",
        },
    )
    assert r.status_code == 200 and "账号 mkt2 已创建" in r.text
    assert console_hq.client().sign_in("mkt2", "a-new-password-1").status_code == 303
    hq = console_hq.hq()
    with hq.tx() as s:
        entry = audit.search(s, console_hq.chain_id, action="staff.created", target="mkt2")[0]
        assert (entry.staff_name, entry.client) == ("admin", "127.0.0.1")
        assert entry.before is None and entry.after["role"] == "marketing"
        assert "password" not in str(entry.after) and "a-new-password-1" not in str(entry.after)
    hq.close()


def test_a_role_change_is_audited_with_before_and_after(console_hq):
    admin = console_hq.signed_in("admin")
    page = admin.get("/console/staff").text
    r = admin.post(
        f"/console/staff/{staff_id(page, 'mgr1')}",
        data={
            "csrf_token": admin.csrf(page),
            "role": "store_manager",
            "display_name": "MGR1",
            "stores": "S001,S002",
            "active": "1",
        },
    )
    assert r.status_code == 200
    log = admin.get("/console/audit?action=staff.changed").text
    assert "修改员工账号" in log
    change = log.split('<ul class="changes">')[1].split("</ul>")[0]  # only the field that changed
    assert 'store_codes</span>: <del>["S001"]</del> → <ins>["S001", "S002"]</ins>' in change
    assert "role" not in change and "display_name" not in change


def test_a_store_manager_needs_a_known_store_and_the_last_admin_stays(console_hq):
    admin = console_hq.signed_in("admin")
    page = admin.get("/console/staff").text
    r = admin.post(
        "/console/staff",
        data={
            "csrf_token": admin.csrf(page),
            "username": "mgr9",
            "role": "store_manager",
            "password": "a-new-password-1",
            "stores": "S999",
        },
    )
    assert r.status_code == 422 and "门店 S999 不存在" in r.text
    r = admin.post(
        f"/console/staff/{staff_id(page, 'admin')}",
        data={"csrf_token": admin.csrf(page), "role": "auditor", "display_name": "ADMIN", "active": "1"},
    )
    assert r.status_code == 409 and "最后一位连锁管理员" in r.text


def test_a_reset_password_ends_the_accounts_sessions_and_is_audited(console_hq):
    fin = console_hq.signed_in("fin")
    admin = console_hq.signed_in("admin")
    page = admin.get("/console/staff").text
    r = admin.post(f"/console/staff/{staff_id(page, 'fin')}/password", data={"csrf_token": admin.csrf(page)})
    new = re.search(r"（只显示一次）：(\S+?)<", r.text).group(1)
    assert fin.get("/console").status_code == 303  # signed out
    assert console_hq.client().sign_in("fin", PASSWORD).status_code == 401
    assert console_hq.client().sign_in("fin", new).status_code == 303
    assert "重置密码" in admin.get("/console/audit?action=staff.password_reset").text


def test_the_audit_page_filters_by_action_who_and_date(console_hq):
    console_hq.signed_in("mkt")
    admin = console_hq.signed_in("admin")
    page = admin.get("/console/audit?who=mkt&action=staff.signed_in").text
    assert page.count("<tr>") == 1 + 1  # header + mkt's sign-in
    assert admin.get("/console/audit?until=2000-01-01").text.count("没有符合条件的记录") == 1
    fragment = admin.get("/console/audit?who=admin", headers={"HX-Request": "true"}).text
    assert fragment.startswith('<section class="card table-wrap" id="audit-rows">') and "<html" not in fragment


def drop_append_only_triggers(s) -> None:
    """What someone with the database's owner rights could do before editing the log."""
    s.execute(text("DROP TRIGGER hq_audit_no_update"))
    s.execute(text("DROP TRIGGER hq_audit_no_delete"))


def test_the_database_refuses_to_edit_or_delete_an_audit_row(console_hq):
    hq = console_hq.hq()
    for statement in ("UPDATE hq_audit SET staff_name = 'x'", "DELETE FROM hq_audit"):
        with pytest.raises(DBAPIError, match="append-only"), hq.tx() as s:
            s.execute(text(statement))
    with hq.tx() as s:
        assert s.query(AuditEntry).count() == len(STAFF) and audit.verify(s).ok
    hq.close()


def test_the_audit_chain_verifies_and_names_an_edited_row(console_hq):
    console_hq.signed_in("mkt")
    admin = console_hq.signed_in("admin")
    assert "哈希链校验通过" in admin.get("/console/audit").text
    hq = console_hq.hq()
    with hq.tx() as s:
        assert audit.verify(s).ok
        victim = s.query(AuditEntry).filter_by(action="staff.created", target="fin").one()
        drop_append_only_triggers(s)
        s.execute(
            text("UPDATE hq_audit SET after = :a WHERE id = :id"), {"a": '{"role": "chain_admin"}', "id": victim.id}
        )  # someone edits the log
    with hq.tx() as s:
        result = audit.verify(s)
        assert not result.ok and result.first_bad_id == victim.id
    hq.close()
    page = admin.get("/console/audit").text
    assert f"哈希链校验失败：第 {victim.id} 条记录" in page


def test_a_deleted_audit_row_breaks_the_chain(console_hq):
    console_hq.signed_in("mkt")
    hq = console_hq.hq()
    with hq.tx() as s:
        rows = s.query(AuditEntry).order_by(AuditEntry.id).all()
        drop_append_only_triggers(s)
        s.execute(text("DELETE FROM hq_audit WHERE id = :id"), {"id": rows[2].id})
    with hq.tx() as s:
        assert audit.verify(s).first_bad_id == rows[3].id
    hq.close()


@pytest.mark.postgres
def test_on_postgresql_the_audit_log_is_append_only_and_chained(pg_url):
    from datetime import datetime

    from hq.service import HQ
    from hq.services import staff

    hq = HQ(pg_url, datetime.now)
    chain = hq.create_chain("甲连锁", "alpha")
    for name in ("a1", "a2", "a3"):
        staff.create_staff(hq, audit.Actor(chain, None, "pos-hq"), name, name, "auditor", PASSWORD)
    with pytest.raises(DBAPIError, match="append-only"), hq.tx() as s:
        s.execute(text("UPDATE hq_audit SET staff_name = 'x'"))
    with hq.tx() as s:
        assert audit.verify(s) == audit.Verification(True, 3)
        s.execute(text("DROP TRIGGER hq_audit_append_only ON hq_audit"))
        s.execute(text("UPDATE hq_audit SET target = 'a9' WHERE target = 'a2'"))
    with hq.tx() as s:
        assert not audit.verify(s).ok
    hq.close()
