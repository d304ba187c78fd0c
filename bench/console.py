"""`python -m bench console`: member search and the member page at chain scale (issue #17).

HQ on PostgreSQL with 1M members, 5M points entries, 1M stored-value entries, 1M till events
(each member's receipts across two stores) and 200k coupons, generated with COPY. HQ runs as
it is deployed (`python -m hq serve`, its own process) and is asked over HTTP, one request at
a time, by a signed-in staff member (session cookie), for the console's own pages:

- member search: the live search's result rows (`/console/members/search`, as htmx asks for
  them), a mix of a whole phone, its last four digits, a card number, a member id and the start
  of a name (the five paths the search box takes);
- the member page (`/console/members/{id}`, the whole HTML page): profile, tier history, points
  lots and ledger with sources, stored-value ledger, coupons, receipts across stores.

The floor, in the same run, is the bare indexed SELECT on one psycopg connection: for search,
the one SELECT of the same path with the same input; for the page, the five indexed SELECTs at
its heart (the member by id, its points ledger, its stored-value ledger, its coupons, its
receipts), with the same inputs. Figures are p50/p99 milliseconds; ratio = app p99 / floor p99
(the larger of the two is `ratio`). The acceptance figure is p99 <= 300 ms for each through HTTP.

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust). --quick: 20k members (smoke runs only;
the figures in docs/PERFORMANCE.md come from full runs). BENCH_CONSOLE_MEMBERS overrides the size.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import time
from datetime import datetime, timedelta

import psycopg
import requests

from bench.stats import percentile
from bench.sync import PgDatabase, serve
from hq.demo import load_demo
from hq.service import HQ
from hq.services import audit, staff

PASSWORD = "bench-console-2026"

NOW = datetime(2026, 11, 23, 9)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华建国玉萍红梅鑫宇浩然欣怡子涵梓轩雨萱"
TIERS = ("regular",) * 60 + ("silver",) * 25 + ("gold",) * 12 + ("platinum",) * 3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def member_id(n: int) -> str:
    return f"B{n:09d}"


def phone(n: int) -> str:
    return f"13{n:09d}"


def card(n: int) -> str:
    return f"8801{n:08d}"


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")


def generate(dsn: str, members: int, till_ids: list[str], rng: random.Random) -> dict[str, int]:
    """Members, ledgers, events and coupons by COPY (each member: 5 points entries of which one
    is a sale's earning, one stored-value entry, one sale event at one of the two stores' tills;
    every fifth member a coupon). The members' balances are the sums of their entries."""
    t0 = time.perf_counter()
    counts = {"members": members, "points_entries": 0, "stored_value_entries": 0, "events": 0, "coupons": 0}
    with psycopg.connect(dsn) as c:
        with c.cursor() as cur:
            with cur.copy(
                "COPY members (id, chain_id, phone, card_no, name, birthday, tier_code, consent, consent_at, "
                "custom, public_key, points, principal_fen, bonus_fen, clocks, referral_code, referred_by, "
                "created_at) FROM STDIN"
            ) as cp:
                for n in range(1, members + 1):
                    points = 100 + n % 900 + 50 + 20 + 5 - 30
                    cp.write_row(
                        (
                            member_id(n),
                            "demo",
                            phone(n),
                            card(n),
                            name(rng),
                            None,
                            rng.choice(TIERS),
                            True,
                            NOW - timedelta(days=400),
                            "{}",
                            None,
                            points,
                            20000 + n % 100,
                            1000,
                            "{}",
                            None,
                            None,
                            NOW - timedelta(days=400 - n % 300),
                        )
                    )
            with cur.copy("COPY events (event_id, till_id, seq, kind, at, payload, received_at) FROM STDIN") as cp:
                for n in range(1, members + 1):
                    till = till_ids[n % len(till_ids)]
                    at = NOW - timedelta(minutes=n % 500000)
                    payload = {
                        "sale_id": f"S{n:09d}",
                        "receipt_no": f"R{n:012d}",
                        "member_id": member_id(n),
                        "payable_fen": 1000 + n % 9000,
                        "points_earned": 50,
                    }
                    cp.write_row((f"0199b000-0000-7000-8000-{n:012d}", till, n, "sale", at, json.dumps(payload), at))
            counts["events"] = members
            with cur.copy("COPY points_ledger (member_id, delta, kind, ref, event_id, at) FROM STDIN") as cp:
                for n in range(1, members + 1):
                    mid, receipt, ev = member_id(n), f"R{n:012d}", f"0199b000-0000-7000-8000-{n:012d}"
                    at = NOW - timedelta(days=300 - n % 200)
                    cp.write_row((mid, 100 + n % 900, "opening", "", None, at))
                    cp.write_row((mid, 50, "earn", receipt, ev, at + timedelta(days=10)))
                    cp.write_row((mid, 20, "sign_in", "2026-10-01", None, at + timedelta(days=20)))
                    cp.write_row((mid, 5, "sign_in", "2026-10-02", None, at + timedelta(days=21)))
                    cp.write_row((mid, -30, "spend", receipt, ev, at + timedelta(days=30)))
            counts["points_entries"] = 5 * members
            with cur.copy(
                "COPY stored_value_ledger (member_id, principal_fen, bonus_fen, kind, ref, event_id, at) FROM STDIN"
            ) as cp:
                for n in range(1, members + 1):
                    cp.write_row(
                        (member_id(n), 20000 + n % 100, 1000, "top_up", f"T{n:012d}", None, NOW - timedelta(days=200))
                    )
            counts["stored_value_entries"] = members
            with cur.copy(
                "COPY coupons (code, chain_id, member_id, template_id, valid_from, valid_to, status, "
                "used_sale_id) FROM STDIN"
            ) as cp:
                for n in range(1, members + 1, 5):
                    cp.write_row(
                        (
                            f"BC{n:010d}",
                            "demo",
                            member_id(n),
                            "CT01",
                            NOW - timedelta(days=10),
                            NOW + timedelta(days=20),
                            "issued",
                            None,
                        )
                    )
                    counts["coupons"] += 1
        c.execute("ANALYZE")
    counts["seconds"] = round(time.perf_counter() - t0, 1)
    return counts


def queries(members: int, rng: random.Random, n: int) -> list[tuple[str, str]]:
    """(path, query) for `n` searches: the five paths in turn, random members."""
    out = []
    for i in range(n):
        k = rng.randrange(1, members + 1)
        path = ("phone", "last4", "card", "id", "name")[i % 5]
        q = {
            "phone": phone(k),
            "last4": phone(k)[-4:],
            "card": card(k),
            "id": member_id(k),
            "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
        }[path]
        out.append((path, q))
    return out


FLOOR_SEARCH = {
    "phone": "SELECT id, name, phone, tier_code, points, principal_fen, bonus_fen FROM members "
    "WHERE chain_id = 'demo' AND phone = %s",
    "last4": "SELECT id, name, phone, tier_code, points, principal_fen, bonus_fen FROM members "
    "WHERE chain_id = 'demo' AND substr(phone, 8, 4) = %s ORDER BY id LIMIT 20",
    "card": "SELECT id, name, phone, tier_code, points, principal_fen, bonus_fen FROM members "
    "WHERE chain_id = 'demo' AND card_no = %s ORDER BY id LIMIT 20",
    "id": "SELECT id, name, phone, tier_code, points, principal_fen, bonus_fen FROM members WHERE id = %s",
    "name": "SELECT id, name, phone, tier_code, points, principal_fen, bonus_fen FROM members "
    "WHERE chain_id = 'demo' AND name LIKE %s ORDER BY name, id LIMIT 20",
}
FLOOR_PAGE = (
    "SELECT * FROM members WHERE id = %(m)s",
    "SELECT id, at, delta, kind, ref FROM points_ledger WHERE member_id = %(m)s ORDER BY at, id",
    "SELECT at, principal_fen, bonus_fen, kind, ref FROM stored_value_ledger WHERE member_id = %(m)s "
    "ORDER BY at DESC, id DESC LIMIT 200",
    "SELECT code, template_id, status, valid_from, valid_to FROM coupons WHERE member_id = %(m)s",
    "SELECT at, kind, payload FROM events WHERE (payload ->> 'member_id') IN (%(m)s) "
    "AND kind IN ('sale', 'refund', 'top_up') ORDER BY at DESC LIMIT 200",
)


def sign_in(http: requests.Session, base: str) -> dict[str, str]:
    """The bench's staff member signed in through the console's form; the session cookie (Secure:
    requests keeps it but would not send it over http://127.0.0.1) is passed explicitly."""
    form = http.get(f"{base}/console/sign-in", timeout=30)
    token = form.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    r = http.post(
        f"{base}/console/sign-in",
        data={"username": "bench", "password": PASSWORD, "csrf_token": token},
        cookies={"hq_signin_csrf": form.cookies.get("hq_signin_csrf")},
        allow_redirects=False,
        timeout=30,
    )
    assert r.status_code == 303, r.text[:300]
    return {"hq_session": r.cookies.get("hq_session")}


def timed(fn, items, warmup: int) -> list[float]:
    for item in items[:warmup]:
        fn(item)
    out = []
    for item in items:
        t0 = time.perf_counter_ns()
        fn(item)
        out.append((time.perf_counter_ns() - t0) / 1e6)
    return out


def figures(samples: list[float]) -> dict[str, float]:
    return {"p50_ms": round(percentile(samples, 50), 2), "p99_ms": round(percentile(samples, 99), 2), "n": len(samples)}


def main(argv: list[str]) -> dict:
    quick = "--quick" in argv
    members = int(os.environ.get("BENCH_CONSOLE_MEMBERS") or (20_000 if quick else 1_000_000))
    samples = 200 if quick else 2000
    rng = random.Random(17)
    db = PgDatabase()
    server = None
    out: dict = {"bench": "console", "quick": quick, "members": members}
    try:
        hq = HQ(db.url, lambda: NOW)
        load_demo(hq, NOW, stores=("S001", "S002"), products=300, members=0)
        till_ids = [hq.create_till(store, "001")[0] for store in ("S001", "S002")]
        staff.create_staff(hq, audit.Actor("demo", None, "bench"), "bench", "Bench", "chain_admin", PASSWORD)
        hq.close()
        dsn = f"host=127.0.0.1 port=5432 user=postgres dbname={db.name}"
        out["data"] = generate(dsn, members, till_ids, rng)
        print(f"data: {out['data']}", flush=True)
        server, base = serve(db.url, _free_port(), 1)
        http = requests.Session()
        cookies = sign_in(http, base)

        def search(item):
            r = http.get(
                f"{base}/console/members/search",
                params={"q": item[1]},
                cookies=cookies,
                headers={"HX-Request": "true"},
                timeout=30,
            )
            assert r.status_code == 200, r.text[:200]
            return r.text

        def page(mid):
            r = http.get(f"{base}/console/members/{mid}", cookies=cookies, timeout=30)
            assert r.status_code == 200, r.text[:200]
            return r.text

        found = search(("id", member_id(1)))
        assert f"/console/members/{member_id(1)}" in found, found[:500]
        assert member_id(7) in search(("last4", phone(7)[-4:])) and member_id(7) in search(("card", card(7)))
        shown = page(member_id(1))
        assert shown.count("<tr>") >= 10 and f"R{1:012d}" in shown, shown[:500]  # ledgers and the receipt
        items = queries(members, rng, samples)
        ids = [member_id(rng.randrange(1, members + 1)) for _ in range(samples)]
        with psycopg.connect(dsn, autocommit=True) as c:

            def floor_search(item):
                path, q = item
                c.execute(FLOOR_SEARCH[path], (q + "%" if path == "name" else q,)).fetchall()

            def floor_page(mid):
                for sql in FLOOR_PAGE:
                    c.execute(sql, {"m": mid}).fetchall()

            # interleaved in rounds, so that the app and its floor meet the same machine
            app_s, app_p, floor_s, floor_p = [], [], [], []
            rounds = 4
            for r in range(rounds):
                part = slice(r * samples // rounds, (r + 1) * samples // rounds)
                floor_s += timed(floor_search, items[part], 10)
                app_s += timed(search, items[part], 10)
                floor_p += timed(floor_page, ids[part], 10)
                app_p += timed(page, ids[part], 10)
        out["search"], out["search_floor"] = figures(app_s), figures(floor_s)
        out["member_page"], out["member_page_floor"] = figures(app_p), figures(floor_p)
        by_path: dict[str, list[float]] = {}
        for (path, _), ms in zip(items * 1, app_s):
            by_path.setdefault(path, []).append(ms)
        out["search_by_path_p99_ms"] = {p: round(percentile(v, 99), 2) for p, v in by_path.items()}
        out["search_p99_ms"] = out["search"]["p99_ms"]
        out["member_page_p99_ms"] = out["member_page"]["p99_ms"]
        out["search_floor_p99_ms"] = out["search_floor"]["p99_ms"]
        out["member_page_floor_p99_ms"] = out["member_page_floor"]["p99_ms"]
        out["search_ratio"] = round(out["search_p99_ms"] / max(out["search_floor_p99_ms"], 0.001), 1)
        out["member_page_ratio"] = round(out["member_page_p99_ms"] / max(out["member_page_floor_p99_ms"], 0.001), 1)
        out["ratio"] = max(out["search_ratio"], out["member_page_ratio"])
        print(
            f"search      p50 {out['search']['p50_ms']:8.2f} ms  p99 {out['search_p99_ms']:8.2f} ms   "
            f"floor p99 {out['search_floor_p99_ms']:7.2f} ms   ratio {out['search_ratio']}"
        )
        print(
            f"member page p50 {out['member_page']['p50_ms']:8.2f} ms  p99 {out['member_page_p99_ms']:8.2f} ms   "
            f"floor p99 {out['member_page_floor_p99_ms']:7.2f} ms   ratio {out['member_page_ratio']}"
        )
        print(f"search p99 by path: {out['search_by_path_p99_ms']}", flush=True)
        return out
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        db.drop()
