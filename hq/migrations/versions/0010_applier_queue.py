"""the applier's queue (issue 23): a push writes its share of the member rollups, tier upgrades
and purchase benefits to `applier_queue`; the applier (hq/applier.py) applies many pushes' rows
at once and deletes them in the same transaction.

Revision ID: 0010_applier
Revises: 0009_analytics1m
Create Date: 2026-12-01 13:20:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

revision = '0010_applier'
down_revision = '0009_analytics1m'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('applier_queue',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('chain_id', sa.String(length=40), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('work', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    # rows still queued are pushes whose rollups were not applied yet: the nightly member_facts
    # job recomputes the facts, but member_days would miss them; apply them (pos-hq) first
    op.drop_table('applier_queue')
