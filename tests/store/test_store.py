"""The local store on a real SQLite file: pragmas, migrations, ids, search, outbox, audit."""

from __future__ import annotations

import time
import uuid
from dataclasses import replace
from datetime import datetime

from pos_app.domain.open_cart import OpenCart, OpenLine
from pos_app.store import Database, UnitOfWork, cipher
from pos_app.store.db import current_revision, head_revision
from pos_app.store.demo_data import load_catalogue
from pos_app.store.ids import uuid7

NOW = datetime(2026, 11, 23, 9)


def test_a_new_database_is_migrated_to_head_in_wal_mode_with_foreign_keys(tmp_path):
    db = Database(tmp_path / "till.sqlite3")
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    Database(tmp_path / "till.sqlite3")  # reopening is a no-op


def test_uuid7_ids_sort_by_creation_and_carry_version_7():
    ids = [uuid7() for _ in range(2000)]
    assert ids == sorted(ids, key=lambda u: u.int)
    assert {u.version for u in ids} == {7} and len(set(ids)) == 2000
    assert abs((uuid7().int >> 80) - time.time() * 1000) < 5000  # the first 48 bits are Unix ms
    assert isinstance(ids[0], uuid.UUID)


def test_pinyin_initials_and_names_find_products(tmp_path):
    db = Database(tmp_path / "till.sqlite3")
    load_catalogue(db, 500)
    with UnitOfWork(db) as uow:
        assert [p.name for p in uow.products.search("kkkl")] == ["可口可乐 330ml"]
        assert uow.products.search("kekou")[0].name == "可口可乐 330ml"
        assert any("牛奶" in p.name for p in uow.products.search("牛奶"))
        assert uow.products.search("%") == [] or all("%" in p.name for p in uow.products.search("%"))
        assert uow.products.by_barcode("6901939621257").name == "可口可乐 330ml"


def test_outbox_numbers_events_per_till_and_acks_up_to_a_sequence(tmp_path):
    db = Database(tmp_path / "till.sqlite3")
    with UnitOfWork(db) as uow:
        seqs = [uow.outbox.append("shift_closed", {"n": n}, NOW).seq for n in range(5)]
        uow.commit()
    assert seqs == [1, 2, 3, 4, 5]
    with UnitOfWork(db) as uow:
        uow.outbox.ack_up_to(3)
        uow.commit()
    with UnitOfWork(db) as uow:
        assert [e.seq for e in uow.outbox.next_batch()] == [4, 5] and uow.outbox.waiting() == 2


def test_leaving_a_unit_of_work_without_commit_writes_nothing(tmp_path):
    db = Database(tmp_path / "till.sqlite3")
    with UnitOfWork(db) as uow:
        uow.outbox.append("shift_closed", {}, NOW)
    con = cipher.connect(db.path)
    assert con.execute("select count(*) from outbox").fetchone()[0] == 0


def test_open_cart_edits_skip_the_fsync_and_the_connection_goes_back_to_full(tmp_path):
    db = Database(tmp_path / "till.sqlite3")
    cart = OpenCart(lines=(OpenLine("1", "P1", "可乐", 300, 2, None, False),), member_id=None)
    with UnitOfWork(db, durable=False) as uow:
        assert uow.session.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        uow.carts.save_open("001", cart, NOW)
        uow.commit()
    for _ in range(3):  # whichever pooled connection comes next
        with UnitOfWork(db) as uow:
            assert uow.session.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert uow.carts.load_open("001") == cart
    with UnitOfWork(db, durable=False) as uow:
        uow.carts.save_open("001", replace(cart, member_id="M1"), NOW)  # an upsert: same row
        uow.commit()
    with UnitOfWork(db) as uow:
        assert uow.carts.load_open("001").member_id == "M1"
        uow.carts.save_open("001", None, NOW)
        uow.commit()
    with UnitOfWork(db) as uow:
        assert uow.carts.load_open("001") is None
    assert cipher.connect(tmp_path / "till.sqlite3").execute("select count(*) from open_cart").fetchone() == (0,)


def test_a_scan_s_cart_book_reads_and_saves_as_the_unit_of_work_does(tmp_path):
    """CartBook (plain SQL, the scan's path): the product of a barcode as Products.by_barcode
    finds it, the open cart saved so that Carts.load_open reads it back, not fsynced, and the
    connection back at synchronous=FULL when it returns to the pool."""
    from pos_app.store.cart_book import CartBook

    db = Database(tmp_path / "till.sqlite3")
    load_catalogue(db, 500)
    with UnitOfWork(db) as uow:
        expected = uow.products.by_barcode("6901939621257")
    cart = OpenCart(lines=(OpenLine("1", "P1", '可乐 "330ml"', 300, 2, None, False),), member_id=None)
    with CartBook(db) as book:
        assert book.con.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
        item = book.by_barcode("6901939621257")
        assert book.by_barcode("0000000000000") is None
        book.save_open("001", cart, NOW)
        book.commit()
    assert (item.id, item.name, item.price_fen, item.unit, item.category_id, item.non_earning) == (
        expected.id,
        expected.name,
        expected.price_fen,
        expected.unit,
        expected.category_id,
        expected.non_earning,
    )
    with CartBook(db) as book:
        book.save_open("001", replace(cart, member_id="M1"), NOW)  # left without commit: rolled back
    for _ in range(3):  # whichever pooled connection comes next
        with UnitOfWork(db) as uow:
            assert uow.session.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert uow.carts.load_open("001") == cart
    with UnitOfWork(db) as uow:
        uow.carts.save_open("001", replace(cart, member_id="M1"), NOW)  # the same row either way
        uow.commit()
    with CartBook(db) as book:
        book.save_open("001", cart, NOW)
        book.commit()
    con = cipher.connect(tmp_path / "till.sqlite3")
    assert con.execute("select count(*), updated_at from open_cart").fetchone() == (1, "2026-11-23 09:00:00.000000")


def test_the_stored_datetime_check_takes_exactly_what_sqlite_datetime_takes():
    """replica_repo._STORED_DATETIME decides which snapshot date-times SQLite writes as they are
    (the others go the Python way): its shortcut (one GLOB, the month, days up to the 28th and the
    hour in range) takes exactly the values the check by `datetime` alone takes."""
    import random

    from sqlcipher3 import dbapi2

    from pos_app.store.replica_repo import _STORED_DATETIME

    by_datetime = (
        "({x} IS NULL OR (length({x}) = 26 AND substr({x}, 11, 1) = ' ' AND substr({x}, 20, 1) = '.'"
        " AND datetime(substr({x}, 1, 19)) IS substr({x}, 1, 19)"
        " AND substr({x}, 21) GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'))"
    )
    rng = random.Random(5)
    values: list = [None, 20260101, 1.5, "", "2024-02-29 00:00:00.000000", "2026-02-29 00:00:00.000000"]
    values += ["2026-04-31 12:00:00.000000", "2026-12-31 23:59:59.999999", "2026-01-01 24:00:00.000000"]
    values += ["2026-01-01 23:60:00.000000", "2026-01-01 23:59:60.000000", "2026-01-01T10:00:00.000000"]
    for _ in range(40000):
        year = rng.choice(["2026", "2024", "1900", "0000", "9999", str(rng.randint(1000, 9999))])
        mo, d, h, mi, s = (rng.randint(0, top) for top in (19, 39, 29, 69, 69))
        text = f"{year}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:{s:02d}.{rng.randint(0, 999999):06d}"
        if rng.random() < 0.15:  # a character changed, cut short or one too many
            i = rng.randrange(len(text))
            text = rng.choice([text[:i] + rng.choice("T:-. 9a+") + text[i + 1 :], text[:i], text + "0"])
        values.append(text)
    con = dbapi2.connect(":memory:")
    query = f"SELECT {by_datetime.format(x='?1')}, {_STORED_DATETIME.format(x='?1')}"
    taken = 0
    for value in values:
        old, new = con.execute(query, (value,)).fetchone()
        assert old == new, value
        taken += bool(new)
    con.close()
    assert 5000 < taken < len(values) - 5000  # both ways were tried
