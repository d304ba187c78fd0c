"""The member part of the change feed goes to the stores that follow the member (hq/feed.py):
two stores, a member seen only at store A; store B's till pulls no change of them, nor gets them
in its snapshot, until it looks them up online at its counter; from then on B follows them."""

from __future__ import annotations

from datetime import datetime

import pytest

from hq.base import HQError
from hq.demo import load_demo
from hq.service import HQ
from pos_app.services.members import rows_by_phone
from sync.protocol import EnrolRequest, PushRequest

from .conftest import event

NOW = datetime(2026, 11, 23, 10)
PHONE = "13912345678"


def registered(seq: int, member_id: str) -> dict:
    return {
        "event_id": f"0199bbbb-0000-7000-8000-{seq:012d}",
        "seq": seq,
        "kind": "member_registered",
        "at": "2026-11-23T10:00:00",
        "payload": {
            "member_id": member_id,
            "phone": PHONE,
            "name": "王小明",
            "birthday": None,
            "consent_at": "2026-11-23T10:00:00",
        },
    }


def pulled(hq: HQ, till: tuple[str, str, str], cursor: int) -> tuple[list, int]:
    changes = []
    while True:
        page = hq.pull(*till, cursor)
        changes += page.changes
        cursor = page.cursor
        if not page.more:
            return changes, cursor


def snapshot_ids(hq: HQ, token: str, kind: str, column: str) -> set[str]:
    out, after = set(), ""
    while after is not None:
        page = hq.snapshot_page(token, kind, after, 500)
        out |= {r[page.columns.index(column)] for r in page.rows}
        after = page.after
    return out


@pytest.fixture(params=["sqlite", "postgresql"])
def two_stores(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    hq = HQ(url, lambda: NOW)
    load_demo(hq, NOW, stores=("S001", "S002"), products=50, members=40, home_store_only=True)
    tokens = {}
    for store in ("S001", "S002"):
        tokens[store] = hq.enrol(EnrolRequest(code=hq.create_till(store, "001")[1])).token
    yield hq, tokens
    hq.close()


def test_a_member_seen_at_one_store_reaches_another_only_after_a_look_up_there(two_stores):
    hq, tokens = two_stores
    a, b = (hq.authenticate(tokens[s]) for s in ("S001", "S002"))
    _, cursor_a = pulled(hq, a, 0)
    _, cursor_b = pulled(hq, b, 0)

    # registered and seen at store A only (a sale earns points there)
    hq.push(
        a[0],
        a[2],
        PushRequest.model_validate(
            {"version": 1, "events": [registered(1, "TNEW1"), event(2, member_id="TNEW1", points_earned=30)]}
        ),
    )
    at_a, cursor_a = pulled(hq, a, cursor_a)
    at_b, cursor_b = pulled(hq, b, cursor_b)
    assert "TNEW1" in {c.key for c in at_a if c.kind == "members"}
    assert [c for c in at_b if c.kind in ("members", "points_lots", "member_coupons", "aliases")] == []
    assert "TNEW1" in snapshot_ids(hq, tokens["S001"], "members", "id")
    assert "TNEW1" not in snapshot_ids(hq, tokens["S002"], "members", "id")  # B's bootstrap: its own only

    # B's counter looks them up online (by phone): the member and their lots now, followed since
    found = hq.member_lookup(tokens["S002"], PHONE)
    assert found["member"]["id"] == "TNEW1" and found["member"]["hq_points"] == 30
    assert sum(lot["remaining"] for lot in found["lots"]) == 30
    hq.push(
        a[0],
        a[2],
        PushRequest.model_validate({"version": 1, "events": [event(3, member_id="TNEW1", points_earned=12)]}),
    )
    at_b, cursor_b = pulled(hq, b, cursor_b)
    rows = [c.data for c in at_b if c.kind == "members" and c.key == "TNEW1"]
    assert rows and rows[-1]["hq_points"] == 42
    assert "TNEW1" in snapshot_ids(hq, tokens["S002"], "members", "id")


def test_a_store_pulls_the_changes_of_its_own_members_only(two_stores):
    """Each demo member keeps to one store: a sale of a member of store B (at B) is not in A's feed,
    a sale of A's member at B puts the member in B's catchment as well as A's."""
    hq, tokens = two_stores
    a, b = (hq.authenticate(tokens[s]) for s in ("S001", "S002"))
    a_members = snapshot_ids(hq, tokens["S001"], "members", "id")
    b_members = snapshot_ids(hq, tokens["S002"], "members", "id")
    assert a_members and b_members and not a_members & b_members
    _, cursor_a = pulled(hq, a, 0)
    _, cursor_b = pulled(hq, b, 0)
    mine_b, mine_a = sorted(b_members)[0], sorted(a_members)[0]
    hq.push(
        b[0],
        b[2],
        PushRequest.model_validate(
            {
                "version": 1,
                "events": [event(1, member_id=mine_b, points_earned=5), event(2, member_id=mine_a, points_earned=7)],
            }
        ),
    )
    at_a, _ = pulled(hq, a, cursor_a)
    at_b, _ = pulled(hq, b, cursor_b)
    assert {c.key for c in at_a if c.kind == "members"} == {mine_a}
    assert {c.key for c in at_b if c.kind == "members"} == {mine_a, mine_b}


def test_coupons_issued_at_hq_reach_the_stores_following_their_member_only(two_stores):
    """HQ's coupons to members (a campaign, the console's issue) go to the stores that follow each
    member, not to every till: a till holds only its store's members, and a coupon of a member it
    does not hold broke its pull (the till's foreign key) — every till of the chain, at once."""
    from hq.lifecycle.coupons import issue_codes, issue_to_members

    hq, tokens = two_stores
    a, b = (hq.authenticate(tokens[s]) for s in ("S001", "S002"))
    a_members = snapshot_ids(hq, tokens["S001"], "members", "id")
    _, cursor_a = pulled(hq, a, 0)
    _, cursor_b = pulled(hq, b, 0)
    mine = sorted(a_members)[:3]
    codes = issue_to_members(hq, "demo", "CT01", mine, valid_days=30)
    (nobodys,) = issue_codes(hq, "demo", "CT01", 1, valid_days=30)
    at_a, _ = pulled(hq, a, cursor_a)
    at_b, _ = pulled(hq, b, cursor_b)
    assert {c.key for c in at_a if c.kind == "member_coupons"} == {*codes, nobodys}
    assert {c.key for c in at_b if c.kind == "member_coupons"} == {nobodys}  # a code of nobody's: every store


def test_a_look_up_of_an_unknown_member_is_refused_and_follows_nobody(two_stores):
    hq, tokens = two_stores
    with pytest.raises(HQError) as refused:
        hq.member_lookup(tokens["S002"], "13800000000")
    assert refused.value.status == 404


# ---- at the till: fetched on demand when HQ answers, a clear refusal when it does not --------------
def test_a_till_fetches_a_member_it_never_saw_and_then_follows_them(tmp_path, sqlite_url, served):
    from pos_app.services import Till
    from pos_app.services.errors import NotFound
    from pos_app.services.members import look_up
    from pos_app.store import Database
    from sync.till import TillSync
    from sync.transport import HttpTransport

    hq = HQ(sqlite_url, lambda: NOW)
    load_demo(hq, NOW, stores=("S001", "S002"), products=50, members=40, home_store_only=True)
    hq.clock = datetime.now  # codes checked by HQ served on the real clock
    a = hq.authenticate(hq.enrol(EnrolRequest(code=hq.create_till("S001", "001")[1])).token)
    code_b = hq.create_till("S002", "001")[1]
    hq.push(
        a[0],
        a[2],
        PushRequest.model_validate(
            {"version": 1, "events": [registered(1, "TNEW1"), event(2, member_id="TNEW1", points_earned=30)]}
        ),
    )
    server = served(sqlite_url)

    till = Till(Database(tmp_path / "b.sqlite3"), lambda: NOW)
    sync = TillSync(till, HttpTransport(server.base, timeout=(1.0, 5.0)))
    sync.enrol(code_b)
    sync.pull_all()  # B's snapshot: its own members only
    with till.uow() as uow:
        assert rows_by_phone(uow, PHONE) == []
    assert look_up(till, PHONE) == []  # standalone behaviour: nobody to ask

    till.member_from_hq = sync.member_from_hq  # as pos_app/boot.py wires it
    found = look_up(till, PHONE)
    assert [(m.id, m.points) for m in found] == [("TNEW1", 30)]
    assert found[0].masked_phone == "139****5678"

    hq.push(
        a[0],
        a[2],
        PushRequest.model_validate({"version": 1, "events": [event(3, member_id="TNEW1", points_earned=12)]}),
    )
    sync.pull_all()  # B follows them now
    assert [m.points for m in look_up(till, PHONE)] == [42]
    hq.close()

    server.stop()  # HQ away: a member never seen here is refused, saying why
    with pytest.raises(NotFound) as refused:
        look_up(till, "13700000000")
    assert refused.value.code == "member.unseen_offline"
    assert [m.points for m in look_up(till, PHONE)] == [42]  # one it holds is found offline
