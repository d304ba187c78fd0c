"""Alembic environment: configured in code (pos_app.store.db), no alembic.ini needed."""
from __future__ import annotations

from alembic import context

from pos_app.store.models import Base

config = context.config
engine = config.attributes["engine"]
with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
