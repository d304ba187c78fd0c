"""the events table is HQ's record of sales, refunds and top-ups: the `sales` table, a copy of
what each event's payload already says, is dropped (one row and three index entries fewer per
sale at ingest); the ledgers' event_id columns, never looked up by, lose their indexes; the
foreign keys from events to tills and from the two ledgers to members go (ingest holds the till
and every member it writes for locked in the same transaction, and HQ never deletes either, so
the per-row checks only cost time: a third of the COPY's); PostgreSQL leaves a fifth of each new
members page free, so the balance updates of each push stay HOT (no index writes)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 04:00:00
"""
from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


# (table, column, referred table) of the foreign keys dropped
FOREIGN_KEYS = (('events', 'till_id', 'tills'), ('points_ledger', 'member_id', 'members'),
                ('stored_value_ledger', 'member_id', 'members'))
# SQLite's reflected foreign keys have no names: batch mode names them by this convention
SQLITE_NAMES = {"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == 'postgresql'
    with op.batch_alter_table('sales', schema=None) as batch_op:
        batch_op.drop_index('ix_sales_till_id')
        batch_op.drop_index('ix_sales_member_id')
    op.drop_table('sales')
    for table in ('points_ledger', 'stored_value_ledger'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f'ix_{table}_event_id')
    for table, column, referred in FOREIGN_KEYS:
        with op.batch_alter_table(table, schema=None, naming_convention=SQLITE_NAMES) as batch_op:
            name = f'{table}_{column}_fkey' if postgres else f'fk_{table}_{column}_{referred}'
            batch_op.drop_constraint(name, type_='foreignkey')
    if postgres:
        op.execute('ALTER TABLE members SET (fillfactor = 80)')


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == 'postgresql'
    if postgres:
        op.execute('ALTER TABLE members RESET (fillfactor)')
    for table, column, referred in FOREIGN_KEYS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            name = f'{table}_{column}_fkey' if postgres else f'fk_{table}_{column}_{referred}'
            batch_op.create_foreign_key(name, referred, [column], ['id'])
    for table in ('points_ledger', 'stored_value_ledger'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(f'ix_{table}_event_id', ['event_id'], unique=False)
    op.create_table('sales',
                    sa.Column('id', sa.String(length=40), nullable=False),
                    sa.Column('kind', sa.String(length=8), nullable=False),
                    sa.Column('till_id', sa.String(length=40), nullable=False),
                    sa.Column('receipt_no', sa.String(length=32), nullable=False),
                    sa.Column('member_id', sa.String(length=40), nullable=True),
                    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
                    sa.Column('at', sa.DateTime(), nullable=False),
                    sa.PrimaryKeyConstraint('id'))
    with op.batch_alter_table('sales', schema=None) as batch_op:
        batch_op.create_index('ix_sales_member_id', ['member_id'], unique=False)
        batch_op.create_index('ix_sales_till_id', ['till_id'], unique=False)
    # refill from the events, as ingest used to write them (member ids as the till sent them)
    rows = []
    for event_id, kind, till_id, payload, at in op.get_bind().execute(sa.text(
            "SELECT event_id, kind, till_id, payload, at FROM events WHERE kind IN ('sale', 'refund', 'top_up')")):
        p = json.loads(payload) if isinstance(payload, str) else payload
        if kind == 'sale':
            rows.append(dict(id=p['sale_id'], amount_fen=p['payable_fen']))
        elif kind == 'refund':
            rows.append(dict(id=p['refund_id'], amount_fen=-sum(t['amount_fen'] for t in p['tenders'])))
        else:
            rows.append(dict(id=event_id, amount_fen=p['principal_fen']))
        rows[-1].update(kind=kind, till_id=till_id, receipt_no=p['receipt_no'], member_id=p.get('member_id'), at=at)
    if rows:                                     # as the database returned them (SQLite: ISO text)
        op.get_bind().execute(sa.text("INSERT INTO sales (id, kind, till_id, receipt_no, member_id, amount_fen, at) "
                                      "VALUES (:id, :kind, :till_id, :receipt_no, :member_id, :amount_fen, :at)"), rows)
