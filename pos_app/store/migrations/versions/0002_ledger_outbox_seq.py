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
    # entries written before this revision: find the outbox event that reports each one. Sales,
    # refunds and top-ups carry the receipt number the entry names; a gift redemption carries the
    # member and the gift, and is the first such event at or after the entry's time.
    for table in ("points_ledger", "stored_value_ledger"):
        op.execute(f"""
            UPDATE {table} SET outbox_seq = (
                SELECT MIN(o.seq) FROM outbox o
                WHERE json_extract(o.payload, '$.receipt_no') = {table}.ref
                   OR (o.kind = 'points_redeemed' AND json_extract(o.payload, '$.member_id') = {table}.member_id
                       AND json_extract(o.payload, '$.gift_id') = {table}.ref AND o.created_at >= {table}.at))
            WHERE synced = 0""")


def downgrade() -> None:
    for table in ("points_ledger", "stored_value_ledger"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_outbox_seq"))
            batch_op.drop_column("outbox_seq")
