"""The till's local store: SQLAlchemy models, Alembic migrations, repositories, unit of work.

The package's names load on first use (PEP 562): `pos_app.store.cipher`, which the till's start
reads before its window shows (the start-up checks, the key fetched on a thread), must not bring
SQLAlchemy and the models with it (0.8 s of the cold start on the scale data set, issue 23)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .db import Database, default_database_path
    from .uow import UnitOfWork

__all__ = ["Database", "UnitOfWork", "default_database_path"]

_WHERE = {"Database": "db", "default_database_path": "db", "UnitOfWork": "uow"}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:  # a submodule (`from pos_app.store import cipher`) is imported as usual
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value
