"""HQ stores each event's payload as the JSON it was encoded to once, on receipt (the size check's
bytes, `Event.payload_json`), not encoded again; what it stores is the same as before: the payload
as received, a sale without `identified_by` (an older till) with it as null. On PostgreSQL the
rows go in as one buffer of binary COPY data (hq/ingest.py bulk_insert): the ledgers, lots and feed
rows of a push are the same, and a replayed push changes nothing."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from pydantic import ValidationError
from pydantic_core import to_json
from sqlalchemy import func, select, text

from hq.base import HQError
from hq.ingest import stored_payload, stored_payload_json
from hq.models import ChangeRow, EventRow, Member, PointsEntry, PointsLot
from hq.service import HQ
from sync.protocol import MAX_EVENT_BYTES, EnrolRequest, Event, PushRequest

from .conftest import demo_hq, event

NOW = datetime(2026, 11, 23, 10)


def odd_events() -> list[dict]:
    """Payloads whose JSON has escapes, non-ASCII text, nesting, extras and no identified_by."""
    return [
        event(1, member_id="M00000001", identified_by="member_code", points_earned=5, payable_fen=500),
        event(2, member_id="M00000002", points_earned=3, note='quote " backslash \\ tab \t newline \n 中文 \u2028'),
        event(3, member_id="M00000003", identified_by=None, lines=[{"product_id": "P000001", "qty": 1, "x": [1, {}]}]),
        {
            "event_id": "0199aaaa-0000-7000-8000-000000000004",
            "seq": 4,
            "kind": "top_up",
            "at": "2026-11-23T10:00:00",
            "payload": {"member_id": "M00000004", "receipt_no": "T1", "principal_fen": 1000, "bonus_fen": 100},
        },
        {
            "event_id": "0199aaaa-0000-7000-8000-000000000005",
            "seq": 5,
            "kind": "shift_closed",
            "at": "2026-11-23T10:00:00",
            "payload": {},
        },
        {
            "event_id": "0199aaaa-0000-7000-8000-000000000006",
            "seq": 6,
            "kind": "sale",
            "at": "2026-11-23T10:00:00",
            "payload": {"sale_id": "s6", "receipt_no": "R6", "payable_fen": 0},
        },
    ]


def test_the_encoded_payload_is_the_payloads_json_and_follows_a_replaced_payload():
    ev = Event.model_validate(odd_events()[1])
    assert ev.payload_json() == to_json(ev.payload)
    assert ev.model_copy().payload_json() == to_json(ev.payload)
    replaced = ev.model_copy(update={"payload": {"other": 1}})
    assert replaced.payload_json() == b'{"other":1}'
    built = Event.model_construct(**odd_events()[0])  # never validated: encoded when asked
    assert built.payload_json() == to_json(odd_events()[0]["payload"])


def test_an_oversized_payload_is_still_refused():
    big = event(1, note="x" * (MAX_EVENT_BYTES + 1))
    with pytest.raises(ValidationError, match="payload larger than"):
        Event.model_validate(big)


@pytest.mark.parametrize("raw", odd_events(), ids=lambda e: f"{e['kind']}-{e['seq']}")
def test_the_stored_json_is_the_stored_payload_encoded(raw):
    from sync.protocol import PAYLOADS

    ev = Event.model_validate(raw)
    model = PAYLOADS[ev.kind].model_validate(ev.payload)
    assert stored_payload_json(ev, model) == to_json(stored_payload(ev, model))


def push_and_read(url: str) -> tuple[dict, dict]:
    codes = demo_hq(url, NOW)
    hq = HQ(url, lambda: NOW)
    token = hq.enrol(EnrolRequest(code=codes[0])).token
    request = PushRequest.model_validate({"version": 1, "events": odd_events()})
    first = hq.push_as(token, request)
    with hq.tx() as s:

        def state() -> dict:
            return {
                "events": s.scalar(select(func.count()).select_from(EventRow)),
                "entries": sorted(s.execute(select(PointsEntry.member_id, PointsEntry.delta, PointsEntry.ref)).all()),
                "lots": sorted(s.execute(select(PointsLot.member_id, PointsLot.points, PointsLot.remaining)).all()),
                "changes": sorted(s.execute(select(ChangeRow.store_code, ChangeRow.kind, ChangeRow.key)).all()),
                "balances": sorted(
                    s.execute(
                        select(Member.id, Member.points, Member.principal_fen, Member.bonus_fen).where(
                            Member.id.in_(["M00000001", "M00000002", "M00000003", "M00000004"])
                        )
                    ).all()
                ),
            }

        before = state()
        as_text = "CAST(payload AS text)" if url.startswith("postgresql") else "payload"
        payloads = dict(s.execute(text(f"SELECT seq, {as_text} FROM events ORDER BY seq")).all())
    # a replay of the same push: counted as duplicates, nothing changes
    again = hq.push_as(token, PushRequest.model_validate({"version": 1, "events": odd_events()}))
    with hq.tx() as s:
        after = state()
    hq.close()
    assert first.acked_seq == 6 and first.duplicates == 0
    assert again.acked_seq == 6 and again.duplicates == 6
    assert after == before
    return before, payloads


def test_postgresql_stores_what_sqlite_stores_and_a_replay_changes_nothing(pg_url, sqlite_url):
    pg_state, pg_payloads = push_and_read(pg_url)
    lite_state, lite_payloads = push_and_read(sqlite_url)
    expected = {}
    for raw in odd_events():
        payload = dict(raw["payload"])
        if raw["kind"] == "sale" and "identified_by" not in payload:
            payload["identified_by"] = None  # an older till's sale: stated as null
        expected[raw["seq"]] = payload
    assert {seq: json.loads(p) for seq, p in pg_payloads.items()} == expected
    assert {seq: json.loads(p) for seq, p in lite_payloads.items()} == expected
    # on PostgreSQL (a json column keeps the text as given) the bytes are the payload as encoded
    for raw in odd_events():
        ev = Event.model_validate(raw)
        assert pg_payloads[raw["seq"]].encode() == stored_payload_json(ev, None if ev.kind != "sale" else _sale(ev))
    # the ledgers, lots, balances and feed rows are the same either way
    assert pg_state["entries"] == lite_state["entries"] and pg_state["entries"]
    assert pg_state["balances"] == lite_state["balances"]
    assert [(m, p, r) for m, p, r in pg_state["lots"]] == [(m, p, r) for m, p, r in lite_state["lots"]]
    assert pg_state["changes"] == lite_state["changes"] and pg_state["changes"]


def _sale(ev: Event):
    from sync.protocol import SalePayload

    return SalePayload.model_validate(ev.payload)


def test_a_push_runs_with_the_collector_paused_and_restores_it(sqlite_url, monkeypatch):
    """A push applies its batch with the cyclic collector off (its fresh rows hold no cycles:
    hq/collector.py collector_paused), and turns it back on when done, failed or not."""
    import gc

    import hq.service

    seen: list[bool] = []
    validate = hq.service.validate_payloads

    def watching(events):
        seen.append(gc.isenabled())
        return validate(events)

    monkeypatch.setattr(hq.service, "validate_payloads", watching)
    codes = demo_hq(sqlite_url, NOW)
    hq_ = HQ(sqlite_url, lambda: NOW)
    token = hq_.enrol(EnrolRequest(code=codes[0])).token
    assert gc.isenabled()
    assert hq_.push_as(token, PushRequest.model_validate({"version": 1, "events": odd_events()})).acked_seq == 6
    assert gc.isenabled()
    bad = PushRequest.model_validate({"version": 1, "events": [event(7, member_id="NOBODY", points_earned=1)]})
    with pytest.raises(HQError, match="unknown member"):
        hq_.push_as(token, bad)
    hq_.close()
    assert seen == [False, False] and gc.isenabled()


def test_overlapping_pauses_still_collect_now_and_then(monkeypatch):
    """A worker whose pushes and pages keep overlapping never gets back to no pause: the collector
    runs all the same every PAUSED_AT_MOST_S seconds, as a pause ends."""
    import gc

    import hq.collector
    from hq.collector import collector_paused

    runs: list[int] = []
    monkeypatch.setattr(hq.collector.gc, "collect", lambda *a: runs.append(1) or 0)
    monkeypatch.setattr(hq.collector, "PAUSED_AT_MOST_S", 3600.0)
    with collector_paused():
        with collector_paused():
            pass
        assert runs == [] and not gc.isenabled()  # paused a moment only: no collection
        monkeypatch.setattr(hq.collector, "PAUSED_AT_MOST_S", 0.0)
        with collector_paused():
            pass
        assert runs == [1] and not gc.isenabled()  # still paused (the outer one), collected once
    assert gc.isenabled()
