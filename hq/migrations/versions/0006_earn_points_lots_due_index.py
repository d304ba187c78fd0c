"""points_lots: a partial index of the lots with points left, by member and expiry date, so the
expiry job reads each range of members' lapsing lots by one index range (the (expires_on,
member_id) index made every chunk scan all lots due by the day: quadratic over a chain).

Revision ID: 0006_earn
Revises: 0005_bounds
Create Date: 2026-12-01 00:10:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006_earn'
down_revision = '0005_bounds'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_points_lots_due', 'points_lots', ['member_id', 'expires_on'], unique=False,
                    postgresql_where=sa.text('remaining > 0'), sqlite_where=sa.text('remaining > 0'))


def downgrade() -> None:
    op.drop_index('ix_points_lots_due', table_name='points_lots')
