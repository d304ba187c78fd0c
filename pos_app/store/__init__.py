"""The till's local store: SQLAlchemy models, repositories, unit of work, Alembic migrations (SQLite)."""
