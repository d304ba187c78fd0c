"""What HQ's modules share: the error callers turn into an HTTP answer, ids and digests, the
engine (SQLite with BEGIN IMMEDIATE, or a PostgreSQL pool), alias resolution, `IN` lists."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from .models import MemberAlias


class HQError(Exception):
    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail


class CodedRefusal(HQError):
    """A refusal carrying a coded DomainError (no personal data): English detail for logs and
    JSON, `text(lang)` for pages, `field` naming the form field when there is one."""

    def __init__(self, error: Any, status: int = 422):
        from pos_app.domain.error_texts import describe

        super().__init__(status, describe(error, "en"))
        self.error = error

    @property
    def field(self) -> str | None:
        return self.error.params.get("field")

    def text(self, lang: str = "zh_CN") -> str:
        from pos_app.domain.error_texts import describe

        return describe(self.error, lang)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_id() -> str:
    return str(uuid.uuid4())


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(conn, _record):
            cur = conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()
            conn.isolation_level = None  # we issue BEGIN IMMEDIATE ourselves

        @event.listens_for(engine, "begin")
        def _begin(conn):
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    from .pool import PoolPlan  # this worker's share of HQ's connections (hq/pool.py)

    return create_engine(url, **PoolPlan.from_env().engine_options())


def resolve(s: Session, member_id: str | None) -> str | None:
    if member_id is None:
        return None
    alias = s.get(MemberAlias, member_id)
    return alias.member_id if alias is not None else member_id


def jsonable(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        if hasattr(v, "isoformat"):  # date, datetime
            v = v.isoformat()
        elif isinstance(v, bytes):
            v = v.hex()
        out[k] = v
    return out


def among(s: Session, column, values, as_json: bool = False):
    """`column IN values`, as `= ANY(array)` on PostgreSQL (one parameter, however many values).

    `as_json` (text columns, str values): the ids go as one JSON text instead,
    `= ANY(ARRAY(SELECT json_array_elements_text(…)))`, still one index scan: psycopg's array
    dumper checks each element for quoting in Python (~2-3 µs an id; a push sends ~350 ids to
    each of its lot-id check and its tier sums). Opt-in, where the plan was checked: the planner
    does not know that array's size, and a look-up whose plan depends on it can get worse (the
    feed's store_members read did: 14 -> 230 µs an event)."""
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy import any_, bindparam, text
        from sqlalchemy.dialects.postgresql import ARRAY

        values = list(values)
        if as_json and all(isinstance(v, str) for v in values):
            from pydantic_core import to_json

            ids: Any = bindparam("ids", to_json(values).decode(), unique=True)
            return column == any_(text("(ARRAY(SELECT json_array_elements_text(CAST(:ids AS json))))").bindparams(ids))
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(list(values))


def dialect_insert(s: Session | str, table: Any) -> Any:
    """An INSERT of `table` in the session's dialect (or the dialect named), for the
    ON CONFLICT clauses PostgreSQL and SQLite each spell in their own construct."""
    from sqlalchemy.dialects.postgresql import insert as pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    dialect = s if isinstance(s, str) else s.get_bind().dialect.name
    return (pg_insert if dialect == "postgresql" else sqlite_insert)(table)


def bulk_upsert(s: Session, table: Any, rows: list[dict], keys: list, add: list[str] | None = None, set_=None) -> None:
    """Insert rows, and on a key that exists (`keys`: the unique index's columns) add the new
    row's `add` columns to the stored ones, or apply `set_(excluded)` (a dict of column values),
    or do nothing. On PostgreSQL one statement for all the rows, sent as one JSON parameter
    (`json_populate_recordset` over the table's row type: its own column types), instead of an
    executemany that runs the statement once per row; elsewhere an executemany. The rows' keys
    must be distinct (an upsert may touch a row once)."""
    if not rows:
        return
    from pydantic_core import to_json
    from sqlalchemy import literal_column, select, text
    from sqlalchemy.dialects.postgresql import insert as pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    params: Any
    if s.get_bind().dialect.name == "postgresql":
        columns = list(rows[0])
        source = text(f"json_populate_recordset(NULL::{table.name}, CAST(:rows AS json)) AS v")
        stmt: Any = pg_insert(table).from_select(
            columns, select(*[literal_column(f"v.{c}") for c in columns]).select_from(source)
        )
        params = {"rows": to_json(rows).decode()}
    else:
        stmt, params = sqlite_insert(table), rows
    if add or set_:
        values = {c: table.c[c] + stmt.excluded[c] for c in add or ()}
        values.update(set_(stmt.excluded) if set_ else {})
        stmt = stmt.on_conflict_do_update(index_elements=keys, set_=values)
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=keys)
    s.connection().execute(stmt, params)
