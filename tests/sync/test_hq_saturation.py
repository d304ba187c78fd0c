"""Issue 22, defect 1: HQ's pools are sized from one setting against PostgreSQL's
`max_connections` (checked at start, with a clear refusal), and a saturated or absent database
is answered with 503 + Retry-After, never a bare 500. Real HQ processes on real PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import datetime

import psycopg
import pytest
import requests
from sqlalchemy import text

from hq import pool
from hq.pool import PoolPlan, PoolRefused
from hq.service import HQ

from .conftest import ADMIN, Server, demo_hq, event, free_port

NOW = datetime(2026, 11, 23, 10)
pytestmark = pytest.mark.postgres


def dsn(url: str) -> str:
    return "host=127.0.0.1 port=5432 user=postgres dbname=" + url.rsplit("/", 1)[1]


def test_a_plan_past_the_servers_connections_is_refused_with_what_to_change():
    plan = PoolPlan(total=160, workers=4)
    with pytest.raises(PoolRefused) as refused:
        plan.check(max_connections=100, reserved=3)
    assert "max_connections" in str(refused.value) and "92" in str(refused.value)
    assert "PgBouncer" in str(refused.value)
    PoolPlan(total=92, workers=4).check(max_connections=100, reserved=3)
    assert PoolPlan(total=92, workers=4).engine_options()["pool_size"] == 23
    assert PoolPlan(total=92, workers=4).engine_options()["max_overflow"] == 0


def test_hq_as_configured_past_max_connections_does_not_start(pg_url, tmp_path):
    env = dict(os.environ, MEMBERTILL_HQ_DB_CONNECTIONS="400", MEMBERTILL_HQ_ADMIN_TOKEN=ADMIN)
    run = subprocess.run(
        [sys.executable, "-m", "hq", "--db", pg_url, "serve", "--port", str(free_port()), "--workers", "4"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert "HQ not started" in run.stderr and "max_connections" in run.stderr
    assert "Traceback" not in run.stderr


def served_with(url: str, log, **env: str) -> Server:
    server = Server(url, log)
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return server.start()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def test_an_exhausted_pool_answers_503_with_retry_after_never_500(pg_url, tmp_path):
    codes = demo_hq(pg_url, NOW, tills=1)
    server = served_with(
        pg_url, tmp_path / "hq.log", MEMBERTILL_HQ_DB_CONNECTIONS="2", MEMBERTILL_HQ_POOL_TIMEOUT="0.5"
    )
    try:
        token = requests.post(server.base + "/v1/enrol", json={"version": 1, "code": codes[0]}).json()["token"]
        auth = {"Authorization": f"Bearer {token}"}
        # hold the till's row: each push takes a connection and then waits for it
        blocker = psycopg.connect(dsn(pg_url))
        blocker.execute("SELECT acked_seq FROM tills FOR UPDATE")
        answers: list[requests.Response] = []

        def push(seq: int) -> None:
            answers.append(
                requests.post(
                    server.base + "/v1/push", json={"version": 1, "events": [event(seq)]}, headers=auth, timeout=60
                )
            )

        threads = [threading.Thread(target=push, args=(1,)) for _ in range(5)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 20
        while len(answers) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        blocker.rollback()
        blocker.close()
        for t in threads:
            t.join(60)
        statuses = sorted(r.status_code for r in answers)
        assert 500 not in statuses
        busy = [r for r in answers if r.status_code == 503]
        assert len(busy) >= 3, statuses
        assert all(r.headers.get("Retry-After", "").isdigit() for r in busy)
        assert all("busy" in r.json()["detail"] for r in busy)
        assert all(s in (200, 503) for s in statuses)
        # the pool is whole again afterwards
        r = requests.post(server.base + "/v1/push", json={"version": 1, "events": [event(1), event(2)]}, headers=auth)
        assert r.status_code == 200 and r.json()["acked_seq"] == 2
    finally:
        server.stop()


def test_a_database_that_turns_hq_away_is_503_not_500(pg_url, tmp_path):
    codes = demo_hq(pg_url, NOW, tills=1)
    name = pg_url.rsplit("/", 1)[1]
    role = f"hq_role_{name[-10:]}"
    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test", autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{role}" LOGIN')
    with psycopg.connect(dsn(pg_url), autocommit=True) as owner:  # HQ as an ordinary role
        owner.execute(f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{role}"')
        owner.execute(f'GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "{role}"')
    url = pg_url.replace("postgres@", f"{role}@")
    server = served_with(url, tmp_path / "hq.log", MEMBERTILL_HQ_POOL_TIMEOUT="0.5")
    auth = {
        "Authorization": "Bearer "
        + requests.post(server.base + "/v1/enrol", json={"version": 1, "code": codes[0]}).json()["token"]
    }
    try:
        with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test", autocommit=True) as admin:
            # PostgreSQL says "too many connections" to HQ's role, and HQ's open connections are cut
            admin.execute(f'ALTER ROLE "{role}" CONNECTION LIMIT 0')
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))
            try:
                statuses = []
                for _ in range(3):
                    r = requests.post(
                        server.base + "/v1/push", json={"version": 1, "events": [event(1)]}, headers=auth, timeout=30
                    )
                    statuses.append(r.status_code)
                    if r.status_code == 503:
                        assert r.headers["Retry-After"].isdigit()
                statuses.append(requests.get(server.base + "/v1/pull", headers=auth, timeout=30).status_code)
            finally:
                admin.execute(f'ALTER ROLE "{role}" CONNECTION LIMIT -1')
        assert statuses == [503, 503, 503, 503]
        r = requests.post(server.base + "/v1/push", json={"version": 1, "events": [event(1)]}, headers=auth)
        assert r.status_code == 200  # back as soon as it may connect
    finally:
        server.stop()
        with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_a_request_that_queued_past_the_pool_timeout_is_refused_before_any_database_work(tmp_path):
    """Issue 22's soak: a saturated worker queued requests for tens of seconds; a request's first
    transaction now refuses to begin once the request has waited past the pool timeout, as a
    busy pool does (503 + Retry-After), and only the first transaction of a request is checked."""
    hq = HQ(f"sqlite:///{tmp_path / 'hq.db'}")
    try:
        pool.request_arrived(time.monotonic() - 4.0)  # arrived 4 s ago: past the default 3 s
        with pytest.raises(pool.QueuedTooLong) as queued, hq.tx() as s:
            s.execute(text("SELECT 1"))
        assert pool.is_saturation(queued.value)
        with hq.tx() as s:  # the same request's later work is not queueing: it goes on
            assert s.execute(text("SELECT 1")).scalar() == 1
        pool.request_arrived(time.monotonic() - 2.0)  # within the timeout
        with hq.tx() as s:
            assert s.execute(text("SELECT 1")).scalar() == 1
    finally:
        hq.close()
