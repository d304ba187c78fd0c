"""receipt journal: every receipt document printed at the till, by number, for reprints (重打)
after a restart and retries of failed prints (issue 16, defect 10)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 17:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "receipt_journal",
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("shift_id", sa.String(length=40), nullable=True),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error", sa.String(length=200), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("number"),
    )
    with op.batch_alter_table("receipt_journal", schema=None) as batch_op:
        batch_op.create_index("ix_receipt_journal_created_at", ["created_at"], unique=False)
        batch_op.create_index("ix_receipt_journal_shift_id", ["shift_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("receipt_journal", schema=None) as batch_op:
        batch_op.drop_index("ix_receipt_journal_shift_id")
        batch_op.drop_index("ix_receipt_journal_created_at")
    op.drop_table("receipt_journal")
