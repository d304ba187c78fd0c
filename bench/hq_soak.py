"""`python -m bench hq_soak`: HQ in its deployed shape under tills at a real till's pace, with
faults (issue 22): does anything answer 5xx other than 503, is any event lost or applied twice,
do balances equal ledgers, and what is p99 outside the database's restart window?

The shape is docs/sync.md's production layout, one host: `pos-hq serve --workers 4` with
`MEMBERTILL_HQ_DB_CONNECTIONS=40` (10 per worker) on PostgreSQL with `max_connections = 100`.
The database is a private cluster made for the run (bench/_pgcluster.py: initdb/pg_ctl on a
free port), so that restarting it disturbs nobody else's server. The chain: a store per ten
tills, each demo member keeping to one store (hq/feed.py: a store follows its own members).

Each simulated till (an asyncio task with its own aiohttp connection, all of them in one client
process on the same cores as HQ and PostgreSQL; BENCH_CLIENT_PROCESSES splits them) sells every
30-60 s (a push per sale, 90 % of members from its own store, the rest from anywhere in the
chain) and pulls the change feed every 30 s from where it stood
when the run began, to the end of the feed. Like sync/worker.py it keeps unacknowledged events
and sends them again; a 503 or 429 is waited out for its Retry-After (plus jitter), a lost
connection for 1-4 s. Faults: PostgreSQL restarted once (pg_ctl restart -m fast, at 40 % of
the run) and one HQ worker killed (SIGKILL; uvicorn starts another) while it runs a push (its
PostgreSQL session seen active in a push's statement), at 70 %. After the run every till sends
what it still holds; then HQ's database is read: events lost (sent by a till, not held by HQ),
duplicated (a sale whose points HQ credited more than once), members whose balance differs
from their ledger or from what the tills sent.

Floor, in the same run: the p99 of `GET /health` (HQ's answer on its event loop, no thread and
no database work) asked twice a second by one client during the same load; ratio = the tills'
p99 / that floor. p99_ms_200 is the same p99 over the 200 answers alone (HQ sheds a request
that queued too long with a quick 503: that must not flatter the figure).
Where the CPU went, over the same time: seconds (and cores) spent by HQ's processes,
PostgreSQL's, the tills' client process and this one, the machine's busy share and its load
average (other users of the machine included): the part of a slow p99 that is the machine's.

Full scale: 2,000 tills for 10 minutes. `--quick`: 40 tills for 30 s at ten times the pace.
Smaller runs while developing: BENCH_SOAK_TILLS (members and stores in proportion) and
BENCH_SOAK_SECONDS, e.g. 500 tills for 120 s.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp
import psycopg
import requests

from bench._pgcluster import PgCluster
from bench.stats import percentile

WORKERS, CONNECTIONS = 4, 40  # docs/sync.md, production layout (one host)
TILLS_PER_STORE = 10
WINDOW_AFTER_S = 15  # after PostgreSQL answers again: still its restart


@dataclass(frozen=True)
class Pace:
    tills: int
    duration_s: float
    sale_gap: tuple[float, float]  # seconds between a till's sales
    pull_every_s: float
    members: int


FULL = Pace(tills=2000, duration_s=600, sale_gap=(30, 60), pull_every_s=30, members=100_000)
QUICK = Pace(tills=40, duration_s=30, sale_gap=(3, 6), pull_every_s=3, members=2_000)


# ---- a till -------------------------------------------------------------------------------------
def sale(till_no: int, seq: int, member: str | None, rng: random.Random) -> dict:
    payable = rng.randint(300, 30000)
    return {
        "event_id": str(uuid.uuid4()),
        "seq": seq,
        "kind": "sale",
        "at": datetime.now().isoformat(),
        "payload": {
            "sale_id": str(uuid.uuid4()),
            "receipt_no": f"R{till_no:04d}S{seq:07d}",
            "member_id": member,
            "payable_fen": payable,
            "subtotal_fen": payable,
            "points_earned": payable // 100 if member else 0,
            "points_spent": 0,
            "lines": [
                {"product_id": f"P{rng.randint(1, 200):06d}", "qty": 1, "gross_fen": payable, "net_fen": payable}
            ],
            "payments": [{"tender": "cash", "amount_fen": payable, "reference": ""}],
            "coupons": [],
            "stored_value": None,
        },
    }


class Till:
    """One simulated till: sells, pushes what HQ has not acknowledged, pulls every so often. All
    tills run as tasks of one asyncio loop in one client process (aiohttp): the generator should
    cost the machine as little as possible, since real tills run on machines of their own. Each
    till has its own connection, kept between its calls and closed after each round's pull (a
    till idle for 30 s is past HQ's keep-alive: its next round opens a new connection)."""

    def __init__(self, base: str, no: int, token: str, store: int, stores: int, pace: Pace, cursor: int):
        self.base, self.no, self.pace, self.cursor = base, no, pace, cursor
        self.auth = {"Authorization": f"Bearer {token}"}
        self.rng = random.Random(no)
        self.store, self.stores = store, stores
        self.seq = 0
        self.outbox: list[dict] = []
        self.sent: list[tuple[str, str | None, int]] = []  # (event id, member, points earned)
        self.calls: list[tuple[float, str, float, int]] = []  # (start, kind, ms, status; 0: no answer)
        self.blocked_until = 0.0
        self.http: aiohttp.ClientSession | None = None

    def member(self) -> str | None:
        if self.rng.random() >= 0.7:
            return None
        per_store = self.pace.members // self.stores
        store = self.store if self.rng.random() < 0.9 else self.rng.randrange(self.stores)
        return f"M{store + self.stores * self.rng.randrange(per_store) + 1:08d}"  # demo: member n at store n % S

    async def hang_up(self) -> None:
        if self.http is not None:
            await self.http.close()
            self.http = None

    async def call(self, kind: str, method: str, path: str, **kw) -> Any:
        """The answer's JSON, or None (no answer, 503/429 waited out, other errors retried later)."""
        if self.http is None:
            self.http = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=1), timeout=aiohttp.ClientTimeout(total=60), headers=self.auth
            )
        t0 = time.monotonic()
        try:
            async with self.http.request(method, self.base + path, **kw) as r:
                status, retry_after = r.status, r.headers.get("Retry-After")
                body = await r.json() if status == 200 else None
        except (TimeoutError, aiohttp.ClientError):
            self.calls.append((t0, kind, (time.monotonic() - t0) * 1000, 0))
            await self.hang_up()
            self.blocked_until = time.monotonic() + self.rng.uniform(1, 4)  # probe again in 1-4 s
            return None
        self.calls.append((t0, kind, (time.monotonic() - t0) * 1000, status))
        if status in (429, 503):
            self.blocked_until = time.monotonic() + float(retry_after or 2) + self.rng.uniform(0, 3)
            return None
        if status >= 400:
            self.blocked_until = time.monotonic() + self.rng.uniform(1, 4)
            return None
        return body

    async def push(self) -> None:
        while self.outbox and time.monotonic() >= self.blocked_until:
            answer = await self.call("push", "POST", "/v1/push", json={"version": 1, "events": self.outbox[:500]})
            if answer is None:
                return
            acked = answer["acked_seq"]
            self.outbox = [e for e in self.outbox if e["seq"] > acked]

    async def pull(self) -> None:
        more = True
        while more and time.monotonic() >= self.blocked_until:
            page = await self.call("pull", "GET", "/v1/pull", params={"cursor": self.cursor, "limit": 1000})
            if page is None:
                return
            self.cursor, more = page["cursor"], page["more"]

    async def run(self, start: float, stop: float) -> None:
        lo, hi = self.pace.sale_gap
        next_sale = start + self.rng.uniform(0, hi)
        next_pull = start + self.rng.uniform(0, self.pace.pull_every_s)
        while True:
            now = time.monotonic()
            if now >= stop:
                break
            retry = self.blocked_until if self.outbox else float("inf")
            wake = min(next_sale, next_pull, max(retry, now))
            if wake > now:
                await asyncio.sleep(min(wake, stop) - now)
                continue
            if next_sale <= now:
                self.seq += 1
                member = self.member()
                ev = sale(self.no, self.seq, member, self.rng)
                self.outbox.append(ev)
                self.sent.append((ev["event_id"], member, ev["payload"]["points_earned"]))
                next_sale = now + self.rng.uniform(lo, hi)
            if self.outbox and now >= self.blocked_until:
                await self.push()
            if next_pull <= now:
                next_pull = now + self.pace.pull_every_s
                if now >= self.blocked_until:
                    await self.pull()
                    # idle for longer than HQ's keep-alive: the next call opens a new connection
                    await self.hang_up()

    async def drain(self, deadline: float) -> None:
        while self.outbox and time.monotonic() < deadline:
            await asyncio.sleep(max(0.0, self.blocked_until - time.monotonic()))
            await self.push()
        await self.hang_up()


def run_tills(
    base: str, tills: list[tuple[int, str, int]], stores: int, pace: Pace, cursor: int, start: float, stop: float
) -> dict:
    """Some of the tills (all, by default), as tasks of one asyncio loop in a client process."""

    async def main() -> list[Till]:
        objs = [Till(base, no, token, store, stores, pace, cursor) for no, token, store in tills]
        await asyncio.gather(*(t.run(start, stop) for t in objs))
        deadline = time.monotonic() + 180
        await asyncio.gather(*(t.drain(deadline) for t in objs))
        return objs

    objs = asyncio.run(main())
    return {
        "sent": [s for t in objs for s in t.sent],
        "calls": [c for t in objs for c in t.calls],
        "unsent": sum(len(t.outbox) for t in objs),
    }


# ---- HQ and its faults --------------------------------------------------------------------------
def serve(db_url: str, port: int, tmp: Path) -> subprocess.Popen:
    """HQ as deployed, its temporary files in `tmp` (TMPDIR): killed at the end, HQ never removes
    its workers' counter folder itself (hq/metrics.py multiproc_dir), so the caller does."""
    tmp.mkdir(exist_ok=True)
    env = dict(
        os.environ,
        MEMBERTILL_HQ_ADMIN_TOKEN="bench",
        MEMBERTILL_HQ_DB_CONNECTIONS=str(CONNECTIONS),
        TMPDIR=str(tmp),
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "hq", "--db", db_url, "serve", "--port", str(port), "--workers", str(WORKERS)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/health", timeout=1).ok:
                break
        except requests.RequestException:
            time.sleep(0.2)
    else:
        raise RuntimeError("HQ did not start")
    # the first worker up answers /health while the others may still be importing the app (seconds
    # of CPU each on a busy machine): the run starts once every worker waits in its event loop
    ready = 0
    while ready < 3 and time.monotonic() < deadline:
        workers = _children(server.pid)
        waiting = [_wchan(p) == "do_epoll_wait" for p in workers]
        ready = ready + 1 if len(workers) == WORKERS and all(waiting) else 0
        time.sleep(0.2)
    return server


def _wchan(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return ""


def kill_a_worker_mid_push(cluster: PgCluster, server: subprocess.Popen) -> dict:
    """SIGKILL the HQ worker whose PostgreSQL session is running a push's statement now (found by
    its client port); a random worker if none is seen within 20 s."""
    workers = _children(server.pid)
    deadline = time.monotonic() + 20
    with psycopg.connect(cluster.dsn(), autocommit=True) as c:
        while time.monotonic() < deadline:
            row = c.execute(
                "SELECT client_port FROM pg_stat_activity WHERE state = 'active' AND "
                "(query LIKE 'UPDATE members SET points%%' OR query LIKE 'COPY events%%' "
                "OR query LIKE 'COPY points_ledger%%')"
            ).fetchone()
            if row:
                out = subprocess.run(
                    ["ss", "-tnpH", "state", "established", f"( sport = :{row[0]} )"], capture_output=True, text=True
                ).stdout
                pids = [int(p) for p in re.findall(r"pid=(\d+)", out) if int(p) in workers]
                if pids:
                    os.kill(pids[0], signal.SIGKILL)
                    return {"worker_killed": "mid-push"}
            time.sleep(0.005)
    os.kill(random.choice(sorted(workers)), signal.SIGKILL)
    return {"worker_killed": "under load (no push caught in flight)"}


def _children(pid: int) -> set[int]:
    out = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        out |= {int(p) for p in (task / "children").read_text().split()}
    return {
        p for p in out if "resource_tracker" not in Path(f"/proc/{p}/cmdline").read_bytes().decode(errors="replace")
    }


def floor_probe(base: str, stop: float, out: list) -> None:
    http = requests.Session()
    while time.monotonic() < stop:
        t0 = time.monotonic()
        try:
            ok = http.get(base + "/health", timeout=30).ok
        except requests.RequestException:
            ok = False
            http.close()
        if ok:
            out.append((t0, (time.monotonic() - t0) * 1000))
        time.sleep(0.5)


# ---- where the CPU went -------------------------------------------------------------------------
TICK = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of one process (0 when it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def _tree(pid: int) -> set[int]:
    out, todo = set(), [pid]
    while todo:
        p = todo.pop()
        out.add(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def _machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, all cores."""
    v = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = v[3] + v[4]
    return (sum(v[:8]) - idle) / TICK, sum(v[:8]) / TICK


class CpuMeter:
    """CPU seconds spent by each part of the run (HQ's processes, PostgreSQL's, the tills'
    generator, this process), sampled every second so that a process that ends (a killed
    worker, a restarted PostgreSQL's backends) still counts up to its last sample; and the
    machine's busy share and load average over the same time, which other users share."""

    def __init__(self, groups: dict[str, Callable[[], set[int]]]):
        self.groups = groups
        self.last: dict[str, dict[int, float]] = {g: {} for g in groups}
        self.start_at: dict[str, dict[int, float]] = {}
        self.loads: list[float] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        for name, pids in self.groups.items():
            for pid in pids():
                self.last[name][pid] = max(self.last[name].get(pid, 0.0), _cpu_s(pid))
        self.loads.append(os.getloadavg()[0])

    def _run(self) -> None:
        while not self.stop.wait(1.0):
            self._sample()

    def begin(self) -> None:
        self._sample()
        self.start_at = {g: dict(v) for g, v in self.last.items()}
        self.machine0, self.t0 = _machine_busy(), time.monotonic()
        self.thread.start()

    def end(self) -> dict:
        self.stop.set()
        self.thread.join()
        self._sample()
        wall = time.monotonic() - self.t0
        (busy1, total1), (busy0, total0) = _machine_busy(), self.machine0
        out = {
            name: round(sum(v - self.start_at[name].get(pid, 0.0) for pid, v in self.last[name].items()), 1)
            for name, _ in self.groups.items()
        }
        return {
            "cpu_s": out,
            "cpu_cores": {k: round(v / wall, 2) for k, v in out.items()},
            "machine_busy": round((busy1 - busy0) / max(total1 - total0, 1e-9), 2),
            "cores": os.cpu_count(),
            "load_avg_max": round(max(self.loads), 1),
            "load_avg_mean": round(sum(self.loads) / len(self.loads), 1),
        }


# ---- the run ------------------------------------------------------------------------------------
def setup(cluster: PgCluster, pace: Pace) -> tuple[list[tuple[int, str, int]], int, int, dict[str, int]]:
    from hq.demo import load_demo
    from hq.service import HQ
    from sync.protocol import EnrolRequest

    stores = max(1, pace.tills // TILLS_PER_STORE)
    hq = HQ(cluster.url)
    load_demo(
        hq,
        datetime.now(),
        stores=tuple(f"S{n:04d}" for n in range(stores)),
        products=200,
        members=pace.members,
        home_store_only=True,
    )
    tills = []
    for n in range(pace.tills):
        store = n % stores
        token = hq.enrol(EnrolRequest(code=hq.create_till(f"S{store:04d}", f"{n // stores + 1:03d}")[1])).token
        tills.append((n + 1, token, store))
    hq.close()
    with psycopg.connect(cluster.dsn()) as c:
        cursor = c.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0]
        opening = dict(c.execute("SELECT id, points FROM members").fetchall())
    return tills, stores, cursor, opening


def check(cluster: PgCluster, sent: list[tuple[str, str | None, int]], opening: dict[str, int]) -> dict:
    with psycopg.connect(cluster.dsn()) as c:
        held = {r[0] for r in c.execute("SELECT event_id FROM events WHERE kind = 'sale'")}
        credited_twice = c.execute(
            "SELECT count(*) FROM (SELECT event_id FROM points_ledger WHERE kind = 'earn' "
            "GROUP BY event_id HAVING count(*) > 1) d"
        ).fetchone()[0]
        ledger_off = c.execute(
            "SELECT count(*) FROM members m LEFT JOIN (SELECT member_id, sum(delta) AS p FROM points_ledger "
            "GROUP BY member_id) l ON l.member_id = m.id LEFT JOIN (SELECT member_id, sum(principal_fen) AS c, "
            "sum(bonus_fen) AS b FROM stored_value_ledger GROUP BY member_id) v ON v.member_id = m.id "
            "WHERE m.points <> coalesce(l.p, 0) OR m.principal_fen <> coalesce(v.c, 0) "
            "OR m.bonus_fen <> coalesce(v.b, 0)"
        ).fetchone()[0]
        points = dict(c.execute("SELECT id, points FROM members").fetchall())
    ids = {e for e, _, _ in sent}
    expected = dict(opening)
    for _, member, earned in sent:
        if member:
            expected[member] = expected.get(member, 0) + earned
    return {
        "events_sent": len(ids),
        "events_lost": len(ids - held),
        "events_unknown_at_hq": len(held - ids),
        "events_duplicated": credited_twice,
        "balances_not_ledgers": ledger_off,
        "balances_not_tills": sum(1 for m, p in expected.items() if points.get(m) != p),
    }


def pace_from(argv: list[str], env=os.environ) -> Pace:
    """FULL or QUICK, scaled by BENCH_SOAK_TILLS / BENCH_SOAK_SECONDS (members and stores follow
    the tills: 50 members per till, ten tills a store) for runs smaller than the full one."""
    pace = QUICK if "--quick" in argv else FULL
    tills = int(env.get("BENCH_SOAK_TILLS") or pace.tills)
    seconds = float(env.get("BENCH_SOAK_SECONDS") or pace.duration_s)
    if tills != pace.tills:
        pace = replace(pace, tills=tills, members=max(1000, pace.members * tills // pace.tills))
    return replace(pace, duration_s=seconds)


def main(argv: list[str]) -> dict:
    quick = "--quick" in argv
    pace = pace_from(argv)
    groups = int(os.environ.get("BENCH_CLIENT_PROCESSES", "1"))
    cluster = PgCluster(max_connections=100)
    server = None
    try:
        t0 = time.monotonic()
        tills, stores, cursor, opening = setup(cluster, pace)
        print(
            f"set up: {pace.tills} tills in {stores} stores, {pace.members} members ({time.monotonic() - t0:.0f} s)",
            flush=True,
        )
        from bench.sync import free_port

        port = free_port()
        server = serve(cluster.url, port, cluster.root / "hq-tmp")  # removed with the cluster
        base = f"http://127.0.0.1:{port}"
        start = time.monotonic() + 2
        stop = start + pace.duration_s
        floor: list = []
        prober = threading.Thread(target=floor_probe, args=(base, stop, floor))
        prober.start()
        share = [tills[g::groups] for g in range(groups)]
        faults: dict = {}

        def inject() -> None:
            time.sleep(max(0.0, start + 0.4 * pace.duration_s - time.monotonic()))
            faults["restart"] = cluster.restart()
            print(f"PostgreSQL restarted ({faults['restart'][1] - faults['restart'][0]:.1f} s down)", flush=True)
            time.sleep(max(0.0, start + 0.7 * pace.duration_s - time.monotonic()))
            faults.update(kill_a_worker_mid_push(cluster, server))
            print(f"HQ worker killed: {faults['worker_killed']}", flush=True)

        faulting = threading.Thread(target=inject)
        faulting.start()
        me = os.getpid()

        def postgres() -> set[int]:
            try:
                return _tree(int((cluster.data / "postmaster.pid").read_text().split()[0]))
            except (OSError, ValueError, IndexError):
                return set()

        meter = CpuMeter(
            {
                "hq": lambda: _tree(server.pid),
                "postgres": postgres,
                "tills": lambda: _tree(me) - _tree(server.pid) - {me},
                "bench": lambda: {me},
            }
        )
        cpu: dict = {}

        def measure() -> None:
            time.sleep(max(0.0, start - time.monotonic()))
            meter.begin()
            time.sleep(max(0.0, stop - time.monotonic()))
            cpu.update(meter.end())

        metering = threading.Thread(target=measure)
        metering.start()
        with ProcessPoolExecutor(groups, mp_context=multiprocessing.get_context("fork")) as pool:
            parts = list(
                pool.map(
                    run_tills,
                    [base] * groups,
                    share,
                    [stores] * groups,
                    [pace] * groups,
                    [cursor] * groups,
                    [start] * groups,
                    [stop] * groups,
                )
            )
        faulting.join()
        prober.join()
        metering.join()
        sent = [s for p in parts for s in p["sent"]]
        calls = [c for p in parts for c in p["calls"]]
        down, up = faults["restart"]
        outside = [ms for t, _, ms, status in calls if status and not down <= t <= up + WINDOW_AFTER_S]
        floor_ms = [ms for t, ms in floor if not down <= t <= up + WINDOW_AFTER_S]
        statuses: dict[str, int] = {}
        for _, _, _, status in calls:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
        p99 = percentile(outside, 99)
        floor_p99 = percentile(floor_ms, 99)
        out = {
            "bench": "hq_soak",
            "quick": quick,
            "tills": pace.tills,
            "stores": stores,
            "duration_s": pace.duration_s,
            "layout": f"1 host, --workers {WORKERS}, "
            f"MEMBERTILL_HQ_DB_CONNECTIONS={CONNECTIONS}, "
            "PostgreSQL max_connections=100",
            "requests": len(calls),
            "statuses": statuses,
            "pushes": sum(1 for c in calls if c[1] == "push"),
            "pulls": sum(1 for c in calls if c[1] == "pull"),
            "restart_down_s": round(up - down, 1),
            **{k: v for k, v in faults.items() if k != "restart"},
            "p50_ms": round(percentile(outside, 50), 1),
            "p99_ms": round(p99, 1),
            "p99_ms_all": round(percentile([c[2] for c in calls if c[3]], 99), 1),
            # the same, of the 200 answers alone (a 503 is quick: shedding must not flatter p99)
            "p99_ms_200": round(
                percentile(
                    [ms for t, _, ms, status in calls if status == 200 and not down <= t <= up + WINDOW_AFTER_S], 99
                ),
                1,
            ),
            "floor_health_p99_ms": round(floor_p99, 1),
            "ratio": round(p99 / floor_p99, 2),
            "errors_5xx_not_503": sum(n for s, n in statuses.items() if s.startswith("5") and s != "503"),
            "no_answer": statuses.get("0", 0),
            "unsent_after_drain": sum(p["unsent"] for p in parts),
        }
        out.update(cpu)
        out.update(check(cluster, sent, opening))
        return out
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        cluster.remove()


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
