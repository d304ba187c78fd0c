"""The till's local store: SQLAlchemy models, Alembic migrations, repositories, unit of work."""

from .db import Database, default_database_path
from .uow import UnitOfWork

__all__ = ["Database", "UnitOfWork", "default_database_path"]
