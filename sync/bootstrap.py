"""Loading a snapshot into a new till: pages of columns + rows written with one `executemany`.

A page's envelope is validated here (`page_from`); the till's repository converts its values and
upserts it in a single statement (pos_app/store/replica_repo.py). HQ's snapshot protocol is
described in sync/protocol.py and hq/snapshot.py.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table

from pos_app.store.uow import UnitOfWork

from .protocol import SnapshotPage


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


LOADING = "snapshot_loading"  # sync_state: a snapshot load began and has not finished


def fresh(uow: UnitOfWork) -> bool:
    """A till that may load a snapshot: nothing pulled yet and no members of its own (members
    registered here offline need the row-by-row path, which frees phones and merges aliases),
    or one whose snapshot load was cut short (its members are HQ's pages: it loads again)."""
    return uow.replica.state(LOADING, "") == "1" or not uow.replica.has_members()


def begin(uow: UnitOfWork, tables: list[Table]) -> None:
    """Before the first page: the load is marked as begun (committed durably by the caller), and
    the tables' secondary (non-unique) indexes are dropped, to be built once from the loaded rows
    (`finish`) instead of taking 3.7 M random inserts. If the load is cut short, the mark makes
    the next sync load the snapshot again (`fresh`) and `finish` builds the indexes then."""
    uow.replica.set_state(LOADING, "1")
    uow.replica.drop_secondary_indexes(tables)


def finish(uow: UnitOfWork, tables: list[Table]) -> None:
    """In the load's last transaction (with the cursor): the indexes built, the mark cleared."""
    uow.replica.create_secondary_indexes(tables)
    uow.replica.set_state(LOADING, "0")


def write_page(uow: UnitOfWork, table: Table, page: SnapshotPage) -> int:
    """Upsert one snapshot page of `table` (columns the till does not have are ignored)."""
    return uow.replica.write_page(table, page.columns, page.rows)


def write_rows(uow: UnitOfWork, table: Table, columns: list[str], rows: list[list]) -> int:
    """Upsert `rows` (lists of JSON values in `columns` order) with one `executemany`: how both a
    snapshot page and a pull page land (pos_app/store/replica_repo.py)."""
    return uow.replica.write_rows(table, columns, rows)
