"""HQ's use cases, independent of HTTP: enrolment, authentication, push (store each event once
and apply it in the same transaction), pull (the change feed), catalogue, reconciliation.

`HQError(status, detail)` is what callers turn into an HTTP answer; nothing is written when one
is raised inside a use case (the transaction rolls back).
"""
from __future__ import annotations

import hashlib
import secrets
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable, Iterator

from pydantic import ValidationError
from sqlalchemy import JSON, create_engine, event, func, insert, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from pos_app.domain import hlc
from sync.protocol import (EDITABLE_FIELDS, PAYLOADS, Change, EnrolRequest, EnrolResponse, Event, PullResponse,
                           PushRequest, PushResponse, MAX_PAGE)

from .models import (Base, CatalogueRow, Chain, ChangeRow, Coupon, CouponRedemption, EnrolmentCode, EventRow,
                     Member, MemberAlias, PointsEntry, ReconciliationItem, SaleRow, StoredValueEntry, Store, TillRow)


CATALOGUE_KINDS = {"categories", "products", "barcodes", "promotions", "coupon_templates", "tiers", "topup_plans",
                   "gifts", "settings", "cashiers", "points_lots"}


class HQError(Exception):
    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_id() -> str:
    return str(uuid.uuid4())


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(conn, _record):
            cur = conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()
            conn.isolation_level = None          # we issue BEGIN IMMEDIATE ourselves

        @event.listens_for(engine, "begin")
        def _begin(conn):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        return engine
    return create_engine(url, pool_size=20, max_overflow=20, pool_recycle=1800)



class HQ:
    """The member cloud's core. `clock` gives naive local time (tests pass their own)."""

    def __init__(self, url: str, clock: Callable[[], datetime] = datetime.now, create: bool = True):
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.snapshot_sessions = (sessionmaker(self.engine.execution_options(isolation_level="REPEATABLE READ"),
                                               expire_on_commit=False)
                                  if self.engine.dialect.name == "postgresql" else self.sessions)
        self.clock = clock
        if create:
            upgrade(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def tx(self, repeatable: bool = False) -> Iterator[Session]:
        with (self.snapshot_sessions if repeatable else self.sessions)() as s:
            with s.begin():
                yield s

    # ---- administration -------------------------------------------------------------------------
    def create_chain(self, name: str, chain_id: str | None = None) -> str:
        with self.tx() as s:
            chain = Chain(id=chain_id or new_id(), name=name)
            s.add(chain)
        return chain.id

    def create_store(self, chain_id: str, code: str, name: str) -> str:
        with self.tx() as s:
            if s.get(Chain, chain_id) is None:
                raise HQError(404, f"No chain {chain_id}")
            if s.scalar(select(Store).where(Store.code == code)):
                raise HQError(409, f"Store code {code} is taken")
            store = Store(id=new_id(), chain_id=chain_id, code=code, name=name)
            s.add(store)
        return store.id

    def create_till(self, store_code: str, till_code: str, valid_days: int = 7) -> tuple[str, str]:
        """A till record and its one-time enrolment code (shown once; HQ keeps only its hash)."""
        code = "-".join(secrets.token_hex(3).upper() for _ in range(3))
        with self.tx() as s:
            store = s.scalar(select(Store).where(Store.code == store_code))
            if store is None:
                raise HQError(404, f"No store {store_code}")
            till = s.scalar(select(TillRow).where(TillRow.store_id == store.id, TillRow.code == till_code))
            if till is None:
                till = TillRow(id=new_id(), store_id=store.id, code=till_code, acked_seq=0, revoked_reason="")
                s.add(till)
                s.flush()
            s.add(EnrolmentCode(code_hash=digest(code), till_id=till.id,
                                expires_at=self.clock() + timedelta(days=valid_days)))
        return till.id, code

    def revoke_till(self, till_id: str, reason: str) -> None:
        with self.tx() as s:
            till = s.get(TillRow, till_id)
            if till is None:
                raise HQError(404, f"No till {till_id}")
            till.revoked_at, till.revoked_reason = self.clock(), reason

    def upsert_catalogue(self, chain_id: str, kind: str, rows: list[dict[str, Any]], key: str = "id",
                         store_code: str = "") -> None:
        """Create or replace catalogue rows (in the till's row shape) and publish their change."""
        if kind not in CATALOGUE_KINDS:
            raise HQError(422, f"Unknown catalogue kind {kind!r}: one of {', '.join(sorted(CATALOGUE_KINDS))}")
        for n, row in enumerate(rows):
            if not isinstance(row.get(key), (str, int)) or not 0 < len(str(row[key])) <= 64:
                raise HQError(422, f"Row {n} has no usable {key!r} (1 to 64 characters)")
        with self.tx() as s:
            if s.get(Chain, chain_id) is None:
                raise HQError(404, f"No chain {chain_id}")
            for row in rows:
                k = str(row[key])
                s.merge(CatalogueRow(chain_id=chain_id, kind=kind, key=k, store_code=store_code, data=jsonable(row)))
                s.add(ChangeRow(chain_id=chain_id, store_code=store_code, kind=kind, key=k))

    def delete_catalogue(self, chain_id: str, kind: str, key: str, store_code: str = "") -> None:
        with self.tx() as s:
            row = s.get(CatalogueRow, (chain_id, kind, key, store_code))
            if row is not None:
                s.delete(row)
            s.add(ChangeRow(chain_id=chain_id, store_code=store_code, kind=kind, key=key))

    def reconciliation(self, chain_id: str | None = None) -> list[ReconciliationItem]:
        with self.tx() as s:
            return list(s.scalars(select(ReconciliationItem).order_by(ReconciliationItem.id)))

    # ---- enrolment and authentication ------------------------------------------------------------
    def enrol(self, request: EnrolRequest) -> EnrolResponse:
        with self.tx() as s:
            entry = s.get(EnrolmentCode, digest(request.code.strip().upper()))
            if entry is None or entry.used_at is not None or entry.expires_at < self.clock():
                raise HQError(401, "This enrolment code is unknown, used or expired: ask HQ for a new one")
            till = s.get(TillRow, entry.till_id)
            if till.revoked_at is not None:
                raise HQError(401, f"This till was revoked: {till.revoked_reason}")
            token = secrets.token_urlsafe(32)
            entry.used_at = self.clock()
            till.token_hash = digest(token)
            store = s.get(Store, till.store_id)
            return EnrolResponse(till_id=till.id, token=token, store_code=store.code, store_name=store.name,
                                 till_code=till.code)

    def authenticate(self, token: str | None) -> tuple[str, str, str]:
        """(till id, store code, chain id) for a till token, or 401 with the reason."""
        with self.tx() as s:
            return self._who(s, token)

    @staticmethod
    def _who(s: Session, token: str | None) -> tuple[str, str, str]:
        if not token:
            raise HQError(401, "Missing till token: enrol this till first")
        row = s.execute(select(TillRow.id, TillRow.revoked_at, TillRow.revoked_reason, Store.code, Store.chain_id)
                        .join(Store, Store.id == TillRow.store_id)
                        .where(TillRow.token_hash == digest(token))).first()
        if row is None:
            raise HQError(401, "Unknown till token: enrol this till again")
        if row.revoked_at is not None:
            raise HQError(401, f"This till was revoked: {row.revoked_reason}")
        return row.id, row.code, row.chain_id

    def push_as(self, token: str | None, request: PushRequest) -> PushResponse:
        """Authenticate and push in one transaction (one round of BEGIN/COMMIT per request)."""
        return self.push(None, None, request, token=token)

    def pull_as(self, token: str | None, cursor: int, limit: int = 1000) -> PullResponse:
        return self.pull(None, None, None, cursor, limit, token=token)

    # ---- push -----------------------------------------------------------------------------------
    def push(self, till_id: str | None, chain_id: str | None, request: PushRequest,
             token: str | None = None) -> PushResponse:
        """Store each new event once and apply its effects, all in one transaction: the events
        from `acked_seq + 1` on, contiguous; a retried event is checked and counted as duplicate."""
        events = sorted(request.events, key=lambda e: e.seq)
        payloads = [self._validate(e) for e in events]
        with self.tx() as s:
            if token is not None or till_id is None:
                till_id, _, chain_id = self._who(s, token)
            till = s.scalar(select(TillRow).where(TillRow.id == till_id).with_for_update())
            acked = till.acked_seq
            now = self.clock()
            old = [e for e in events if e.seq <= acked]
            held = {}
            if old:
                held = {r.event_id: (r.till_id, r.seq) for r in s.execute(
                    select(EventRow.event_id, EventRow.till_id, EventRow.seq)
                    .where(EventRow.event_id.in_([e.event_id for e in old])))}
            for e in old:
                if held.get(e.event_id) != (till_id, e.seq):
                    raise HQError(409, f"Event {e.seq} differs from the event HQ holds at that sequence")
            accepted, gap_from = [], None
            for ev, payload in zip(events, payloads):
                if ev.seq <= acked:
                    continue
                if ev.seq != acked + 1:
                    gap_from = acked + 1
                    break
                accepted.append((ev, payload))
                acked = ev.seq
            if accepted:
                ids = [ev.event_id for ev, _ in accepted]
                if len(set(ids)) != len(ids) or s.scalar(select(func.count()).select_from(EventRow)
                                                         .where(among(s, EventRow.event_id, ids))):
                    raise HQError(409, "An event id in this batch was already used by another event")
                Batch(s, chain_id, till_id, now).apply(accepted)
            till.acked_seq, till.last_seen = acked, now
            return PushResponse(acked_seq=acked, gap_from=gap_from, duplicates=len(old))

    @staticmethod
    def _validate(ev: Event):
        try:
            return PAYLOADS[ev.kind].model_validate(ev.payload)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise HQError(422, f"Event {ev.seq} ({ev.kind}): {where}: {first['msg']}") from None

    # ---- pull -----------------------------------------------------------------------------------
    def pull(self, till_id: str | None, store_code: str | None, chain_id: str | None, cursor: int,
             limit: int = 1000, token: str | None = None) -> PullResponse:
        limit = max(1, min(limit, MAX_PAGE))
        with self.tx(repeatable=True) as s:
            if token is not None or till_id is None:
                till_id, store_code, chain_id = self._who(s, token)
            rows = list(s.execute(select(ChangeRow.seq, ChangeRow.kind, ChangeRow.key, ChangeRow.store_code)
                                  .where(ChangeRow.chain_id == chain_id, ChangeRow.seq > cursor,
                                         ChangeRow.store_code.in_(("", store_code)))
                                  .order_by(ChangeRow.seq).limit(limit + 1)))
            more = len(rows) > limit
            rows = rows[:limit]
            till_seq = s.scalar(select(TillRow.acked_seq).where(TillRow.id == till_id))
            latest: dict[tuple[str, str, str], int] = {}
            for seq, kind, key, scope in rows:
                latest[(kind, key, scope)] = seq
            data = self._current(s, chain_id, latest)
            changes = [Change.model_construct(seq=seq, kind=kind, key=key, data=data.get((kind, key, scope)))
                       for (kind, key, scope), seq in sorted(latest.items(), key=lambda item: item[1])]
            next_cursor = rows[-1][0] if rows else cursor
            return PullResponse.model_construct(version=1, changes=changes, cursor=next_cursor, more=more,
                                                till_seq=till_seq)

    @staticmethod
    def _current(s: Session, chain_id: str, latest: dict) -> dict[tuple[str, str, str], dict]:
        """The current data of every changed (kind, key, scope), read in one query per kind."""
        wanted: dict[str, set[tuple[str, str]]] = {}
        for kind, key, scope in latest:
            wanted.setdefault(kind, set()).add((key, scope))
        out: dict[tuple[str, str, str], dict] = {}
        for kind, pairs in wanted.items():
            keys = sorted({key for key, _ in pairs})
            for i in range(0, len(keys), 5000):
                chunk = keys[i:i + 5000]
                if kind == "members":
                    for m in s.scalars(select(Member).where(among(s, Member.id, chunk))):
                        out[(kind, m.id, "")] = member_row(m)
                elif kind == "member_coupons":
                    for c in s.scalars(select(Coupon).where(among(s, Coupon.code, chunk))):
                        out[(kind, c.code, "")] = coupon_row(c)
                elif kind == "aliases":
                    for a in s.scalars(select(MemberAlias).where(among(s, MemberAlias.alias_id, chunk))):
                        out[(kind, a.alias_id, "")] = {"alias_id": a.alias_id, "member_id": a.member_id}
                else:
                    for key, scope, data in s.execute(
                            select(CatalogueRow.key, CatalogueRow.store_code, CatalogueRow.data)
                            .where(CatalogueRow.chain_id == chain_id, CatalogueRow.kind == kind,
                                   among(s, CatalogueRow.key, chunk))):
                        if (key, scope) in pairs:
                            out[(kind, key, scope)] = data
        return out

    # ---- reading --------------------------------------------------------------------------------
    def member(self, member_id: str) -> dict | None:
        with self.tx() as s:
            m = s.get(Member, resolve(s, member_id))
            return member_row(m) if m else None

    def ledger_sums(self) -> dict[str, tuple[int, int, int, int, int, int]]:
        """member -> (points, ledger points, principal, ledger principal, bonus, ledger bonus)."""
        with self.tx() as s:
            pts = dict(s.execute(select(PointsEntry.member_id, func.sum(PointsEntry.delta))
                                 .group_by(PointsEntry.member_id)).all())
            sv = {m: (p, b) for m, p, b in s.execute(
                select(StoredValueEntry.member_id, func.sum(StoredValueEntry.principal_fen),
                       func.sum(StoredValueEntry.bonus_fen)).group_by(StoredValueEntry.member_id))}
            out = {}
            for m in s.scalars(select(Member)):
                p, b = sv.get(m.id, (0, 0))
                out[m.id] = (m.points, int(pts.get(m.id, 0) or 0), m.principal_fen, int(p or 0), m.bonus_fen, int(b or 0))
            return out


def resolve(s: Session, member_id: str | None) -> str | None:
    if member_id is None:
        return None
    alias = s.get(MemberAlias, member_id)
    return alias.member_id if alias is not None else member_id


def jsonable(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        if isinstance(v, datetime):
            v = v.isoformat()
        elif hasattr(v, "isoformat"):
            v = v.isoformat()
        elif isinstance(v, bytes):
            v = v.hex()
        out[k] = v
    return out


def member_row(m: Member) -> dict[str, Any]:
    """A member in the till's `members` row shape, with HQ's balances."""
    return {"id": m.id, "phone": m.phone, "phone_last4": m.phone[-4:], "card_no": m.card_no, "name": m.name,
            "birthday": m.birthday, "tier_code": m.tier_code, "consent": m.consent,
            "consent_at": m.consent_at.isoformat() if m.consent_at else None, "provisional": False,
            "hq_points": m.points, "hq_principal_fen": m.principal_fen, "hq_bonus_fen": m.bonus_fen,
            "public_key": m.public_key, "created_at": m.created_at.isoformat()}


def coupon_row(c: Coupon) -> dict[str, Any]:
    return {"code": c.code, "member_id": c.member_id, "template_id": c.template_id,
            "valid_from": c.valid_from.isoformat() if c.valid_from else None,
            "valid_to": c.valid_to.isoformat() if c.valid_to else None,
            "status": c.status, "used_sale_id": c.used_sale_id}


@dataclass
class Balance:
    """A member's balances as a batch changes them (written back once, at the end)."""
    id: str
    chain_id: str
    points: int
    principal_fen: int
    bonus_fen: int
    changed: bool = False


def bulk_insert(s: Session, model: type, rows: list[dict]) -> None:
    """Insert many rows: PostgreSQL's COPY (the fastest way in), else an executemany INSERT."""
    if not rows:
        return
    if s.bind.dialect.name != "postgresql":
        s.execute(insert(model), rows)
        return
    from psycopg.types.json import Jsonb
    table = model.__table__
    columns = list(rows[0])
    json_cols = {c.name for c in table.columns if isinstance(c.type, JSON)}
    raw = s.connection().connection.dbapi_connection
    with raw.cursor() as cur:
        with cur.copy(f'COPY {table.name} ({", ".join(columns)}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([Jsonb(row[c]) if c in json_cols else row[c] for c in columns])


def update_balances(s: Session, balances: list[Balance]) -> None:
    """Write the batch's member balances back: one statement on PostgreSQL."""
    if s.bind.dialect.name == "postgresql":
        raw = s.connection().connection.dbapi_connection
        with raw.cursor() as cur:
            cur.execute("UPDATE members AS m SET points = v.p, principal_fen = v.c, bonus_fen = v.b "
                        "FROM unnest(%s::varchar[], %s::bigint[], %s::bigint[], %s::bigint[]) AS v(i, p, c, b) "
                        "WHERE m.id = v.i",
                        ([m.id for m in balances], [m.points for m in balances],
                         [m.principal_fen for m in balances], [m.bonus_fen for m in balances]))
    else:
        s.execute(update(Member), [dict(id=m.id, points=m.points, principal_fen=m.principal_fen, bonus_fen=m.bonus_fen)
                                   for m in balances])


def among(s: Session, column, values):
    """`column IN values`, as `= ANY(array)` on PostgreSQL (one parameter, however many values)."""
    if s.bind.dialect.name == "postgresql":
        from sqlalchemy import any_, bindparam
        from sqlalchemy.dialects.postgresql import ARRAY
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    return column.in_(list(values))


class Batch:
    """Applies a batch of one till's events to HQ's ledgers in the caller's transaction.

    Built for throughput: the members and coupons a batch touches are read (and locked) in one
    query each, ledger, sale, event and change rows are inserted in bulk, and each touched member
    row is updated once. Registrations and profile edits (rare) go first, in order, one by one.
    """

    FIRST = ("member_registered", "member_edited")

    def __init__(self, s: Session, chain_id: str, till_id: str, now: datetime):
        self.s, self.chain_id, self.till_id, self.now = s, chain_id, till_id, now
        self.members: dict[str, Member] = {}
        self.aliases: dict[str, str] = {}
        self.coupons: dict[str, Coupon | None] = {}
        self.rows: dict[type, list[dict]] = {}
        self.changes: dict[tuple[str, str], None] = {}
        self.spent_by: dict[str, str] = {}          # member -> last event that took from its balance
        self.ev: Event | None = None

    def apply(self, accepted: list) -> None:
        self.add(EventRow, [dict(event_id=ev.event_id, till_id=self.till_id, seq=ev.seq, kind=ev.kind, at=ev.at,
                                 payload=ev.payload, received_at=self.now) for ev, _ in accepted])
        first = [(ev, p) for ev, p in accepted if ev.kind in self.FIRST]
        rest = [(ev, p) for ev, p in accepted if ev.kind not in self.FIRST]
        for ev, payload in first:
            self.ev = ev
            getattr(self, f"on_{ev.kind}")(payload)
        if first:
            self.s.flush()
        self.prefetch([p for _, p in rest])
        for ev, payload in rest:
            self.ev = ev
            getattr(self, f"on_{ev.kind}")(payload)
        for member_id, event_id in self.spent_by.items():
            member = self.members[member_id]
            if member.points < 0:
                self.reconcile("points_overdraw", member, event_id, event_id, balance=member.points)
            if member.principal_fen < 0 or member.bonus_fen < 0:
                self.reconcile("stored_value_overdraw", member, event_id, event_id,
                               principal_fen=member.principal_fen, bonus_fen=member.bonus_fen)
        if self.changes:
            self.add(ChangeRow, [dict(chain_id=self.chain_id, store_code="", kind=k, key=key) for k, key in self.changes])
        for model, rows in self.rows.items():
            bulk_insert(self.s, model, rows)
        touched = [m for m in self.members.values() if isinstance(m, Balance) and m.changed]
        if touched:
            update_balances(self.s, touched)

    def prefetch(self, payloads: list) -> None:
        wanted = {p.member_id for p in payloads if getattr(p, "member_id", None)}
        if wanted:
            found = {a: m for a, m in self.s.execute(
                select(MemberAlias.alias_id, MemberAlias.member_id).where(among(self.s, MemberAlias.alias_id, wanted)))}
            self.aliases.update({m: found.get(m, m) for m in wanted})
            ids = sorted({self.aliases.get(m, m) for m in wanted} - set(self.members))
            for row in self.s.execute(select(Member.id, Member.chain_id, Member.points, Member.principal_fen,
                                             Member.bonus_fen).where(among(self.s, Member.id, ids)).order_by(Member.id)
                                      .with_for_update()):
                self.members[row.id] = Balance(row.id, row.chain_id, row.points, row.principal_fen, row.bonus_fen)
        codes = {c for p in payloads for c in (getattr(p, "coupons", None) or [])}
        codes |= {c for p in payloads for c in (getattr(p, "coupons_restored", None) or [])}
        if codes:
            found = {c.code: c for c in self.s.scalars(select(Coupon).where(Coupon.code.in_(sorted(codes)))
                                                       .order_by(Coupon.code).with_for_update())}
            self.coupons.update({code: found.get(code) for code in codes})

    # helpers
    def add(self, model: type, rows: list[dict] | dict) -> None:
        self.rows.setdefault(model, []).extend(rows if isinstance(rows, list) else [rows])

    def member(self, member_id: str | None) -> Member | None:
        if member_id is None:
            return None
        key = self.aliases.get(member_id)
        if key is None:
            key = self.aliases[member_id] = resolve(self.s, member_id)
        member = self.members.get(key)
        if member is None:
            row = self.s.execute(select(Member.id, Member.chain_id, Member.points, Member.principal_fen,
                                        Member.bonus_fen).where(Member.id == key).with_for_update()).first()
            if row is None:
                raise HQError(422, f"Event {self.ev.seq}: unknown member {member_id}")
            member = self.members[key] = Balance(row.id, row.chain_id, row.points, row.principal_fen, row.bonus_fen)
        if member.chain_id != self.chain_id:
            raise HQError(403, f"Event {self.ev.seq}: member {member_id} belongs to another chain")
        return member

    def coupon(self, code: str) -> Coupon | None:
        if code not in self.coupons:
            self.coupons[code] = self.s.get(Coupon, code, with_for_update=True)
        return self.coupons[code]

    def changed(self, kind: str, key: str) -> None:
        self.changes[(kind, key)] = None

    def points(self, member: Member, delta: int, kind: str, ref: str) -> None:
        if delta:
            self.add(PointsEntry, dict(member_id=member.id, delta=delta, kind=kind, ref=ref,
                                       event_id=self.ev.event_id, at=self.ev.at))
            member.points += delta
            member.changed = True
            if delta < 0:
                self.spent_by[member.id] = self.ev.event_id

    def stored_value(self, member: Member, principal: int, bonus: int, kind: str, ref: str) -> None:
        if principal or bonus:
            self.add(StoredValueEntry, dict(member_id=member.id, principal_fen=principal, bonus_fen=bonus, kind=kind,
                                            ref=ref, event_id=self.ev.event_id, at=self.ev.at))
            member.principal_fen += principal
            member.bonus_fen += bonus
            member.changed = True
            if principal < 0 or bonus < 0:
                self.spent_by[member.id] = self.ev.event_id

    def reconcile(self, kind: str, member: Member | None, ref: str, event_id: str | None = None, **detail: Any) -> None:
        self.add(ReconciliationItem, dict(kind=kind, member_id=member.id if member else None, ref=ref,
                                          event_id=event_id or self.ev.event_id, till_id=self.till_id, detail=detail,
                                          created_at=self.now, resolved=False))

    # event kinds
    def on_sale(self, p) -> None:
        member = self.member(p.member_id)
        self.add(SaleRow, dict(id=p.sale_id, kind="sale", till_id=self.till_id, receipt_no=p.receipt_no,
                               member_id=member.id if member else None, amount_fen=p.payable_fen, at=self.ev.at))
        if member is not None:
            self.points(member, -p.points_spent, "spend", p.receipt_no)
            self.points(member, p.points_earned, "earn", p.receipt_no)
            if p.stored_value is not None:
                self.stored_value(member, -p.stored_value.principal_fen, -p.stored_value.bonus_fen, "spend",
                                  p.receipt_no)
            self.changed("members", member.id)
        for code in p.coupons:
            coupon = self.coupon(code)
            self.add(CouponRedemption, dict(code=code, sale_id=p.sale_id, till_id=self.till_id,
                                            event_id=self.ev.event_id, at=self.ev.at, reversed=False))
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
        amount = sum(t.amount_fen for t in p.tenders)
        self.add(SaleRow, dict(id=p.refund_id, kind="refund", till_id=self.till_id, receipt_no=p.receipt_no,
                               member_id=member.id if member else None, amount_fen=-amount, at=self.ev.at))
        if member is not None:
            self.points(member, p.points_restored, "refund_back", p.receipt_no)
            self.points(member, -p.points_reversed, "reverse", p.receipt_no)
            for t in p.tenders:
                if t.tender == "stored_value":
                    self.stored_value(member, t.principal_fen, t.bonus_fen, "refund", p.receipt_no)
            self.changed("members", member.id)
        for code in p.coupons_restored:
            coupon = self.coupon(code)
            if coupon is not None and coupon.used_sale_id == p.sale_id:
                coupon.status, coupon.used_sale_id = "issued", None
                self.changed("member_coupons", code)
            for row in self.rows.get(CouponRedemption, []):          # redeemed earlier in this batch
                if row["code"] == code and row["sale_id"] == p.sale_id:
                    row["reversed"] = True
            self.s.execute(update(CouponRedemption).where(CouponRedemption.code == code,
                                                          CouponRedemption.sale_id == p.sale_id)
                           .values(reversed=True))

    def on_top_up(self, p) -> None:
        member = self.member(p.member_id)
        self.add(SaleRow, dict(id=self.ev.event_id, kind="top_up", till_id=self.till_id, receipt_no=p.receipt_no,
                               member_id=member.id, amount_fen=p.principal_fen, at=self.ev.at))
        self.stored_value(member, p.principal_fen, p.bonus_fen, "top_up", p.receipt_no)
        self.changed("members", member.id)

    def on_points_redeemed(self, p) -> None:
        member = self.member(p.member_id)
        self.points(member, -abs(p.points), "gift", self.ev.event_id)
        self.changed("members", member.id)

    def on_points_adjusted(self, p) -> None:
        member = self.member(p.member_id)
        self.points(member, p.points, "adjust", self.ev.event_id)
        self.changed("members", member.id)

    def on_member_registered(self, p) -> None:
        existing = self.s.scalar(select(Member).where(Member.chain_id == self.chain_id, Member.phone == p.phone))
        if self.s.get(MemberAlias, p.member_id) is not None or self.s.get(Member, p.member_id) is not None:
            return                                      # the same registration seen through another path
        if existing is not None:
            # registered offline for a phone HQ already knows: one member, the other an alias
            self.s.add(MemberAlias(alias_id=p.member_id, member_id=existing.id))
            self.reconcile("phone_merged", existing, p.member_id, phone_last4=p.phone[-4:])
            self.changed("aliases", p.member_id)
            self.changed("members", existing.id)
            return
        stamp = p.hlc or hlc.format_hlc(int(self.ev.at.timestamp() * 1000), 0, self.till_id[:8])
        self.s.add(Member(id=p.member_id, chain_id=self.chain_id, phone=p.phone, card_no=None, name=p.name,
                          birthday=p.birthday, tier_code=self._entry_tier(), consent=True,
                          consent_at=datetime.fromisoformat(p.consent_at) if p.consent_at else self.ev.at,
                          custom={}, public_key=None, points=0, principal_fen=0, bonus_fen=0,
                          clocks={f: stamp for f in EDITABLE_FIELDS}, created_at=self.ev.at))
        self.s.flush()
        self.changed("members", p.member_id)

    def _entry_tier(self) -> str:
        tiers = self.s.scalars(select(CatalogueRow).where(CatalogueRow.chain_id == self.chain_id,
                                                          CatalogueRow.kind == "tiers")).all()
        return min(tiers, key=lambda t: t.data.get("rank", 0)).key if tiers else "regular"

    def on_member_edited(self, p) -> None:
        self.member(p.member_id)                                 # exists, and in this chain
        member = self.s.get(Member, self.aliases[p.member_id], with_for_update=True)
        clocks = dict(member.clocks or {})
        for field, value in p.fields.items():
            if field not in EDITABLE_FIELDS:
                raise HQError(422, f"Event {self.ev.seq}: {field} cannot be edited at a till")
            if hlc.newer(p.hlc, clocks.get(field)):
                if field == "phone":
                    clash = self.s.scalar(select(Member).where(Member.chain_id == self.chain_id,
                                                               Member.phone == value, Member.id != member.id))
                    if clash is not None:
                        self.reconcile("phone_conflict", member, value[-4:] if value else "")
                        continue
                setattr(member, field, value)
                clocks[field] = p.hlc
        member.clocks = clocks
        self.changed("members", member.id)

    def on_coupon_used(self, p) -> None:
        return None

    def on_shift_closed(self, p) -> None:
        return None


def upgrade(engine: Engine) -> None:
    """Bring HQ's schema to the newest Alembic revision."""
    from .migrate import upgrade_to_head
    upgrade_to_head(engine)
