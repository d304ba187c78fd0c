"""Applying a push batch of one till's events to HQ's ledgers, built for throughput: the coupons
a batch touches are read (and locked) in one query, each touched member's balances change by
one UPDATE of them all that adds the batch's deltas and returns the results, and ledger, event
and change rows are inserted in bulk (COPY on PostgreSQL). Registrations and profile edits
(rare) go first, in order, one by one. The event and ledger rows go in before the balance
UPDATE locks the members, so that concurrent pushes (HQ's workers) naming the same member wait
for each other only from that UPDATE to commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from operator import itemgetter
from typing import Any

from pydantic_core import to_json
from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from pos_app.domain import hlc
from sync.protocol import EDITABLE_FIELDS, VERIFIED_IDENTIFICATIONS, Event

from . import feed
from .base import HQError, resolve
from .models import (
    ApplierWork,
    CatalogueRow,
    ChangeRow,
    Coupon,
    CouponRedemption,
    EventRow,
    Member,
    MemberAlias,
    PointsEntry,
    ReconciliationItem,
    Store,
    StoredValueEntry,
    TillRow,
)
from .till_bounds import Allowance


def extra(payload: Any, name: str) -> Any:
    """A field a till sent beyond its kind's model (a till's lot ids, say), or None. Pydantic keeps
    those apart: `getattr` of one goes through the model's slow `__getattr__` (per event, it showed
    in a push's profile)."""
    return (payload.__pydantic_extra__ or {}).get(name)


def stored_payload(ev: Event, payload: Any) -> dict:
    """The event as HQ keeps it: a sale always states how its member was identified
    (`identified_by`, null from tills older than the field)."""
    if ev.kind == "sale" and "identified_by" not in ev.payload:
        return {**ev.payload, "identified_by": getattr(payload, "identified_by", None)}
    return ev.payload


def stored_payload_json(ev: Event, payload: Any) -> bytes:
    """`stored_payload` as JSON, from the payload's bytes encoded once as it was received
    (`Event.payload_json`), not encoded again: the `identified_by` a sale lacks is added as the
    last key (the same bytes as encoding `stored_payload`)."""
    encoded = ev.payload_json()
    if ev.kind == "sale" and "identified_by" not in ev.payload:
        added = b'"identified_by":' + to_json(getattr(payload, "identified_by", None))
        return encoded[:-1] + (b"," if ev.payload else b"") + added + b"}"
    return encoded


@dataclass
class Balance:
    """A member as a batch changes it: the deltas its events add up to, written back in one
    statement at the end (`settle`), which returns the member's chain and balances after them."""

    id: str
    first: tuple[int, str]  # (sequence, id as sent) of the first event naming the member
    points: int = 0  # deltas until settled, balances after
    principal_fen: int = 0
    bonus_fen: int = 0
    changed: bool = False
    chain_id: str | None = None


def bulk_insert(s: Session, model: Any, rows: list[dict]) -> None:
    """Insert many rows (of a model or a Core table): PostgreSQL's binary COPY (the fastest way
    in), else an executemany INSERT."""
    if not rows:
        return
    table = getattr(model, "__table__", model)
    if s.get_bind().dialect.name != "postgresql":
        s.execute(insert(table), rows)
        return
    from psycopg.types.json import set_json_dumps

    columns = list(rows[0])
    values_of = itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
    raw = s.connection().connection.dbapi_connection
    with raw.cursor() as cur:
        set_json_dumps(json_value, cur)  # JSON columns take the dicts as they are (this cursor only)
        with cur.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types([pg_type(table.columns[c], s.get_bind().dialect) for c in columns])
            if _format_row_binary is None:
                for row in rows:
                    copy.write_row(values_of(row))
                return
            # the rows formatted by psycopg's C formatter into one buffer, written as whole COPY
            # data (signature, rows, trailer): write_row's two Python layers cost more a row
            # than the formatting (a push's ~4 rows an event)
            transformer = copy.formatter.transformer
            data = bytearray(_COPY_SIGNATURE)
            for row in rows:
                _format_row_binary(values_of(row), transformer, data)
                if len(data) > _COPY_CHUNK:
                    copy.write(data)
                    data = bytearray()
            data += _COPY_TRAILER
            copy.write(data)


# psycopg's binary COPY row formatter (the C one with psycopg-binary); without it, write_row
try:
    from psycopg._copy_base import format_row_binary as _format_row_binary
except ImportError:  # pragma: no cover - another psycopg layout
    _format_row_binary = None
_COPY_SIGNATURE = b"PGCOPY\n\xff\r\n\0" + b"\x00\x00\x00\x00" + b"\x00\x00\x00\x00"  # header, flags, extension
_COPY_TRAILER = b"\xff\xff"
_COPY_CHUNK = 1 << 20


def json_value(value: Any) -> bytes:
    """A JSON column's value for COPY: a dict or list encoded; bytes are JSON already (an
    event's payload as received, `stored_payload_json`) and go as they are."""
    return value if value.__class__ is bytes else to_json(value)


@cache
def pg_type(column, dialect) -> str:
    """A column's PostgreSQL type as psycopg names it ("varchar(40)" -> "varchar")."""
    return column.type.compile(dialect=dialect).lower().split("(")[0].replace(" without time zone", "")


def json_ids(s: Session, param: str, path: str = "") -> str:
    """SQL for "is one of the ids in the JSON array :param" (an array of objects: their `path`
    field); on PostgreSQL `= ANY(array)`, so that the lookup is one index scan."""
    if s.get_bind().dialect.name == "postgresql":
        if path:
            return f"= ANY(ARRAY(SELECT {path} FROM json_to_recordset(CAST(:{param} AS json)) AS w({path} text)))"
        return f"= ANY(ARRAY(SELECT json_array_elements_text(CAST(:{param} AS json))))"
    return (
        f"IN (SELECT value ->> '{path}' FROM json_each(:{param}))"
        if path
        else f"IN (SELECT value FROM json_each(:{param}))"
    )


def settle_balances(s: Session, balances: list[Balance], chain_id: str) -> dict[str, tuple]:
    """Add each changed member's deltas to its row in one UPDATE (which also takes the row
    locks: no read-and-lock first) and read the unchanged ones; member id -> (chain, points,
    principal, bonus) after the batch, for the members that exist. The rows go as one JSON
    parameter (far cheaper to encode than arrays). The members' change-feed rows are written
    afterwards, once per store following each member (hq/feed.py), read after these locks."""
    out: dict[str, tuple] = {}
    postgres = s.get_bind().dialect.name == "postgresql"
    changed = sorted((m for m in balances if m.changed), key=lambda m: m.id)  # rows locked in id order
    if changed:
        rows = to_json([{"i": m.id, "p": m.points, "c": m.principal_fen, "b": m.bonus_fen} for m in changed])
        if postgres:
            source = "json_to_recordset(CAST(:rows AS json)) AS v(i text, p bigint, c bigint, b bigint)"
        else:
            source = (
                "(SELECT value ->> 'i' AS i, value ->> 'p' AS p, value ->> 'c' AS c, value ->> 'b' AS b "
                "FROM json_each(:rows)) AS v"
            )
        update_ = (
            "UPDATE members SET points = members.points + v.p, principal_fen = members.principal_fen + v.c, "
            f"bonus_fen = members.bonus_fen + v.b FROM {source} "
            f"WHERE members.id = v.i AND members.id {json_ids(s, 'rows', 'i')} "
            "RETURNING members.id, members.chain_id, members.points, members.principal_fen, members.bonus_fen"
        )
        out.update((r[0], r[1:]) for r in s.connection().execute(text(update_), {"rows": rows.decode()}).all())
    unchanged = [m.id for m in balances if not m.changed]
    if unchanged:
        out.update(
            (r[0], r[1:])
            for r in s.connection()
            .execute(
                text(
                    f"SELECT id, chain_id, points, principal_fen, bonus_fen FROM members WHERE id {json_ids(s, 'ids')}"
                ),
                {"ids": to_json(unchanged).decode()},
            )
            .all()
        )
    return out


def aliases_of(s: Session, ids: set[str]) -> dict[str, str]:
    """alias -> member, for the aliases among `ids` (sent as one JSON parameter)."""
    return dict(
        s.connection()
        .execute(
            text(f"SELECT alias_id, member_id FROM member_aliases WHERE alias_id {json_ids(s, 'ids')}"),
            {"ids": to_json(sorted(ids)).decode()},
        )
        .all()
    )


class Batch:
    """Applies a batch of one till's events to HQ's ledgers in the caller's transaction.

    Built for throughput (see the module's docstring): the events are handled in order,
    adding up ledger rows and each member's deltas; `settle` then writes the balances and
    checks the members; the rows go in last.
    """

    FIRST = ("member_registered", "member_edited")

    def __init__(self, s: Session, chain_id: str, till_id: str, now: datetime, store_code: str | None = None):
        self.s, self.chain_id, self.till_id, self.now = s, chain_id, till_id, now
        if store_code is None:
            store_code = s.scalar(
                select(Store.code).join(TillRow, TillRow.store_id == Store.id).where(TillRow.id == till_id)
            )
        self.store_code = store_code
        self.seen: set[str] = set()  # members registered or named here: the store follows them
        self.members: dict[str, Balance] = {}
        self.aliases: dict[str, str] = {}
        self.coupons: dict[str, Coupon | None] = {}
        self.rows: dict[type, list[dict]] = {}
        self.changes: dict[tuple[str, str], None] = {}
        self.owners: dict[tuple[str, str], str] = {}  # (kind, key) of a change -> its member, where known
        self.spent_by: dict[str, str] = {}  # member -> last event that took from its balance
        self.ev: Event | None = None
        from .lifecycle.at_ingest import Lifecycle

        self.lifecycle = Lifecycle(s, chain_id, now)  # points lots; the figures queued for the applier
        self.allowance = Allowance(s, chain_id, till_id, now)  # what this till may credit (defect 3)

    def apply(self, accepted: list) -> None:
        # on PostgreSQL the payloads go into COPY as the JSON bytes they arrived as (bulk_insert)
        stored = stored_payload_json if self.s.get_bind().dialect.name == "postgresql" else stored_payload
        self.add(
            EventRow,
            [
                dict(
                    event_id=ev.event_id,
                    till_id=self.till_id,
                    seq=ev.seq,
                    kind=ev.kind,
                    at=ev.at,
                    payload=stored(ev, p),
                    received_at=self.now,
                )
                for ev, p in accepted
            ],
        )
        first = [(ev, p) for ev, p in accepted if ev.kind in self.FIRST]
        rest = [(ev, p) for ev, p in accepted if ev.kind not in self.FIRST]
        for ev, payload in first:
            self.ev = ev
            if not self.allowance.may_send(ev.kind):
                self.reconcile("held_kind", None, ev.kind)
                continue
            getattr(self, f"on_{ev.kind}")(payload)
        if first:
            self.s.flush()
        self.prefetch([p for _, p in rest])
        for ev, payload in rest:
            self.ev = ev
            if not self.allowance.may_send(ev.kind):  # stored as received, held for review
                self.reconcile("held_kind", None, ev.kind)
                continue
            getattr(self, f"on_{ev.kind}")(payload)
        self.allowance.save()
        work = self.lifecycle.work()  # rollups, tier upgrades, benefits: the applier's (hq/applier.py)
        if work is not None:
            self.add(ApplierWork, dict(chain_id=self.chain_id, at=self.now, work=work))
        # the rows that do not depend on the balances go in before the members are locked (by
        # settle's UPDATE, held to commit): a concurrent push touching the same members waits less
        for model in (EventRow, PointsEntry, StoredValueEntry, CouponRedemption, ApplierWork):
            bulk_insert(self.s, model, self.rows.pop(model, []))
        # this store follows the members its tills named (before any member is locked: hq/feed.py)
        feed.follow(self.s, self.chain_id, self.store_code, self.seen | set(self.members), self.now)
        self.settle()
        self.apply_lifecycle()
        for model, rows in self.rows.items():
            bulk_insert(self.s, model, rows)
        if self.changes:  # the feed's lock last; members to their stores
            bulk_insert(
                self.s,
                ChangeRow,
                feed.fan_out(
                    self.s,
                    [dict(chain_id=self.chain_id, store_code="", kind=k, key=key) for k, key in self.changes],
                    self.owners,
                ),
            )

    def settle(self) -> None:
        """Write the members' balances; refuse the batch if an event names a member HQ does not
        have or one of another chain (the first such event, by sequence, is the error); record
        each balance a batch took below zero as a reconciliation item."""
        after = settle_balances(self.s, list(self.members.values()), self.chain_id)
        for member in sorted(self.members.values(), key=lambda m: m.first):
            seq, asked = member.first
            if member.id not in after:
                raise HQError(422, f"Event {seq}: unknown member {asked}")
            member.chain_id, member.points, member.principal_fen, member.bonus_fen = after[member.id]
            if member.chain_id != self.chain_id:
                raise HQError(403, f"Event {seq}: member {asked} belongs to another chain")
        for member_id, event_id in self.spent_by.items():
            member = self.members[member_id]
            if member.points < 0:
                self.reconcile("points_overdraw", member, event_id, event_id, balance=member.points)
            if member.principal_fen < 0 or member.bonus_fen < 0:
                self.reconcile(
                    "stored_value_overdraw",
                    member,
                    event_id,
                    event_id,
                    principal_fen=member.principal_fen,
                    bonus_fen=member.bonus_fen,
                )

    def apply_lifecycle(self) -> None:
        """The events' points lots (hq/lifecycle/lots.py), now that settle holds the members
        locked; a spend no lot could cover is a reconciliation item. (Rollups, tier upgrades and
        purchase benefits are the applier's, after commit: the queued `work` above.)"""
        for kind, key in self.lifecycle.apply():
            self.changed(kind, key)
        # the lots' owners, known here: the feed need not read them back (fan_out)
        self.owners.update((("points_lots", lot), m) for lot, m in self.lifecycle.lot_owners.items())
        for member_id, event_id, points in self.lifecycle.uncovered:
            self.reconcile("points_uncovered", self.members.get(member_id), event_id, event_id, points=points)

    def prefetch(self, payloads: list) -> None:
        fields = [vars(p) for p in payloads]  # a pydantic model's fields (getattr of a missing one is slow)
        wanted = {f["member_id"] for f in fields if f.get("member_id")} - set(self.aliases)
        if wanted:
            found = aliases_of(self.s, wanted)
            self.aliases.update({m: found.get(m, m) for m in wanted})
        codes = {c for f in fields for c in f.get("coupons") or f.get("coupons_restored") or ()}
        if codes:
            found = {
                c.code: c
                for c in self.s.scalars(
                    select(Coupon).where(Coupon.code.in_(sorted(codes))).order_by(Coupon.code).with_for_update()
                )
            }
            self.coupons.update({code: found.get(code) for code in codes})

    # helpers
    def add(self, model: type, rows: list[dict] | dict) -> None:
        self.rows.setdefault(model, []).extend(rows if isinstance(rows, list) else [rows])

    def member(self, member_id: str | None) -> Balance | None:
        if member_id is None:
            return None
        key = self.aliases.get(member_id)
        if key is None:
            key = self.aliases[member_id] = resolve(self.s, member_id)
        member = self.members.get(key)
        if member is None:  # checked, and its balances read, in settle()
            member = self.members[key] = Balance(key, (self.ev.seq, member_id))
        return member

    def coupon(self, code: str) -> Coupon | None:
        if code not in self.coupons:
            self.coupons[code] = self.s.get(Coupon, code, with_for_update=True)
        return self.coupons[code]

    def changed(self, kind: str, key: str) -> None:
        self.changes[(kind, key)] = None

    def points(self, member: Balance, delta: int, kind: str, ref: str) -> bool:
        """Apply a change of a member's points; False when a credit passes the till's bound and is
        held for review instead (then nothing follows from it: no lot, no balance)."""
        if delta > 0 and not self.allowance.credit_points(self.ev.event_id, delta):
            self.reconcile("credit_held", member, ref, event_kind=self.ev.kind, points=delta)
            return False
        if delta:
            self.add(
                PointsEntry,
                dict(member_id=member.id, delta=delta, kind=kind, ref=ref, event_id=self.ev.event_id, at=self.ev.at),
            )
            member.points += delta
            member.changed = True
            if delta < 0:
                self.spent_by[member.id] = self.ev.event_id
        return True

    def stored_value(self, member: Balance, principal: int, bonus: int, kind: str, ref: str) -> None:
        if (principal > 0 or bonus > 0) and not self.allowance.credit_stored_value(
            self.ev.event_id, max(principal, 0) + max(bonus, 0)
        ):
            self.reconcile(
                "credit_held", member, ref, event_kind=self.ev.kind, principal_fen=principal, bonus_fen=bonus
            )
            return
        if principal or bonus:
            self.add(
                StoredValueEntry,
                dict(
                    member_id=member.id,
                    principal_fen=principal,
                    bonus_fen=bonus,
                    kind=kind,
                    ref=ref,
                    event_id=self.ev.event_id,
                    at=self.ev.at,
                ),
            )
            member.principal_fen += principal
            member.bonus_fen += bonus
            member.changed = True
            if principal < 0 or bonus < 0:
                self.spent_by[member.id] = self.ev.event_id

    def reconcile(
        self, kind: str, member: Balance | Member | None, ref: str, event_id: str | None = None, **detail: Any
    ) -> None:
        self.add(
            ReconciliationItem,
            dict(
                kind=kind,
                member_id=member.id if member else None,
                ref=ref,
                event_id=event_id or self.ev.event_id,
                till_id=self.till_id,
                detail=detail,
                created_at=self.now,
                resolved=False,
            ),
        )

    # event kinds
    def on_sale(self, p) -> None:
        member = self.member(p.member_id)
        if (
            member is not None
            and p.identified_by is not None
            and p.identified_by not in VERIFIED_IDENTIFICATIONS
            and (p.points_spent or p.stored_value is not None)
        ):
            # a till must not let an unverified identity spend; one that did is looked at by a person
            self.reconcile("unverified_spend", member, p.receipt_no, sale_id=p.sale_id, identified_by=p.identified_by)
        if member is not None:
            self.points(member, -p.points_spent, "spend", p.receipt_no)
            credited = self.points(member, p.points_earned, "earn", p.receipt_no)
            day = self.ev.at.date()
            if p.points_spent > 0:  # (a spend or credit of no points takes or makes no lot)
                self.lifecycle.add(
                    "spend", member.id, p.points_spent, day, p.sale_id, extra(p, "points_lots"), self.ev.event_id
                )
            if p.points_earned > 0 and credited:  # (points held for review make no lot either)
                self.lifecycle.add(
                    "credit",
                    member.id,
                    p.points_earned,
                    day,
                    p.receipt_no,
                    p.sale_id,
                    extra(p, "lot_id") or self.ev.event_id,
                )
            self.lifecycle.sale_day(member.id, day, p.payable_fen, p.points_earned, 1)
            self.lifecycle.basket(member.id, self.store_code, p.payable_fen, p.lines)
            if p.stored_value is not None:
                self.stored_value(
                    member, -p.stored_value.principal_fen, -p.stored_value.bonus_fen, "spend", p.receipt_no
                )
            self.changed("members", member.id)
        for code in p.coupons:
            coupon = self.coupon(code)
            self.add(
                CouponRedemption,
                dict(
                    code=code,
                    sale_id=p.sale_id,
                    till_id=self.till_id,
                    event_id=self.ev.event_id,
                    at=self.ev.at,
                    reversed=False,
                ),
            )
            if coupon is None:
                self.reconcile("coupon_unknown", member, code, sale_id=p.sale_id)
                continue
            if coupon.status == "used":
                self.reconcile("coupon_reused", member, code, sale_id=p.sale_id, first_sale_id=coupon.used_sale_id)
            else:
                coupon.status, coupon.used_sale_id = "used", p.sale_id
            self.changed("member_coupons", code)

    def on_refund(self, p) -> None:
        member = self.member(p.member_id)
        if member is not None:
            restored = self.points(member, p.points_restored, "refund_back", p.receipt_no)
            self.points(member, -p.points_reversed, "reverse", p.receipt_no)
            day = self.ev.at.date()
            if restored:  # (points held for review give no lot back)
                self.lifecycle.add("restore", member.id, p.sale_id, p.points_restored, day, p.receipt_no)
            self.lifecycle.add("drop_till_lot", member.id, extra(p, "lot_id"))
            self.lifecycle.add("take_back", member.id, p.points_reversed, day, p.sale_id, self.ev.event_id)
            self.lifecycle.sale_day(member.id, day, -sum(t.amount_fen for t in p.tenders), -p.points_reversed, 0)
            for t in p.tenders:
                if t.tender == "stored_value":
                    self.stored_value(member, t.principal_fen, t.bonus_fen, "refund", p.receipt_no)
            self.changed("members", member.id)
        for code in p.coupons_restored:
            coupon = self.coupon(code)
            if coupon is not None and coupon.used_sale_id == p.sale_id:
                coupon.status, coupon.used_sale_id = "issued", None
                self.changed("member_coupons", code)
            for row in self.rows.get(CouponRedemption, []):  # redeemed earlier in this batch
                if row["code"] == code and row["sale_id"] == p.sale_id:
                    row["reversed"] = True
            self.s.execute(
                update(CouponRedemption)
                .where(CouponRedemption.code == code, CouponRedemption.sale_id == p.sale_id)
                .values(reversed=True)
            )

    def on_top_up(self, p) -> None:
        member = self.member(p.member_id)
        self.stored_value(member, p.principal_fen, p.bonus_fen, "top_up", p.receipt_no)
        self.changed("members", member.id)

    def on_points_redeemed(self, p) -> None:
        member = self.member(p.member_id)
        self.points(member, -abs(p.points), "gift", self.ev.event_id)
        self.lifecycle.add(
            "spend",
            member.id,
            abs(p.points),
            self.ev.at.date(),
            self.ev.event_id,
            extra(p, "lots"),
            self.ev.event_id,
        )
        self.changed("members", member.id)

    def on_mall_order_handed_over(self, p) -> None:
        from .lifecycle.mall import handed_over_at_till

        handed_over_at_till(self, p)

    def on_points_adjusted(self, p) -> None:
        member = self.member(p.member_id)
        self.points(member, p.points, "adjust", self.ev.event_id)
        if p.points > 0:
            self.lifecycle.add("credit", member.id, p.points, self.ev.at.date(), "adjust", self.ev.event_id)
        else:
            self.lifecycle.add(
                "spend", member.id, -p.points, self.ev.at.date(), self.ev.event_id, None, self.ev.event_id
            )
        self.changed("members", member.id)

    def on_member_registered(self, p) -> None:
        existing = self.s.scalar(select(Member).where(Member.chain_id == self.chain_id, Member.phone == p.phone))
        if self.s.get(MemberAlias, p.member_id) is not None or self.s.get(Member, p.member_id) is not None:
            return  # the same registration seen through another path
        if existing is not None:
            # registered offline for a phone HQ already knows: one member, the other an alias
            self.s.add(MemberAlias(alias_id=p.member_id, member_id=existing.id))
            self.reconcile("phone_merged", existing, p.member_id, phone_last4=p.phone[-4:])
            self.seen.add(existing.id)
            self.changed("aliases", p.member_id)
            self.changed("members", existing.id)
            return
        stamp = p.hlc or hlc.format_hlc(int(self.ev.at.timestamp() * 1000), 0, self.till_id[:8])
        self.s.add(
            Member(
                id=p.member_id,
                chain_id=self.chain_id,
                phone=p.phone,
                card_no=None,
                name=p.name,
                birthday=p.birthday,
                tier_code=self._entry_tier(),
                consent=True,
                consent_at=datetime.fromisoformat(p.consent_at) if p.consent_at else self.ev.at,
                custom={},
                public_key=None,
                points=0,
                principal_fen=0,
                bonus_fen=0,
                clocks=dict.fromkeys(EDITABLE_FIELDS, stamp),
                created_at=self.ev.at,
            )
        )
        self.s.flush()
        self.changed("members", p.member_id)
        self.seen.add(p.member_id)
        from .lifecycle.benefits import on_registration

        for kind, key in on_registration(self.s, self.chain_id, p.member_id, self.ev.at):
            self.changed(kind, key)

    def _entry_tier(self) -> str:
        tiers = self.s.scalars(
            select(CatalogueRow).where(CatalogueRow.chain_id == self.chain_id, CatalogueRow.kind == "tiers")
        ).all()
        return min(tiers, key=lambda t: t.data.get("rank", 0)).key if tiers else "regular"

    def on_member_edited(self, p) -> None:
        member = self.s.get(Member, resolve(self.s, p.member_id), with_for_update=True)
        if member is None:
            raise HQError(422, f"Event {self.ev.seq}: unknown member {p.member_id}")
        if member.chain_id != self.chain_id:
            raise HQError(403, f"Event {self.ev.seq}: member {p.member_id} belongs to another chain")
        clocks = dict(member.clocks or {})
        for field, value in p.fields.items():
            if field not in EDITABLE_FIELDS:
                raise HQError(422, f"Event {self.ev.seq}: {field} cannot be edited at a till")
            if hlc.newer(p.hlc, clocks.get(field)):
                if field == "phone":
                    clash = self.s.scalar(
                        select(Member).where(
                            Member.chain_id == self.chain_id, Member.phone == value, Member.id != member.id
                        )
                    )
                    if clash is not None:
                        self.reconcile("phone_conflict", member, value[-4:] if value else "")
                        continue
                setattr(member, field, value)
                clocks[field] = p.hlc
        member.clocks = clocks
        self.changed("members", member.id)
        self.seen.add(member.id)

    def on_coupon_used(self, p) -> None:
        return None

    def on_shift_closed(self, p) -> None:
        return None

    def on_rule_rejected(self, p) -> None:
        """A till left out a rule it could not parse: the event itself (kept in the events
        table) is the report; HQ-side validation of rules is its own work."""
        return None
