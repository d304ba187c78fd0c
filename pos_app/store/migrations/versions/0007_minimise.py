"""members minimised (issue 22): the till keeps the masked phone, a keyed hash of the phone, the
masked name and the birth month and day; the full phone, name and birthday are gone.

Done with ALTER TABLE alone (rename, add, drop column), never by rebuilding `members`: ledgers,
lots, sales and coupons refer to it, and SQLite cannot switch foreign keys off inside the
migration's transaction. `phone` becomes `phone_hash` (its UNIQUE constraint with it) and `name`
becomes `masked_name`; their values are replaced in the same transaction.

The hash needs the chain's look-up key, which an enrolled till receives from HQ (a `settings` row,
`phone_key`) only after this upgrade: such a till keeps a placeholder hash ('~' + id) and the
flag `member_hashes_refresh`, and its next sync reads HQ's members again (sync/till.py). A till
that is not enrolled (standalone, demo) makes its own key now. Acknowledged outbox events of
member registrations and edits lose their personal fields (HQ has them).

Revision ID: 0007_minimise
Revises: 0006
Create Date: 2026-12-01 00:00:00
"""
from __future__ import annotations

import json
import secrets

import sqlalchemy as sa
from alembic import op

revision = '0007_minimise'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from pos_app.domain import privacy

    bind = op.get_bind()
    rows = bind.exec_driver_sql("SELECT id, phone, name, birthday FROM members").all()
    with op.batch_alter_table("members", recreate="never") as batch:
        batch.alter_column("phone", new_column_name="phone_hash")
        batch.alter_column("name", new_column_name="masked_name")
        batch.add_column(sa.Column("masked_phone", sa.String(length=16), nullable=False, server_default=""))
        batch.add_column(sa.Column("birth_md", sa.String(length=5), nullable=True))
        batch.drop_column("birthday")
    key = _key(bind) if rows else None
    values = []
    for member_id, phone, name, birthday in rows:
        kept = privacy.minimised(key, phone or "", name or "", birthday)
        if phone is None or not phone.isdigit() or key is None:
            kept["phone_hash"] = privacy.placeholder_hash(member_id)
        if not (phone or "").isdigit():                 # a placeholder phone (a phone HQ gave away)
            kept["masked_phone"], kept["phone_last4"] = "****", ""
        values.append({**kept, "id": member_id})
    if values:
        bind.execute(sa.text("UPDATE members SET masked_phone = :masked_phone, phone_hash = :phone_hash, "
                             "phone_last4 = :phone_last4, masked_name = :masked_name, birth_md = :birth_md "
                             "WHERE id = :id"), values)
    events = bind.exec_driver_sql("SELECT seq, kind, payload FROM outbox WHERE acked = 1 AND kind IN "
                                  "('member_registered', 'member_edited')").all()
    for seq, kind, payload in events:
        bind.execute(sa.text("UPDATE outbox SET payload = :p WHERE seq = :seq"),
                     {"seq": seq, "p": json.dumps(privacy.scrubbed(kind, json.loads(payload)), ensure_ascii=False)})


def _key(bind) -> bytes | None:
    """The key to hash phones with now: a standalone till's own (made here); None when enrolled."""
    settings = dict(bind.exec_driver_sql("SELECT key, value FROM settings WHERE key IN ('sync', 'phone_key')").all())
    if settings.get("phone_key"):
        return bytes.fromhex(json.loads(settings["phone_key"]))
    if settings.get("sync") and (json.loads(settings["sync"]) or {}).get("token"):
        bind.execute(sa.text("INSERT INTO sync_state (key, value) VALUES ('member_hashes_refresh', '1') "
                             "ON CONFLICT (key) DO UPDATE SET value = '1'"))
        return None
    key = secrets.token_bytes(32)
    bind.execute(sa.text("INSERT INTO settings (key, value) VALUES ('phone_key', :v)"), {"v": json.dumps(key.hex())})
    return key


def downgrade() -> None:
    # the full phone, name and birthday are not at the till any more: only the shape comes back
    with op.batch_alter_table("members", recreate="never") as batch:
        batch.add_column(sa.Column("birthday", sa.Date(), nullable=True))
        batch.drop_column("birth_md")
        batch.drop_column("masked_phone")
        batch.alter_column("masked_name", new_column_name="name")
        batch.alter_column("phone_hash", new_column_name="phone")
