"""a campaign's launch and a segment's count at a million members (issue 19): the facts' (chain,
last visit) index carries, on PostgreSQL, the columns the usual segments test (frequency,
monetary, tier, consent, favourite store; INCLUDE), so that a count or a snapshot over them is
an index-only scan instead of a read of the facts rows (and of their dead versions); the
campaign members' index by member goes (nothing reads it; a launch wrote 100k entries to it).

Revision ID: 0012_campaign
Revises: 0010_applier
Create Date: 2026-12-01 17:00:00
"""
from __future__ import annotations

from alembic import op

revision = '0012_campaign'
down_revision = '0010_applier'
branch_labels = None
depends_on = None

COVERED = ['frequency_365', 'monetary_365_fen', 'tier_code', 'consent', 'favourite_store']


def upgrade() -> None:
    op.drop_index('ix_member_facts_chain_last', table_name='member_facts')
    op.create_index('ix_member_facts_chain_last', 'member_facts', ['chain_id', 'last_visit'],
                    postgresql_include=COVERED)
    with op.batch_alter_table('campaign_members', schema=None) as batch_op:
        batch_op.drop_index('ix_campaign_members_member')


def downgrade() -> None:
    with op.batch_alter_table('campaign_members', schema=None) as batch_op:
        batch_op.create_index('ix_campaign_members_member', ['member_id'], unique=False)
    op.drop_index('ix_member_facts_chain_last', table_name='member_facts')
    op.create_index('ix_member_facts_chain_last', 'member_facts', ['chain_id', 'last_visit'])
