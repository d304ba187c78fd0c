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
