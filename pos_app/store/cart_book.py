"""A scan's reads and write, as plain SQL on a pooled (SQLCipher, keyed) connection of its own.

A scan looks a barcode up and saves the open cart (issue 23: scan -> cart repainted). Through
SQLAlchemy's session, its unit of work and the two statements cost about 0.27 ms of the worker's
time per scan against 0.02 ms of SQLite's own (`python -m bench ui`, cProfile of the worker), so
the open cart's edits have a unit of work of their own, as a completed sale has (sale_book.py):
a connection borrowed from the engine's pool, each statement prepared once, the commit not
fsynced (WAL + synchronous=NORMAL, as `UnitOfWork(durable=False)`: see db.relax), FULL again
before the connection goes back. Leaving the block without `commit()` rolls back. A full,
read-only or busy database comes out as the same StorageError as from UnitOfWork.

The open cart is stored as SQLAlchemy's JSON type stores it (the text of `json.dumps`), so
`Carts.load_open` reads it through the model as before; its text is made from the cart's lines'
kept fragments (OpenCart.json_text), not by encoding the whole cart again on every scan.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from pos_app.domain.open_cart import OpenCart

from . import cipher
from .sale_book import PooledBook, _datetime


class CatalogueItem(NamedTuple):
    """A product as a scan adds it to the cart (the columns of `Product` it needs)."""

    id: str
    name: str
    price_fen: int
    unit: str
    category_id: str
    non_earning: bool


# the active product of a barcode: the barcodes' primary key, then the product's (as
# Products.by_barcode reads it; `IS 1` is how SQLAlchemy renders `active.is_(True)`)
_BY_BARCODE = (
    "SELECT p.id, p.name, p.price_fen, p.unit, p.category_id, p.non_earning "
    "FROM barcodes b JOIN products p ON p.id = b.product_id WHERE b.code = ? AND p.active IS 1"
)
_SAVE_OPEN = (
    "INSERT INTO open_cart (till_id, cart, updated_at) VALUES (?, ?, ?) "
    "ON CONFLICT (till_id) DO UPDATE SET cart = excluded.cart, updated_at = excluded.updated_at"
)


class CartBook(PooledBook):
    """`with CartBook(db) as book: ...; book.commit()`: a scan's look-up and the open cart's save
    in one transaction, not fsynced (the cart's edits only)."""

    relaxed = False  # synchronous=NORMAL set on the connection, FULL to be put back

    def _begin(self, con: cipher.dbapi2.Connection) -> None:
        con.execute("PRAGMA synchronous=NORMAL")  # before the transaction begins
        self.relaxed = True

    def _end(self, con: cipher.dbapi2.Connection) -> None:
        if self.relaxed:
            con.execute("PRAGMA synchronous=FULL")  # what every other unit of work expects
            self.relaxed = False

    def by_barcode(self, code: str) -> CatalogueItem | None:
        """The active product with this barcode."""
        row = self.con.execute(_BY_BARCODE, (code,)).fetchone()
        if row is None:
            return None
        product_id, name, price_fen, unit, category_id, non_earning = row
        return CatalogueItem(product_id, name, price_fen, unit, category_id, bool(non_earning))

    def save_open(self, till_id: str, cart: OpenCart, now: datetime) -> None:
        """Write the open cart in one statement, without reading it first (Carts.save_open)."""
        self.con.execute(_SAVE_OPEN, (till_id, cart.json_text(), _datetime(now)))
