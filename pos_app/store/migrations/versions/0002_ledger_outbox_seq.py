"""ledger entries remember the outbox event that carries them (for HQ balance hand-over)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 17:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("points_ledger", "stored_value_ledger"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("outbox_seq", sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f"ix_{table}_outbox_seq"), ["outbox_seq"], unique=False)
    # entries written before this revision: attribute each to the first outbox event at or after
    # its time of the same member (sales, refunds, top-ups and gifts write one event each)
    op.execute("""
        UPDATE points_ledger SET outbox_seq = (
            SELECT MIN(o.seq) FROM outbox o WHERE o.created_at >= points_ledger.at)
        WHERE synced = 0""")
    op.execute("""
        UPDATE stored_value_ledger SET outbox_seq = (
            SELECT MIN(o.seq) FROM outbox o WHERE o.created_at >= stored_value_ledger.at)
        WHERE synced = 0""")


def downgrade() -> None:
    for table in ("points_ledger", "stored_value_ledger"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_outbox_seq"))
            batch_op.drop_column("outbox_seq")
