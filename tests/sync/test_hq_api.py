"""HQ's HTTP API against bad input (a 4xx with a clear message, nothing written), route-by-route
authentication, the member API, and a schemathesis fuzz run over HQ's own OpenAPI schema."""
from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from datetime import datetime

import pytest
import requests
from sqlalchemy import func, select

from hq.models import EventRow, Member, MemberAlias, PointsEntry
from hq.base import HQError
from hq.service import HQ
from sync.protocol import EnrolRequest, PushRequest
from hq.members import MemberAPI

from .conftest import ADMIN, demo_hq

NOW = datetime(2026, 11, 23, 10)
PUBLIC = {"/health", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}
CREDENTIAL_ROUTES = {"/v1/enrol": "one-time enrolment code", "/v1/member/sms": "the phone to prove",
                     "/v1/member/session": "phone + SMS code"}


@pytest.fixture
def hq_live(sqlite_url, served):
    codes = demo_hq(sqlite_url, NOW)
    server = served(sqlite_url)
    token = requests.post(server.base + "/v1/enrol", json={"version": 1, "code": codes[0]}).json()["token"]
    return server, sqlite_url, token, codes


def events_written(url: str) -> int:
    hq = HQ(url)
    with hq.tx() as s:
        n = s.scalar(select(func.count()).select_from(EventRow))
    hq.close()
    return n


def event(seq: int, **payload):
    body = {"sale_id": f"s{seq}", "receipt_no": f"R001261123{seq:05d}", "member_id": None, "payable_fen": 350,
            "payments": [{"tender": "cash", "amount_fen": 350}]}
    body.update(payload)
    return {"event_id": f"0199aaaa-0000-7000-8000-{seq:012d}", "seq": seq, "kind": "sale",
            "at": "2026-11-23T10:00:00", "payload": body}


def push(server, token, events, version=1):
    return requests.post(server.base + "/v1/push", json={"version": version, "events": events},
                         headers={"Authorization": f"Bearer {token}"})


def test_bad_input_gets_a_clear_4xx_and_writes_nothing(hq_live):
    server, url, token, _ = hq_live
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    r = requests.post(server.base + "/v1/push", data=b'{"version": 1, "events": [', headers=auth)
    assert r.status_code == 422 and "JSON" in r.json()["detail"]
    r = push(server, token, [event(1)], version=7)
    assert r.status_code == 422 and "Unsupported protocol version" in r.json()["detail"]
    r = push(server, token, [event(n) for n in range(1, 502)])
    assert r.status_code == 422 and "500" in r.json()["detail"]
    r = requests.post(server.base + "/v1/push", data=b"x" * (9 * 1024 * 1024), headers=auth)
    assert r.status_code == 413 and "too large" in r.json()["detail"]
    r = push(server, token, [event(1), event(2, payable_fen=-5)])
    assert r.status_code == 422 and "Event 2" in r.json()["detail"] and "payable_fen" in r.json()["detail"]
    r = push(server, token, [event(1, member_id="M99999999")])
    assert r.status_code == 422 and "unknown member" in r.json()["detail"]
    r = push(server, "forged-token", [event(1)])
    assert r.status_code == 401 and "Unknown till token" in r.json()["detail"]
    assert events_written(url) == 0
    r = push(server, token, [event(1), event(2)])
    assert r.status_code == 200 and r.json()["acked_seq"] == 2
    r = push(server, token, [event(1), event(2), event(4)])                  # a retry and a gap
    assert r.json() == {"version": 1, "acked_seq": 2, "gap_from": 3, "duplicates": 2}
    assert events_written(url) == 2


@pytest.mark.parametrize("db", ["sqlite_url", "pg_url"])
def test_an_event_id_another_till_used_is_refused_and_the_batch_writes_nothing(db, request):
    url = request.getfixturevalue(db)
    codes = demo_hq(url, NOW)
    hq = HQ(url, lambda: NOW)
    first, second = (hq.authenticate(hq.enrol(EnrolRequest(code=c)).token) for c in codes[:2])
    ok = hq.push(first[0], first[2], PushRequest.model_validate({"version": 1, "events": [event(1)]}))
    assert ok.acked_seq == 1
    fresh = dict(event(1, member_id="M00000001", points_earned=3), event_id="0199bbbb-0000-7000-8000-000000000001")
    taken = dict(event(2), event_id=event(1)["event_id"])
    for events in ([event(1)], [fresh, taken]):             # the taken id first, or after a good event
        with pytest.raises(HQError) as refused:
            hq.push(second[0], second[2], PushRequest.model_validate({"version": 1, "events": events}))
        assert refused.value.status == 409 and "already used by another event" in refused.value.detail
    with hq.tx() as s:
        assert s.scalar(select(func.count()).select_from(EventRow)) == 1
        assert s.scalar(select(func.count()).select_from(PointsEntry).where(PointsEntry.event_id.is_not(None))) == 0
    assert hq.push(second[0], second[2], PushRequest.model_validate({"version": 1, "events": [fresh]})).acked_seq == 1
    hq.close()


def other_transaction(pg_url: str):
    """A connection of its own (another HQ worker, an admin), in a transaction the test controls."""
    import psycopg
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
        waiting = other.execute("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                "AND datname = current_database()").fetchone()
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
    pushing, done, _ = start_behind(other, lambda: hq.push(till_id, chain, PushRequest.model_validate(
        {"version": 1, "events": [event(1, member_id="M00000001", points_earned=5),
                                  event(2, member_id="M00000002", points_earned=7)]})))
    other.execute("SELECT 1 FROM members WHERE id = 'M00000001' FOR UPDATE")     # the cycle; the push loses
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
    pushing, done, waiting = start_behind(other, lambda: hq.push(till_id, chain, PushRequest.model_validate(
        {"version": 1, "events": [event(1, member_id="M00000001", points_earned=5)]})))
    held = {r[0] for r in other.execute("SELECT relation::regclass::text FROM pg_locks WHERE pid = %s AND granted "
                                        "AND locktype = 'relation' AND mode = 'RowExclusiveLock'", (waiting,))}
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
    other.execute("INSERT INTO changes (chain_id, store_code, kind, key) VALUES (%s, '', 'members', 'M00000002')",
                  (chain,))                                   # another worker's change, not yet committed
    pushing, done, _ = start_behind(other, lambda: hq.push(till_id, chain, PushRequest.model_validate(
        {"version": 1, "events": [event(1, member_id="M00000001", points_earned=5)]})), or_finished=True)
    seen, cursor = pull_all(cursor)                           # a till pulls while the other is in flight
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
    other.execute("INSERT INTO members (id, chain_id, phone, name, tier_code, consent, custom, points, principal_fen, "
                  "bonus_fen, clocks, created_at) VALUES ('MFIRST', %s, %s, '先到', 'regular', true, '{}', "
                  "0, 0, 0, '{}', now())", (chain, phone))
    return behind(other, action)


def test_the_same_phone_registered_at_two_tills_at_once_becomes_one_member(pg_url):
    """Two pushes register the same new phone at the same moment (HQ's workers): the second one's
    insert waits for the first and then breaks the (chain, phone) unique key. HQ runs it again,
    and it then finds the member: the till's member becomes an alias, nothing is refused."""
    codes = demo_hq(pg_url, NOW)
    hq = HQ(pg_url, lambda: NOW)
    till_id, _, chain = hq.authenticate(hq.enrol(EnrolRequest(code=codes[0])).token)
    registered = {"event_id": "0199aaaa-0000-7000-8000-00000000r001", "seq": 1, "kind": "member_registered",
                  "at": "2026-11-23T10:00:00", "payload": {"member_id": "MLATER", "phone": "13912345678",
                                                           "name": "后到"}}
    done = while_another_registers(pg_url, chain, "13912345678", lambda: hq.push(
        till_id, chain, PushRequest.model_validate(
            {"version": 1, "events": [registered, event(2, member_id="MLATER", points_earned=3)]})))
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
    done = while_another_registers(pg_url, api.chain_id, "13912345678",
                                   lambda: api.sign_in_with_code("13912345678", code, "新会员"))
    assert done["member_id"] == "MFIRST" and not done["created"]
    hq.close()


def test_an_enrolment_code_used_twice_at_once_enrols_one_till(pg_url):
    """Two enrolments with the same one-time code reach two of HQ's workers at once: the second
    waits for the first and is then refused (the code is used), instead of also enrolling and
    silently replacing the first till's token."""
    from hq.base import digest
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
    from hq.models import CatalogueRow, ChangeRow
    demo_hq(pg_url, NOW)
    hq = HQ(pg_url, lambda: NOW)
    other = other_transaction(pg_url)
    other.execute("INSERT INTO catalogue (chain_id, kind, key, store_code, data) "
                  "VALUES ('demo', 'products', 'P-NEW', '', '{\"id\": \"P-NEW\", \"price_fen\": 100}')")
    other.execute("INSERT INTO changes (chain_id, store_code, kind, key) VALUES ('demo', '', 'products', 'P-NEW')")
    done = behind(other, lambda: hq.upsert_catalogue("demo", "products", [
        {"id": "P-NEW", "price_fen": 250}, {"id": "P-NEW", "price_fen": 300}]))  # sent twice: the last counts
    assert not isinstance(done, BaseException)
    with hq.tx() as s:
        assert s.get(CatalogueRow, ("demo", "products", "P-NEW", "")).data == {"id": "P-NEW", "price_fen": 300}
        assert s.scalar(select(func.count()).select_from(ChangeRow).where(ChangeRow.key == "P-NEW")) == 2
    hq.close()


def test_revoked_till_and_another_chains_member_are_refused(hq_live):
    server, url, token, _ = hq_live
    hq = HQ(url, lambda: NOW)
    other = hq.create_chain("别家超市", "other")
    with hq.tx() as s:
        s.add(Member(id="X00000001", chain_id=other, phone="13800000000", card_no=None, name="外人", birthday=None,
                     tier_code="regular", consent=True, consent_at=NOW, custom={}, public_key=None, points=500,
                     principal_fen=0, bonus_fen=0, clocks={}, created_at=NOW))
    r = push(server, token, [event(1, member_id="X00000001", points_spent=100)])
    assert r.status_code == 403 and "another chain" in r.json()["detail"]
    assert events_written(url) == 0
    till_id = hq.authenticate(token)[0]
    hq.revoke_till(till_id, "till stolen")
    hq.close()
    r = push(server, token, [event(1)])
    assert r.status_code == 401 and "revoked: till stolen" in r.json()["detail"]
    r = requests.get(server.base + "/v1/pull", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401


def test_every_route_but_health_needs_credentials(hq_live):
    server, _, _, _ = hq_live
    spec = requests.get(server.base + "/openapi.json").json()
    checked = 0
    for path, methods in spec["paths"].items():
        concrete = path.replace("{chain_id}", "demo").replace("{kind}", "products").replace("{till_id}", "x")
        for method in methods:
            if path in PUBLIC:
                continue
            r = requests.request(method, server.base + concrete, json={})
            if path in CREDENTIAL_ROUTES:
                # these carry their credential in the body; without it nothing happens
                assert r.status_code == 422, (method, path, r.status_code)
            else:
                assert r.status_code == 401, (method, path, r.status_code)
                body = {"/v1/push": {"version": 1, "events": []},
                        "/v1/admin/catalogue/{chain_id}/{kind}": {"rows": []}}.get(path, {})
                forged = requests.request(method, server.base + concrete, json=body,
                                          headers={"Authorization": "Bearer forged", "X-Admin-Token": "forged"})
                assert forged.status_code == 401, (method, path, forged.status_code)
            checked += 1
    assert checked >= 12
    assert requests.get(server.base + "/health").status_code == 200
    assert requests.get(server.base + "/metrics", headers={"X-Admin-Token": ADMIN}).status_code == 200


def test_member_api_sign_in_key_daily_streak_and_referral(sqlite_url, tmp_path):
    hq = HQ(sqlite_url, lambda: NOW)
    demo_hq(sqlite_url, NOW)
    api = MemberAPI(hq)
    api.send_code("13900001111")
    code = api.sms.sent["13900001111"].split("验证码 ")[1][:6]
    from hq.service import HQError
    with pytest.raises(HQError, match="Wrong code"):
        api.sign_in_with_code("13900001111", "000000" if code != "000000" else "111111")
    first = api.sign_in_with_code("13900001111", code, "新会员")
    assert first["created"]
    me = api.profile(first["member_id"])
    assert me["phone"] == "139****1111" and me["points"] == 0
    api.send_code("13900002222")
    friend = api.sign_in_with_code("13900002222", api.sms.sent["13900002222"].split("验证码 ")[1][:6],
                                   referral_code=me["referral_code"])
    assert api.profile(first["member_id"])["points"] == 200                  # referral bonus
    assert api.daily_sign_in(friend["member_id"])["streak"] == 1
    with pytest.raises(HQError, match="Already"):
        api.daily_sign_in(friend["member_id"])
    hq.clock = lambda: NOW.replace(day=24)
    assert api.daily_sign_in(friend["member_id"]) == {"streak": 2, "points": 5, "balance": 10}
    api.register_key(friend["member_id"], "ab" * 32)
    assert api.profile(friend["member_id"])["has_device_key"]
    assert [h["kind"] for h in api.points_history(friend["member_id"])] == ["sign_in", "sign_in"]
    with hq.tx() as s:
        assert s.scalar(select(func.sum(PointsEntry.delta)).where(PointsEntry.member_id == friend["member_id"])) == 10
    hq.close()


def test_an_sms_code_is_spent_after_five_wrong_guesses(sqlite_url):
    """Each wrong guess is counted (and stays counted though the sign-in is refused); after five,
    not even the right code signs in: a six-digit code cannot be guessed."""
    demo_hq(sqlite_url, NOW)
    hq = HQ(sqlite_url, lambda: NOW)
    api = MemberAPI(hq)
    api.send_code("13900001111")
    code = api.sms.sent["13900001111"].split("验证码 ")[1][:6]
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        with pytest.raises(HQError, match="Wrong code"):
            api.sign_in_with_code("13900001111", wrong)
    with pytest.raises(HQError, match="expired"):
        api.sign_in_with_code("13900001111", code)
    api.send_code("13900001111")                              # a new code starts over
    assert api.sign_in_with_code("13900001111", api.sms.sent["13900001111"].split("验证码 ")[1][:6])["created"]
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
    other.execute("UPDATE sms_codes SET attempts = 5 WHERE phone = '13900001111'")    # the fifth wrong guess
    refused = behind(other, lambda: api.sign_in_with_code("13900001111", code), or_finished=True)
    assert isinstance(refused, HQError) and "expired" in refused.detail
    hq.close()


def test_a_referral_code_is_never_another_members(sqlite_url, monkeypatch):
    """Referral codes are 8 hex digits, drawn at random: a draw that another member already holds
    is drawn again (with a million members some draws repeat), and the code stays once given."""
    demo_hq(sqlite_url, NOW)
    hq = HQ(sqlite_url, lambda: NOW)
    api = MemberAPI(hq)
    with hq.tx() as s:
        s.get(Member, "M00000001").referral_code = "AAAAAAAA"
    draws = iter(["aaaaaaaa", "bbbbbbbb", "cccccccc"])
    monkeypatch.setattr("hq.members.secrets.token_hex", lambda n: next(draws))
    assert api.profile("M00000002")["referral_code"] == "BBBBBBBB"
    assert api.profile("M00000002")["referral_code"] == "BBBBBBBB"
    hq.close()


def test_member_api_is_rate_limited_over_http(hq_live):
    server, *_ = hq_live
    codes = [requests.post(server.base + "/v1/member/sms", json={"phone": "13900003333"}).status_code
             for _ in range(35)]
    assert codes[:30] == [200] * 30 and codes[-1] == 429


def test_the_rate_limit_forgets_idle_callers():
    """A stream of new phones and addresses does not grow the limiter without end: callers idle
    for a whole window are dropped as the table fills; a busy caller stays limited through it."""
    from hq.app import RateLimit
    now = [0.0]
    limit = RateLimit(3, 60, clock=lambda: now[0])
    for n in range(5000):
        now[0] = n * 0.05                                     # 250 s of new callers, one each
        limit.check(f"caller{n}")
    assert len(limit.hits) < 2500                             # ~1,200 callers in the last minute
    for _ in range(3):
        limit.check("busy")
    swept = limit.sweep_at
    while limit.sweep_at == swept:                            # more new callers, until the next sweep
        n += 1
        now[0] += 0.01
        limit.check(f"caller{n}")
    with pytest.raises(HQError, match="Too many"):
        limit.check("busy")


@pytest.mark.slow
def test_schemathesis_finds_no_server_error(hq_live, tmp_path):
    server, _, token, _ = hq_live
    exe = shutil.which("schemathesis", path=str(__import__("pathlib").Path(sys.executable).parent))
    result = subprocess.run([exe, "run", server.base + "/openapi.json", "--checks", "not_a_server_error",
                             "--max-examples", "40", "--generation-deterministic", "-H", f"Authorization: Bearer {token}",
                             "-H", f"X-Admin-Token: {ADMIN}"], capture_output=True, text=True, timeout=600,
                            cwd=tmp_path)                              # its cache stays out of the repository
    assert result.returncode == 0, result.stdout[-4000:]
    assert "generated" in result.stdout and "Server error" not in result.stdout
