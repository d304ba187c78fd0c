"""`python -m bench sync`: the sync figures of issue #6.

(a) ingest: HQ storing and applying till batches (500 sale events each, 70 % with a member
    earning points) into PostgreSQL, events per second, against the floor of a bare COPY of the
    same event rows into a table of the same shape, in the same run; ratio = app rate / floor rate.
    The headline counts the pushes answered; `applied_ratio` counts until the applier
    (hq/applier.py: rollups, tier upgrades, benefits, after each push's commit) has applied
    every push too — the pushes drain it as they go, what is left after the last answer counts.
    HQ runs as it is deployed: BENCH_HQ_WORKERS worker processes (2, one per core here), each
    serving one push at a time, the 20 tills shared between them, each till's batches in order.
    The floor gets the same chance: one COPY of all the rows, and one COPY per worker of a share
    each at once (its own connection and process), the median of three of each, the faster one.
    The same tills' previous batches, pushed first by HQ in this process one at a time, give the
    one-process figure (printed beside it, not the ratio).
    A second floor, informative (`own_rows_ratio`, not the headline): every row the timed pushes
    inserted in every table (some 4.5 an event, not only the event's), copied bare into tables of the
    same shape and indexes by `workers` processes at once, with the members' balance UPDATEs
    (bench/_own_rows.py says how those rows are found and what it leaves out).
(b) bootstrap: a new till loading 200k products and 1M members from cursor 0 over HTTP (HQ as
    its own uvicorn process on SQLite; the till takes the snapshot path), seconds; floor: the
    same rows copied into an empty till database by SQLite itself (INSERT ... SELECT).
(c) back from 7 days offline with 20,000 sales: push them all and pull what changed, seconds.
(d) 200 simulated tills pushing and pulling concurrently against one HQ over HTTP (uvicorn, two
    worker processes), p50 and p99 request latency. Each till, every 2.5-7.5 s (BENCH_GAP_S=5),
    pushes 1-5 sales (70 % with a member) and pulls the change feed from its own cursor until HQ
    has no more: its pulls carry the other tills' member changes (some 400 a page). A real till
    pushes after each sale (one every 30-60 s when busy) and pulls every 30 s: this is six times
    its pulls and twenty times its sales or more. Until session 14 the tills pulled every 1-3 s
    from a cursor past the end (empty pages), which hid the cost of the feed's content: at that
    pace with real pages, HQ on two cores is overloaded (PERFORMANCE.md). The tills are threads
    spread over four client processes (BENCH_CLIENT_PROCESSES), on the same two cores as HQ and
    PostgreSQL.

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust). --quick shrinks every size (smoke runs
only; the figures in docs/PERFORMANCE.md come from full runs).
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import closing
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

import psycopg
import requests
from sqlalchemy import text

from bench import _own_rows as own_rows
from bench.stats import percentile
from hq.applier import drain
from hq.demo import load_demo
from hq.service import HQ
from sync.protocol import EnrolRequest, PushRequest

NOW = datetime(2026, 11, 23, 9)
PG = "host=127.0.0.1 port=5432 user=postgres dbname=test"


class PgDatabase:
    def __init__(self):
        self.name = f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(PG, autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{self.name}"')
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{self.name}"

    def drop(self):
        with psycopg.connect(PG, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def sale_events(till_no: int, count: int, members: int, rng: random.Random, start_seq: int = 1) -> list[dict]:
    out = []
    for i in range(count):
        seq = start_seq + i
        member = f"M{rng.randint(1, members):08d}" if rng.random() < 0.7 else None
        payable = rng.randint(300, 30000)
        out.append(
            {
                "event_id": str(uuid.uuid4()),
                "seq": seq,
                "kind": "sale",
                "at": (NOW + timedelta(seconds=seq)).isoformat(),
                "payload": {
                    "sale_id": str(uuid.uuid4()),
                    "receipt_no": f"R{till_no:03d}261123{seq:06d}",
                    "member_id": member,
                    "payable_fen": payable,
                    "subtotal_fen": payable,
                    "points_earned": payable // 100 if member else 0,
                    "points_spent": 0,
                    "lines": [
                        {
                            "product_id": f"P{rng.randint(1, 1000):06d}",
                            "qty": 1,
                            "gross_fen": payable,
                            "net_fen": payable,
                        }
                    ],
                    "payments": [{"tender": "cash", "amount_fen": payable, "reference": ""}],
                    "coupons": [],
                    "stored_value": None,
                },
            }
        )
    return out


def ingest(quick: bool) -> dict:
    workers = int(os.environ.get("BENCH_HQ_WORKERS", "2"))
    db = PgDatabase()
    try:
        hq = HQ(db.url, lambda: NOW)
        load_demo(hq, NOW, products=1000, members=10000 if not quick else 2000)
        tills = [
            hq.authenticate(hq.enrol(EnrolRequest(code=hq.create_till("S001", f"{n:03d}")[1])).token)
            for n in range(1, 21)
        ]
        rng = random.Random(5)
        per_till = 500 if quick else 2000
        # each till's first `per_till` events for HQ in one process, the next ones for HQ's workers
        one: list[tuple] = []
        shares: list[list[tuple]] = [[] for _ in range(workers)]
        rows = []
        for n, (till_id, _, chain) in enumerate(tills, start=1):
            events = sale_events(n, 2 * per_till, 2000 if quick else 10000, rng)
            batches = [
                (till_id, chain, PushRequest.model_validate({"version": 1, "events": events[i : i + 500]}))
                for i in range(0, len(events), 500)
            ]
            one += batches[: len(batches) // 2]
            shares[(n - 1) % workers] += batches[len(batches) // 2 :]
            rows += [
                (e["event_id"], till_id, e["seq"], e["kind"], e["at"], json.dumps(e["payload"]), NOW)
                for e in events[per_till:]
            ]
        # the requests the harness holds parsed (300k objects each half) are not part of an HQ
        # worker's heap: keep the collector from walking them again and again while HQ works
        gc.collect()
        gc.freeze()
        t0 = time.perf_counter()
        for till_id, chain, request in one:
            hq.push(till_id, chain, request)
        one_s = time.perf_counter() - t0
        hq.close()  # no connection crosses the fork below
        dsn = PG.replace("dbname=test", f"dbname={db.name}")
        stats = own_rows.before(dsn)  # to tell the rows the timed pushes insert (the second floor)
        app_s = race([partial(pushing, db.url, share) for share in shares])
        got = own_rows.written(dsn, stats)
        # the applier (hq/applier.py): the pushes drain its queue as they commit; what is left
        # when the last push has been answered is applied now, and counts (applied_s)
        t0 = time.perf_counter()
        left = HQ(db.url, lambda: NOW, create=False)
        left_rows = drain(left)
        left.close()
        applied_s = app_s + time.perf_counter() - t0
        with psycopg.connect(dsn, autocommit=True) as c:
            held = c.execute("SELECT count(*) FROM events").fetchone()[0]
            assert held == 2 * len(rows), f"HQ holds {held} events of {2 * len(rows)} pushed"
            member_sales = c.execute("SELECT count(*) FROM events WHERE payload->>'member_id' IS NOT NULL").fetchone()
            rolled_up = c.execute("SELECT sum(sales) FROM member_days").fetchone()
            assert member_sales == rolled_up, f"member_days count {rolled_up[0]} sales of {member_sales[0]}"
            for n in range(6):
                c.execute(f"CREATE TABLE events_floor{n} (LIKE events INCLUDING ALL)")
        # the floor: one COPY of all the rows, and `workers` COPYs of a share each at once; the
        # median of three of each (the floor is noisy too), the faster of the two
        one_copy = sorted(race([partial(copying, dsn, f"events_floor{n}", rows)]) for n in range(3))[1]
        copies = sorted(
            race([partial(copying, dsn, f"events_floor{n}", rows[w::workers]) for w in range(workers)])
            for n in range(3, 6)
        )[1]
        # the second floor: every row the timed pushes inserted, not only the events (bench/_own_rows.py)
        own_s = own_rows.floor(dsn, got, workers, race)
        gc.unfreeze()
        n = len(rows)
        floor_s = min(one_copy, copies)
        return {
            "events": n,
            "hq_workers": workers,
            "app_s": round(app_s, 2),
            "app_eps": round(n / app_s),
            "floor_eps": round(n / floor_s),
            "ratio": round(floor_s / app_s, 3),
            # until the applier had caught up (rollups, upgrades, benefits of every push)
            "applied_s": round(applied_s, 2),
            "applied_ratio": round(floor_s / applied_s, 3),
            "left_to_apply": left_rows,
            "one_process_eps": round(n / one_s),
            "one_process_ratio": round(floor_s / one_s, 3),
            "floor_one_copy_eps": round(n / one_copy),
            f"floor_{workers}_copies_eps": round(n / copies),
            # every row the timed pushes inserted, copied bare, and their balance UPDATEs
            "own_rows_floor_eps": round(n / own_s),
            "own_rows_ratio": round(own_s / app_s, 3),
            "own_rows": got.copied(),
            "own_rows_per_event": round(sum(got.copied().values()) / n, 2),
            "own_rows_not_copied": got.not_copied(),
            "own_member_updates": len(got.balances),
            "app_member_updates": got.member_updates,
            "app_rows_updated": got.updated,  # not in the floor (but the members' balances)
        }
    finally:
        db.drop()


def pushing(url: str, batches: list[tuple]) -> Callable[[], None]:
    """An HQ worker process, connected: the part to time pushes its tills' batches in order."""
    hq = HQ(url, lambda: NOW, create=False)
    with hq.tx() as s:
        s.execute(text("SELECT 1"))

    def run() -> None:
        for till_id, chain, request in batches:
            hq.push(till_id, chain, request)

    return run


def copying(dsn: str, table: str, rows: list[tuple]) -> Callable[[], None]:
    """A connection of its own: the part to time copies the rows and commits."""
    c = psycopg.connect(dsn)

    def run() -> None:
        with c.cursor().copy(
            f"COPY {table} (event_id, till_id, seq, kind, at, payload, received_at) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        c.commit()  # (the connection closes as the process ends)

    return run


def race(jobs: list[Callable[[], Callable[[], None]]]) -> float:
    """Seconds from one start signal to the last finish, each job in a forked process of its own.
    A job, called in its process, gets ready (connects) and returns the part to time."""
    ctx = multiprocessing.get_context("fork")
    news, go = ctx.Queue(), ctx.Event()

    def child(job: Callable[[], Callable[[], None]]) -> None:
        try:
            run = job()
            gc.collect()
            gc.freeze()
            news.put(("ready", 0.0))
            go.wait()
            run()
            news.put(("done", time.perf_counter()))
        except BaseException:
            news.put(("error", traceback.format_exc()))

    def next_news(kind: str) -> float:
        what, value = news.get(timeout=600)
        if what == "error":
            raise RuntimeError(f"a raced process failed:\n{value}")
        assert what == kind, (what, kind)
        return value

    procs = [ctx.Process(target=child, args=(job,)) for job in jobs]
    for p in procs:
        p.start()
    try:
        for _ in procs:
            next_news("ready")
        t0 = time.perf_counter()
        go.set()
        return max(next_news("done") for _ in procs) - t0
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()


def bootstrap(quick: bool) -> dict:
    """A new till loading the chain from HQ served over HTTP on 127.0.0.1 (HQ's embedded SQLite
    engine, one worker). Floor: the same rows copied by SQLite itself into an empty encrypted till
    database (`floor_copy`: no Python per row, the till's own load settings and indexes).

    BENCH_HQ_CACHE=folder keeps the HQ file made for each size there and copies it for later runs
    (the 1M-member set-up takes minutes; old and new code can then be timed on the same file)."""
    from pos_app.services import Till
    from pos_app.store import Database
    from sync.till import TillSync
    from sync.transport import HttpTransport

    products, members = (20000, 100000) if quick else (200000, 1000000)
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        url = f"sqlite:///{folder / 'hq.sqlite3'}"
        t0 = time.perf_counter()
        hq_file(folder / "hq.sqlite3", products, members)
        setup_s = time.perf_counter() - t0
        hq = HQ(url, lambda: NOW, create=False)
        hq.clock = datetime.now  # the code is checked by HQ served on the real clock
        _, code = hq.create_till("S001", "001")
        hq.close()
        server, base = serve(url, free_port(), 1)
        try:
            till = Till(Database(folder / "till.sqlite3"), lambda: NOW)
            sync = TillSync(till, HttpTransport(base, timeout=(5.0, 300.0)), page=5000)
            sync.enrol(code)
            t0 = time.perf_counter()
            pages = sync.pull_all()
            app_s = time.perf_counter() - t0
        finally:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        till.db.close()
        (folder / "hq.sqlite3").unlink()
        floor_s, counts = floor_copy(folder)
        assert counts["products"] == products and counts["members"] == members, counts
        return {
            "products": products,
            "members": members,
            "rows": sum(counts.values()),
            "pages": pages,
            "seconds": round(app_s, 1),
            "floor_seconds": round(floor_s, 1),
            "ratio": round(app_s / floor_s, 2),
            "hq_setup_seconds": round(setup_s, 1),
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def hq_file(path: Path, products: int, members: int) -> None:
    """HQ's database with the demo chain at this size, made here or copied from BENCH_HQ_CACHE."""
    cache = os.environ.get("BENCH_HQ_CACHE")
    kept = Path(cache) / f"hq-{products}-{members}.sqlite3" if cache else None
    if kept is not None and kept.exists():
        shutil.copyfile(kept, path)
        return
    hq = HQ(f"sqlite:///{path}", lambda: NOW)
    load_demo(hq, NOW, products=products, members=members)
    hq.close()
    if kept is not None:
        with closing(sqlite3.connect(path)) as con:  # everything in the main file, none in a WAL
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, kept.with_suffix(".partial"))
        os.replace(kept.with_suffix(".partial"), kept)


def floor_copy(folder: Path) -> tuple[float, dict[str, int]]:
    """The floor: the rows the till loaded (folder/till.sqlite3), copied by SQLite itself into an
    empty till database at head (folder/floor.sqlite3) as the till's load writes them — same
    cipher and key, page size, journal and load pragmas (pos_app/store/db.py: LOAD_PRAGMAS), the same
    non-unique indexes dropped before and built after, foreign keys checked once at the end — with
    `INSERT ... SELECT` per table in one transaction. The source is a plain copy read from the OS
    cache (reading it is not the till's work: it gets its rows from HQ). Returns (seconds, rows
    per table)."""
    from pos_app.store import Database, cipher
    from pos_app.store.db import LOAD_PRAGMAS
    from pos_app.store.models import Base
    from sync.protocol import SNAPSHOT_KINDS

    key = cipher.database_key()
    plain = folder / "loaded-plain.sqlite3"
    con = cipher.connect(folder / "till.sqlite3", key)
    con.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
    con.execute("SELECT sqlcipher_export('plain')")
    con.close()
    Database(folder / "floor.sqlite3").close()  # an empty till database at head
    tables = [Base.metadata.tables[k] for k in SNAPSHOT_KINDS if k in Base.metadata.tables]
    indexes = [i for t in tables for i in sorted(t.indexes, key=lambda i: i.name or "") if not i.unique]
    con = cipher.connect(folder / "floor.sqlite3", key, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    for pragma in LOAD_PRAGMAS:
        con.execute(f"PRAGMA {pragma}")
    con.execute("ATTACH DATABASE ? AS loaded KEY ''", (str(plain),))
    for table in tables:  # the source in the OS cache, as the till's pages are in memory
        con.execute(f'SELECT count(*) FROM loaded."{table.name}"').fetchone()
    made = {
        i.name: con.execute("SELECT sql FROM main.sqlite_master WHERE name = ?", (i.name,)).fetchone()[0]
        for i in indexes
    }
    t0 = time.perf_counter()
    con.execute("BEGIN")
    for name in made:
        con.execute(f'DROP INDEX main."{name}"')
    for table in tables:
        con.execute(f'INSERT OR REPLACE INTO main."{table.name}" SELECT * FROM loaded."{table.name}"')
    for sql in made.values():
        con.execute(sql)
    for table in tables:
        assert not con.execute(f'PRAGMA main.foreign_key_check("{table.name}")').fetchall(), table.name
    con.execute("COMMIT")
    con.execute("PRAGMA main.wal_checkpoint(TRUNCATE)")
    floor_s = time.perf_counter() - t0
    counts = {t.name: con.execute(f'SELECT count(*) FROM main."{t.name}"').fetchone()[0] for t in tables}
    con.close()
    return floor_s, counts


def back_from_offline(quick: bool) -> dict:
    from pos_app.services import Till
    from pos_app.store import Database
    from sync.till import TillSync
    from tests.sync.simnet import SimNet

    sales = 2000 if quick else 20000
    db = PgDatabase()
    folder = Path(tempfile.mkdtemp(prefix="bench-offline-"))
    try:
        hq = HQ(db.url, lambda: NOW)
        load_demo(hq, NOW, products=1000, members=10000)
        _, code = hq.create_till("S001", "001")
        till = Till(Database(folder / "till.sqlite3"), lambda: NOW)
        sync = TillSync(till, SimNet(hq, random.Random(1)).transport("t"), batch=500, page=5000)
        sync.enrol(code)
        sync.pull_all()
        # seven days of selling offline: the outbox as complete_sale writes it
        rng = random.Random(9)
        events = sale_events(1, sales, 10000, rng)
        with till.uow() as uow:
            uow.outbox.add_prepared({**e, "kind": "sale"} for e in events)
            uow.commit()
        t0 = time.perf_counter()
        sync.sync()
        seconds = time.perf_counter() - t0
        with till.uow() as uow:
            assert uow.outbox.waiting() == 0
        hq.close()
        return {"sales": sales, "seconds": round(seconds, 1)}
    finally:
        db.drop()
        shutil.rmtree(folder, ignore_errors=True)


def concurrent_tills(quick: bool) -> dict:
    tills_n = 40 if quick else 200
    db = PgDatabase()
    port = free_port()
    server = None
    folder = Path(tempfile.mkdtemp(prefix="bench-tills-"))
    try:
        hq = HQ(db.url, lambda: NOW)
        load_demo(hq, NOW, products=1000, members=10000)
        hq.clock = datetime.now  # the codes are checked by HQ served on the real clock
        codes = [hq.create_till("S001", f"{n:03d}")[1] for n in range(1, tills_n + 1)]
        hq.close()
        server, base = serve(db.url, port, int(os.environ.get("BENCH_HQ_WORKERS", "2")), folder)
        tokens = [requests.post(base + "/v1/enrol", json={"version": 1, "code": c}).json()["token"] for c in codes]
        rounds = 3 if quick else 8
        # the simulated tills run in several client processes (a real till has its own machine;
        # 200 threads behind one interpreter lock would queue on the client side, not at HQ)
        groups = int(os.environ.get("BENCH_CLIENT_PROCESSES", "4"))
        share = [list(range(tills_n))[g::groups] for g in range(groups)]
        t0 = time.perf_counter()
        with ProcessPoolExecutor(groups, mp_context=multiprocessing.get_context("fork")) as pool:
            parts = list(
                pool.map(
                    run_tills, [base] * groups, [[(n, tokens[n]) for n in part] for part in share], [rounds] * groups
                )
            )
        wall = time.perf_counter() - t0
        latencies = [ms for part in parts for _, ms in part]
        by_kind = {kind: [ms for part in parts for k, ms in part if k == kind] for kind in ("push", "pull")}
        return {
            "tills": tills_n,
            "requests": len(latencies),
            "wall_s": round(wall, 1),
            "p50_ms": round(percentile(latencies, 50), 1),
            "p99_ms": round(percentile(latencies, 99), 1),
            **{f"{kind}_p99_ms": round(percentile(ms, 99), 1) for kind, ms in by_kind.items()},
            "pull_pages": len(by_kind["pull"]),
        }
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        db.drop()
        shutil.rmtree(folder, ignore_errors=True)


def serve(url: str, port: int, workers: int, tmp: Path | None = None) -> tuple[subprocess.Popen, str]:
    """HQ as its own server process (uvicorn), answering on 127.0.0.1:port once it is up. With
    more than one worker, pass `tmp`, a folder the caller removes, for its temporary files
    (TMPDIR): killed, HQ never removes its workers' counter folder (hq/metrics.py multiproc_dir)."""
    env = dict(os.environ, MEMBERTILL_HQ_ADMIN_TOKEN="bench")
    if tmp is not None:
        env["TMPDIR"] = str(tmp)
    server = subprocess.Popen(
        [sys.executable, "-m", "hq", "--db", url, "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # its workers die with it
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/health", timeout=1).ok:
                break
        except requests.RequestException:
            time.sleep(0.1)
    return server, base


def run_tills(base: str, tills: list[tuple[int, str]], rounds: int) -> list[tuple[str, float]]:
    """Some of the simulated tills, one thread each (in a client process of their own). Each
    follows the change feed from where it stood when the run began (as an enrolled, bootstrapped
    till does): its pulls carry the other tills' member changes, page after page while HQ says
    there is more."""
    gap = float(os.environ.get("BENCH_GAP_S", "5"))
    latencies: list[tuple[str, float]] = []
    lock = threading.Lock()

    def till_life(n: int, token: str) -> None:
        rng = random.Random(n)
        http = requests.Session()
        auth = {"Authorization": f"Bearer {token}"}
        seq = 1
        time.sleep(rng.uniform(0, 1.5 * gap))  # tills do not all start at the same instant
        cursor = http.get(base + "/v1/snapshot", headers=auth, timeout=30).json()["cursor"]
        for _ in range(rounds):
            events = sale_events(n + 1, rng.randint(1, 5), 10000, rng, start_seq=seq)
            seq += len(events)
            t0 = time.perf_counter()
            r = http.post(base + "/v1/push", json={"version": 1, "events": events}, headers=auth, timeout=30)
            mine = [("push", (time.perf_counter() - t0) * 1000)]
            r.raise_for_status()
            more = True
            while more:
                t0 = time.perf_counter()
                p = http.get(base + "/v1/pull", params={"cursor": cursor, "limit": 500}, headers=auth, timeout=30)
                mine.append(("pull", (time.perf_counter() - t0) * 1000))
                p.raise_for_status()
                page = p.json()
                cursor, more = page["cursor"], page["more"]
            with lock:
                latencies.extend(mine)
            # idle longer than HQ's keep-alive (uvicorn: 5 s), a real till's connection is gone
            # when it next calls: close it rather than race HQ closing it
            http.close()
            time.sleep(rng.uniform(0.5 * gap, 1.5 * gap))  # a real till: a sale every 30-60 s, a pull every 30 s

    with ThreadPoolExecutor(len(tills)) as pool:
        list(pool.map(lambda till: till_life(*till), tills))
    return latencies


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv: list[str]) -> dict:
    quick = "--quick" in argv
    only = [a for a in argv if not a.startswith("--")]
    out: dict = {"bench": "sync", "quick": quick}
    parts = {"ingest": ingest, "bootstrap": bootstrap, "offline": back_from_offline, "concurrent": concurrent_tills}
    for name, fn in parts.items():
        if only and name not in only:
            continue
        t0 = time.perf_counter()
        out[name] = fn(quick)
        print(f"{name}: {out[name]}  ({time.perf_counter() - t0:.0f} s)", flush=True)
    # each figure with its floor: app, floor and ratio; `<figure>_ratio` at the top level, `ratio`
    # the headline (ingest's when it ran)
    figures = {
        "ingest": ("app_eps", "floor_eps", "events/s", "rows/s"),
        "bootstrap": ("seconds", "floor_seconds", "s", "s"),
    }
    for name, (app, floor, unit, floor_unit) in figures.items():
        if name in out:
            got = out[name]
            print(f"{name}: app {got[app]} {unit}, floor {got[floor]} {floor_unit}, ratio {got['ratio']}", flush=True)
            out[f"{name}_ratio"] = got["ratio"]
            out.setdefault("ratio", got["ratio"])
    if "ingest" in out:  # the rollups applied too, not only the pushes answered (hq/applier.py)
        got = out["ingest"]
        print(f"ingest applied: {got['applied_s']} s, ratio {got['applied_ratio']}", flush=True)
        out["ingest_applied_ratio"] = got["applied_ratio"]
        print(
            f"ingest own rows: floor {got['own_rows_floor_eps']} events/s "
            f"({sum(got['own_rows'].values())} rows copied, {got['own_member_updates']} balance updates), "
            f"ratio {got['own_rows_ratio']}",
            flush=True,
        )
        out["ingest_own_rows_ratio"] = got["own_rows_ratio"]
    if "concurrent" in out:
        out["p50_ms"], out["p99_ms"] = out["concurrent"]["p50_ms"], out["concurrent"]["p99_ms"]
    return out
