"""Instructions a completed sale costs the app against its floor (bench checkout's bare replay of
the same writes), counted by callgrind for each sale on its own.

    valgrind --tool=callgrind --instr-atstart=no --collect-atstart=no \
        --callgrind-out-file=OUT/cg.out .venv/bin/python tools/checkout_callgrind.py [SALES]

(add --cache-sim=yes for L1/LL misses). Runs bench checkout's 30-line member sale (coupon, 400
points) on the --quick scale database: five sales to warm up, then SALES (default 10) measured.
Each `complete_sale` and each floor replay is wrapped in callgrind's client requests (zero the
counters, collect, dump): one dump file per sample, named by its trigger ("app" or "floor"). The
last line printed sums them up when the files are read back: `tools/checkout_callgrind.py --read OUT`.
Without valgrind it runs the same sales and prints the CPU time (thread time) of both.

The requests come from a small C library compiled at run time (gcc and valgrind's callgrind.h);
instrumentation starts at the first measured sale, so the set-up runs at full speed.
"""

from __future__ import annotations

import ctypes
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

REGION_C = r"""
#include <valgrind/callgrind.h>
typedef void (*cb_t)(void);
void app_region(cb_t cb) { CALLGRIND_ZERO_STATS; CALLGRIND_TOGGLE_COLLECT; cb(); CALLGRIND_TOGGLE_COLLECT; CALLGRIND_DUMP_STATS_AT("app"); }
void floor_region(cb_t cb) { CALLGRIND_ZERO_STATS; CALLGRIND_TOGGLE_COLLECT; cb(); CALLGRIND_TOGGLE_COLLECT; CALLGRIND_DUMP_STATS_AT("floor"); }
void instr_start(void) { CALLGRIND_START_INSTRUMENTATION; }
"""
CALLBACK = ctypes.CFUNCTYPE(None)


def region_library(folder: Path) -> ctypes.CDLL:
    source, library = folder / "region.c", folder / "libregion.so"
    source.write_text(REGION_C)
    subprocess.run(["gcc", "-O1", "-shared", "-fPIC", "-o", str(library), str(source)], check=True)
    return ctypes.CDLL(str(library))


def inside(region: Callable, fn: Callable[[], object]) -> None:
    """`fn()` called from C inside `region` (its client requests around it); its errors re-raised."""
    failed: list[BaseException] = []

    def call() -> None:
        try:
            fn()
        except BaseException as exc:  # handed back across the C frame
            failed.append(exc)

    region(CALLBACK(call))
    if failed:
        raise failed[0]


def _direct(callback) -> None:
    callback()  # a warm-up sale: no client requests


def run(sales: int) -> None:
    from bench import checkout as bc
    from bench.ui import fresh_copy, scale_db
    from pos_app.services import SaleSession, Tender, Till, complete_sale, login, open_shift
    from pos_app.store import Database, cipher

    with tempfile.TemporaryDirectory(prefix="checkout-callgrind-") as tmp:
        folder = Path(tmp)
        lib = region_library(folder)
        work = fresh_copy(scale_db(True), folder / "till.sqlite3")
        clock = [bc.NOW]
        rng = random.Random(4)
        database = Database(work)
        till = Till(database, lambda: clock[0])
        con = cipher.connect(work)
        codes = [
            r[0] for r in con.execute("select code from barcodes where code not like 'PLU%' order by code limit 3000")
        ]
        manager, cashier = login(till, "9999"), login(till, "1111")
        open_shift(till, cashier, 50000)
        shoppers = [
            tuple(r)
            for r in con.execute(
                "select m.id, c.code from members m join member_coupons c on c.member_id = m.id "
                "where m.hq_points >= 480 and c.template_id in ('CT01', 'CT03') and c.status = 'issued' "
                f"order by m.id limit {sales + 5}"
            )
        ]
        floor_db = folder / "floor.sqlite3"
        copy = cipher.connect(floor_db, check=False)
        con.backup(copy)
        copy.close()
        con.close()
        raw = cipher.connect(floor_db, isolation_level=None)
        for pragma in bc.FLOOR_PRAGMAS:
            raw.execute(pragma)
        writes = bc.Writes(database.engine)
        app_cpu, floor_cpu = [], []
        for i, (member_id, coupon) in enumerate(shoppers):
            measured = i >= 5
            if i == 5:
                lib.instr_start()
            clock[0] = bc.NOW + timedelta(seconds=10 * i)
            raw.execute("PRAGMA synchronous=NORMAL")
            writes.forward = lambda tx: bc.replay(raw, bc.bare(tx))  # the cart's saves, as the bench
            sale = SaleSession(till, manager)
            for code in rng.sample(codes, 30):
                sale.scan(code)
            sale.attach_member(member_id)
            sale.allow_member_spend(None)
            sale.apply_coupon(coupon)
            sale.redeem_points(400)
            payable = sale.view().priced.payable_fen
            writes.forward = None
            tenders = [Tender("cash", payable, cash_given_fen=payable)]
            c = time.thread_time()
            inside(lib.app_region if measured else _direct, lambda s=sale, t=tenders: complete_sale(s, t))
            app_cpu.append(time.thread_time() - c)
            (done,) = [bc.bare(tx) for tx in writes.take()]
            raw.execute("PRAGMA synchronous=FULL")
            c = time.thread_time()
            inside(lib.floor_region if measured else _direct, lambda ops=done: bc.replay(raw, ops))
            floor_cpu.append(time.thread_time() - c)
        writes.stop()
        raw.close()
        database.close()
    app, floor = statistics.median(app_cpu[5:]) * 1e3, statistics.median(floor_cpu[5:]) * 1e3
    print(f"CPU time a sale (median of {sales}): app {app:.3f} ms, floor {floor:.3f} ms, ratio {app / floor:.2f}")


def read(folder: Path) -> None:
    """The medians of the dumps' event counts, app and floor."""
    samples: dict[str, list[dict[str, int]]] = {"app": [], "floor": []}
    for dump in folder.glob("*.out.*"):
        text = dump.read_text(errors="replace")
        trigger = re.search(r"^desc: Trigger: Client Request: (\w+)", text, re.M)
        events = re.search(r"^events: (.*)$", text, re.M)
        totals = re.search(r"^(?:totals|summary): (.*)$", text, re.M)
        if trigger and events and totals and trigger.group(1) in samples:
            samples[trigger.group(1)].append(dict(zip(events.group(1).split(), map(int, totals.group(1).split()))))
    medians = {
        side: {event: statistics.median(s[event] for s in rows) for event in rows[0]}
        for side, rows in samples.items()
        if rows
    }
    for side, counts in medians.items():
        print(side, len(samples[side]), "samples:", ", ".join(f"{e} {v / 1e6:.3f} M" for e, v in counts.items()))
    if len(medians) == 2:
        print("app / floor:", ", ".join(f"{e} {medians['app'][e] / v:.3f}" for e, v in medians["floor"].items() if v))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--read"]:
        read(Path(sys.argv[2]))
    else:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        run(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
