"""members.referred_by indexed: the member app's invite page counts the friends a member brought
(hq/api/member_app.py), which at a million members must not read them all.

Revision ID: 0007_app
Revises: 0006_feed
Create Date: 2026-12-01 04:55:00
"""
from __future__ import annotations

from alembic import op

revision = '0007_app'
down_revision = '0006_feed'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_members_referred_by', 'members', ['referred_by'])


def downgrade() -> None:
    op.drop_index('ix_members_referred_by', table_name='members')
