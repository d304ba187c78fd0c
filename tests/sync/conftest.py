"""HQ for the sync tests: a real server process (uvicorn) on 127.0.0.1 over SQLite or PostgreSQL.

PostgreSQL: the server on 127.0.0.1:5432 (user postgres, trust auth) that `dev.py test` starts
when it can; each test session makes its own database and drops it afterwards.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from hq.demo import load_demo
from hq.service import HQ

ADMIN = "test-admin-token"
PG = "postgresql+psycopg://postgres@127.0.0.1:5432/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_admin_url():
    try:
        import psycopg

        psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test", connect_timeout=3).close()
    except Exception as exc:
        pytest.fail(
            f"PostgreSQL is needed on 127.0.0.1:5432 (user postgres, trust; `python3 dev.py test` "
            f"starts a Debian cluster): {exc}"
        )
    return PG + "test"


@pytest.fixture
def pg_url(pg_admin_url):
    import psycopg

    name = f"hq_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    yield PG + name
    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Server:
    """`python -m hq serve` in its own process (with `workers` worker processes, PostgreSQL only);
    `stop()` kills it and its workers (SIGKILL to its process group), `start()` again.
    Its temporary files go to a folder of its own beside the log (TMPDIR), removed by `stop()`:
    killed, HQ never removes its workers' counter folder itself (hq/metrics.py multiproc_dir)."""

    def __init__(self, url: str, log: Path, workers: int = 1):
        self.url, self.log, self.port, self.workers = url, log, free_port(), workers
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.tmp = log.with_name(log.stem + "-tmp")

    def start(self) -> Server:
        self.tmp.mkdir(exist_ok=True)
        env = dict(os.environ, MEMBERTILL_HQ_ADMIN_TOKEN=ADMIN, TMPDIR=str(self.tmp))
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "hq",
                "--db",
                self.url,
                "serve",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
            ],
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120  # a loaded machine starts workers slowly: a hang guard, not a timing check
        while time.monotonic() < deadline:
            try:
                if requests.get(self.base + "/health", timeout=1).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError(f"HQ did not start: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.proc is not None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
            self.proc = None
        shutil.rmtree(self.tmp, ignore_errors=True)


def event(seq: int, **payload) -> dict:
    """A sale event at sequence `seq` (cash, 3.50 yuan; `payload` overrides its fields)."""
    body = {
        "sale_id": f"s{seq}",
        "receipt_no": f"R001261123{seq:05d}",
        "member_id": None,
        "payable_fen": 350,
        "payments": [{"tender": "cash", "amount_fen": 350}],
    }
    body.update(payload)
    return {
        "event_id": f"0199aaaa-0000-7000-8000-{seq:012d}",
        "seq": seq,
        "kind": "sale",
        "at": "2026-11-23T10:00:00",
        "payload": body,
    }


def demo_hq(url: str, now: datetime, tills: int = 2) -> list[str]:
    hq = HQ(url, lambda: now)
    load_demo(hq, now, products=300, members=400)
    # the codes expire 7 days after they are made by the clock that checks them: a served HQ runs
    # on the real clock, so they are made on it (made on `now`, they expired a week after `now`)
    hq.clock = datetime.now
    codes = [hq.create_till("S001", f"{n:03d}")[1] for n in range(1, tills + 1)]
    hq.close()
    return codes


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'hq.sqlite3'}"


@pytest.fixture
def served(tmp_path):
    servers = []

    def serve(url: str, workers: int = 1) -> Server:
        server = Server(url, tmp_path / f"hq-{len(servers)}.log", workers).start()
        servers.append(server)
        return server

    yield serve
    for server in servers:
        server.stop()


# ---- SMS: a stand-in of Aliyun's SendSms endpoint on 127.0.0.1 -------------------------------------
class SmsVendor:
    """Aliyun's SendSms endpoint as far as the SDK sees it: records each request's query and
    answers with `answer` (Aliyun's JSON: Code "OK" and a BizId when it accepted)."""

    def __init__(self):
        self.requests: list[dict[str, str]] = []
        self.answer = {"Code": "OK", "BizId": "900000000000^0", "Message": "OK", "RequestId": "r1"}
        vendor = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                query = parse_qs(urlsplit(self.path).query)
                vendor.requests.append({k: v[0] for k, v in query.items()})
                body = json.dumps(vendor.answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.endpoint = f"127.0.0.1:{self.server.server_port}"


@pytest.fixture
def sms_vendor():
    v = SmsVendor()
    yield v
    v.server.shutdown()


def configure_sms(url: str, settings: dict) -> None:
    """HQ's SMS settings as an operator sets them: `pos-hq sms FILE` (here from stdin)."""
    from hq.__main__ import main as pos_hq

    stdin, sys.stdin = sys.stdin, io.StringIO(json.dumps(settings, ensure_ascii=False))
    try:
        assert pos_hq(["--db", url, "sms", "-"]) == 0
    finally:
        sys.stdin = stdin


def aliyun_settings(vendor: SmsVendor, templates: dict | None = None) -> dict:
    return {
        "provider": "aliyun",
        "access_key_id": "LTAI-test",
        "access_key_secret": "never-shown",
        "endpoint": vendor.endpoint,
        "protocol": "http",
        "sign_name": "邻家便利",
        "templates": {"sign_in_code": {"code": "SMS_900001", "params": ["code"]}} if templates is None else templates,
    }
