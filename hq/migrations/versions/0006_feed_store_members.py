"""store_members: the stores that follow each member (their catchment). Member changes are
written to the feed once per following store instead of once chain-wide (hq/feed.py); the pull
reads its store's rows and the chain-wide ones through ix_changes_chain_store_seq. Seeded from
the events HQ holds: a store follows every member an event of one of its tills named.

Revision ID: 0006_feed
Revises: 0005_bounds
Create Date: 2026-12-01 00:10:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006_feed'
down_revision = '0006_mall'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'store_members',
        sa.Column('member_id', sa.String(length=40), nullable=False),
        sa.Column('store_code', sa.String(length=16), nullable=False),
        sa.Column('chain_id', sa.String(length=40), nullable=False),
        sa.Column('since', sa.DateTime(), nullable=False),
        sa.Column('how', sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint('member_id', 'store_code'),
    )
    op.create_index('ix_store_members_store', 'store_members', ['chain_id', 'store_code', 'member_id'])
    op.create_index('ix_changes_chain_store_seq', 'changes', ['chain_id', 'store_code', 'seq'])
    member = ("e.payload ->> 'member_id'" if op.get_bind().dialect.name == 'postgresql'
              else "json_extract(e.payload, '$.member_id')")
    op.execute(f"""
        INSERT INTO store_members (member_id, store_code, chain_id, since, how)
        SELECT m.id, s.code, s.chain_id, MIN(e.received_at), 'seen'
        FROM events e JOIN tills t ON t.id = e.till_id JOIN stores s ON s.id = t.store_id
        LEFT JOIN member_aliases a ON a.alias_id = {member}
        JOIN members m ON m.id = COALESCE(a.member_id, {member}) AND m.chain_id = s.chain_id
        GROUP BY m.id, s.code, s.chain_id""")


def downgrade() -> None:
    op.drop_index('ix_changes_chain_store_seq', table_name='changes')
    op.drop_index('ix_store_members_store', table_name='store_members')
    op.drop_table('store_members')
