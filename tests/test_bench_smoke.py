"""Every benchmark runs (with --quick, small data) and ends with one JSON line of figures.
Timing is not asserted here; the figures are recorded in docs/PERFORMANCE.md from full runs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bench.__main__ import available


@pytest.mark.parametrize("name", [n for n in available() if n not in ("sync",)])
def test_bench_runs_quick_and_prints_json_last(name):
    out = (
        subprocess.run(
            [sys.executable, "-m", "bench", name, "--quick"], capture_output=True, text=True, timeout=600, check=True
        )
        .stdout.strip()
        .splitlines()
    )
    figures = json.loads(out[-1])
    assert figures["bench"] == name
    assert figures.get("ratio") is not None
    if name == "hq_soak":  # HQ as deployed, PostgreSQL restarted and a worker killed: nothing wrong
        assert figures["tills"] > 0 and figures["events_sent"] > 0
        assert {
            k: figures[k]
            for k in (
                "errors_5xx_not_503",
                "events_lost",
                "events_duplicated",
                "events_unknown_at_hq",
                "balances_not_ledgers",
                "balances_not_tills",
                "unsent_after_drain",
            )
        } == dict.fromkeys(
            (
                "errors_5xx_not_503",
                "events_lost",
                "events_duplicated",
                "events_unknown_at_hq",
                "balances_not_ledgers",
                "balances_not_tills",
                "unsent_after_drain",
            ),
            0,
        )
    if name == "member_app":  # the member app's card: its first load's bytes (not a timing) and its figures
        assert 0 < figures["first_load_kb"] <= 200
        assert figures["first_load_p90_ms"] > 0 and figures["api_p99_ms"] > 0 and len(figures["api"]) >= 10


def test_the_checkout_floor_writes_the_same_rows_with_positional_parameters():
    """bench checkout replays a sale's writes with positional parameters whichever the app used
    (named ones bind several times slower): the same rows, and runs of one statement merged."""
    import sqlite3

    from bench.checkout import bare, replay

    sql = "INSERT INTO t (a, b) VALUES (:a, :b)"
    writes = [
        (sql, {"b": "二", "a": 1}),
        (sql + " RETURNING a", [{"a": 2, "b": ":b"}, {"a": 3, "b": None}]),
        ("UPDATE t SET b = ? WHERE a = ?", ("x", 3)),
    ]
    ops = bare(writes)
    assert ops == [
        ("INSERT INTO t (a, b) VALUES (?, ?)", [(1, "二"), (2, ":b"), (3, None)]),
        ("UPDATE t SET b = ? WHERE a = ?", [("x", 3)]),
    ]
    raw = sqlite3.connect(":memory:", isolation_level=None)
    raw.execute("CREATE TABLE t (a, b)")
    assert replay(raw, ops) == 4
    assert raw.execute("SELECT a, b FROM t ORDER BY a").fetchall() == [(1, "二"), (2, ":b"), (3, "x")]


def test_the_checkout_floor_replays_a_scans_cart_save(tmp_path):
    """A scan saves the open cart through CartBook (plain SQL, no SQLAlchemy events): bench
    checkout's capture must see it, or the floor's copy would miss the cart's pages the app's
    sale then commits; a book left without commit is rolled back and not replayed."""
    from datetime import datetime

    from bench.checkout import Writes, bare
    from pos_app.domain.open_cart import OpenCart, OpenLine
    from pos_app.store import Database
    from pos_app.store.cart_book import CartBook

    db = Database(tmp_path / "till.sqlite3")
    writes = Writes(db.engine)
    try:
        cart = OpenCart(lines=(OpenLine("1", "P1", "可乐", 300, 2, None, False),), member_id=None)
        with CartBook(db) as book:
            book.save_open("001", cart, datetime(2026, 11, 23, 9))
            book.commit()
        with CartBook(db) as book:
            book.save_open("002", cart, datetime(2026, 11, 23, 9))  # rolled back
        (tx,) = writes.take()
        ((statement, rows),) = bare(tx)
        assert statement.startswith("INSERT INTO open_cart") and [r[0] for r in rows] == ["001"]
        assert rows[0][1] == cart.json_text()
    finally:
        writes.stop()
        db.close()
    assert CartBook.save_open.__qualname__ == "CartBook.save_open"  # put back
