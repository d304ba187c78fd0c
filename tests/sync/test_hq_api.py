"""HQ's HTTP API against bad input (a 4xx with a clear message, nothing written), route-by-route
authentication, the member API, and a schemathesis fuzz run over HQ's own OpenAPI schema. (HQ's
workers meeting in the database: test_hq_races.py.)"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime

import pytest
import requests
from sqlalchemy import func, select

from hq.base import HQError
from hq.members import MemberAPI
from hq.models import EventRow, Member, PointsEntry
from hq.service import HQ
from sync.protocol import EnrolRequest, PushRequest

from .conftest import ADMIN, aliyun_settings, configure_sms, demo_hq, event

NOW = datetime(2026, 11, 23, 10)
PUBLIC = {"/health", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}
CREDENTIAL_ROUTES = {
    "/v1/enrol": "one-time enrolment code",
    "/v1/member/sms": "the phone to prove",
    "/v1/member/session": "phone + SMS code",
}


@pytest.fixture
def hq_live(sqlite_url, served, sms_vendor):
    codes = demo_hq(sqlite_url, NOW)
    configure_sms(sqlite_url, aliyun_settings(sms_vendor))  # sign-in codes go to the stand-in vendor
    server = served(sqlite_url)
    token = requests.post(server.base + "/v1/enrol", json={"version": 1, "code": codes[0]}).json()["token"]
    return server, sqlite_url, token, codes


def events_written(url: str) -> int:
    hq = HQ(url)
    with hq.tx() as s:
        n = s.scalar(select(func.count()).select_from(EventRow))
    hq.close()
    return n


def push(server, token, events, version=1):
    return requests.post(
        server.base + "/v1/push",
        json={"version": version, "events": events},
        headers={"Authorization": f"Bearer {token}"},
    )


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
    r = push(server, token, [event(1), event(2), event(4)])  # a retry and a gap
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
    for events in ([event(1)], [fresh, taken]):  # the taken id first, or after a good event
        with pytest.raises(HQError) as refused:
            hq.push(second[0], second[2], PushRequest.model_validate({"version": 1, "events": events}))
        assert refused.value.status == 409 and "already used by another event" in refused.value.detail
    with hq.tx() as s:
        assert s.scalar(select(func.count()).select_from(EventRow)) == 1
        assert s.scalar(select(func.count()).select_from(PointsEntry).where(PointsEntry.event_id.is_not(None))) == 0
    assert hq.push(second[0], second[2], PushRequest.model_validate({"version": 1, "events": [fresh]})).acked_seq == 1
    hq.close()


def test_revoked_till_and_another_chains_member_are_refused(hq_live):
    server, url, token, _ = hq_live
    hq = HQ(url, lambda: NOW)
    other = hq.create_chain("别家超市", "other")
    with hq.tx() as s:
        s.add(
            Member(
                id="X00000001",
                chain_id=other,
                phone="13800000000",
                card_no=None,
                name="外人",
                birthday=None,
                tier_code="regular",
                consent=True,
                consent_at=NOW,
                custom={},
                public_key=None,
                points=500,
                principal_fen=0,
                bonus_fen=0,
                clocks={},
                created_at=NOW,
            )
        )
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
                body = {
                    "/v1/push": {"version": 1, "events": []},
                    "/v1/members/lookup": {"version": 1, "query": "M00000001"},
                    "/v1/admin/catalogue/{chain_id}/{kind}": {"rows": []},
                }.get(path, {})
                forged = requests.request(
                    method,
                    server.base + concrete,
                    json=body,
                    headers={"Authorization": "Bearer forged", "X-Admin-Token": "forged"},
                )
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
    friend = api.sign_in_with_code(
        "13900002222", api.sms.sent["13900002222"].split("验证码 ")[1][:6], referral_code=me["referral_code"]
    )
    assert api.profile(first["member_id"])["points"] == 200  # referral bonus
    assert api.daily_sign_in(friend["member_id"])["streak"] == 1
    with pytest.raises(HQError, match="Already"):
        api.daily_sign_in(friend["member_id"])
    hq.clock = lambda: NOW.replace(day=24)
    # the invitee is rewarded too (100 points by default, issue 18)
    assert api.daily_sign_in(friend["member_id"]) == {"streak": 2, "points": 5, "balance": 110}
    api.register_key(friend["member_id"], "ab" * 32)
    assert api.profile(friend["member_id"])["has_device_key"]
    assert [h["kind"] for h in api.points_history(friend["member_id"])] == ["sign_in", "sign_in", "referred"]
    with hq.tx() as s:
        assert s.scalar(select(func.sum(PointsEntry.delta)).where(PointsEntry.member_id == friend["member_id"])) == 110
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
    api.send_code("13900001111")  # a new code starts over
    assert api.sign_in_with_code("13900001111", api.sms.sent["13900001111"].split("验证码 ")[1][:6])["created"]
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
    codes = [
        requests.post(server.base + "/v1/member/sms", json={"phone": "13900003333"}).status_code for _ in range(35)
    ]
    assert codes[:30] == [200] * 30 and codes[-1] == 429


def test_the_rate_limit_forgets_idle_callers():
    """A stream of new phones and addresses does not grow the limiter without end: callers idle
    for a whole window are dropped as the table fills; a busy caller stays limited through it."""
    from hq.app import RateLimit

    now = [0.0]
    limit = RateLimit(3, 60, clock=lambda: now[0])
    for n in range(5000):
        now[0] = n * 0.05  # 250 s of new callers, one each
        limit.check(f"caller{n}")
    assert len(limit.hits) < 2500  # ~1,200 callers in the last minute
    for _ in range(3):
        limit.check("busy")
    swept = limit.sweep_at
    while limit.sweep_at == swept:  # more new callers, until the next sweep
        n += 1
        now[0] += 0.01
        limit.check(f"caller{n}")
    with pytest.raises(HQError, match="Too many"):
        limit.check("busy")


@pytest.mark.slow
def test_schemathesis_finds_no_server_error(hq_live, tmp_path):
    server, _, token, _ = hq_live
    exe = shutil.which("schemathesis", path=str(__import__("pathlib").Path(sys.executable).parent))
    result = subprocess.run(
        [
            exe,
            "run",
            server.base + "/openapi.json",
            "--checks",
            "not_a_server_error",
            "--max-examples",
            "40",
            "--generation-deterministic",
            "-H",
            f"Authorization: Bearer {token}",
            "-H",
            f"X-Admin-Token: {ADMIN}",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )  # its cache stays out of the repository
    assert result.returncode == 0, result.stdout[-4000:]
    assert "generated" in result.stdout and "Server error" not in result.stdout
