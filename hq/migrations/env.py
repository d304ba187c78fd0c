"""Alembic environment for HQ: configured in code (hq.migrate), no alembic.ini needed."""

from __future__ import annotations

from alembic import context

from hq.models import Base

config = context.config
engine = config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection, target_metadata=Base.metadata, render_as_batch=engine.dialect.name == "sqlite"
    )
    with context.begin_transaction():
        context.run_migrations()
