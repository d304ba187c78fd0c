"""the console's staff accounts (argon2 password hash, role, store scope, optional TOTP secret,
lockout counters), their sessions (token hash, CSRF token), when each till was last heard from
(and its app version), how reconciliation items were resolved, and HQ's hash-chained audit log, which
the database itself keeps append-only (triggers refuse UPDATE and DELETE; someone who can drop
them can edit a row, and the hash chain then names it)

Revision ID: 0005_staff
Revises: 0004
Create Date: 2026-11-30 17:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005_staff'
down_revision = '0004'
branch_labels = None
depends_on = None


def _id() -> sa.String:
    return sa.String(length=40)


def upgrade() -> None:
    op.create_table(
        'staff',
        sa.Column('id', _id(), nullable=False),
        sa.Column('chain_id', _id(), nullable=False),
        sa.Column('username', sa.String(length=64), nullable=False),
        sa.Column('display_name', sa.String(length=64), nullable=False),
        sa.Column('role', sa.String(length=32), nullable=False),
        sa.Column('store_codes', sa.JSON(), nullable=False),
        sa.Column('password_hash', sa.String(length=200), nullable=False),
        sa.Column('totp_secret', sa.String(length=64), nullable=True),
        sa.Column('totp_last_step', sa.BigInteger(), nullable=False),
        sa.Column('failed_sign_ins', sa.Integer(), nullable=False),
        sa.Column('locked_until', sa.DateTime(), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['chain_id'], ['chains.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('username'),
    )
    op.create_index('ix_staff_chain_id', 'staff', ['chain_id'])
    op.create_table(
        'staff_sessions',
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('staff_id', _id(), nullable=False),
        sa.Column('csrf_token', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('client', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['staff_id'], ['staff.id']),
        sa.PrimaryKeyConstraint('token_hash'),
    )
    op.create_index('ix_staff_sessions_staff_id', 'staff_sessions', ['staff_id'])
    op.create_table(
        'hq_audit',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('chain_id', sa.String(length=40), nullable=False),
        sa.Column('staff_id', _id(), nullable=True),
        sa.Column('staff_name', sa.String(length=64), nullable=False),
        sa.Column('action', sa.String(length=48), nullable=False),
        sa.Column('target', sa.String(length=120), nullable=False),
        sa.Column('before', sa.JSON(), nullable=True),
        sa.Column('after', sa.JSON(), nullable=True),
        sa.Column('client', sa.String(length=64), nullable=False),
        sa.Column('prev_hash', sa.String(length=64), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('hash'),
    )
    op.create_index('ix_hq_audit_at', 'hq_audit', ['at'])
    op.create_index('ix_hq_audit_chain_id', 'hq_audit', ['chain_id'])
    op.create_index('ix_hq_audit_action', 'hq_audit', ['action'])
    op.create_table(
        'till_contacts',
        sa.Column('till_id', _id(), nullable=False),
        sa.Column('last_contact', sa.DateTime(), nullable=False),
        sa.Column('app_version', sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(['till_id'], ['tills.id']),
        sa.PrimaryKeyConstraint('till_id'),
    )
    op.create_table(
        'reconciliation_decisions',
        sa.Column('item_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('decision', sa.String(length=32), nullable=False),
        sa.Column('note', sa.String(length=500), nullable=False),
        sa.Column('staff_id', _id(), nullable=False),
        sa.Column('staff_name', sa.String(length=64), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['item_id'], ['reconciliation.id']),
        sa.PrimaryKeyConstraint('item_id'),
    )
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("""
            CREATE FUNCTION hq_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'hq_audit is append-only';
            END $$""")
        op.execute("CREATE TRIGGER hq_audit_append_only BEFORE UPDATE OR DELETE ON hq_audit "
                   "FOR EACH ROW EXECUTE FUNCTION hq_audit_append_only()")
    else:
        for verb in ('UPDATE', 'DELETE'):
            op.execute(f"CREATE TRIGGER hq_audit_no_{verb.lower()} BEFORE {verb} ON hq_audit "
                       "BEGIN SELECT RAISE(ABORT, 'hq_audit is append-only'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER hq_audit_append_only ON hq_audit")
        op.execute("DROP FUNCTION hq_audit_append_only()")
    op.drop_table('reconciliation_decisions')
    op.drop_table('till_contacts')
    op.drop_table('hq_audit')
    op.drop_table('staff_sessions')
    op.drop_table('staff')
