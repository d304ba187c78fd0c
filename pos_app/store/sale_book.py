"""Completing a sale, as plain SQL on a pooled (SQLCipher, keyed) connection of its own.

A sale is the till's hottest write (30 lines, their reductions, payments, points and stored
value entries, lots, coupon, audit, outbox: one transaction). Through SQLAlchemy's session each
statement cost several times SQLite's own work on it (`python -m bench checkout`), so the sale
has a unit of work of its own: a connection from the engine's pool (with the same pragmas: WAL,
synchronous=FULL, foreign keys), the write lock taken before the first read, every read and write
one prepared statement, then commit - or, leaving the block without `commit()`, rollback. A
full, read-only or busy database comes out as the same StorageError as from UnitOfWork.

Values are stored exactly as SQLAlchemy stores them in SQLite (DateTime as
'YYYY-MM-DD HH:MM:SS.ffffff', Date as ISO text, JSON as text, Boolean as 0/1), and columns left
out get the model's default, so everything else goes on reading these rows through the models;
the insert statements are made from the models' tables, never typed by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from operator import itemgetter
from typing import Any, NamedTuple, Self, cast

from pydantic_core import to_json
from sqlalchemy import JSON, ColumnDefault, Date, DateTime, Integer, Table
from sqlalchemy.pool import QueuePool
from sqlalchemy.pool.base import _ConnectionRecord

from pos_app.domain.points import PointsLot

from . import cipher
from .db import Database
from .models import (
    AuditEntry,
    CouponUse,
    LineReductionRow,
    OutboxEvent,
    PaymentRow,
    PointsEntry,
    PointsLotRow,
    SaleLineRow,
    SaleRow,
    StoredValueEntry,
)
from .uow import storage_error


def _datetime(value: datetime) -> str:
    return value.isoformat(" ", "microseconds")  # SQLAlchemy's "%Y-%m-%d %H:%M:%S.%f", faster


class JsonText(str):
    """A JSON value already encoded (an outbox payload from sync.protocol.payload_json): stored as it is."""


def _json(value: Any) -> str:
    if isinstance(value, JsonText):
        return value
    return to_json(value).decode()  # pydantic's encoder: a third of json.dumps's time, same values


_TO_DB: dict[type, Callable[[Any], Any]] = {DateTime: _datetime, Date: date.isoformat, JSON: _json}


class TableInsert:
    """INSERT of whole rows into one of the models' tables, with positional parameters (sqlite3
    binds them several times faster than named ones): `row()` takes the values by column name,
    fills the model's scalar defaults, turns dates, times and JSON into what SQLAlchemy would
    store, and gives the row as a tuple in the statement's column order."""

    def __init__(self, table: Table, numbered_here: bool = False):
        # an integer primary key is SQLite's to number, unless the row brings it (`numbered_here`)
        columns = [c for c in table.c if numbered_here or not (c.primary_key and isinstance(c.type, Integer))]
        self.table = table.name
        self.order = tuple(c.name for c in columns)
        self.defaults = {
            c.name: c.default.arg for c in columns if isinstance(c.default, ColumnDefault) and c.default.is_scalar
        }
        self.typed = [(c.name, _TO_DB[type(c.type)]) for c in columns if type(c.type) in _TO_DB]
        # the row's values in column order, as a tuple, in one call (a KeyError names a missing one)
        self.pick = itemgetter(*self.order) if len(self.order) > 1 else lambda row: (row[self.order[0]],)
        self.sql = f"INSERT INTO {table.name} ({', '.join(self.order)}) VALUES ({', '.join('?' * len(self.order))})"

    def ordered(self, *names: str) -> str:
        """The INSERT for rows the caller builds as tuples, their values in the order of `names`
        (no dict per row: a sale's 30 lines and their reductions go this way). `names` must be
        every column `row()` fills, none whose value needs converting (dates, times, JSON):
        checked here, once, so a column added to the model cannot be left out unnoticed."""
        typed = {name for name, _ in self.typed}
        if len(set(names)) != len(names) or set(names) != set(self.order) or typed & set(names):
            raise ValueError(f"{self.table}: name each of {sorted(self.order)} once, none of {sorted(typed)}")
        return f"INSERT INTO {self.table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"

    def row(self, **values: Any) -> tuple:
        return self.rows((values,))[0]

    def rows(self, values: Iterable[dict[str, Any]]) -> list[tuple]:
        """The rows to insert; a value for no column, or no value for a column without a default,
        is refused (ValueError)."""
        defaults, typed, pick, width, out = self.defaults, self.typed, self.pick, len(self.order), []
        for given in values:
            merged = {**defaults, **given}
            for name, to_db in typed:
                value = merged.get(name)
                if value is not None:
                    merged[name] = to_db(value)
            try:
                out.append(pick(merged))
            except KeyError as missing:
                raise ValueError(f"{self.table}: no value for {missing}") from None
            if len(merged) != width:
                raise ValueError(f"{self.table}: no such column in {sorted(set(given) - set(self.order))}")
        return out


SALE, LINE, REDUCTION, PAYMENT = (
    TableInsert(m.__table__) for m in (SaleRow, SaleLineRow, LineReductionRow, PaymentRow)
)
POINTS, LOT, STORED_VALUE = (TableInsert(m.__table__) for m in (PointsEntry, PointsLotRow, StoredValueEntry))
COUPON_USE, AUDIT = TableInsert(CouponUse.__table__), TableInsert(AuditEntry.__table__)
OUTBOX = TableInsert(OutboxEvent.__table__, numbered_here=True)  # the sale's ledger entries name its seq


class MemberFigures(NamedTuple):
    """The member as the sale needs them: profile, balances (HQ's plus this till's unsynced
    entries), and what they spent here since the start of the day that HQ has not confirmed
    (points, stored value in fen: the offline caps)."""

    id: str
    masked_name: str
    masked_phone: str
    tier_code: str
    provisional: bool
    points: int
    principal_fen: int
    bonus_fen: int
    points_spent_today: int
    stored_value_spent_today: int


class Heads(NamedTuple):
    """Where the till's books stand as a sale begins."""

    shift_id: str | None  # the open shift
    outbox_seq: int  # the sequence number the sale's event takes
    audit_hash: str | None  # the audit chain's last hash
    receipt_seq: int  # the day's receipt counter as it stands (0: no receipt yet today)


# Where the till's books stand and the member, read in one statement as the sale begins (a member
# id of None: no member columns). The open shift is the newest row (one is opened only when none is
# open): read from the end. The member's stored-value spends of the day are found through their own
# ledger index (`+kind`, `+at`: not through (kind, at), which on a busy day holds every member's).
_START = """
SELECT (SELECT id FROM shifts WHERE closed_at IS NULL ORDER BY rowid DESC LIMIT 1),
       (SELECT coalesce(max(seq), 0) + 1 FROM outbox),
       (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
       (SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'receipt_seq:' || :today),
       m.id, m.masked_name, m.masked_phone, m.tier_code, m.provisional,
       m.hq_points + (SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE member_id = m.id AND synced = 0)
         - (SELECT coalesce(sum(remaining), 0) FROM points_lots              -- lapsed by this till's clock,
            WHERE member_id = m.id AND expires_on <= :today),                 -- not yet by HQ's expiry job
       m.hq_principal_fen + (SELECT coalesce(sum(principal_fen), 0) FROM stored_value_ledger
                             WHERE member_id = m.id AND synced = 0),
       m.hq_bonus_fen + (SELECT coalesce(sum(bonus_fen), 0) FROM stored_value_ledger
                         WHERE member_id = m.id AND synced = 0),
       (SELECT -coalesce(sum(delta), 0) FROM points_ledger
        WHERE member_id = m.id AND delta < 0 AND at >= :day AND synced = 0),
       (SELECT -coalesce(sum(principal_fen + bonus_fen), 0) FROM stored_value_ledger
        WHERE member_id = m.id AND +kind = 'spend' AND +at >= :day AND synced = 0)
FROM (SELECT 1) LEFT JOIN members m ON m.id = :m"""
_LOTS = (
    "SELECT id, earned_on, points, remaining, expires_on FROM points_lots "
    "WHERE member_id = ? AND remaining > 0 ORDER BY earned_on, id"
)
_TAKE_FROM_LOT = "UPDATE points_lots SET remaining = remaining - ? WHERE id = ?"
_USE_COUPON = "UPDATE member_coupons SET status = 'used', used_sale_id = ? WHERE code = ? AND status = 'issued'"
# the day's receipt counter (the `sync_state` key Sales.next_receipt_no uses), read by _START under
# the write lock: set, not counted up by a RETURNING (which SQLite runs through a temporary table)
_SET_RECEIPT_SEQ = (
    "INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)
_DROP_OPEN_CART = "DELETE FROM open_cart WHERE till_id = ?"


class PooledBook:
    """A unit of work as plain SQL on a connection of the engine's pool (a completed sale here,
    a scan's cart in cart_book.py): `with Book(db) as book: ...; book.commit()`; leaving the
    block without `commit()` rolls back. A full, read-only or busy database comes out as the same
    StorageError as from UnitOfWork. `_begin` and `_end` are what a kind of book does to the
    connection as it starts and before it goes back."""

    def __init__(self, db: Database):
        self.db = db

    def __enter__(self) -> Self:
        # The connection is borrowed from the engine's pool through the pool's own hooks (the
        # ones a pool class implements: LIFO, the connection used last, its page cache warm), not
        # through a proxied connection: its checkout and return - a proxy object, events, a reset
        # by rollback - cost a sale ~0.1 ms in place (bench checkout), for nothing these units of
        # work need: each ends its own transaction and puts back any setting it changes (`_end`).
        self.pool = cast(QueuePool, self.db.engine.pool)
        self.record = cast(_ConnectionRecord, self.pool._do_get())
        try:
            # a new connection (keyed, pragmas set by the connect event) or, once invalidated, a fresh one
            self.con = cast(cipher.dbapi2.Connection, self.record.get_connection())
            self._begin(self.con)
        except BaseException as exc:
            self.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return self

    def _begin(self, con: cipher.dbapi2.Connection) -> None:
        """(the connection just borrowed)"""

    def _end(self, con: cipher.dbapi2.Connection) -> None:
        """(the transaction ended, the connection about to go back to the pool)"""

    def commit(self) -> None:
        self.con.commit()

    def __exit__(self, kind, value, trace) -> None:
        try:
            con = self.record.dbapi_connection
            if con is not None:
                if con.in_transaction:
                    con.rollback()
                self._end(cast(cipher.dbapi2.Connection, con))
        except BaseException as exc:
            self.record.invalidate(exc)  # closed: the pool connects anew on its next checkout
            raise
        finally:
            self.pool._do_return_conn(self.record)
        if isinstance(value, cipher.OperationalError):
            clear = storage_error(value)
            if clear is not None:
                raise clear from value


class SaleBook(PooledBook):
    """`with SaleBook(db) as book: ...; book.commit()`: the reads and writes of one completed
    sale in one transaction, which holds the write lock from its first read, so nothing the sale
    checks (balances, lots, coupon, counters) can change under it before it commits."""

    def _begin(self, con: cipher.dbapi2.Connection) -> None:
        con.execute("BEGIN IMMEDIATE")

    def write(self, sql: str, params: tuple | list[tuple]):
        """Every write of the sale goes through here (a list of rows: one executemany)."""
        if isinstance(params, list):
            return self.con.executemany(sql, params)
        return self.con.execute(sql, params)

    def insert(self, target: TableInsert, rows: tuple | list[tuple]) -> None:
        if rows:
            self.write(target.sql, rows)

    # ---- reads ---------------------------------------------------------------------------
    def start(self, member_id: str | None, day: datetime) -> tuple[Heads, MemberFigures | None]:
        """Where the books stand, and the member (None: none asked, or not held here), with what
        they spent since `day` (the start of today)."""
        row = self.con.execute(
            _START, {"m": member_id, "day": _datetime(day), "today": day.date().isoformat()}
        ).fetchone()
        heads = Heads(row[0], row[1], row[2], row[3] or 0)
        if row[4] is None:
            return heads, None
        return heads, MemberFigures._make((*row[4:8], bool(row[8]), *row[9:]))

    def lots(self, member_id: str) -> list[PointsLot]:
        """The member's lots at this till with points left, oldest first (what a spend takes from,
        and all that the receipt's "expiring soon" counts)."""
        return [
            PointsLot(
                i, date.fromisoformat(earned), points, remaining, date.fromisoformat(expires) if expires else None
            )
            for i, earned, points, remaining, expires in self.con.execute(_LOTS, (member_id,))
        ]

    # ---- writes that answer ----------------------------------------------------------------
    def set_receipt_seq(self, day: date, seq: int) -> None:
        """The day's receipt counter, now at `seq` (Heads.receipt_seq + 1: the sale's receipt)."""
        self.write(_SET_RECEIPT_SEQ, (f"receipt_seq:{day.isoformat()}", str(seq)))

    def use_coupon(self, code: str, sale_id: str) -> bool:
        """Mark an issued coupon used by this sale; False when it is not (any longer) issued."""
        return self.write(_USE_COUPON, (sale_id, code)).rowcount == 1

    def take_from_lots(self, taken: Iterable[tuple[str, int]]) -> None:
        changes = [(points, lot_id) for lot_id, points in taken]
        if changes:
            self.write(_TAKE_FROM_LOT, changes)

    def drop_open_cart(self, till_code: str) -> None:
        self.write(_DROP_OPEN_CART, (till_code,))
