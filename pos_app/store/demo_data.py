"""The embedded demo store: the demo chain's rows (`demo.chain`) written into a till database."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert, select

from demo.chain import DEMO_CASHIERS, Rows, all_rows, catalogue_rows, ean13  # noqa: F401  (re-exported)

from .db import Database
from .models import Base, Product


def write_rows(db: Database, batches: Rows) -> None:
    """Insert `(table, rows)` batches in one transaction."""
    tables = Base.metadata.tables
    with db.engine.begin() as c:
        for table, rows in batches:
            if rows:
                c.execute(insert(tables[table]), rows)


def load_catalogue(db: Database, products: int, seed: int = 2026) -> None:
    write_rows(db, catalogue_rows(products, seed))


def load_demo(db: Database, now: datetime, products: int = 2000, members: int = 10000) -> None:
    """Fill an empty till database with the demo store (deterministic)."""
    write_rows(db, all_rows(now, products, members))


def is_empty(db: Database) -> bool:
    with db.session() as s:
        return not s.scalar(select(func.count()).select_from(Product))
