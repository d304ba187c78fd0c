"""The embedded demo store: a till database filled with demo data on first start."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from pos_app.store import Database
from pos_app.store.demo_data import DEMO_CASHIERS, is_empty, load_demo

from .till import Till


def open_demo_till(
    path: Path | str, clock: Callable[[], datetime] = datetime.now, *, products: int = 2000, members: int = 10000
) -> Till:
    """Open (and on first use fill) the demo store's till database at `path`."""
    db = Database(path)
    if is_empty(db):
        load_demo(db, clock(), products=products, members=members)
    return Till(db, clock)


def demo_pins() -> list[tuple[str, str, str]]:
    """(name, role, PIN) of the demo cashiers, shown on the demo login screen."""
    return [(name, role, pin) for _, name, role, pin in DEMO_CASHIERS]
