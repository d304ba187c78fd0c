"""HQ's workers meeting in PostgreSQL: each race is staged with a second transaction held open
(another worker, an admin) while the action runs in a thread, and checked for what a store
would expect — nothing refused that should land, nothing landed twice, no change skipped."""

from __future__ import annotations

import threading
import time
from datetime import datetime

import psycopg
from sqlalchemy import func, select

from hq.base import HQError, digest
from hq.members import MemberAPI
from hq.models import CatalogueRow, ChangeRow, Member, MemberAlias
from hq.service import HQ
from sync.protocol import EnrolRequest, PushRequest

from .conftest import demo_hq, event

NOW = datetime(2026, 11, 23, 10)


def other_transaction(pg_url: str):
    """A connection of its own (another HQ worker, an admin), in a transaction the test controls."""
    return psycopg.connect(pg_url.replace("postgresql+psycopg://", "postgresql://"))


def start_behind(other, action, or_finished: bool = False) -> tuple[threading.Thread, list, int | None]:
    """Run `action` in a thread; return once a backend waits for a lock (its pid), or, with
    `or_finished`, once the action has finished without waiting (None). The action's result is
    appended to the list."""
    done: list = []
    thread = threading.Thread(target=lambda: done.append(action()))
    thread.start()
    deadline = time.monotonic() + 10
    while not (or_finished and done):
        waiting = other.execute(
            "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
        ).fetchone()
        if waiting:
            return thread, done, waiting[0]
        assert time.monotonic() < deadline, "the action never waited for a lock"
        time.sleep(0.05)
    return thread, done, None


def behind(other, action, or_finished: bool = False):
    """What `action` returns (or the HQError it raises) when it runs behind `other`'s transaction,
    committed once the action waits for it (or, with `or_finished`, has finished)."""

    def run():
        try:
            return action()
        except HQError as exc:
            return exc

    thread, done, _ = start_behind(other, run, or_finished)
    other.commit()
    other.close()
    thread.join(30)
    assert done, "the action never finished"
    return done[0]


def test_a_push_postgresql_ends_for_a_deadlock_runs_again(pg_url):
    """Another transaction holds M00000002 and then wants M00000001, which the push holds while it
    waits for M00000002: PostgreSQL ends the push (it waited first); HQ runs it again."""
    codes = demo_hq(pg_url, NOW)
    hq = HQ(pg_url, lambda: NOW)
    till_id, _, chain = hq.authenticate(hq.enrol(EnrolRequest(code=codes[0])).token)
    before = {m: hq.ledger_sums()[m][0] for m in ("M00000001", "M00000002")}
    other = other_transaction(pg_url)
    other.execute("SELECT 1 FROM members WHERE id = 'M00000002' FOR UPDATE")
    pushing, done, _ = start_behind(
        other,
        lambda: hq.push(
            till_id,
            chain,
            PushRequest.model_validate(
                {
                    "version": 1,
                    "events": [
                        event(1, member_id="M00000001", points_earned=5),
                        event(2, member_id="M00000002", points_earned=7),
                    ],
                }
            ),
        ),
    )
    other.execute("SELECT 1 FROM members WHERE id = 'M00000001' FOR UPDATE")  # the cycle; the push loses
    other.commit()
    other.close()
    pushing.join(30)
    assert done and done[0].acked_seq == 2
    after = hq.ledger_sums()
    assert (after["M00000001"][0], after["M00000002"][0]) == (before["M00000001"] + 5, before["M00000002"] + 7)
    hq.close()


def test_a_push_writes_its_rows_before_it_locks_members(pg_url):
    """Concurrent pushes (HQ's workers) naming the same member wait for each other only from the
    balance UPDATE to commit: when a push waits for a member's lock, its event and ledger rows are
    already written."""
    codes = demo_hq(pg_url, NOW)
    hq = HQ(pg_url, lambda: NOW)
    till_id, _, chain = hq.authenticate(hq.enrol(EnrolRequest(code=codes[0])).token)
    other = other_transaction(pg_url)
    other.execute("SELECT 1 FROM members WHERE id = 'M00000001' FOR UPDATE")
    pushing, done, waiting = start_behind(
        other,
        lambda: hq.push(
            till_id,
            chain,
            PushRequest.model_validate({"version": 1, "events": [event(1, member_id="M00000001", points_earned=5)]}),
        ),
    )
    held = {
        r[0]
        for r in other.execute(
            "SELECT relation::regclass::text FROM pg_locks WHERE pid = %s AND granted "
            "AND locktype = 'relation' AND mode = 'RowExclusiveLock'",
            (waiting,),
        )
    }
    other.commit()
    other.close()
    pushing.join(30)
    assert done and done[0].acked_seq == 1
    assert {"events", "points_ledger"} <= held
    hq.close()


def test_the_change_feed_is_numbered_in_commit_order(pg_url):
    """HQ's workers write change rows at the same time. A change numbered before another but
    committed after it would be skipped for good by a till that pulled in between (its cursor
    passed the number while the row was not yet visible). So a writer of change rows waits for
    the one before it to commit: another transaction's uncommitted change holds the push back."""
    codes = demo_hq(pg_url, NOW)
    hq = HQ(pg_url, lambda: NOW)
    till_id, store, chain = hq.authenticate(hq.enrol(EnrolRequest(code=codes[0])).token)

    def pull_all(cursor: int) -> tuple[set[str], int]:
        keys: set[str] = set()
        while True:
            page = hq.pull(till_id, store, chain, cursor)
            keys |= {c.key for c in page.changes}
            cursor = page.cursor
            if not page.more:
                return keys, cursor

    _, cursor = pull_all(0)
    other = other_transaction(pg_url)
    other.execute(
        "INSERT INTO changes (chain_id, store_code, kind, key) VALUES (%s, '', 'members', 'M00000002')", (chain,)
    )  # another worker's change, not yet committed
    pushing, done, _ = start_behind(
        other,
        lambda: hq.push(
            till_id,
            chain,
            PushRequest.model_validate({"version": 1, "events": [event(1, member_id="M00000001", points_earned=5)]}),
        ),
        or_finished=True,
    )
    seen, cursor = pull_all(cursor)  # a till pulls while the other is in flight
    other.commit()
    other.close()
    pushing.join(30)
    assert done and done[0].acked_seq == 1
    later, _ = pull_all(cursor)
    assert {"M00000001", "M00000002"} <= seen | later
    hq.close()


def while_another_registers(pg_url: str, chain: str, phone: str, action):
    """Run `action` while another transaction holds an uncommitted registration of `phone`
    (member MFIRST), committed once the action waits for it; the action's result."""
    other = other_transaction(pg_url)
    other.execute(
        "INSERT INTO members (id, chain_id, phone, name, tier_code, consent, custom, points, principal_fen, "
        "bonus_fen, clocks, created_at) VALUES ('MFIRST', %s, %s, '先到', 'regular', true, '{}', "
        "0, 0, 0, '{}', now())",
        (chain, phone),
    )
    return behind(other, action)


def test_the_same_phone_registered_at_two_tills_at_once_becomes_one_member(pg_url):
    """Two pushes register the same new phone at the same moment (HQ's workers): the second one's
    insert waits for the first and then breaks the (chain, phone) unique key. HQ runs it again,
    and it then finds the member: the till's member becomes an alias, nothing is refused."""
    codes = demo_hq(pg_url, NOW)
    hq = HQ(pg_url, lambda: NOW)
    till_id, _, chain = hq.authenticate(hq.enrol(EnrolRequest(code=codes[0])).token)
    registered = {
        "event_id": "0199aaaa-0000-7000-8000-00000000r001",
        "seq": 1,
        "kind": "member_registered",
        "at": "2026-11-23T10:00:00",
        "payload": {"member_id": "MLATER", "phone": "13912345678", "name": "后到"},
    }
    done = while_another_registers(
        pg_url,
        chain,
        "13912345678",
        lambda: hq.push(
            till_id,
            chain,
            PushRequest.model_validate(
                {"version": 1, "events": [registered, event(2, member_id="MLATER", points_earned=3)]}
            ),
        ),
    )
    assert done.acked_seq == 2
    with hq.tx() as s:
        assert s.get(MemberAlias, "MLATER").member_id == "MFIRST"
        assert s.get(Member, "MLATER") is None and s.get(Member, "MFIRST").points == 3
    assert [i.kind for i in hq.reconciliation()] == ["phone_merged"]
    hq.close()


def test_a_member_signing_up_while_a_till_registers_the_phone_gets_that_member(pg_url):
    """The member's phone app signs up with a phone a till's push is registering at that moment:
    the sign-up runs again and signs in to the member the till registered (its SMS code is not
    spent by the failed attempt)."""
    demo_hq(pg_url, NOW)
    hq = HQ(pg_url, lambda: NOW)
    api = MemberAPI(hq)
    api.send_code("13912345678")
    code = api.sms.sent["13912345678"].split("验证码 ")[1][:6]
    done = while_another_registers(
        pg_url,
        "demo",
        "13912345678",  # the only chain: sign-ups join it
        lambda: api.sign_in_with_code("13912345678", code, "新会员"),
    )
    assert done["member_id"] == "MFIRST" and not done["created"]
    hq.close()


def test_an_enrolment_code_used_twice_at_once_enrols_one_till(pg_url):
    """Two enrolments with the same one-time code reach two of HQ's workers at once: the second
    waits for the first and is then refused (the code is used), instead of also enrolling and
    silently replacing the first till's token."""
    codes = demo_hq(pg_url, NOW)
    hq = HQ(pg_url, lambda: NOW)
    other = other_transaction(pg_url)
    other.execute("UPDATE enrolment_codes SET used_at = now() WHERE code_hash = %s", (digest(codes[0]),))
    refused = behind(other, lambda: hq.enrol(EnrolRequest(code=codes[0])), or_finished=True)
    assert isinstance(refused, HQError) and refused.status == 401 and "used" in refused.detail
    hq.close()


def test_two_catalogue_writes_of_the_same_new_product_at_once_both_land(pg_url):
    """Another worker is adding product P-NEW (not committed yet) when an admin request upserts
    it too: the upsert waits and then updates the row (the later write wins), instead of failing
    on the primary key; each write publishes its change."""
    demo_hq(pg_url, NOW)
    hq = HQ(pg_url, lambda: NOW)
    other = other_transaction(pg_url)
    other.execute(
        "INSERT INTO catalogue (chain_id, kind, key, store_code, data) "
        "VALUES ('demo', 'products', 'P-NEW', '', '{\"id\": \"P-NEW\", \"price_fen\": 100}')"
    )
    other.execute("INSERT INTO changes (chain_id, store_code, kind, key) VALUES ('demo', '', 'products', 'P-NEW')")
    done = behind(
        other,
        lambda: hq.upsert_catalogue(
            "demo", "products", [{"id": "P-NEW", "price_fen": 250}, {"id": "P-NEW", "price_fen": 300}]
        ),
    )  # sent twice: the last counts
    assert not isinstance(done, BaseException)
    with hq.tx() as s:
        assert s.get(CatalogueRow, ("demo", "products", "P-NEW", "")).data == {"id": "P-NEW", "price_fen": 300}
        assert s.scalar(select(func.count()).select_from(ChangeRow).where(ChangeRow.key == "P-NEW")) == 2
    hq.close()


def test_sms_code_guesses_at_two_workers_at_once_are_all_counted(pg_url):
    """The fifth wrong guess is being counted at another worker when the right code arrives: the
    right code waits for it and is then refused, as it would be one after the other."""
    demo_hq(pg_url, NOW)
    hq = HQ(pg_url, lambda: NOW)
    api = MemberAPI(hq)
    api.send_code("13900001111")
    code = api.sms.sent["13900001111"].split("验证码 ")[1][:6]
    other = other_transaction(pg_url)
    other.execute("UPDATE sms_codes SET attempts = 5 WHERE phone = '13900001111'")  # the fifth wrong guess
    refused = behind(other, lambda: api.sign_in_with_code("13900001111", code), or_finished=True)
    assert isinstance(refused, HQError) and "expired" in refused.detail
    hq.close()
