"""members indexed by (chain_id, id): snapshot pages read a chain's members in id order

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 20:25:00
"""
from __future__ import annotations

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_index('ix_members_chain_id')
        batch_op.create_index('ix_members_chain_id_id', ['chain_id', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_index('ix_members_chain_id_id')
        batch_op.create_index('ix_members_chain_id', ['chain_id'], unique=False)
