"""Member administration (hq/services/member_admin.py): search by phone, last four digits, card,
id and name through indexes; the member page (ledgers with sources, receipts across stores, lots,
tier history); adjustments with a reason and a second person's approval above the chain's limit;
merge (sums kept); PIPL export (JSON, CSV) and deletion by anonymisation (ledgers' sums kept)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import select, text

from hq.demo import load_demo
from hq.models import EventRow, Member
from hq.service import HQ
from hq.services.member_admin import MemberAdmin, Refused
from sync.protocol import EnrolRequest, PushRequest
from tests.sync.conftest import event

from .conftest import NOW


@pytest.fixture(params=["sqlite_url", pytest.param("pg_url", marks=pytest.mark.postgres)])
def chain(request):
    """A demo chain with two stores, a till in each, and one sale of M00000001 at each till
    (SQLite and PostgreSQL)."""
    hq = HQ(request.getfixturevalue(request.param), lambda: NOW)
    load_demo(hq, NOW, stores=("S001", "S002"), products=300, members=400)
    for n, (store, receipt) in enumerate((("S001", "R0011"), ("S002", "R0021"))):
        _, code = hq.create_till(store, "001")
        token = hq.enrol(EnrolRequest(code=code)).token
        sale = event(1, member_id="M00000001", receipt_no=receipt, sale_id=receipt, points_earned=3)
        sale["event_id"] = sale["event_id"][:-1] + str(n)
        hq.push_as(token, PushRequest(events=[sale]))
    yield hq
    hq.close()


def member(hq: HQ, member_id: str) -> Member:
    with hq.tx() as s:
        return s.get(Member, member_id)


def test_search_finds_a_member_by_phone_last_four_card_id_and_name_with_the_phone_masked(chain):
    admin = MemberAdmin(chain)
    m = member(chain, "M00000007")
    for query in (m.phone, m.phone[-4:], m.card_no, m.id, m.name[:2]):
        hits = admin.search("demo", query)
        assert "M00000007" in [h.id for h in hits], query
    hit = admin.search("demo", m.phone)[0]
    assert hit.phone == f"{m.phone[:3]}****{m.phone[-4:]}" and m.phone not in repr(hit)
    with pytest.raises(Refused) as refused:
        admin.search("demo", "  ")
    assert refused.value.field == "q"


@pytest.mark.parametrize(
    "where, index",
    [
        ("substr(phone, 8, 4) = '1234' AND chain_id = 'demo'", "ix_members_chain_last4"),
        ("card_no = '880000000007' AND chain_id = 'demo'", "ix_members_chain_card"),
        ("name >= '王' AND name < '王z' AND chain_id = 'demo'", "ix_members_chain_name"),
    ],
)
def test_every_member_search_is_an_index_look_up(chain, where, index):
    """The plan, not a stopwatch: each search path reads an index (bench console measures speed
    on PostgreSQL at 1M members)."""
    if chain.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL's is measured by python -m bench console")
    with chain.engine.connect() as c:
        plan = " ".join(str(r[-1]) for r in c.execute(text(f"EXPLAIN QUERY PLAN SELECT id FROM members WHERE {where}")))
    assert index in plan, plan


def test_receipts_are_found_through_the_events_member_index(chain):
    if chain.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL's is measured by python -m bench console")
    with chain.engine.connect() as c:
        plan = " ".join(
            str(r[-1])
            for r in c.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT event_id FROM events WHERE json_extract(payload, '$.member_id') IN ('M1')"
                )
            )
        )
    assert "ix_events_member_id" in plan, plan


def test_the_member_page_shows_ledgers_with_sources_receipts_from_both_stores_and_lots(chain):
    page = MemberAdmin(chain).page("demo", "M00000001")
    assert sorted((r.receipt_no, r.store.split()[0]) for r in page.receipts) == [("R0011", "S001"), ("R0021", "S002")]
    earned = [p for p in page.points_ledger if p.kind == "earn"]
    assert sorted((p.ref, p.store.split()[0], p.delta) for p in earned) == [("R0011", "S001", 3), ("R0021", "S002", 3)]
    assert page.points_ledger[0].balance_after == page.points  # newest first, running balance
    assert sum(p.delta for p in page.points_ledger) == page.points
    assert sum(lot.remaining for lot in page.lots) == page.points
    assert page.phone.count("*") == 4
    m = member(chain, "M00000001")
    assert (page.principal_fen, page.bonus_fen) == (m.principal_fen, m.bonus_fen)
    if page.stored_value_ledger:
        top = page.stored_value_ledger[0]
        assert (top.principal_after_fen, top.bonus_after_fen) == (m.principal_fen, m.bonus_fen)


def test_a_small_adjustment_applies_at_once_and_a_large_one_waits_for_a_second_person(chain):
    admin = MemberAdmin(chain)
    admin.set_limits("demo", points=500, stored_value_fen=5000, by="admin")
    before = member(chain, "M00000002").points
    small = admin.adjust("demo", "M00000002", "finance-ann", "补发活动积分", points=200)
    assert small.status == "applied" and member(chain, "M00000002").points == before + 200
    large = admin.adjust("demo", "M00000002", "finance-ann", "补偿投诉", points=800)
    assert large.status == "pending" and member(chain, "M00000002").points == before + 200
    with pytest.raises(Refused) as refused:
        admin.approve("demo", large.id, "finance-ann")
    assert refused.value.error.code == "members.approver_is_requester"
    assert member(chain, "M00000002").points == before + 200
    done = admin.approve("demo", large.id, "finance-bob")
    assert (done.status, done.decided_by) == ("applied", "finance-bob")
    assert member(chain, "M00000002").points == before + 1000
    with pytest.raises(Refused):
        admin.approve("demo", large.id, "finance-carol")  # decided once
    page = admin.page("demo", "M00000002")
    assert [(p.kind, p.ref, p.delta) for p in page.points_ledger[:2]] == [
        ("adjust", f"ADJ{large.id}", 800),
        ("adjust", f"ADJ{small.id}", 200),
    ]


def test_stored_value_adjustments_keep_principal_and_bonus_apart_and_refuse_going_below_zero(chain):
    admin = MemberAdmin(chain)
    m = member(chain, "M00000003")
    admin.adjust("demo", "M00000003", "ann", "退回多扣赠送金", bonus_fen=300)
    after = member(chain, "M00000003")
    assert (after.principal_fen, after.bonus_fen) == (m.principal_fen, m.bonus_fen + 300)
    with pytest.raises(Refused) as refused:
        admin.adjust("demo", "M00000003", "ann", "冲正", principal_fen=-(m.principal_fen + 1))
    assert refused.value.field == "principal_fen"
    with pytest.raises(Refused) as refused:
        admin.adjust("demo", "M00000003", "ann", "", points=5)
    assert refused.value.field == "reason"
    assert member(chain, "M00000003").principal_fen == m.principal_fen


def test_merging_two_records_moves_the_ledgers_and_keeps_the_sums(chain):
    admin = MemberAdmin(chain)
    keep, drop = member(chain, "M00000001"), member(chain, "M00000009")
    sums_before = chain.ledger_sums()
    hit = admin.merge("demo", "M00000001", "M00000009", "ann", "同一人两张卡")
    assert hit.points == keep.points + drop.points
    sums = chain.ledger_sums()
    assert "M00000009" not in sums
    points, ledger_points, principal, ledger_principal, bonus, ledger_bonus = sums["M00000001"]
    assert (points, principal, bonus) == (ledger_points, ledger_principal, ledger_bonus)
    assert points == sums_before["M00000001"][0] + sums_before["M00000009"][0]
    assert principal == sums_before["M00000001"][2] + sums_before["M00000009"][2]
    assert [h.id for h in admin.search("demo", "M00000009")] == ["M00000001"]  # the old id is an alias
    assert admin.page("demo", "M00000009").id == "M00000001"
    with pytest.raises(Refused):
        admin.merge("demo", "M00000001", "M00000009", "ann", "再合并一次")  # the same record now


def test_the_pipl_export_holds_the_member_s_data_as_json_and_csv(chain):
    admin = MemberAdmin(chain)
    m = member(chain, "M00000001")
    data = admin.export("demo", "M00000001")
    assert data["member"]["phone"] == m.phone and data["member"]["name"] == m.name
    assert sorted(r["payload"]["receipt_no"] for r in data["receipts"]) == ["R0011", "R0021"]
    assert sum(e["delta"] for e in data["points_ledger"]) == m.points
    json.dumps(data, ensure_ascii=False)
    rows = list(csv.DictReader(io.StringIO(admin.export_csv("demo", "M00000001"))))
    assert {"member", "points", "receipt"} <= {r["section"] for r in rows}
    assert sum(int(r["points"]) for r in rows if r["section"] == "points") == m.points
    assert any(r["section"] == "member" and r["detail"] == m.phone for r in rows)


def test_deletion_anonymises_the_person_and_keeps_the_ledgers_sums(chain):
    admin = MemberAdmin(chain)
    m = member(chain, "M00000001")
    sums = chain.ledger_sums()["M00000001"]
    with chain.tx() as s:  # a registration event carries the person: it is scrubbed too
        s.add(
            EventRow(
                event_id="0199aaaa-0000-7000-8000-000000009999",
                till_id="t",
                seq=999,
                kind="member_registered",
                at=NOW,
                received_at=NOW,
                payload={"member_id": "M00000001", "phone": m.phone, "name": m.name},
            )
        )
    admin.anonymise("demo", "M00000001", "ann")
    after = member(chain, "M00000001")
    assert after.name != m.name and after.phone != m.phone and after.card_no is None and after.birthday is None
    assert chain.ledger_sums()["M00000001"] == sums
    assert admin.search("demo", m.phone) == [] and admin.search("demo", m.card_no) == []
    with chain.tx() as s:
        payloads = [json.dumps(p, ensure_ascii=False) for p in s.scalars(select(EventRow.payload))]
    assert not any(m.phone in p or m.name in p for p in payloads)
    page = admin.page("demo", "M00000001")
    assert page.anonymised and page.phone == "***" and len(page.receipts) == 2


def test_adjustments_merges_and_deletions_are_audited_without_personal_data(chain):
    from hq.services import audit

    admin = MemberAdmin(chain)
    m = member(chain, "M00000004")
    admin.adjust("demo", "M00000004", audit.Actor("demo", None, "fin-ann"), "补发积分", points=20)
    admin.anonymise("demo", "M00000004", audit.Actor("demo", None, "admin-bob"))
    with chain.tx() as s:
        entries = audit.search(s, "demo", target="member/M00000004")
        assert [e.action for e in entries] == ["members.anonymised", "members.adjusted"]
        assert entries[1].after["points"] == m.points + 20 and entries[1].before["points"] == m.points
        text = json.dumps([(e.before, e.after) for e in entries], ensure_ascii=False)
        assert m.phone not in text and m.name not in text
        assert audit.verify(s).ok
