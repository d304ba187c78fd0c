"""points mall (issue 18, item 5): mall_items (gifts and coupons for points, stock, limit per
member) and mall_orders (redemptions and points → coupon exchanges, unique per member and
request key)

Revision ID: 0006_mall
Revises: 0005_bounds
Create Date: 2026-12-01 00:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006_mall'
down_revision = '0006_earn'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'mall_items',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('chain_id', sa.String(length=40), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('points', sa.Integer(), nullable=False),
        sa.Column('coupon_template', sa.String(length=32), nullable=True),
        sa.Column('valid_days', sa.Integer(), nullable=False),
        sa.Column('stock', sa.Integer(), nullable=False),
        sa.Column('per_member_limit', sa.Integer(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('stock >= 0 AND points > 0 AND per_member_limit >= 0', name='ck_mall_items_amounts'),
        sa.ForeignKeyConstraint(['chain_id'], ['chains.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('mall_items', schema=None) as batch_op:
        batch_op.create_index('ix_mall_items_chain_id', ['chain_id'], unique=False)
    op.create_table(
        'mall_orders',
        sa.Column('id', sa.String(length=40), nullable=False),
        sa.Column('chain_id', sa.String(length=40), nullable=False),
        sa.Column('member_id', sa.String(length=40), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('item_id', sa.String(length=32), nullable=False),
        sa.Column('item_name', sa.String(length=64), nullable=False),
        sa.Column('points', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('coupon_code', sa.String(length=32), nullable=True),
        sa.Column('request_key', sa.String(length=64), nullable=False),
        sa.Column('store_code', sa.String(length=16), nullable=False),
        sa.Column('till_id', sa.String(length=40), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('closed_at', sa.DateTime(), nullable=True),
        sa.Column('closed_by', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('member_id', 'request_key', name='uq_mall_orders_member_request'),
    )
    with op.batch_alter_table('mall_orders', schema=None) as batch_op:
        batch_op.create_index('ix_mall_orders_member_item', ['member_id', 'item_id'], unique=False)
        batch_op.create_index('ix_mall_orders_chain_status', ['chain_id', 'status', 'created_at'], unique=False)


def downgrade() -> None:
    op.drop_table('mall_orders')
    op.drop_table('mall_items')
