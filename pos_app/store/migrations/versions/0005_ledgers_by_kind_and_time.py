"""the ledgers indexed by (kind, at): a shift report sums the day's gifts and top-up bonuses, a
range in time of one kind, which was a scan of the till's whole history (600,000 entries in the
scale data set)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 04:30:00
"""
from __future__ import annotations

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

TABLES = ("points_ledger", "stored_value_ledger")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(f"ix_{table}_kind_at", ["kind", "at"], unique=False)


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_kind_at")
