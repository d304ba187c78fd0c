"""rule publishing (drafts, numbered versions with their rows) and member administration
(adjustments awaiting approval, tier history, search indexes: card, name, phone's last four)

Revision ID: 0005_rules
Revises: 0005_staff (both branches made a 0005 at once: this one follows the staff one)
Create Date: 2026-11-30 17:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005_rules'
down_revision = '0005_staff'
branch_labels = None
depends_on = None

# the member a till event names, as hq/services/member_admin.py queries it (literal key: an index
# on an expression is used only by a query with the same expression, not a bound parameter)
EVENT_MEMBER = {'postgresql': "(payload ->> 'member_id')", 'sqlite': "json_extract(payload, '$.member_id')"}


def upgrade() -> None:
    op.create_table(
        'rule_drafts',
        sa.Column('chain_id', sa.String(length=40), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('data', sa.JSON(), nullable=True),
        sa.Column('updated_by', sa.String(length=64), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['chain_id'], ['chains.id']),
        sa.PrimaryKeyConstraint('chain_id', 'kind', 'key'))
    op.create_table(
        'rule_versions',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
        sa.Column('chain_id', sa.String(length=40), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('published_at', sa.DateTime(), nullable=False),
        sa.Column('published_by', sa.String(length=64), nullable=False),
        sa.Column('note', sa.String(length=200), nullable=False),
        sa.Column('restored_from', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['chain_id'], ['chains.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('chain_id', 'number'))
    op.create_table(
        'rule_version_rows',
        sa.Column('version_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['version_id'], ['rule_versions.id']),
        sa.PrimaryKeyConstraint('version_id', 'kind', 'key'))
    op.create_table(
        'member_adjustments',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
        sa.Column('chain_id', sa.String(length=40), nullable=False),
        sa.Column('member_id', sa.String(length=40), nullable=False),
        sa.Column('points', sa.BigInteger(), nullable=False),
        sa.Column('principal_fen', sa.BigInteger(), nullable=False),
        sa.Column('bonus_fen', sa.BigInteger(), nullable=False),
        sa.Column('reason', sa.String(length=200), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('requested_by', sa.String(length=64), nullable=False),
        sa.Column('requested_at', sa.DateTime(), nullable=False),
        sa.Column('decided_by', sa.String(length=64), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['chain_id'], ['chains.id']),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_member_adjustments_member_id', 'member_adjustments', ['member_id'])
    op.create_index('ix_member_adjustments_chain_status', 'member_adjustments', ['chain_id', 'status'])
    op.create_table(
        'member_tier_changes',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
        sa.Column('member_id', sa.String(length=40), nullable=False),
        sa.Column('from_tier', sa.String(length=16), nullable=True),
        sa.Column('to_tier', sa.String(length=16), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('by', sa.String(length=64), nullable=False),
        sa.Column('reason', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_member_tier_changes_member_id', 'member_tier_changes', ['member_id'])
    # member search (hq/services/member_admin.py): card, name prefix, the phone's last four digits
    op.create_index('ix_members_chain_card', 'members', ['chain_id', 'card_no'])
    op.create_index('ix_members_chain_name', 'members', ['chain_id', 'name'],
                    postgresql_ops={'name': 'text_pattern_ops'})
    op.execute('CREATE INDEX ix_members_chain_last4 ON members (chain_id, substr(phone, 8, 4))')
    # a member's receipts across stores: the events naming them (the expression as member_admin writes it)
    op.execute(f'CREATE INDEX ix_events_member_id ON events ({EVENT_MEMBER[op.get_bind().dialect.name]})')


def downgrade() -> None:
    op.drop_index('ix_events_member_id', 'events')
    op.drop_index('ix_members_chain_last4', 'members')
    op.drop_index('ix_members_chain_name', 'members')
    op.drop_index('ix_members_chain_card', 'members')
    op.drop_table('member_tier_changes')
    op.drop_table('member_adjustments')
    op.drop_table('rule_version_rows')
    op.drop_table('rule_versions')
    op.drop_table('rule_drafts')
