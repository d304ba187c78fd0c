"""Snapshots for new tills: the whole chain as columnar pages, instead of the change feed.

A till at cursor 0 would otherwise replay one change per row (3.7 M rows for 200k products and
1M members) through per-row dicts and schemas. Here each kind is read in key order with plain
Core queries (members, lots and coupons as the driver's tuples: `_tuples`) and sent as `columns`
+ `rows` (`page_json`); the till upserts a page with one statement (sync/bootstrap.py).
Consistency: the snapshot starts by reading the change feed's high-water mark; rows read later
may be newer than it, and every change after it is pulled afterwards anyway (changes carry the
current data, so applying one twice is harmless).

Members, their coupons and points lots: only those the till's store follows (hq/feed.py).

Catalogue rows may exist chain-wide (store_code '') and for the till's store: the store's row
wins, as a store's own price or setting overrides the chain's.
"""

from __future__ import annotations

import json
import weakref
from typing import Any

import pydantic_core
from sqlalchemy import Date, Select, Text, cast, func, or_, select
from sqlalchemy.orm import Session

from pos_app.domain import privacy
from sync.protocol import SNAPSHOT_KINDS, SnapshotPage, SnapshotStart

from .base import HQError
from .collector import collector_paused
from .models import CatalogueRow, ChangeRow, Coupon, Member, StoreMember

# a member as a till receives them: minimised (pos_app/domain/privacy.py, issue 22). The full
# phone, name and birthday never leave HQ for a till: the masked phone and name, the phone's keyed
# hash (HMAC with the chain's look-up key, `phone_key`), its last four digits, birth month and day
MEMBER_COLUMNS = [
    "id",
    "masked_phone",
    "phone_hash",
    "phone_last4",
    "card_no",
    "masked_name",
    "birth_md",
    "tier_code",
    "consent",
    "consent_at",
    "provisional",
    "hq_points",
    "hq_principal_fen",
    "hq_bonus_fen",
    "public_key",
    "created_at",
]
# HQ's own reading of a member (HQ.member): the full row, never sent to a till
FULL_MEMBER_COLUMNS = [
    "id",
    "phone",
    "phone_last4",
    "card_no",
    "name",
    "birthday",
    "tier_code",
    "consent",
    "consent_at",
    "provisional",
    "hq_points",
    "hq_principal_fen",
    "hq_bonus_fen",
    "public_key",
    "created_at",
]
COUPON_COLUMNS = ["code", "member_id", "template_id", "valid_from", "valid_to", "status", "used_sale_id"]
PHONE_KEY = "phone_key"  # the chain's look-up key: a `settings` row every till of the chain receives


def member_values(
    key: bytes | None,
    m_id,
    phone,
    card,
    name,
    birthday,
    tier,
    consent,
    consent_at,
    points,
    principal,
    bonus,
    public_key,
    created,
) -> list:
    """A member in the till's `members` row shape (MEMBER_COLUMNS order), minimised, with HQ's
    balances; date-times as ISO text. The change feed and the snapshot both send members this way.
    Without the chain's key (a chain HQ has not given one yet) the hash is a placeholder."""
    digits = phone.isdigit()
    hashed = privacy.phone_hash(key, phone) if key and digits else privacy.placeholder_hash(m_id)
    return [
        m_id,
        privacy.mask_phone(phone) if digits else "****",
        hashed,
        phone[-4:] if digits else "",
        card,
        privacy.mask_name(name or "") or privacy.mask_phone(phone),
        privacy.birth_md(birthday),
        tier,
        consent,
        consent_at,
        False,
        points,
        principal,
        bonus,
        public_key,
        created,
    ]


def member_rows(key: bytes | None, found) -> list[list]:
    """`member_values` for a page of members (rows read with SNAPSHOT_MEMBER_SELECT through
    `_tuples`: the consent as the database gives it, 0/1 in SQLite, made a boolean here), as one
    loop: the phone hasher keyed once (privacy.phone_hasher), no call per row but the masks. The
    snapshot's member pages are HQ's side of a bootstrap (1M members); same values as the feed's
    (tests/sync/test_snapshot.py compares the two)."""
    hasher = privacy.phone_hasher(key) if key else None
    mask_phone, mask_name, birth_md, placeholder = (
        privacy.mask_phone,
        privacy.mask_name,
        privacy.birth_md,
        privacy.placeholder_hash,
    )
    out: list[list] = []
    append = out.append
    for (
        m_id,
        phone,
        card,
        name,
        birthday,
        tier,
        consent,
        consent_at,
        points,
        principal,
        bonus,
        public_key,
        created,
    ) in found:
        digits = phone.isdigit()
        masked = mask_phone(phone) if digits else "****"
        append(
            [
                m_id,
                masked,
                hasher(phone) if hasher is not None and digits else placeholder(m_id),
                phone[-4:] if digits else "",
                card,
                (mask_name(name) if name else "") or mask_phone(phone),
                birth_md(birthday),
                tier,
                None if consent is None else bool(consent),
                consent_at,
                False,
                points,
                principal,
                bonus,
                public_key,
                created,
            ]
        )
    return out


def member_dict(key: bytes | None, row) -> dict:
    """A member read with MEMBER_SELECT as the change feed sends it (MEMBER_COLUMNS: value)."""
    return dict(zip(MEMBER_COLUMNS, member_values(key, *row)))


def full_member_dict(row) -> dict:
    """A member read with MEMBER_SELECT as HQ itself reads it (FULL_MEMBER_COLUMNS)."""
    m_id, phone, card, name, birthday, tier, consent, consent_at, points, principal, bonus, public_key, created = row
    return dict(
        zip(
            FULL_MEMBER_COLUMNS,
            [
                m_id,
                phone,
                phone[-4:],
                card,
                name,
                birthday,
                tier,
                consent,
                consent_at,
                False,
                points,
                principal,
                bonus,
                public_key,
                created,
            ],
        )
    )


_phone_keys: weakref.WeakKeyDictionary[Any, dict[str, bytes]] = weakref.WeakKeyDictionary()  # engine -> chain -> key


def phone_key(s: Session, chain_id: str) -> bytes | None:
    """The chain's phone look-up key (None until HQ made one: HQ.ensure_phone_key). A key, once
    made, is never replaced (HQ._add_phone_key keeps an existing one), so this process keeps it
    after the first read: every pull of members needs it."""
    known = _phone_keys.setdefault(s.get_bind(), {})
    if chain_id in known:
        return known[chain_id]
    data = s.scalar(
        select(CatalogueRow.data).where(
            CatalogueRow.chain_id == chain_id,
            CatalogueRow.kind == "settings",
            CatalogueRow.key == PHONE_KEY,
            CatalogueRow.store_code == "",
        )
    )
    key = bytes.fromhex(data["value"]) if data and data.get("value") else None
    if key is not None:
        known[chain_id] = key
    return key


def start(s: Session, chain_id: str) -> SnapshotStart:
    cursor = s.scalar(select(func.max(ChangeRow.seq)).where(ChangeRow.chain_id == chain_id)) or 0
    return SnapshotStart(cursor=cursor, kinds=list(SNAPSHOT_KINDS))


def page(s: Session, chain_id: str, store_code: str, kind: str, after: str, limit: int) -> SnapshotPage:
    if kind not in SNAPSHOT_KINDS:
        raise HQError(404, f"No snapshot of {kind[:40]!r}: kinds are {', '.join(SNAPSHOT_KINDS)}")
    with collector_paused():
        if kind == "members":
            return _members(s, chain_id, store_code, after, limit)
        if kind == "member_coupons":
            return _coupons(s, chain_id, store_code, after, limit)
        if kind == "points_lots":
            return _lots(s, chain_id, store_code, after, limit)
        if kind == "mall_orders":
            return _mall_orders(s, chain_id, after, limit)
        return _catalogue(s, chain_id, store_code, kind, after, limit)


def page_json(page: SnapshotPage) -> bytes:
    """A page as the tills' API sends it (SnapshotPage's JSON, the same bytes as
    `model_dump_json`), its rows as `page` built them: tuples straight from the database cursor
    (`_tuples`) are written as arrays, with no copy into lists and no per-row type check."""
    return pydantic_core.to_json({name: getattr(page, name) for name in SnapshotPage.model_fields})


def _tuples(s: Session, statement: Select) -> list[tuple]:
    """The rows of `statement` as the database driver returns them (tuples, no SQLAlchemy Row or
    result processing), in the session's transaction: a bootstrap reads 3.7 M rows, and building
    a Row per row (and a list from it) cost HQ more than the query itself. Date-times are read as
    text (`_text`); booleans come as the driver gives them (SQLite: 0/1; see member_rows)."""
    connection = s.connection()
    compiled = statement.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    raw = connection.connection.dbapi_connection
    assert raw is not None  # a live session's connection
    cursor = raw.cursor()
    try:
        if compiled.positional:
            cursor.execute(str(compiled), tuple(params[name] for name in compiled.positiontup or ()))
        else:
            cursor.execute(str(compiled), params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _text(column):
    """A date-time read as the database's own text ('YYYY-MM-DD HH:MM:SS[.ffffff]', which the till
    reads with fromisoformat) rather than parsed into a datetime only to be formatted again."""
    return cast(column, Text)


# what member_values() takes, read as plain columns (no ORM objects, no JSON columns parsed):
# the snapshot's pages and the change feed's member rows both read members this way
MEMBER_SELECT = (
    Member.id,
    Member.phone,
    Member.card_no,
    Member.name,
    Member.birthday,
    Member.tier_code,
    Member.consent,
    _text(Member.consent_at),
    Member.points,
    Member.principal_fen,
    Member.bonus_fen,
    Member.public_key,
    _text(Member.created_at),
)
# the snapshot's pages read the birthday as the database's text too ('YYYY-MM-DD': birth_md
# takes the month and day), not parsed into a date per member
SNAPSHOT_MEMBER_SELECT = tuple(_text(c) if c is Member.birthday else c for c in MEMBER_SELECT)
COUPON_SELECT = (
    Coupon.code,
    Coupon.member_id,
    Coupon.template_id,
    _text(Coupon.valid_from),
    _text(Coupon.valid_to),
    Coupon.status,
    Coupon.used_sale_id,
)  # COUPON_COLUMNS order


def _followed(store_code: str, member_id, chain_id: str | None = None):
    """The row's member is one this store follows (hq/feed.py): a store's snapshot holds only
    those. A correlated EXISTS (one key look-up per row), not `IN (the store's members)`, which
    SQLite built as a list of every member the store follows for every page. With `chain_id`,
    followed by the store of that chain: a follow is written only for a member of the store's own
    chain (feed.follow's callers: a push naming another chain's member is refused and rolled back
    with its follows), so this is the member's chain, without a look-up of the member itself."""
    found = select(StoreMember.member_id).where(
        StoreMember.member_id == member_id, StoreMember.store_code == store_code
    )
    if chain_id is not None:
        found = found.where(StoreMember.chain_id == chain_id)
    return found.exists()


def _members(s: Session, chain_id: str, store_code: str, after: str, limit: int) -> SnapshotPage:
    found = _tuples(
        s,
        select(*SNAPSHOT_MEMBER_SELECT)
        .where(Member.chain_id == chain_id, Member.id > after, _followed(store_code, Member.id))
        .order_by(Member.id)
        .limit(limit),
    )
    key = phone_key(s, chain_id)
    return SnapshotPage.model_construct(
        kind="members",
        columns=MEMBER_COLUMNS,
        rows=member_rows(key, found),
        after=found[-1][0] if len(found) == limit else None,
    )


def _coupons(s: Session, chain_id: str, store_code: str, after: str, limit: int) -> SnapshotPage:
    found = _tuples(
        s,
        select(*COUPON_SELECT)
        .where(
            Coupon.chain_id == chain_id,
            Coupon.code > after,
            or_(Coupon.member_id.is_(None), _followed(store_code, Coupon.member_id)),
        )
        .order_by(Coupon.code)
        .limit(limit),
    )
    return SnapshotPage.model_construct(
        kind="member_coupons",
        columns=COUPON_COLUMNS,
        rows=found,  # tuples: written by page_json
        after=found[-1][0] if len(found) == limit else None,
    )


def _catalogue(s: Session, chain_id: str, store_code: str, kind: str, after: str, limit: int) -> SnapshotPage:
    scope = (
        CatalogueRow.chain_id == chain_id,
        CatalogueRow.kind == kind,
        CatalogueRow.store_code.in_(("", store_code)),
    )
    columns_ = (CatalogueRow.key, CatalogueRow.store_code, cast(CatalogueRow.data, Text))
    found = _tuples(  # the driver's tuples: no Row per row
        s,
        select(*columns_)
        .where(*scope, CatalogueRow.key > after)
        .order_by(CatalogueRow.key, CatalogueRow.store_code)
        .limit(limit),
    )
    full = len(found) == limit
    if full:  # the last key's store row may have fallen just past the limit: finish that key
        last_key, last_scope = found[-1][0], found[-1][1]
        found += _tuples(
            s, select(*columns_).where(*scope, CatalogueRow.key == last_key, CatalogueRow.store_code > last_scope)
        )
    data: dict[str, dict] = {}
    for (key, _scope, _text), row in zip(found, _parsed_all([text for _, _, text in found])):
        data[key] = row  # '' sorts first, so the store's own row wins
    columns = sorted({c for row in data.values() for c in row})
    order = tuple(next(iter(data.values()), {}))
    if sorted(order) == columns:  # rows written by one writer share one key order
        columns = list(order)
        rows = [list(row.values()) if tuple(row) == order else [row.get(c) for c in columns] for row in data.values()]
    else:
        rows = [[row.get(c) for c in columns] for row in data.values()]
    return SnapshotPage.model_construct(kind=kind, columns=columns, rows=rows, after=found[-1][0] if full else None)


def _parsed_all(texts: list[str]) -> list:
    """Each of `texts` (HQ's own JSON column, one object each) parsed, in one call to the decoder
    for the whole page (as the items of one JSON array): a call per row was half of HQ's CPU
    for a catalogue page (200k products). A text that is not one JSON value is parsed alone."""
    if not texts:
        return []
    try:
        values = json.loads("[" + ",".join(texts) + "]")
    except (TypeError, ValueError):
        values = None
    if not isinstance(values, list) or len(values) != len(texts):  # e.g. '1, 2' would be two
        values = [json.loads(text) for text in texts]
    return values


def _lots(s: Session, chain_id: str, store_code: str, after: str, limit: int) -> SnapshotPage:
    """HQ's points lots with points left (hq/lifecycle/lots.py), in the till's row shape."""
    from .lifecycle.lots import LOT_COLUMNS
    from .models import PointsLot

    # dates as the database's text ('YYYY-MM-DD'), not parsed and formatted again; the lots read
    # in key order with their member checked per row (one EXISTS: followed by this chain's
    # store, which is the member's chain; a look-up of the member too cost HQ ~0.6 µs a lot)
    columns_ = [_text(c) if isinstance(c.type, Date) else c for c in (getattr(PointsLot, c) for c in LOT_COLUMNS)]
    found = _tuples(
        s,
        select(*columns_)
        .where(PointsLot.id > after, PointsLot.remaining > 0, _followed(store_code, PointsLot.member_id, chain_id))
        .order_by(PointsLot.id)
        .limit(limit),
    )
    return SnapshotPage.model_construct(
        kind="points_lots",
        columns=LOT_COLUMNS,
        rows=found,  # tuples: written by page_json
        after=found[-1][0] if len(found) == limit else None,
    )


def _mall_orders(s: Session, chain_id: str, after: str, limit: int) -> SnapshotPage:
    """The points mall's pending gift orders (hq/lifecycle/mall.py), in the till's row shape."""
    from .lifecycle.mall import ORDER_COLUMNS, till_row
    from .models_mall import MallOrder

    found = list(
        s.scalars(
            select(MallOrder)
            .where(MallOrder.chain_id == chain_id, MallOrder.status == "pending", MallOrder.id > after)
            .order_by(MallOrder.id)
            .limit(limit)
        )
    )
    return SnapshotPage.model_construct(
        kind="mall_orders",
        columns=ORDER_COLUMNS,
        rows=[[till_row(o)[c] for c in ORDER_COLUMNS] for o in found],
        after=found[-1].id if len(found) == limit else None,
    )
