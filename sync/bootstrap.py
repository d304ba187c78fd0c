"""Loading a snapshot into a new till: pages of columns + rows written with one `executemany`.

A page's envelope is validated here (`page_from`); the till's repository converts its values and
upserts it in a single statement (pos_app/store/replica_repo.py). HQ's snapshot protocol is
described in sync/protocol.py and hq/snapshot.py.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table
from sqlcipher3 import dbapi2

from pos_app.store.uow import UnitOfWork

from .protocol import SnapshotPage
from .transport import SyncRefused

MAX_COLUMNS = 64  # no till table has as many: a page with more is not one of HQ's


class BadSnapshot(SyncRefused):
    """A snapshot page HQ sent that the till will not load (wrong shape, not the kind or size
    asked for, rows referring to rows the snapshot does not hold). Shown in the status bar
    (sync.snapshot_refused); the load stays unfinished and starts again at the next sync."""

    def __init__(self, reason: str):
        super().__init__(200, f"Snapshot refused: {reason}")
        self.code, self.params = "sync.snapshot_refused", {"reason": reason[:200]}


def page_from(data: Any, kind: str | None = None, limit: int | None = None) -> SnapshotPage:
    """Validate a page's envelope with the schema and its rows by shape only (every row a list as
    long as `columns`): pydantic walking 3.7 M rows value by value was a sixth of a bootstrap.
    The values are checked where they are converted and by SQLite's constraints. A page of
    another kind than `kind`, or with more rows than `limit` asked for, is refused."""
    if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
        raise BadSnapshot("a snapshot page must be an object with a list of rows")
    try:
        envelope = SnapshotPage.model_validate({**data, "rows": []})
    except ValueError as exc:
        raise BadSnapshot(f"not a snapshot page ({type(exc).__name__}: {str(exc)[:120]})") from None
    if kind is not None and envelope.kind != kind:
        raise BadSnapshot(f"asked for {kind} rows, got a page of {envelope.kind[:40]}")
    width = len(envelope.columns)
    if width > MAX_COLUMNS or len(set(envelope.columns)) != width:
        raise BadSnapshot(f"a {envelope.kind} page must name at most {MAX_COLUMNS} distinct columns")
    rows = data["rows"]
    if limit is not None and len(rows) > limit:
        raise BadSnapshot(f"a {envelope.kind} page of {len(rows)} rows, over the {limit} asked for")
    if not all(type(row) is list and len(row) == width for row in rows):
        raise BadSnapshot(f"every row of a {envelope.kind} page must be a list of {width} values")
    return SnapshotPage.model_construct(**{**envelope.__dict__, "rows": rows})


@dataclass(frozen=True)
class PageBlob:
    """A snapshot page as HQ sent it, its rows left to SQLite: `blob` is the page in SQLite's
    binary JSON (JSONB), read by `jsonb_each` in the insert itself (store/replica_repo.py:
    write_blob). The envelope (`page`, without rows) and every row's shape are checked first."""

    page: SnapshotPage  # kind, columns, after; rows empty
    blob: bytes
    count: int

    @property
    def kind(self) -> str:
        return self.page.kind

    @property
    def columns(self) -> list[str]:
        return self.page.columns

    @property
    def after(self) -> str | None:
        return self.page.after


_reader = threading.local()


def _jsonb() -> Any:
    """This thread's in-memory SQLite (SQLCipher's build: JSONB needs SQLite 3.45)."""
    con = getattr(_reader, "con", None)
    if con is None:
        con = _reader.con = dbapi2.connect(":memory:")
    return con


def blob_from(text: str, kind: str, limit: int) -> PageBlob:
    """A snapshot page's JSON text checked as `page_from` checks a parsed one, without making a
    Python object per value: SQLite parses it (in C, without the interpreter lock: on the thread
    that fetches pages, while the next one is written) into JSONB, and counts the rows that are
    not lists of `columns` values. Refused (BadSnapshot) as `page_from` refuses."""
    con = _jsonb()
    try:  # parsed once; the blob is read as it is from here on (a CTE would parse it per use)
        (blob,) = con.execute("SELECT jsonb(?1)", (text,)).fetchone()
        envelope, count = con.execute(
            "SELECT json_remove(?1, '$.rows'), json_array_length(?1, '$.rows')", (blob,)
        ).fetchone()
    except dbapi2.Error as exc:
        raise BadSnapshot(f"a snapshot page that is not JSON ({str(exc)[:80]})") from None
    data = json.loads(envelope) if envelope is not None else None
    if not isinstance(data, dict) or count is None:
        raise BadSnapshot("a snapshot page must be an object with a list of rows")
    page = page_from({**data, "rows": []}, kind, limit)
    if count > limit:
        raise BadSnapshot(f"a {page.kind} page of {count} rows, over the {limit} asked for")
    (misshapen,) = con.execute(
        "SELECT count(*) FROM jsonb_each(?1, '$.rows') WHERE json_type(value) IS NOT 'array' "
        "OR json_array_length(value) IS NOT ?2",
        (blob, len(page.columns)),
    ).fetchone()
    if misshapen:
        raise BadSnapshot(f"every row of a {page.kind} page must be a list of {len(page.columns)} values")
    return PageBlob(page, blob, count)


LOADING = "snapshot_loading"  # sync_state: a snapshot load began and has not finished


def fresh(uow: UnitOfWork) -> bool:
    """A till that may load a snapshot: nothing pulled yet and no members of its own (members
    registered here offline need the row-by-row path, which frees phones and merges aliases),
    or one whose snapshot load was cut short (its members are HQ's pages: it loads again)."""
    return uow.replica.state(LOADING, "") == "1" or not uow.replica.has_members()


def begin(uow: UnitOfWork, tables: list[Table]) -> None:
    """Before the first page: the load is marked as begun (committed durably by the caller), and
    the tables' secondary (non-unique) indexes are dropped, to be built once from the loaded rows
    (`settle`, as each kind completes) instead of taking 3.7 M random inserts. If the load is cut
    short, the mark makes the next sync load the snapshot again (`fresh`) and they are built then."""
    uow.replica.set_state(LOADING, "1")
    uow.replica.drop_secondary_indexes(tables)


def settle(uow: UnitOfWork, table: Table) -> None:
    """A kind whose last page is written, and every table it refers to complete: its references
    checked and its indexes built now, in the load's transaction, while the fetching thread brings
    the next kind's pages (sync/till.py: the load waits for HQ's pages; this was the load's tail,
    after the last page). A row referring to a row the snapshot does not hold refuses the load
    (the mark stays: the next sync loads it again)."""
    broken = uow.replica.foreign_key_violations([table])
    if broken:
        pairs = sorted({f"{child}→{parent}" for child, parent in broken})
        raise BadSnapshot(f"{len(broken)} rows refer to rows the snapshot does not hold ({', '.join(pairs)[:120]})")
    uow.replica.create_secondary_indexes([table])


def settled(table: Table, complete: list[Table], loaded: list[Table]) -> bool:
    """Whether `table` (its last page just written) may be settled now: every loaded table it
    refers to is complete (SNAPSHOT_KINDS puts referenced kinds first; this does not rely on it)."""
    return all(fk.column.table in complete for fk in table.foreign_keys if fk.column.table in loaded)


def finish(uow: UnitOfWork, tables: list[Table]) -> None:
    """In the load's last transaction (with the cursor): the tables not settled yet (`settle`)
    settled, the mark cleared."""
    for table in tables:
        settle(uow, table)
    uow.replica.set_state(LOADING, "0")


def bulk(uow: UnitOfWork) -> None:
    """A unit of work about to write snapshot pages takes the load's pragmas (no fsync, the
    references checked by `settle`; store/db.py: LOAD_PRAGMAS): first thing after it opens."""
    uow.replica.bulk_load()


def write_page(uow: UnitOfWork, table: Table, page: SnapshotPage | PageBlob) -> int:
    """Upsert one snapshot page of `table` (columns the till does not have are ignored), in a unit
    of work opened with `bulk`: a page kept as JSONB is inserted from it by SQLite itself when its
    values are in the form the till stores (store/replica_repo.py: write_blob), otherwise its rows
    are converted in Python as the ORM would store them."""
    if isinstance(page, PageBlob):
        written = uow.replica.write_blob(table, page.columns, page.blob, page.count)
        if written is not None:
            return written
        page = parsed(page)
    return uow.replica.write_page(table, page.columns, page.rows)


def parsed(page: SnapshotPage | PageBlob) -> SnapshotPage:
    """The page with its rows as Python lists."""
    if isinstance(page, SnapshotPage):
        return page
    (text,) = _jsonb().execute("SELECT json_extract(?1, '$.rows')", (page.blob,)).fetchone()
    return SnapshotPage.model_construct(**{**page.page.__dict__, "rows": json.loads(text)})


def size(page: SnapshotPage | PageBlob) -> int:
    return page.count if isinstance(page, PageBlob) else len(page.rows)


def write_rows(uow: UnitOfWork, table: Table, columns: list[str], rows: list[list]) -> int:
    """Upsert `rows` (lists of JSON values in `columns` order) with one `executemany`: how both a
    snapshot page and a pull page land (pos_app/store/replica_repo.py)."""
    return uow.replica.write_rows(table, columns, rows)
