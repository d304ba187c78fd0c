"""events.at indexed: the nightly store-day rollup (`daily_rollups`, hq/jobs/lifecycle_jobs.py)
reads one day's events, which at 20M events a year must not read them all (issue 19's bench at
1M members: the day's 60k sales found by this index instead of a scan of the whole table).

Revision ID: 0008_analytics1m
Revises: 0007_segments
Create Date: 2026-12-01 10:20:00
"""
from __future__ import annotations

from alembic import op

revision = '0008_analytics1m'
down_revision = '0007_segments'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_events_at', 'events', ['at'])


def downgrade() -> None:
    op.drop_index('ix_events_at', table_name='events')
