"""The console's member pages over real HTTP: live search with masked phones, the member page,
an adjustment above the limit that only another person's approval applies, merge, export and
deletion, each by the roles allowed to. (In a real browser: test_console_browser_rules_members.py.)"""

from __future__ import annotations

import csv
import io

from hq.models import Member
from hq.services.member_admin import MemberAdmin


def post(client, path, data):
    return client.post(path, data={**data, "csrf_token": client.page_csrf()})


def member(console_hq, member_id):
    hq = console_hq.hq()
    with hq.tx() as s:
        m = s.get(Member, member_id)
    hq.close()
    return m


def test_live_search_shows_matching_members_with_masked_phones(console_hq):
    m = member(console_hq, "M00000005")
    mgr = console_hq.signed_in("mgr1")
    r = mgr.get(f"/console/members/search?q={m.phone[-4:]}", headers={"HX-Request": "true"})
    assert r.status_code == 200 and "M00000005" in r.text
    assert m.phone not in r.text and f"{m.phone[:3]}****{m.phone[-4:]}" in r.text
    assert "<html" not in r.text  # a fragment for htmx
    page = mgr.get("/console/members/M00000005")
    assert page.status_code == 200 and m.phone not in page.text and "积分明细" in page.text


def test_an_adjustment_above_the_limit_waits_for_a_second_person(console_hq):
    before = member(console_hq, "M00000006").points
    fin = console_hq.signed_in("fin")
    r = post(fin, "/console/members/M00000006/adjust", {"what": "points", "amount": "5000", "reason": "投诉补偿"})
    assert r.status_code == 200 and "等待另一位员工审批" in r.text
    assert member(console_hq, "M00000006").points == before
    adjustment = MemberAdmin(console_hq.hq()).pending(console_hq.chain_id)[0]
    r = post(fin, f"/console/members/adjustments/{adjustment.id}/approve", {"back": "M00000006"})
    assert r.status_code == 403 and member(console_hq, "M00000006").points == before  # not one's own
    admin = console_hq.signed_in("admin")
    r = post(admin, f"/console/members/adjustments/{adjustment.id}/approve", {"back": "M00000006"})
    assert r.status_code == 200 and member(console_hq, "M00000006").points == before + 5000
    r = post(fin, "/console/members/M00000006/adjust", {"what": "principal", "amount": "12.345", "reason": "x1"})
    assert r.status_code == 422
    r = post(fin, "/console/members/M00000006/adjust", {"what": "points", "amount": "10", "reason": ""})
    assert r.status_code == 422 and "原因" in r.text


def test_export_merge_and_delete_are_the_chain_admin_s(console_hq):
    m = member(console_hq, "M00000007")
    for username in ("mkt", "fin", "aud", "mgr1"):
        c = console_hq.signed_in(username)
        assert c.get("/console/members/M00000007/export.csv").status_code == 403, username
        assert post(c, "/console/members/M00000007/delete", {"confirm": "M00000007"}).status_code == 403, username
    admin = console_hq.signed_in("admin")
    r = admin.get("/console/members/M00000007/export.csv")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert any(row["section"] == "member" and row["detail"] == m.phone for row in rows)
    r = post(admin, "/console/members/M00000007/merge", {"drop_id": "M00000008", "reason": "同一人"})
    assert r.status_code == 200 and "M00000008" in r.text
    assert member(console_hq, "M00000008") is None
    r = post(admin, "/console/members/M00000007/delete", {"confirm": "wrong"})
    assert r.status_code == 422 and member(console_hq, "M00000007").phone == m.phone
    r = post(admin, "/console/members/M00000007/delete", {"confirm": "M00000007"})
    assert r.status_code == 200 and member(console_hq, "M00000007").phone != m.phone
