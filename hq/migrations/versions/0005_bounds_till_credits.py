"""till_credits: what each till credited to members per day, for the per-till bounds
(hq/till_bounds.py): a till can credit a bounded amount of points and stored value a day.

Revision ID: 0005_bounds
Revises: 0004
Create Date: 2026-11-30 17:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005_bounds'
down_revision = '0005_lifecycle'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'till_credits',
        sa.Column('till_id', sa.String(length=40), nullable=False),
        sa.Column('day', sa.String(length=10), nullable=False),
        sa.Column('points', sa.BigInteger(), nullable=False),
        sa.Column('stored_value_fen', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('till_id', 'day'),
    )


def downgrade() -> None:
    op.drop_table('till_credits')
