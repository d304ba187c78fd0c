"""the change feed is numbered in commit order on PostgreSQL: a statement inserting change rows
first takes a transaction-level advisory lock (a statement trigger on `changes`), so a writer
numbers its rows only after the writer before it has committed. Without it, HQ's concurrent
workers could commit change N+1 before change N, and a till pulling in between would move its
cursor past N for good. SQLite needs nothing: its writers are serialised (BEGIN IMMEDIATE).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 07:40:00
"""
from __future__ import annotations

from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# the advisory lock's key: any constant no other part of HQ uses
CHANGES_LOCK = 6_150_001


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(f"""
        CREATE FUNCTION changes_in_commit_order() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_advisory_xact_lock({CHANGES_LOCK});
            RETURN NULL;
        END $$""")
    op.execute("CREATE TRIGGER changes_in_commit_order BEFORE INSERT ON changes "
               "FOR EACH STATEMENT EXECUTE FUNCTION changes_in_commit_order()")


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("DROP TRIGGER changes_in_commit_order ON changes")
    op.execute("DROP FUNCTION changes_in_commit_order()")
