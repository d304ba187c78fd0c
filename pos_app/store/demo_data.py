"""The embedded demo store: the demo chain's rows (`demo.chain`) written into a till database."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import func, insert, select

from demo.chain import DEMO_CASHIERS, Rows, all_rows, catalogue_rows, ean13  # noqa: F401  (re-exported)
from pos_app.domain import privacy

from .db import Database
from .models import Base, Product, Setting


def write_rows(db: Database, batches: Rows) -> None:
    """Insert `(table, rows)` batches in one transaction (members minimised, as a till keeps them)."""
    tables = Base.metadata.tables
    with db.engine.begin() as c:
        for table, rows in batches:
            if rows and table == "members":
                rows = minimised_members(rows, _phone_key(c))
            if rows:
                c.execute(insert(tables[table]), rows)


def minimised_members(rows: list[dict], key: bytes) -> list[dict]:
    """The demo chain's full member rows (demo/chain.py, which the demo HQ loads too) as the till
    keeps them (pos_app/domain/privacy.py): masked phone and name, keyed phone hash, birth day."""
    full = ("phone", "name", "birthday")
    return [
        {
            **{k: v for k, v in r.items() if k not in full},
            **privacy.minimised(key, r["phone"], r["name"], r.get("birthday")),
        }
        for r in rows
    ]


def _phone_key(c) -> bytes:
    """The demo till's own phone look-up key (a till that is not enrolled makes its own)."""
    found = c.execute(select(Setting.value).where(Setting.key == "phone_key")).scalar()
    if found:
        return bytes.fromhex(found)
    key = secrets.token_bytes(32)
    c.execute(insert(Setting.__table__), [{"key": "phone_key", "value": key.hex()}])
    return key


def load_catalogue(db: Database, products: int, seed: int = 2026) -> None:
    write_rows(db, catalogue_rows(products, seed))


def load_demo(db: Database, now: datetime, products: int = 2000, members: int = 10000) -> None:
    """Fill an empty till database with the demo store (deterministic)."""
    write_rows(db, all_rows(now, products, members))


def is_empty(db: Database) -> bool:
    with db.session() as s:
        return not s.scalar(select(func.count()).select_from(Product))
