"""The replica's repository: what sync writes of HQ's rows into the till database, and the sync
state it keeps (cursors, flags). `sync/till.py` and `sync/bootstrap.py` use it inside their unit of
work (issue 21: no session outside pos_app/store).

Pages land with one `executemany` on the session's own connection: the values arrive as JSON
types; each column that needs it is converted once per page with the column type's own
SQLAlchemy bind processor (so dates, times, JSON and bytes are stored exactly as the ORM would
store them), then the page is upserted in a single statement."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    String,
    Table,
    bindparam,
    delete,
    func,
    literal,
    select,
    update,
)
from sqlalchemy.orm import Session

from pos_app.domain import privacy

from .db import bulk_load
from .models import (
    MemberCoupon,
    MemberRow,
    OpenCart,
    OutboxEvent,
    PointsEntry,
    PointsLotRow,
    SaleRow,
    StoredValueEntry,
    SuspendedSale,
    SyncState,
)

LOCAL_ONLY = {"cashiers": {"failed_attempts", "locked_until"}, "points_lots": {"remaining"}}
MEMBER_REFS = (
    (SaleRow, SaleRow.member_id),
    (PointsEntry, PointsEntry.member_id),
    (StoredValueEntry, StoredValueEntry.member_id),
    (PointsLotRow, PointsLotRow.member_id),
    (MemberCoupon, MemberCoupon.member_id),
)


def upsert_sql(table: Table, columns: list[str], source: str | None = None) -> str:
    """INSERT ... ON CONFLICT (key) DO UPDATE of every column HQ owns (never the till's own);
    the rows from `source` (a SELECT) or, by default, one row of parameters."""
    key = [c.name for c in table.primary_key.columns]
    keep = LOCAL_ONLY.get(table.name, set())
    names = ", ".join(f'"{c}"' for c in columns)
    source = source or f"VALUES ({', '.join('?' for _ in columns)})"
    sets = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in key and c not in keep)
    action = f"DO UPDATE SET {sets}" if sets else "DO NOTHING"
    return f'INSERT INTO "{table.name}" ({names}) {source} ON CONFLICT ({", ".join(key)}) {action}'


# a value from a JSONB row in the form the till stores it (as _datetime / _date / the binary
# converter would store it), or the row is left for the Python path: a date-time as
# 'YYYY-MM-DD HH:MM:SS.ffffff' that is a real moment, a date as a real 'YYYY-MM-DD', bytes as hex
# (the shape by one GLOB; a month, a day up to the 28th and an hour in range are a real moment,
# other days - the 29th to 31st - are asked of `datetime`, which cost a member row a tenth of its
# insert when every value went to it; tests/store: the same values taken as with `datetime` alone)
_STORED_DATETIME = (
    "({x} IS NULL OR ({x} GLOB"
    " '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]'"
    " AND (substr({x}, 6, 2) BETWEEN '01' AND '12' AND substr({x}, 9, 2) BETWEEN '01' AND '28'"
    " AND substr({x}, 12, 2) < '24' OR datetime(substr({x}, 1, 19)) IS substr({x}, 1, 19))))"
)
_STORED_DATE = "({x} IS NULL OR (length({x}) = 10 AND date({x}) IS {x}))"
_HEX = "({x} IS NULL OR unhex({x}) IS NOT NULL)"


def blob_sql(table: Table, page_columns: list[str]) -> tuple[list[str], str] | None:
    """(columns, upsert) writing a JSONB page's rows (`jsonb_each(?1, '$.rows')`) into `table` by
    SQLite itself, rows whose values are not in the stored form skipped (their count tells);
    None when a column needs a conversion only Python makes (JSON columns)."""
    picks = [(j, c) for j, c in enumerate(page_columns) if c in table.c]
    values, checks = [], []
    for j, name in picks:
        kind, x = table.c[name].type, f"c{j}"
        if isinstance(kind, DateTime):
            checks.append(_STORED_DATETIME.format(x=x))
        elif isinstance(kind, Date):
            checks.append(_STORED_DATE.format(x=x))
        elif isinstance(kind, LargeBinary):
            checks.append(_HEX.format(x=x))
            x = f"unhex({x})"
        elif not isinstance(kind, (Boolean, Integer, String)):
            return None
        values.append(x)
    columns = [c for _, c in picks]
    where = " AND ".join(checks) or "true"
    # each value taken out of its row once (`->>` walks the row's array to the column), then
    # checked and written: as a plain SELECT, SQLite substitutes the expression into every check
    # that names it (a date-time five times), which cost a member row half its insert. The path
    # as text ('$[3]'), not the number 3: SQLite would make it text and build the path per value
    taken = ", ".join(f"value->>'$[{j}]' AS c{j}" for j, _ in picks)
    rows = f"WITH page AS MATERIALIZED (SELECT {taken} FROM jsonb_each(?1, '$.rows')) "
    return columns, rows + upsert_sql(table, columns, f"SELECT {', '.join(values)} FROM page WHERE {where}")


def _datetime(value: Any) -> str:
    """An ISO date-time from HQ in the till's stored form (SQLAlchemy's SQLite DATETIME format,
    'YYYY-MM-DD HH:MM:SS.ffffff'; checked against SQLAlchemy's own processor in the tests)."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if isinstance(value, str) and len(value) == 26 and value[10] == " ":
        return value  # already the stored form (HQ sends its database's text): checked, kept
    if moment.tzinfo is not None:
        moment = moment.replace(tzinfo=None)
    return moment.isoformat(" ", "microseconds")


def _date(value: Any) -> str:
    """An ISO date from HQ in the till's stored form ('YYYY-MM-DD')."""
    if isinstance(value, str):
        day = value[:10]
        checked = date.fromisoformat(day)  # refuses what is not a date
        return day if day[4:5] == "-" else checked.isoformat()
    return value.isoformat()


def _converter(column, dialect) -> Callable[[Any], Any] | None:
    """How a JSON value from HQ becomes what the till stores in `column` (None: as it is)."""
    kind = column.type
    if isinstance(kind, Boolean):
        return None  # sqlite3 stores True/False as 1/0, as the ORM does
    if isinstance(kind, DateTime):
        return _datetime
    if isinstance(kind, Date):
        return _date
    store = kind.dialect_impl(dialect).bind_processor(dialect)
    if isinstance(kind, LargeBinary):
        return (
            (lambda v: store(bytes.fromhex(v) if isinstance(v, str) else v))
            if store
            else (lambda v: bytes.fromhex(v) if isinstance(v, str) else v)
        )
    return store  # JSON: serialised as the ORM would; others: None


def _secondary(tables: Iterable[Table]) -> list[Any]:
    """The non-unique indexes of the tables (their keys and unique constraints are kept)."""
    return [
        index for table in tables for index in sorted(table.indexes, key=lambda i: i.name or "") if not index.unique
    ]


class Replica:
    def __init__(self, session: Session):
        self.s = session

    # ---- sync state: cursors and flags
    def state(self, key: str, default: str = "0") -> str:
        row = self.s.get(SyncState, key)
        return row.value if row is not None else default

    def set_state(self, key: str, value: str) -> None:
        row = self.s.get(SyncState, key)
        if row is None:
            self.s.add(SyncState(key=key, value=value))
        else:
            row.value = value

    def has_members(self) -> bool:
        return self.s.scalar(select(MemberRow.id).limit(1)) is not None

    # ---- HQ's rows
    def drop_secondary_indexes(self, tables: Iterable[Table]) -> None:
        """Drop the tables' non-unique indexes (a snapshot load builds them afterwards)."""
        for index in _secondary(tables):
            self.s.connection().exec_driver_sql(f'DROP INDEX IF EXISTS "{index.name}"')

    def create_secondary_indexes(self, tables: Iterable[Table]) -> None:
        """Build the tables' non-unique indexes (those missing) from the rows they hold."""
        for index in _secondary(tables):
            index.create(self.s.connection(), checkfirst=True)

    def held_keys(self, table: Table, keys: list[Any]) -> set[Any]:
        """Which of `keys` the till holds already in `table` (its primary key)."""
        if not keys:
            return set()
        key = next(iter(table.primary_key.columns))
        return set(self.s.scalars(select(key).where(key.in_(keys))))

    def write_page(self, table: Table, page_columns: list[str], page_rows: list[list]) -> int:
        """Upsert one snapshot page of `table` (columns the till does not have are ignored)."""
        columns = [c for c in page_columns if c in table.c]
        if not page_rows or not columns:
            return 0
        if columns == page_columns:
            rows = page_rows  # fresh lists from the JSON decoder: converted in place
        else:
            pick = itemgetter(*[page_columns.index(c) for c in columns])
            rows = [list(pick(r)) if len(columns) > 1 else [pick(r)] for r in page_rows]
        return self.write_rows(table, columns, rows)

    def write_blob(self, table: Table, page_columns: list[str], blob: bytes, count: int) -> int | None:
        """Upsert a snapshot page kept as JSONB (sync/bootstrap.py: PageBlob) with one statement,
        SQLite reading the rows itself: no Python object per value (executemany cost the till
        about four times the CPU per row). None when a value is not in the form the till stores
        (its row skipped, the others written) or a column needs Python's conversion: the caller
        writes the page again the Python way."""
        made = blob_sql(table, page_columns)
        if made is None:
            return None
        columns, sql = made
        if not columns or not count:
            return 0
        self.s.flush()
        raw = self.s.connection().connection.dbapi_connection
        assert raw is not None  # a live session's connection
        written = raw.execute(sql, (blob,)).rowcount
        # a row not in the stored form was skipped: the page again, Python's way (upserts: the
        # rows written here are written again the same)
        return written if written == count else None

    def bulk_load(self) -> None:
        """This unit of work writes a snapshot page: the load's pragmas (store/db.py: LOAD_PRAGMAS;
        no fsync, foreign keys checked at the end). First thing in the unit of work."""
        bulk_load(self.s.connection())

    def foreign_key_violations(self, tables: Iterable[Table]) -> list[tuple[str, str]]:
        """(table, referenced table) of each row of `tables` whose reference is missing
        (`PRAGMA foreign_key_check`: one pass per table, after a load written without the checks)."""
        found = []
        for table in tables:
            for row in self.s.connection().exec_driver_sql(f'PRAGMA foreign_key_check("{table.name}")'):
                found.append((row[0], row[2]))
        return found

    def write_rows(self, table: Table, columns: list[str], rows: list[list]) -> int:
        """Upsert `rows` (lists of JSON values in `columns` order, converted in place) in the unit of
        work's transaction with one `executemany`: how both a snapshot page and a pull page land."""
        if not rows:
            return 0
        self.s.flush()  # anything the ORM holds goes first, as Core would do
        dialect = self.s.get_bind().dialect
        convert = [(j, f) for j, f in enumerate(_converter(table.c[c], dialect) for c in columns) if f is not None]
        if convert:
            for row in rows:
                for j, f in convert:
                    if row[j] is not None:
                        row[j] = f(row[j])
        raw = self.s.connection().connection.dbapi_connection  # the session's own transaction
        assert raw is not None  # a live session's connection
        cursor = raw.cursor()
        try:
            cursor.executemany(upsert_sql(table, columns), rows)
        finally:
            cursor.close()
        return len(rows)

    def delete_keys(self, table: Table, keys: list[Any]) -> None:
        key = next(iter(table.primary_key.columns))
        self.s.execute(delete(table).where(key.in_(keys)))

    def mark_counted(self, member_ids: list[str], till_seq: int) -> None:
        """The members' ledger entries whose events HQ counted (seq <= `till_seq`) are synced."""
        for entry in (PointsEntry, StoredValueEntry):
            self.s.execute(
                update(entry)
                .where(entry.member_id.in_(member_ids), entry.outbox_seq <= till_seq, entry.synced.is_(False))
                .values(synced=True)
            )

    def lots_from_hq(self, table: Table, rows: list[dict[str, Any]], till_seq: int) -> None:
        """HQ's lots are authoritative (its expiry job, other tills' spends): what is left of each
        is HQ's figure, less what this till's events HQ had not applied (seq > till_seq) took from
        it. (The upsert keeps a lot's local `remaining`, for snapshots; here HQ's wins.)"""
        pending: dict[str, int] = {}
        for (payload,) in self.s.execute(
            select(OutboxEvent.payload).where(
                OutboxEvent.seq > till_seq, OutboxEvent.kind.in_(("sale", "points_redeemed"))
            )
        ):
            for lot_id, points in payload.get("points_lots") or payload.get("lots") or ():
                pending[lot_id] = pending.get(lot_id, 0) + int(points)
        self.s.execute(
            update(table).where(table.c.id == bindparam("lot")).values(remaining=bindparam("left")),
            [{"lot": r["id"], "left": max(0, int(r["remaining"]) - pending.get(r["id"], 0))} for r in rows],
        )

    # ---- members' phones (pos_app/domain/privacy.py)
    def free_phones(self, rows: list[dict[str, Any]]) -> None:
        """A local member holding a phone (its keyed hash) HQ now gives to another member (the same
        person registered offline here and elsewhere) keeps its row under a placeholder hash until
        HQ's alias arrives and its history moves to the member HQ kept."""
        wanted = {r["phone_hash"]: r["id"] for r in rows if r.get("phone_hash")}
        for i in range(0, len(wanted), 500):
            hashes = list(wanted)[i : i + 500]
            for local_id, hashed in self.s.execute(
                select(MemberRow.id, MemberRow.phone_hash).where(MemberRow.phone_hash.in_(hashes))
            ):
                if wanted[hashed] != local_id:
                    self.s.execute(
                        update(MemberRow)
                        .where(MemberRow.id == local_id)
                        .values(phone_hash=privacy.placeholder_hash(local_id))
                    )

    def placeholder_phones(self) -> None:
        """Every member's phone hash becomes its placeholder (privacy.placeholder_hash, in SQL)."""
        placeholder = literal("~").concat(func.substr(MemberRow.id, -15))
        self.s.execute(update(MemberRow).values(phone_hash=placeholder))

    def set_minimised(self, fields: list[str], rows: Iterable[tuple[str, list[Any]]]) -> int:
        """Members' minimised `fields` set to HQ's values ((member id, values in `fields` order));
        returns the rows updated."""
        members = MemberRow.__table__
        params = [{"m": member_id, **{f"v_{f}": v for f, v in zip(fields, values)}} for member_id, values in rows]
        if not params:
            return 0
        return (
            self.s.connection()
            .execute(
                update(members).where(members.c.id == bindparam("m")).values({f: bindparam(f"v_{f}") for f in fields}),
                params,
            )
            .rowcount
        )

    def unacked_registrations(self) -> list[OutboxEvent]:
        """Member registrations still waiting in the outbox (they carry the full phone)."""
        return list(
            self.s.scalars(
                select(OutboxEvent).where(OutboxEvent.kind == "member_registered", OutboxEvent.acked.is_(False))
            )
        )

    def merge_alias(self, alias_id: str, member_id: str, till_seq: int) -> None:
        """A member registered here offline turned out to be a phone HQ knew: move its history.
        HQ sends the kept member's row with the alias (applied just before, in this page), and
        that row counts this till's events up to `till_seq`, the alias's among them: the moved
        entries those events carry are marked synced, or they would be counted twice (issue 22,
        defect 5)."""
        s = self.s
        if s.get(MemberRow, alias_id) is None or alias_id == member_id:
            return
        if s.get(MemberRow, member_id) is None:
            return  # arrives with this page's members first; see order
        for model, column in MEMBER_REFS:
            s.execute(update(model).where(column == alias_id).values({column.key: member_id}))
        self.mark_counted([member_id], till_seq)
        carts: list[OpenCart | SuspendedSale] = [*s.query(OpenCart).all(), *s.query(SuspendedSale).all()]
        for cart in carts:
            data = cart.cart
            if isinstance(data, dict) and data.get("member_id") == alias_id:
                cart.cart = dict(data, member_id=member_id)
        s.flush()
        s.execute(delete(MemberRow).where(MemberRow.id == alias_id))
