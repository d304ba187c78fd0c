"""`python -m bench member_app`: the member's H5 app (issue 20) — first load and its API calls.

HQ on PostgreSQL with N members (default 100k; BENCH_MEMBER_APP_MEMBERS; --quick 5k), each with
five points entries, a stored-value entry, a sale event and every fifth a coupon (the console
bench's generator, by COPY), served as deployed (`python -m hq serve`, its own process).

- First load: a fresh browser profile (Debian's chromium, phone viewport, no cache, no service
  worker yet) with the member's session (localStorage and its cookie, as sign-in leaves them) opens /m/card under DevTools' "Slow 4G"
  profile (CDP Network.emulateNetworkConditions: 562.5 ms round trip, 1.6 Mbit/s down,
  750 kbit/s up, ×0.9 as DevTools applies them) until the QR code is drawn (the device key made,
  registered, the first code signed). Figures: wall time p50/p90 and the bytes the page's
  requests transferred (encodedDataLength) until then. Floor, same run, same profile: the app's
  icon (300 bytes) opened as a page: the connection's round trip and one request, the least any
  first load on this network costs.
- API: each GET the pages make, one request at a time over one keep-alive connection, as a
  signed-in member (different members in turn). Floor, same run: GET /health on the same
  connection (HTTP and the framework, no database) and the bare indexed SELECT of the member.

The acceptance figures are first load p90 <= 1500 ms, first load <= 200 kB, each API p99 <= 100 ms
at 1M members; the last JSON line carries first_load_p90_ms, first_load_kb, api_p99_ms (the
slowest route's p99) and `members` (the scale actually run).
"""

from __future__ import annotations

import os
import random
import secrets
import signal
import time
from datetime import datetime

import psycopg
import requests

from bench.console import _free_port, generate, member_id
from bench.stats import percentile
from bench.sync import PgDatabase, serve
from hq.demo import load_demo
from hq.service import HQ, digest

NOW = datetime(2026, 11, 23, 9)
CHROMIUM = "/usr/bin/chromium"
SLOW_4G = {
    "offline": False,
    "latency": 562.5,
    "downloadThroughput": 1.6 * 1000 * 1000 / 8 * 0.9,
    "uploadThroughput": 750 * 1000 / 8 * 0.9,
}
ROUTES = (
    "/app/card",
    "/app/points",
    "/app/coupons",
    "/app/wallet",
    "/app/receipts",
    "/app/checkin",
    "/app/invite",
    "/app/tier",
    "/app/profile",
    "/mall/items",
    "/mall/orders",
)


def sessions(dsn: str, ids: list[str]) -> list[str]:
    """A member-app session for each member (as the SMS sign-in leaves one)."""
    tokens = [secrets.token_urlsafe(32) for _ in ids]
    copy = "COPY member_sessions (token_hash, member_id, created_at) FROM STDIN"
    with psycopg.connect(dsn) as c, c.cursor() as cur, cur.copy(copy) as cp:
        for token, mid in zip(tokens, ids):
            cp.write_row((digest(token), mid, NOW))
    return tokens


def figures(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(samples, 50), 2),
        "p90_ms": round(percentile(samples, 90), 2),
        "p99_ms": round(percentile(samples, 99), 2),
        "n": len(samples),
    }


def first_loads(base: str, tokens: list[str], n: int) -> tuple[list[float], list[int], list[float]]:
    """(ms to the card's code, bytes until then) for `n` cold loads, and the floor's ms."""
    from playwright.sync_api import sync_playwright

    loads, sizes, floors = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for i in range(n):
                for floor in (True, False):
                    context = browser.new_context(
                        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN"
                    )
                    token = tokens[i % len(tokens)]  # a signed-in member: the token and its cookie
                    context.add_init_script(f"localStorage.setItem('mt.token', {token!r})")
                    context.add_cookies([{"name": "mt_session", "value": token, "url": base + "/m/"}])
                    page = context.new_page()
                    cdp = context.new_cdp_session(page)
                    cdp.send("Network.enable")
                    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
                    received: list[int] = []
                    cdp.on(
                        "Network.loadingFinished",
                        lambda e, got=received: got.append(int(e.get("encodedDataLength", 0))),
                    )
                    t0 = time.perf_counter()
                    if floor:
                        page.goto(base + "/static/m/icon.svg", wait_until="load")
                        floors.append((time.perf_counter() - t0) * 1000)
                    else:
                        page.goto(base + "/m/card", wait_until="commit")
                        page.wait_for_selector("#qr[data-code]", timeout=60000)
                        loads.append((time.perf_counter() - t0) * 1000)
                        sizes.append(sum(received))
                    context.close()
        finally:
            browser.close()
    return loads, sizes, floors


def main(argv: list[str]) -> dict:
    quick = "--quick" in argv
    members = int(os.environ.get("BENCH_MEMBER_APP_MEMBERS") or (5_000 if quick else 100_000))
    samples = 40 if quick else 300
    loads_n = 4 if quick else 20
    rng = random.Random(20)
    db = PgDatabase()
    server = None
    out: dict = {
        "bench": "member_app",
        "quick": quick,
        "members": members,
        "note": "1M members not run here unless BENCH_MEMBER_APP_MEMBERS=1000000 is set",
    }
    try:
        hq = HQ(db.url, lambda: NOW)
        load_demo(hq, NOW, stores=("S001", "S002"), products=200, members=0)
        till_ids = [hq.create_till(store, "001")[0] for store in ("S001", "S002")]
        hq.close()
        dsn = f"host=127.0.0.1 port=5432 user=postgres dbname={db.name}"
        out["data"] = generate(dsn, members, till_ids, rng)
        ids = [member_id(k) for k in rng.sample(range(1, members + 1), min(members, samples))]
        tokens = sessions(dsn, ids)
        print(f"data: {out['data']}", flush=True)
        server, base = serve(db.url, _free_port(), 1)
        http = requests.Session()

        def call(path: str, token: str) -> None:
            r = http.get(f"{base}/v1/member{path}", headers={"Authorization": f"Bearer {token}"}, timeout=30)
            assert r.status_code == 200, (path, r.status_code, r.text[:200])

        for path in ROUTES:  # warm up, and each route answers
            call(path, tokens[0])
        api: dict[str, list[float]] = {p: [] for p in ROUTES}
        health: list[float] = []
        select_floor: list[float] = []
        with psycopg.connect(dsn, autocommit=True) as c:
            for i, token in enumerate(tokens):
                t0 = time.perf_counter_ns()
                http.get(f"{base}/health", timeout=30)
                health.append((time.perf_counter_ns() - t0) / 1e6)
                t0 = time.perf_counter_ns()
                c.execute("SELECT * FROM members WHERE id = %s", (ids[i],)).fetchall()
                select_floor.append((time.perf_counter_ns() - t0) / 1e6)
                for path in ROUTES:
                    t0 = time.perf_counter_ns()
                    call(path, token)
                    api[path].append((time.perf_counter_ns() - t0) / 1e6)
        out["api"] = {p: figures(v) for p, v in api.items()}
        out["api_p99_ms"] = max(f["p99_ms"] for f in out["api"].values())
        out["api_slowest"] = max(out["api"], key=lambda p: out["api"][p]["p99_ms"])
        out["health_floor"], out["select_floor"] = figures(health), figures(select_floor)
        for path, f in out["api"].items():
            print(f"{path:16s} p50 {f['p50_ms']:7.2f} ms  p99 {f['p99_ms']:7.2f} ms", flush=True)
        print(
            f"floor /health p99 {out['health_floor']['p99_ms']} ms, SELECT member p99 {out['select_floor']['p99_ms']} ms",
            flush=True,
        )

        loads, sizes, floors = first_loads(base, tokens, loads_n)
        out["first_load"], out["first_load_floor"] = figures(loads), figures(floors)
        out["first_load_p90_ms"] = out["first_load"]["p90_ms"]
        out["first_load_kb"] = round(max(sizes) / 1024, 1)
        out["first_load_floor_p90_ms"] = out["first_load_floor"]["p90_ms"]
        print(
            f"first load (Slow 4G) p50 {out['first_load']['p50_ms']} ms p90 {out['first_load_p90_ms']} ms, "
            f"{out['first_load_kb']} kB; floor p90 {out['first_load_floor_p90_ms']} ms",
            flush=True,
        )
        out["api_ratio"] = round(out["api_p99_ms"] / max(out["health_floor"]["p99_ms"], 0.001), 1)
        out["first_load_ratio"] = round(out["first_load_p90_ms"] / max(out["first_load_floor_p90_ms"], 0.001), 1)
        out["ratio"] = max(out["api_ratio"], out["first_load_ratio"])
        return out
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(10)
        db.drop()
