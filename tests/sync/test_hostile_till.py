"""HQ against a till that sends what no honest till sends (issue 22, defects 2 and 3): bodies
larger than the limit however they are framed, oversized fields, kinds a till never sends, and
credits beyond what one till may grant; a real HQ server over HTTP."""

from __future__ import annotations

from datetime import datetime

import pytest
import requests
from sqlalchemy import func, select

from hq.models import EventRow, Member, ReconciliationItem, StoredValueEntry
from hq.service import HQ

from .conftest import demo_hq, event

NOW = datetime(2026, 11, 23, 10)


@pytest.fixture
def hq_live(sqlite_url, served):
    codes = demo_hq(sqlite_url, NOW)
    server = served(sqlite_url)
    token = requests.post(server.base + "/v1/enrol", json={"version": 1, "code": codes[0]}).json()["token"]
    return server, sqlite_url, token


def count(url: str, model) -> int:
    hq = HQ(url, create=False)
    with hq.tx() as s:
        n = s.scalar(select(func.count()).select_from(model))
    hq.close()
    return n


def member_points(url: str, member_id: str) -> int:
    hq = HQ(url, create=False)
    with hq.tx() as s:
        n = s.get(Member, member_id).points
    hq.close()
    return n


def chunked(*parts: bytes):
    """A generator body: requests sends it chunked, with no Content-Length."""
    yield from parts


def test_a_chunked_body_over_the_limit_is_refused_and_nothing_is_stored(hq_live):
    server, url, token = hq_live
    junk = "x" * (50 * 1024 * 1024)  # as in the issue: 50 MB, no Content-Length
    head = (
        b'{"version": 1, "events": [{"event_id": "0199aaaa-0000-7000-8000-000000000001", "seq": 1, '
        b'"kind": "sale", "at": "2026-11-23T10:00:00", "payload": {"sale_id": "s1", "receipt_no": "R1", '
        b'"payable_fen": 350, "note": "'
    )
    tail = b'"}}]}'
    body = chunked(head, *(junk[i : i + 65536].encode() for i in range(0, len(junk), 65536)), tail)
    r = requests.post(
        server.base + "/v1/push",
        data=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert r.status_code == 413 and "too large" in r.json()["detail"]
    assert count(url, EventRow) == 0
    # the server is fine afterwards and a normal push lands
    r = requests.post(
        server.base + "/v1/push",
        json={"version": 1, "events": [event(1)]},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 200 and r.json()["acked_seq"] == 1


def test_a_chunked_body_on_a_public_route_is_limited_too(hq_live):
    server, _, _ = hq_live
    r = requests.post(
        server.base + "/v1/enrol",
        data=chunked(b"{" + b" " * (9 * 1024 * 1024) + b"}"),
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 413


@pytest.mark.parametrize(
    "field, value, where",
    [
        ("receipt_no", "R" * 5000, "receipt_no"),
        ("coupons", [f"C{n}" for n in range(500)], "coupons"),
        ("coupons", ["C" * 100], "coupons"),
        ("member_id", "M" * 300, "member_id"),
        ("lines", [{"product_id": "p"}] * 5000, "lines"),
        ("note", "x" * 300_000, "payload"),
    ],
)
def test_an_oversized_payload_field_is_refused_by_name_and_nothing_is_stored(hq_live, field, value, where):
    server, url, token = hq_live
    r = requests.post(
        server.base + "/v1/push",
        json={"version": 1, "events": [event(1), event(2, **{field: value})]},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 422, r.text
    assert where in r.json()["detail"]
    assert count(url, EventRow) == 0


def kind_event(seq: int, kind: str, **payload) -> dict:
    return {
        "event_id": f"0199cccc-0000-7000-8000-{seq:012d}",
        "seq": seq,
        "kind": kind,
        "at": "2026-11-23T10:00:00",
        "payload": payload,
    }


def push(server, token, events):
    return requests.post(
        server.base + "/v1/push", json={"version": 1, "events": events}, headers={"Authorization": f"Bearer {token}"}
    )


def held(url: str) -> list[tuple[str, str | None, dict]]:
    hq = HQ(url, create=False)
    with hq.tx() as s:
        rows = [
            (r.kind, r.member_id, r.detail)
            for r in s.scalars(
                select(ReconciliationItem)
                .where(ReconciliationItem.kind.like("held%") | (ReconciliationItem.kind == "credit_held"))
                .order_by(ReconciliationItem.id)
            )
        ]
    hq.close()
    return rows


def test_a_till_cannot_mint_points_with_an_adjustment_it_never_sends(hq_live):
    server, url, token = hq_live
    before = member_points(url, "M00000001")
    r = push(server, token, [kind_event(1, "points_adjusted", member_id="M00000001", points=5_000_000)])
    assert r.status_code == 200 and r.json()["acked_seq"] == 1  # stored, so the till is not stuck
    assert member_points(url, "M00000001") == before
    assert count(url, EventRow) == 1
    assert [(k, d) for k, _, d in held(url)] == [("held_kind", {})]


def test_points_earned_beyond_one_events_bound_are_held_for_review_not_applied(hq_live):
    server, url, token = hq_live
    before = member_points(url, "M00000001")
    r = push(
        server,
        token,
        [event(1, member_id="M00000001", points_earned=5_000_000), event(2, member_id="M00000001", points_earned=120)],
    )
    assert r.status_code == 200 and r.json()["acked_seq"] == 2
    assert member_points(url, "M00000001") == before + 120
    assert held(url) == [("credit_held", "M00000001", {"event_kind": "sale", "points": 5_000_000})]


def test_a_till_credits_at_most_a_days_bound_of_points_and_the_rest_is_held(hq_live):
    from hq.till_bounds import Bounds, save

    server, url, token = hq_live
    hq = HQ(url, create=False)
    with hq.tx() as s:
        chain_id = s.scalar(select(Member.chain_id).where(Member.id == "M00000001"))
        save(s, chain_id, Bounds(points_per_event=1_000, points_per_day=2_500))
    hq.close()
    before = member_points(url, "M00000001")
    r = push(server, token, [event(n, member_id="M00000001", points_earned=900) for n in range(1, 5)])
    assert r.status_code == 200 and r.json()["acked_seq"] == 4
    assert member_points(url, "M00000001") == before + 1_800  # two of 900 fit 2,500; the third not
    assert [k for k, _, _ in held(url)] == ["credit_held", "credit_held"]


def test_stored_value_topped_up_beyond_the_bound_is_held_and_the_balance_unchanged(hq_live):
    server, url, token = hq_live
    hq = HQ(url, create=False)
    with hq.tx() as s:
        principal = s.get(Member, "M00000002").principal_fen
    r = push(
        server,
        token,
        [
            kind_event(1, "top_up", member_id="M00000002", receipt_no="R1", principal_fen=100_000_000, bonus_fen=0),
            kind_event(2, "top_up", member_id="M00000002", receipt_no="R2", principal_fen=50_000, bonus_fen=5_000),
        ],
    )
    assert r.status_code == 200
    with hq.tx() as s:
        member = s.get(Member, "M00000002")
        assert member.principal_fen == principal + 50_000
        ledger = s.scalar(
            select(func.sum(StoredValueEntry.principal_fen)).where(StoredValueEntry.member_id == "M00000002")
        )
    hq.close()
    assert ledger == member.principal_fen  # balances = ledgers: the held credit is in neither
    assert [(k, d) for k, _, d in held(url)] == [
        ("credit_held", {"event_kind": "top_up", "principal_fen": 100_000_000, "bonus_fen": 0})
    ]


def test_a_chains_till_bounds_are_set_from_the_command_line(sqlite_url, capsys):
    from hq.__main__ import main

    demo_hq(sqlite_url, NOW, tills=1)
    hq = HQ(sqlite_url, create=False)
    with hq.tx() as s:
        chain_id = s.scalar(select(Member.chain_id).limit(1))
    hq.close()
    assert main(["--db", sqlite_url, "bounds", chain_id, "--points-per-day", "3000"]) == 0
    assert '"points_per_day": 3000' in capsys.readouterr().out
    assert main(["--db", sqlite_url, "bounds", chain_id]) == 0
    shown = capsys.readouterr().out
    assert '"points_per_day": 3000' in shown and '"points_per_event": 50000' in shown
    assert main(["--db", sqlite_url, "bounds", chain_id, "--points-per-day", "-5"]) == 1
