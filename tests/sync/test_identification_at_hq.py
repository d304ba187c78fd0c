"""HQ keeps, with each sale event, how the till identified the member (`identified_by`, issue 16
defect 1); an old till's sale (no such field) is kept with null; a spend by a member the till had
not verified goes to the reconciliation queue; a value HQ does not know is refused."""

from __future__ import annotations

from datetime import datetime

import requests
from sqlalchemy import select

from hq.models import EventRow, ReconciliationItem
from hq.service import HQ

from .conftest import demo_hq, event

NOW = datetime(2026, 11, 23, 10)


def push(server, token, events):
    return requests.post(
        server.base + "/v1/push",
        json={"version": 1, "events": events},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )


def test_hq_keeps_how_each_member_was_identified_and_queues_an_unverified_spend(sqlite_url, served):
    codes = demo_hq(sqlite_url, NOW)
    server = served(sqlite_url)
    token = requests.post(server.base + "/v1/enrol", json={"version": 1, "code": codes[0]}, timeout=30).json()["token"]
    bad = push(server, token, [event(1, member_id="M00000001", identified_by="fingerprint")])
    assert bad.status_code == 422 and "identified_by" in bad.json()["detail"]
    ok = push(
        server,
        token,
        [
            event(1, member_id="M00000001", identified_by="member_code", points_spent=100),
            event(2, member_id="M00000002", identified_by="card", points_earned=3),
            event(3, member_id="M00000003", points_earned=3),  # a till older than the field
            event(4, member_id="M00000004", identified_by="id", points_spent=100),  # should never happen
            event(5, member_id="M00000005", identified_by="override", points_spent=100),
        ],
    )
    assert ok.status_code == 200 and ok.json()["acked_seq"] == 5
    hq = HQ(sqlite_url)
    with hq.tx() as s:
        kept = {e.seq: e.payload for e in s.scalars(select(EventRow))}
        queued = [(r.kind, r.member_id, r.detail) for r in s.scalars(select(ReconciliationItem))]
    hq.close()
    assert [kept[n]["identified_by"] for n in range(1, 6)] == ["member_code", "card", None, "id", "override"]
    assert "identified_by" in kept[3]  # stated, as null
    assert [q for q in queued if q[0] == "unverified_spend"] == [
        ("unverified_spend", "M00000004", {"sale_id": "s4", "identified_by": "id"})
    ]
