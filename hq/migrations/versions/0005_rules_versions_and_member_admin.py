"""rule publishing (drafts, numbered versions with their rows) and member administration
(adjustments awaiting approval, tier history, search indexes: card, name, phone's last four)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 17:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


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


def downgrade() -> None:
    op.drop_table('rule_version_rows')
    op.drop_table('rule_versions')
    op.drop_table('rule_drafts')
