"""Loading a snapshot into a new till: pages of columns + rows written with one `executemany`.

The values arrive as JSON types; each column that needs it is converted once per page with the
column type's own SQLAlchemy bind processor (so dates, times, JSON and bytes are stored exactly
as the ORM would store them), then the page is upserted in a single statement. HQ's snapshot
protocol is described in sync/protocol.py and hq/snapshot.py.
"""
from __future__ import annotations

from datetime import date, datetime
from operator import itemgetter
from typing import Any, Callable

from sqlalchemy import Boolean, Date, DateTime, LargeBinary, Table, select

from pos_app.store.models import MemberRow
from pos_app.store.uow import UnitOfWork

from .protocol import SnapshotPage

LOAD_CACHE_KIB = 65536
LOCAL_ONLY = {"cashiers": {"failed_attempts", "locked_until"}, "points_lots": {"remaining"}}


def page_from(data: Any) -> SnapshotPage:
    """Validate a page's envelope with the schema and its rows by shape only (every row a list as
    long as `columns`): pydantic walking 3.7 M rows value by value was a sixth of a bootstrap.
    The values are checked where they are converted and by SQLite's constraints."""
    if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
        raise ValueError("A snapshot page must be an object with a list of rows")
    envelope = SnapshotPage.model_validate({**data, "rows": []})
    width = len(envelope.columns)
    rows = data["rows"]
    if not all(type(row) is list and len(row) == width for row in rows):
        raise ValueError(f"Every row of a {envelope.kind} page must be a list of {width} values")
    return SnapshotPage.model_construct(**{**envelope.__dict__, "rows": rows})


def fresh(uow: UnitOfWork) -> bool:
    """A till that may load a snapshot: nothing pulled yet and no members of its own (members
    registered here offline need the row-by-row path, which frees phones and merges aliases)."""
    return uow.session.scalar(select(MemberRow.id).limit(1)) is None


def upsert_sql(table: Table, columns: list[str]) -> str:
    """INSERT ... ON CONFLICT (key) DO UPDATE of every column HQ owns (never the till's own)."""
    key = [c.name for c in table.primary_key.columns]
    keep = LOCAL_ONLY.get(table.name, set())
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    sets = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in key and c not in keep)
    action = f"DO UPDATE SET {sets}" if sets else "DO NOTHING"
    return (f'INSERT INTO "{table.name}" ({names}) VALUES ({marks}) '
            f'ON CONFLICT ({", ".join(key)}) {action}')


def _datetime(value: Any) -> str:
    """An ISO date-time from HQ in the till's stored form (SQLAlchemy's SQLite DATETIME format,
    'YYYY-MM-DD HH:MM:SS.ffffff'; checked against SQLAlchemy's own processor in the tests)."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is not None:
        moment = moment.replace(tzinfo=None)
    return moment.isoformat(" ", "microseconds")


def _date(value: Any) -> str:
    """An ISO date from HQ in the till's stored form ('YYYY-MM-DD')."""
    if isinstance(value, str):
        day = value[:10]
        checked = date.fromisoformat(day)                   # refuses what is not a date
        return day if day[4:5] == "-" else checked.isoformat()
    return value.isoformat()


def _converter(column, dialect) -> Callable[[Any], Any] | None:
    """How a JSON value from HQ becomes what the till stores in `column` (None: as it is)."""
    kind = column.type
    if isinstance(kind, Boolean):
        return None                  # sqlite3 stores True/False as 1/0, as the ORM does
    if isinstance(kind, DateTime):
        return _datetime
    if isinstance(kind, Date):
        return _date
    store = kind.dialect_impl(dialect).bind_processor(dialect)
    if isinstance(kind, LargeBinary):
        return (lambda v: store(bytes.fromhex(v) if isinstance(v, str) else v)) if store else \
            (lambda v: bytes.fromhex(v) if isinstance(v, str) else v)
    return store                     # JSON: serialised as the ORM would; others: None


def write_page(uow: UnitOfWork, table: Table, page: SnapshotPage) -> int:
    """Upsert one snapshot page of `table` (columns the till does not have are ignored)."""
    columns = [c for c in page.columns if c in table.c]
    if not page.rows or not columns:
        return 0
    if columns == page.columns:
        rows = page.rows                 # fresh lists from the JSON decoder: converted in place
    else:
        pick = itemgetter(*[page.columns.index(c) for c in columns])
        rows = [list(pick(r)) if len(columns) > 1 else [pick(r)] for r in page.rows]
    # a 1M-member table's unique indexes take random inserts: with SQLite's default 2 MB page
    # cache that doubles the time; this connection keeps a 64 MB cache from here on
    uow.session.connection().exec_driver_sql(f"PRAGMA cache_size={-LOAD_CACHE_KIB}")
    return write_rows(uow, table, columns, rows)


def write_rows(uow: UnitOfWork, table: Table, columns: list[str], rows: list[list]) -> int:
    """Upsert `rows` (lists of JSON values in `columns` order, converted in place) in the unit of
    work's transaction with one `executemany`: how both a snapshot page and a pull page land."""
    if not rows:
        return 0
    uow.session.flush()                  # anything the ORM holds goes first, as Core would do
    dialect = uow.session.bind.dialect
    convert = [(j, f) for j, f in enumerate(_converter(table.c[c], dialect) for c in columns) if f is not None]
    if convert:
        for row in rows:
            for j, f in convert:
                if row[j] is not None:
                    row[j] = f(row[j])
    raw = uow.session.connection().connection.dbapi_connection     # the session's own transaction
    cursor = raw.cursor()
    try:
        cursor.executemany(upsert_sql(table, columns), rows)
    finally:
        cursor.close()
    return len(rows)
