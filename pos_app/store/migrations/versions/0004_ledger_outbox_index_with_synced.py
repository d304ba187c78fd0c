"""the ledgers' outbox_seq index becomes (outbox_seq, synced): completing a sale stamps its entries
`WHERE outbox_seq IS NULL AND synced = 0`, and entries HQ already confirmed (every past sale's,
every entry pulled from HQ) also have no outbox_seq, so the one-column index made that a scan
of the till's whole history (100,000 past sales: 19 ms a checkout)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 04:10:00
"""
from __future__ import annotations

from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

TABLES = ("points_ledger", "stored_value_ledger")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_outbox_seq")
            batch_op.create_index(f"ix_{table}_outbox_seq_synced", ["outbox_seq", "synced"], unique=False)


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_outbox_seq_synced")
            batch_op.create_index(f"ix_{table}_outbox_seq", ["outbox_seq"], unique=False)
