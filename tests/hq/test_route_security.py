"""Route by route (every route of the app, enumerated): each console and API route refuses an
anonymous caller, a till token, a member session, the admin token where it is not the admin API,
and a staff role without the route's permission; state-changing console routes refuse a request
without the session's CSRF token; passwords never reach a log."""

from __future__ import annotations

import logging
import re
from datetime import datetime

import pytest
import requests
from fastapi.routing import iter_route_contexts

from hq.api.deps import Permit
from hq.app import create_app
from hq.members import MemberAPI
from hq.service import HQ
from hq.services.auth import PERMISSIONS
from tests.sync.conftest import ADMIN

from .conftest import PASSWORD, STAFF

PUBLIC = {
    "/health",
    "/openapi.json",
    "/docs",
    "/docs/oauth2-redirect",
    "/redoc",
    "/",
    "/static",
    "/console/sign-in",
    "/console/lang/{lang}",
    # the member app's pages: the same shell for everyone, no member data (hq/api/member_app.py)
    "/m",
    "/m/{page}",
    "/m/sw.js",
    "/m/manifest.webmanifest",
}
CREDENTIAL_IN_BODY = {"/v1/enrol", "/v1/member/sms", "/v1/member/session"}
PARAMS = {
    "chain_id": "demo",
    "kind": "products",
    "till_id": "x",
    "staff_id": "x",
    "store_code": "S001",
    "item_id": "1",
    "lang": "en",
    "number": "1",
    "key": "PR01",
    "member_id": "M00000001",
    "adjustment_id": "1",
}
SAFE = {"GET", "HEAD", "OPTIONS"}


def routes(url: str) -> list[tuple[str, str, str | None]]:
    """(method, path, permission) of every route the app serves; permission from its Permit."""
    hq = HQ(url, create=False)
    app = create_app(hq)
    out = []
    for r in iter_route_contexts(app.routes):
        permits = [
            d.call.permission
            for d in (r.dependant.dependencies if getattr(r, "dependant", None) else [])
            if isinstance(d.call, Permit)
        ]
        for method in sorted((r.methods or {"GET"}) - {"HEAD"}):
            out.append((method, r.path, permits[0] if permits else None))
    hq.close()
    return out


def concrete(path: str) -> str:
    """The path with each parameter filled (a made-up "1" for one this table does not name)."""
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: PARAMS.get(m.group(1), "1"), path)


def audience(path: str) -> str:
    if path.startswith("/console"):
        return "console"
    if path.startswith("/v1/member/"):
        return "member"
    if path.startswith("/v1/admin/") or path == "/metrics":
        return "admin"
    return "till"


@pytest.fixture
def credentials(console_hq):
    """A till token, a member session, a signed-in admin's cookie for the same HQ."""
    hq = HQ(console_hq.url, datetime.now, create=False)
    _, code = hq.create_till("S001", "099")
    till_token = requests.post(console_hq.base + "/v1/enrol", json={"version": 1, "code": code}).json()["token"]
    api = MemberAPI(hq)
    api.send_code("13900005555")
    member = api.sign_in_with_code("13900005555", api.sms.sent["13900005555"].split("验证码 ")[1][:6])["token"]
    hq.close()
    return {"till": till_token, "member": member}


def test_every_console_route_but_sign_in_and_language_states_its_permission(console_hq):
    table = routes(console_hq.url)
    console = [(m, p, perm) for m, p, perm in table if p.startswith("/console") and p not in PUBLIC]
    assert len(console) >= 15
    assert [(m, p) for m, p, perm in console if perm is None] == []
    assert {perm for _, _, perm in console} <= set(PERMISSIONS)


def test_anonymous_till_member_and_admin_credentials_are_refused_where_they_do_not_belong(console_hq, credentials):
    checked = 0
    for method, path, _ in routes(console_hq.url):
        if path in PUBLIC or path.startswith("/static"):
            continue
        where = audience(path)
        url = console_hq.base + concrete(path)
        callers = {
            "anonymous": {},
            "till": {"Authorization": f"Bearer {credentials['till']}"},
            "member": {"Authorization": f"Bearer {credentials['member']}"},
            "admin token": {"X-Admin-Token": ADMIN},
        }
        for who, headers in callers.items():
            if (where, who) in {("till", "till"), ("member", "member"), ("admin", "admin token")}:
                continue  # its own credential
            if path in CREDENTIAL_IN_BODY and who == "anonymous":
                continue  # the credential is the body (422 without)
            body = {"version": 1, "events": []} if path == "/v1/push" else {"rows": []} if "catalogue" in path else {}
            r = requests.request(
                method,
                url,
                headers=headers,
                allow_redirects=False,
                timeout=30,
                **({"data": {"csrf_token": "x"}} if where == "console" else {"json": body}),
            )
            if where == "console":
                if method in SAFE:
                    assert r.status_code == 303 and "/console/sign-in" in r.headers["location"], (who, method, path)
                else:
                    assert r.status_code == 401 and "请先登录" in r.text, (who, method, path, r.status_code)
            elif path in CREDENTIAL_IN_BODY:
                assert r.status_code in (401, 404, 422), (who, method, path, r.status_code)
                assert r.status_code != 200
            else:
                assert r.status_code == 401, (who, method, path, r.status_code)
            checked += 1
    assert checked >= 80


def test_a_staff_session_opens_no_api_route(console_hq):
    staff = console_hq.signed_in("admin")
    for method, path, _ in routes(console_hq.url):
        if path in PUBLIC or path.startswith(("/static", "/console")) or path in CREDENTIAL_IN_BODY:
            continue
        r = staff.request(method, concrete(path), json={})
        assert r.status_code == 401, (method, path, r.status_code)


def test_each_role_is_refused_every_console_route_it_lacks_the_permission_for(console_hq):
    sessions = {username: console_hq.signed_in(username) for username in STAFF}
    tokens = {username: c.page_csrf() for username, c in sessions.items()}
    refused = 0
    for method, path, permission in routes(console_hq.url):
        if permission is None:
            continue
        for username, (role, _) in STAFF.items():
            if role in PERMISSIONS[permission]:
                continue
            c = sessions[username]
            r = c.request(method, concrete(path), data={"csrf_token": tokens[username]})
            assert r.status_code == 403 and "您的角色没有此权限" in r.text, (username, method, path, r.status_code)
            refused += 1
    assert refused >= 40
    for c in sessions.values():  # none of it signed anyone out
        assert c.get("/console").status_code == 200


def test_every_state_changing_console_route_refuses_a_missing_or_foreign_csrf_token(console_hq):
    admin = console_hq.signed_in("admin")
    other = console_hq.signed_in("aud").page_csrf()
    for method, path, permission in routes(console_hq.url):
        if permission is None or method in SAFE:
            continue
        for data in ({}, {"csrf_token": other}, {"csrf_token": ""}):
            r = admin.request(method, concrete(path), data=data)
            assert r.status_code == 403 and "页面已过期" in r.text, (method, path, data, r.status_code)


def test_passwords_never_reach_a_log(console_hq, caplog, tmp_path):
    """Everything HQ logs while people sign in (right and wrong), change and reset passwords and
    send an over-long one, at DEBUG for every logger (SQL statements and their parameters too),
    in-process, and the served HQ's own log: no password appears."""
    from fastapi.testclient import TestClient

    from hq.settings import Settings

    secret_words = ["wrong-Password-77", PASSWORD, "brand-New-Passw0rd", "x" * 300]
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)
    try:
        hq = HQ(console_hq.url, datetime.now, create=False)
        client = TestClient(create_app(hq, settings=Settings(cookie_secure=False)), follow_redirects=False)

        def form_token(html: str) -> str:
            return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

        for password in ("wrong-Password-77", PASSWORD, "x" * 300):
            page = client.get("/console/sign-in")
            client.post(
                "/console/sign-in", data={"username": "fin", "password": password, "csrf_token": form_token(page.text)}
            )
        home = client.get("/console")
        assert home.status_code == 200
        client.post(
            "/console/account/password",
            data={"csrf_token": form_token(home.text), "current": PASSWORD, "new": "brand-New-Passw0rd"},
        )
        hq.close()
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert "SELECT" in logged  # the SQL log was on
    served = console_hq.client()
    served.sign_in("mkt", "wrong-Password-77")
    served.sign_in("mkt")
    server_log = console_hq.server.log.read_text(errors="replace")
    for word in secret_words:
        assert word not in logged and word not in server_log
