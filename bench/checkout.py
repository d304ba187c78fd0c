"""`python -m bench checkout`: the till's store and checkout on the scale data set (200,000
products, 1,000,000 members), each against a floor measured in the same run.

- checkout: `complete_sale` of a 5-line member sale (pricing, points, ledgers, coupon check,
  audit, outbox, one transaction); floor: the same rows inserted with plain sqlite3 in one
  transaction. Figure: median ratio.
- lookups: barcode, member id, pinyin search through the repositories; floor: the same SELECT
  with plain sqlite3.
- open: opening the store layer (engine, schema check) to the first query answered.
- Z report: the shift report over a day of 5,000 sales.
"""
from __future__ import annotations

import random
import sqlite3
import statistics
import time
import uuid
from datetime import datetime, timedelta

from bench.stats import percentile, time_calls
from bench.ui import fresh_copy, scale_db

NOW = datetime(2026, 11, 23, 8)


def main(argv: list[str]) -> dict:
    quick = "--quick" in argv
    from pos_app.services import SaleSession, Tender, Till, complete_sale, login, open_shift, x_report
    from pos_app.store import Database, UnitOfWork
    db_file = scale_db(quick)
    work = fresh_copy(db_file, db_file.with_name("checkout-bench.sqlite3"))
    clock = [NOW]
    rng = random.Random(4)

    t0 = time.perf_counter()
    database = Database(work)
    with UnitOfWork(database) as uow:
        uow.products.by_barcode("6901939621257")
    open_ms = (time.perf_counter() - t0) * 1000

    till = Till(database, lambda: clock[0])
    con = sqlite3.connect(work)
    codes = [r[0] for r in con.execute("select code from barcodes where code not like 'PLU%' order by random() limit 3000")]
    members = [f"M{n:08d}" for n in rng.sample(range(1, 100000 if quick else 1000000), 500)]
    cashier = login(till, "1111")
    open_shift(till, cashier, 50000)

    # lookups
    def lookup_times(fn, keys):
        out = []
        for k in keys:
            t = time.perf_counter()
            fn(k)
            out.append((time.perf_counter() - t) * 1000)
        return out
    with UnitOfWork(database) as uow:
        barcode = lookup_times(uow.products.by_barcode, codes[:1000])
        member = lookup_times(uow.members.by_id, members)
        pinyin = lookup_times(uow.products.search, ["kkkl", "nfsq", "kangshifu", "牛奶", "ksf", "yl", "ty", "mn"] * 25)
    barcode_floor = lookup_times(lambda k: con.execute(
        "select p.* from barcodes b join products p on p.id = b.product_id where b.code = ?", (k,)).fetchone(), codes[:1000])

    # checkout vs the bare inserts of the same rows
    n = 100 if quick else 500
    app = []
    for i in range(n):
        clock[0] = NOW + timedelta(seconds=10 * i)
        sale = SaleSession(till, cashier)
        for code in rng.sample(codes, 5):
            sale.scan(code)
        sale.attach_member(rng.choice(members))
        payable = sale.view().priced.payable_fen
        t = time.perf_counter()
        complete_sale(sale, [Tender("cash", payable, cash_given_fen=payable)])
        app.append((time.perf_counter() - t) * 1000)
    raw = sqlite3.connect(work, isolation_level=None)
    raw.execute("PRAGMA synchronous=FULL")
    floor = []
    for i in range(n):
        sid = str(uuid.uuid4())
        t = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("insert into sales (id, receipt_no, kind, shift_id, cashier_id, created_at, subtotal_fen, "
                    "discount_fen, points_offset_fen, points_spent, rounding_fen, payable_fen, points_earned, details) "
                    "select ?, ?, 'sale', id, '1001', ?, 1000, 0, 0, 0, 0, 1000, 10, '{}' from shifts limit 1",
                    (sid, f"F{i:014d}", NOW.isoformat()))
        for line in range(5):
            raw.execute("insert into sale_lines (id, sale_id, line_no, product_id, name, category_id, qty, "
                        "unit_price_fen, gross_fen, net_fen, points_offset_fen, points_spent, points_earned, "
                        "returned_qty) values (?, ?, ?, 'P000001', 'x', 'drinks', 1, 200, 200, 200, 0, 0, 2, 0)",
                        (f"{sid}-{line}", sid, line))
        raw.execute("insert into payments (sale_id, tender, amount_fen, principal_fen, bonus_fen, reference, "
                    "cash_given_fen) values (?, 'cash', 1000, 0, 0, '', 1000)", (sid,))
        raw.execute("insert into points_ledger (member_id, at, delta, kind, ref, synced) values ('M00000001', ?, 10, "
                    "'earn', ?, 0)", (NOW.isoformat(), sid))
        raw.execute("insert into outbox (seq, event_id, kind, payload, created_at, acked) values "
                    "((select coalesce(max(seq), 0) + 1 from outbox), ?, 'sale', '{}', ?, 0)", (sid, NOW.isoformat()))
        raw.execute("COMMIT")
        floor.append((time.perf_counter() - t) * 1000)
    raw.close()

    # a day of 5,000 sales, then the Z report over it
    target = 500 if quick else 5000
    done = n
    while done < target:
        clock[0] = NOW + timedelta(seconds=5 * done)
        sale = SaleSession(till, cashier)
        for code in rng.sample(codes, 3):
            sale.scan(code)
        if done % 2:
            sale.attach_member(rng.choice(members))
        payable = sale.view().priced.payable_fen
        complete_sale(sale, [Tender("cash", payable, cash_given_fen=payable)])
        done += 1
    z = time_calls(lambda: x_report(till), 5, warmup=1)
    con.close()
    till.db.close()
    work.unlink(missing_ok=True)
    result = {
        "bench": "checkout", "quick": quick,
        "checkout_p50_ms": round(statistics.median(app), 2), "checkout_floor_p50_ms": round(statistics.median(floor), 3),
        "ratio": round(statistics.median(app) / statistics.median(floor), 1),
        "barcode_p99_ms": round(percentile(barcode, 99), 3), "barcode_floor_p99_ms": round(percentile(barcode_floor, 99), 3),
        "member_p99_ms": round(percentile(member, 99), 3), "pinyin_p99_ms": round(percentile(pinyin, 99), 2),
        "open_ms": round(open_ms), "z_report_sales": done, "z_report_ms": round(statistics.median(z)),
        "p50_ms": round(statistics.median(app), 2), "p99_ms": round(percentile(app, 99), 2)}
    print(f"checkout p50 {result['checkout_p50_ms']} ms vs floor {result['checkout_floor_p50_ms']} ms "
          f"(ratio {result['ratio']}, target <= 1.5)")
    print(f"lookup p99: barcode {result['barcode_p99_ms']} ms, member {result['member_p99_ms']} ms (target <= 2), "
          f"pinyin {result['pinyin_p99_ms']} ms (target <= 20)")
    print(f"open to first query {result['open_ms']} ms (target <= 1000); Z report over {done} sales "
          f"{result['z_report_ms']} ms (target < 1000)")
    return result
