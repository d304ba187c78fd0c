"""the console's counts at a million members (issue 19): each segment's member count as last
counted (`segments.members`, `counted_at`) and the members per tag (`tag_counts`), written by
the nightly `analytics_figures` job, a segment's save and use, and manual tagging, so that the
segments page reads them instead of counting every segment over the facts at each request; the
used coupons by template (a partial index: issuing a campaign's 100k coupons adds nothing to
it), so that a campaign's redemptions are counted from its used coupons, not by joining all of
its coupons.

Revision ID: 0009_analytics1m
Revises: 0008_analytics1m
Create Date: 2026-12-01 13:30:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

revision = '0009_analytics1m'
down_revision = '0008_analytics1m'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('segments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('members', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('counted_at', sa.DateTime(), nullable=True))
    op.create_table('tag_counts',
    sa.Column('chain_id', sa.String(length=40), nullable=False),
    sa.Column('tag', sa.String(length=32), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('members', sa.BigInteger(), nullable=False),
    sa.Column('counted_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('chain_id', 'tag', 'source')
    )
    op.create_index('ix_coupons_used_template', 'coupons', ['template_id'],
                    postgresql_where=sa.text("status = 'used'"), sqlite_where=sa.text("status = 'used'"))


def downgrade() -> None:
    op.drop_index('ix_coupons_used_template', table_name='coupons')
    op.drop_table('tag_counts')
    with op.batch_alter_table('segments', schema=None) as batch_op:
        batch_op.drop_column('counted_at')
        batch_op.drop_column('members')
