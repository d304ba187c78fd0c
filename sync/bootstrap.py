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


def fresh(uow: UnitOfWork) -> bool:
    """A till that may load a snapshot: nothing pulled yet and no members of its own (members
    registered here offline need the row-by-row path, which frees phones and merges aliases)."""
    return not uow.replica.has_members()


def write_page(uow: UnitOfWork, table: Table, page: SnapshotPage) -> int:
    """Upsert one snapshot page of `table` (columns the till does not have are ignored)."""
    return uow.replica.write_page(table, page.columns, page.rows)


def write_rows(uow: UnitOfWork, table: Table, columns: list[str], rows: list[list]) -> int:
    """Upsert `rows` (lists of JSON values in `columns` order) with one `executemany`: how both a
    snapshot page and a pull page land (pos_app/store/replica_repo.py)."""
    return uow.replica.write_rows(table, columns, rows)
