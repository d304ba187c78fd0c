"""points mall orders at the till (issue 18, item 5): the pending gifts HQ's feed sends, and
when a cashier handed one over here

Revision ID: 0007_mall
Revises: 0006
Create Date: 2026-12-01 00:10:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007_mall'
down_revision = '0007_minimise'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mall_orders",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("member_id", sa.String(length=40), nullable=False),
        sa.Column("item_id", sa.String(length=32), nullable=False),
        sa.Column("item_name", sa.String(length=64), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("handed_here_at", sa.DateTime(), nullable=True),
        sa.Column("handed_by", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("mall_orders", schema=None) as batch_op:
        batch_op.create_index("ix_mall_orders_member_id", ["member_id"], unique=False)


def downgrade() -> None:
    op.drop_table("mall_orders")
