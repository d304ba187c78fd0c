"""The console's tests: a real HQ (`python -m hq serve`, uvicorn on a free port, SQLite) with the
demo chain and a staff account of every role; a small cookie-keeping client (the session cookie
is `Secure`: a plain `requests` session would not send it back over http://127.0.0.1, which
browsers treat as secure and `requests` does not)."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
import requests

from hq.demo import load_demo
from hq.models import ReconciliationItem
from hq.service import HQ
from hq.services import audit, staff
from sync.protocol import EnrolRequest, PushRequest
from tests.sync.conftest import (  # noqa: F401
    ADMIN,
    Server,
    demo_hq,
    event,
    free_port,
    pg_admin_url,
    pg_url,
    served,
    sms_vendor,
    sqlite_url,
)

NOW = datetime(2026, 11, 23, 10)
PASSWORD = "console-pass-2026"
# username -> (role, stores)
STAFF = {
    "admin": ("chain_admin", ""),
    "mkt": ("marketing", ""),
    "fin": ("finance", ""),
    "mgr1": ("store_manager", "S001"),
    "mgr2": ("store_manager", "S002"),
    "aud": ("auditor", ""),
}


def make_console_hq(url: str) -> str:
    """The demo chain with stores S001 and S002, two tills each (S001/001 enrolled, with three
    sales pushed, one of them a minute and a half late), a reconciliation item for each store
    and one without a till, and STAFF (password PASSWORD)."""
    hq = HQ(url, datetime.now)
    chain_id = load_demo(hq, NOW, stores=("S001", "S002"), products=200, members=300)
    codes = {}
    for code in ("S001", "S002"):
        for n in (1, 2):
            codes[(code, n)] = hq.create_till(code, f"{n:03d}")
    token = hq.enrol(EnrolRequest(code=codes[("S001", 1)][1])).token
    now = datetime.now()
    events = [
        dict(event(n), at=(now - timedelta(seconds=s)).isoformat(timespec="seconds"))
        for n, s in ((1, 90), (2, 30), (3, 5))
    ]
    hq.push_as(token, PushRequest.model_validate({"version": 1, "events": events}))
    with hq.tx() as s:
        for kind, till, member, ref in (
            ("coupon_reused", codes[("S001", 1)][0], "M00000001", "CPN-0001"),
            ("points_overdraw", codes[("S002", 1)][0], "M00000002", "R0012"),
            ("phone_merged", None, "M00000003", "M9F00001"),
        ):
            s.add(
                ReconciliationItem(
                    kind=kind,
                    member_id=member,
                    ref=ref,
                    event_id=None,
                    till_id=till,
                    detail={"note": "test"},
                    created_at=now,
                    resolved=False,
                )
            )
    cli = audit.Actor(chain_id, None, "pos-hq")
    for username, (role, stores) in STAFF.items():
        staff.create_staff(hq, cli, username, username.upper(), role, PASSWORD, [s for s in stores.split(",") if s])
    hq.close()
    return chain_id


@dataclass
class Browserless:
    """A console client over real HTTP keeping its own cookies (see module docstring)."""

    base: str
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, **kw) -> requests.Response:
        r = requests.request(
            method, self.base + path, cookies=dict(self.cookies), allow_redirects=False, timeout=30, **kw
        )
        for header in r.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value or morsel.value == '""':
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return r

    def get(self, path: str, **kw) -> requests.Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, **kw) -> requests.Response:
        return self.request("POST", path, **kw)

    def csrf(self, html: str) -> str:
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def sign_in(self, username: str, password: str = PASSWORD, otp: str = "") -> requests.Response:
        page = self.get("/console/sign-in")
        return self.post(
            "/console/sign-in",
            data={"username": username, "password": password, "otp": otp, "csrf_token": self.csrf(page.text)},
        )

    def page_csrf(self) -> str:
        return self.csrf(self.get("/console").text)


@dataclass
class ConsoleHQ:
    server: Server
    url: str
    chain_id: str

    @property
    def base(self) -> str:
        return self.server.base

    def client(self) -> Browserless:
        return Browserless(self.server.base)

    def signed_in(self, username: str) -> Browserless:
        c = self.client()
        assert c.sign_in(username).status_code == 303
        return c

    def hq(self) -> HQ:
        return HQ(self.url, datetime.now, create=False)


@pytest.fixture(scope="session")
def console_template(tmp_path_factory) -> tuple[Path, str]:
    """The console test chain, made once per session (argon2 hashes and the demo load take a
    while); each test serves its own copy."""
    folder = tmp_path_factory.mktemp("console-template")
    chain_id = make_console_hq(f"sqlite:///{folder / 'hq.sqlite3'}")
    return folder / "hq.sqlite3", chain_id


@pytest.fixture
def console_hq(tmp_path, console_template):
    template, chain_id = console_template
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{template}{suffix}").exists():
            shutil.copy(f"{template}{suffix}", tmp_path / f"hq.sqlite3{suffix}")
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    server = Server(url, tmp_path / "hq.log").start()
    yield ConsoleHQ(server, url, chain_id)
    server.stop()


# ---- rule publishing and member administration (services in process) ----------------------------


@pytest.fixture
def hq(sqlite_url):
    """The demo HQ in this process (SQLite)."""
    hq = HQ(sqlite_url, lambda: NOW)
    load_demo(hq, NOW, products=300, members=400)
    yield hq
    hq.close()


@pytest.fixture(params=["sqlite_url", pytest.param("pg_url", marks=pytest.mark.postgres)])
def any_hq(request):
    """The demo HQ on SQLite and on PostgreSQL."""
    hq = HQ(request.getfixturevalue(request.param), lambda: NOW)
    load_demo(hq, NOW, products=300, members=400)
    yield hq
    hq.close()


# ---- the browser (one Playwright per session: every browser test module shares it) ----------------

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "The console's browser tests need Debian's chromium at /usr/bin/chromium "
            "(`python3 dev.py test` installs it as root; or: apt-get install -y chromium fonts-noto-cjk)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--lang=zh-CN"])
        yield browser
        browser.close()


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("MEMBERTILL_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
