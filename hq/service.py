"""HQ's use cases, independent of HTTP: enrolment, authentication, push (store each event once
and apply it to the ledgers in the same transaction; its rollups, tier upgrades and benefits
right after, by the applier: hq/applier.py), pull (the change feed), catalogue, reconciliation.

`HQError(status, detail)` is what callers turn into an HTTP answer; nothing is written when one
is raised inside a use case (the transaction rolls back).
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import psycopg
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import bindparam, func, literal, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from sync.protocol import (
    MAX_PAGE,
    MAX_SNAPSHOT_PAGE,
    PAYLOADS,
    Change,
    EnrolRequest,
    EnrolResponse,
    Event,
    PullResponse,
    PushRequest,
    PushResponse,
    SnapshotPage,
    SnapshotStart,
)

from . import feed, pool, snapshot
from .applier import drain_after_push
from .base import HQError, among, dialect_insert, digest, jsonable, make_engine, new_id, resolve
from .collector import collector_paused
from .ingest import Batch
from .models import (
    CatalogueRow,
    Chain,
    ChangeRow,
    Coupon,
    EnrolmentCode,
    EventRow,
    Member,
    MemberAlias,
    PointsEntry,
    ReconciliationItem,
    Store,
    StoredValueEntry,
    TillRow,
)

CATALOGUE_KINDS = {
    "categories",
    "products",
    "barcodes",
    "promotions",
    "coupon_templates",
    "tiers",
    "topup_plans",
    "gifts",
    "settings",
    "cashiers",
}  # points lots: HQ's own table (hq/lifecycle/lots.py)


DUPLICATE_EVENT = "An event id in this batch was already used by another event"


# a push's till row, as plain Core statements on the session's connection (two per push: the ORM's
# statement handling cost more than PostgreSQL's work on them)
_tills = TillRow.__table__
_LOCK_TILL = select(_tills.c.acked_seq).where(_tills.c.id == bindparam("till")).with_for_update()
_TILL_ACKED = (
    update(_tills)
    .where(_tills.c.id == bindparam("till"))
    .values(acked_seq=bindparam("acked"), last_seen=bindparam("now"))
)
_TILL_SEQ = select(_tills.c.acked_seq).where(_tills.c.id == bindparam("till"))
# every request's authentication, and a pull's page of the feed: built once (a statement built per
# request cost more in SQLAlchemy's construction and cache-key work than PostgreSQL's answer)
_stores, _changes = Store.__table__, ChangeRow.__table__
_WHO = (
    select(_tills.c.id, _tills.c.revoked_at, _tills.c.revoked_reason, _stores.c.code, _stores.c.chain_id)
    .join(_stores, _stores.c.id == _tills.c.store_id)
    .where(_tills.c.token_hash == bindparam("token_hash"))
)
_FEED_PAGE = (
    select(_changes.c.seq, _changes.c.kind, _changes.c.key, _changes.c.store_code)
    .where(
        _changes.c.chain_id == bindparam("chain"),
        _changes.c.seq > bindparam("cursor"),
        _changes.c.store_code.in_([literal(""), bindparam("store")]),
    )
    .order_by(_changes.c.seq)
    .limit(bindparam("n"))
)


class HQ:
    """The member cloud's core. `clock` gives naive local time (tests pass their own)."""

    def __init__(
        self,
        url: str,
        clock: Callable[[], datetime] = datetime.now,
        create: bool = True,
        apply_after_push: bool = True,
    ):
        self.url = url
        # after each push, the push's request drains the applier's queue (hq/applier.py); False
        # leaves it to whoever drains (tests of the applier itself)
        self.apply_after_push = apply_after_push
        self.applier_lock = threading.Lock()  # SQLite: one applier pass at a time in this process
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.snapshot_sessions = (
            sessionmaker(self.engine.execution_options(isolation_level="REPEATABLE READ"), expire_on_commit=False)
            if self.engine.dialect.name == "postgresql"
            else self.sessions
        )
        self.clock = clock
        # till token hash -> (last contact noted, app version), what this process last saw noted
        # (hq/services/stores.py: note_contact)
        self.contacts: dict[str, tuple[datetime, str]] = {}
        feed.install(self.sessions, self.snapshot_sessions)  # member changes go to their stores
        if create:
            upgrade(self.engine)
            self.ensure_phone_keys()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def tx(self, repeatable: bool = False) -> Iterator[Session]:
        pool.check_queued()  # an HTTP request's first transaction: 503 if it queued too long
        with (self.snapshot_sessions if repeatable else self.sessions)() as s, s.begin():
            yield s

    # ---- administration -------------------------------------------------------------------------
    def create_chain(self, name: str, chain_id: str | None = None) -> str:
        with self.tx() as s:
            chain = Chain(id=chain_id or new_id(), name=name)
            s.add(chain)
            s.flush()
            self._add_phone_key(s, chain.id)
        return chain.id

    def ensure_phone_keys(self) -> None:
        """Give every chain without one its phone look-up key (issue 22: tills find a typed phone
        by its keyed hash). Done at start, at chain creation and at enrolment; the key reaches the
        chain's tills as a `settings` row through the change feed and the snapshot."""
        with self.tx() as s:
            for (chain_id,) in s.execute(select(Chain.id)):
                self._add_phone_key(s, chain_id)

    @staticmethod
    def _add_phone_key(s: Session, chain_id: str) -> None:
        if snapshot.phone_key(s, chain_id) is not None:
            return
        upsert = dialect_insert(s, CatalogueRow)
        made = s.execute(
            upsert.values(
                chain_id=chain_id,
                kind="settings",
                key=snapshot.PHONE_KEY,
                store_code="",
                data={"key": snapshot.PHONE_KEY, "value": secrets.token_bytes(32).hex()},
            ).on_conflict_do_nothing()
        )
        if made.rowcount:
            s.add(ChangeRow(chain_id=chain_id, store_code="", kind="settings", key=snapshot.PHONE_KEY))

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
            s.add(
                EnrolmentCode(
                    code_hash=digest(code), till_id=till.id, expires_at=self.clock() + timedelta(days=valid_days)
                )
            )
        return till.id, code

    def revoke_till(self, till_id: str, reason: str) -> None:
        with self.tx() as s:
            till = s.get(TillRow, till_id)
            if till is None:
                raise HQError(404, f"No till {till_id}")
            till.revoked_at, till.revoked_reason = self.clock(), reason

    def upsert_catalogue(
        self, chain_id: str, kind: str, rows: list[dict[str, Any]], key: str = "id", store_code: str = ""
    ) -> None:
        """Create or replace catalogue rows (in the till's row shape) and publish their change."""
        if kind not in CATALOGUE_KINDS:
            raise HQError(422, f"Unknown catalogue kind {kind!r}: one of {', '.join(sorted(CATALOGUE_KINDS))}")
        for n, row in enumerate(rows):
            if not isinstance(row.get(key), (str, int)) or not 0 < len(str(row[key])) <= 64:
                raise HQError(422, f"Row {n} has no usable {key!r} (1 to 64 characters)")
        rows = self._publish_rules(chain_id, kind, rows, key, store_code)
        if not rows:
            return
        latest = {str(row[key]): jsonable(row) for row in rows}  # a key sent twice: the last
        with self.tx() as s:
            if s.get(Chain, chain_id) is None:
                raise HQError(404, f"No chain {chain_id}")
            # one upsert (INSERT … ON CONFLICT): another request writing the same new key at the
            # same moment is waited for and then updated, not a broken primary key
            upsert = dialect_insert(s, CatalogueRow)
            s.execute(
                upsert.on_conflict_do_update(
                    index_elements=list(CatalogueRow.__table__.primary_key), set_={"data": upsert.excluded.data}
                ),
                [
                    dict(chain_id=chain_id, kind=kind, key=k, store_code=store_code, data=data)
                    for k, data in latest.items()
                ],
            )
            # the rows are written (locked) before the change feed's lock is taken
            s.add_all([ChangeRow(chain_id=chain_id, store_code=store_code, kind=kind, key=k) for k in latest])

    def _publish_rules(
        self, chain_id: str, kind: str, rows: list[dict[str, Any]], key: str, store_code: str
    ) -> list[dict[str, Any]]:
        """Rule rows (promotions, coupon templates, tiers, plans, gifts, the points program) are
        checked by the till's own pricing code and published as a numbered version
        (hq/services/rules.py); a refused one stores nothing. Returns the rows that are not rules."""
        from .services import rules

        mine = [r for r in rows if rules.is_rule(kind, str(r[key]))]
        if store_code and kind in rules.RULE_KINDS:  # a store's own rules: checked, not versioned
            for r in rows:
                if kind != "settings" or r.get("key") in rules.PROGRAM_SETTINGS:
                    checked = rules.check_row(kind, r)
                    rules.load({(kind, str(checked[rules.key_field(kind)])): checked})
            return rows
        if not mine:
            return rows
        if key != rules.key_field(kind):
            raise HQError(422, f"{kind} rows are keyed by {rules.key_field(kind)!r}")
        for r in mine:
            rules.check_row(kind, r)  # before anything is written
        rules.RulePublishing(self).publish_rows(chain_id, kind, mine, by="admin token")
        return [r for r in rows if not rules.is_rule(kind, str(r[key]))]

    def delete_catalogue(self, chain_id: str, kind: str, key: str, store_code: str = "") -> None:
        with self.tx() as s:
            row = s.get(CatalogueRow, (chain_id, kind, key, store_code))
            if row is not None:
                s.delete(row)
                s.flush()  # as in upsert_catalogue: the feed's lock is taken last
            s.add(ChangeRow(chain_id=chain_id, store_code=store_code, kind=kind, key=key))

    def reconciliation(self, chain_id: str | None = None) -> list[ReconciliationItem]:
        with self.tx() as s:
            return list(s.scalars(select(ReconciliationItem).order_by(ReconciliationItem.id)))

    # ---- enrolment and authentication ------------------------------------------------------------
    def enrol(self, request: EnrolRequest) -> EnrolResponse:
        with self.tx() as s:
            # locked: an enrolment with the same code at another worker waits, then finds it used
            entry = s.get(EnrolmentCode, digest(request.code.strip().upper()), with_for_update=True)
            if entry is None or entry.used_at is not None or entry.expires_at < self.clock():
                raise HQError(401, "This enrolment code is unknown, used or expired: ask HQ for a new one")
            till = s.get(TillRow, entry.till_id)
            if till.revoked_at is not None:
                raise HQError(401, f"This till was revoked: {till.revoked_reason}")
            token = secrets.token_urlsafe(32)
            entry.used_at = self.clock()
            till.token_hash = digest(token)
            store = s.get(Store, till.store_id)
            self._add_phone_key(s, store.chain_id)  # the till's snapshot carries it
            return EnrolResponse(
                till_id=till.id, token=token, store_code=store.code, store_name=store.name, till_code=till.code
            )

    def authenticate(self, token: str | None) -> tuple[str, str, str]:
        """(till id, store code, chain id) for a till token, or 401 with the reason."""
        with self.tx() as s:
            return self._who(s, token)

    @staticmethod
    def _who(s: Session, token: str | None) -> tuple[str, str, str]:
        if not token:
            raise HQError(401, "Missing till token: enrol this till first")
        row = s.connection().execute(_WHO, {"token_hash": digest(token)}).first()
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

    def snapshot_start(self, token: str | None) -> SnapshotStart:
        """For a new till: where the change feed stands as it starts loading a snapshot."""
        with self.tx() as s:
            _, _, chain_id = self._who(s, token)
            return snapshot.start(s, chain_id)

    def snapshot_page(
        self, token: str | None, kind: str, after: str = "", limit: int = MAX_SNAPSHOT_PAGE
    ) -> SnapshotPage:
        """One page of a kind for a new till (hq/snapshot.py)."""
        with self.tx() as s:
            _, store_code, chain_id = self._who(s, token)
            return snapshot.page(s, chain_id, store_code, kind, after, max(1, min(limit, MAX_SNAPSHOT_PAGE)))

    def member_lookup(self, token: str | None, query: str) -> dict:
        """A member the till's counter does not hold, asked for online: found by id, card, phone
        or member code, followed by the till's store from now on (hq/feed.py)."""
        with self.tx() as s:
            _, store_code, chain_id = self._who(s, token)
            return feed.look_up(s, chain_id, store_code, query, self.clock())

    # ---- push -----------------------------------------------------------------------------------
    def push(
        self, till_id: str | None, chain_id: str | None, request: PushRequest, token: str | None = None
    ) -> PushResponse:
        """Store each new event once and apply its effects to the ledgers, all in one transaction:
        the events from `acked_seq + 1` on, contiguous; a retried event is checked and counted as
        duplicate. Then, committed, the applier's pass over what pushes queued (hq/applier.py)."""
        with collector_paused():  # a push's thousands of fresh rows hold no cycles
            events = sorted(request.events, key=lambda e: e.seq)
            payloads = validate_payloads(events)
            for _ in range(2):
                try:
                    answer = self._push(till_id, chain_id, events, payloads, token)
                    break
                except (DBAPIError, psycopg.Error) as exc:
                    if not _run_again(exc):
                        raise
            else:
                answer = self._push(till_id, chain_id, events, payloads, token)  # the third and last try
            if self.apply_after_push:  # the rollups, upgrades and benefits it queued (hq/applier.py)
                drain_after_push(self)
            return answer

    def _push(
        self, till_id: str | None, chain_id: str | None, events: list[Event], payloads: list, token: str | None
    ) -> PushResponse:
        with self.tx() as s:
            store_code = None
            if token is not None or till_id is None:
                till_id, store_code, chain_id = self._who(s, token)
            acked = s.connection().execute(_LOCK_TILL, {"till": till_id}).scalar()
            now = self.clock()
            old = [e for e in events if e.seq <= acked]
            held = {}
            if old:
                held = {
                    r.event_id: (r.till_id, r.seq)
                    for r in s.execute(
                        select(EventRow.event_id, EventRow.till_id, EventRow.seq).where(
                            EventRow.event_id.in_([e.event_id for e in old])
                        )
                    )
                }
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
                if len({ev.event_id for ev, _ in accepted}) != len(accepted):
                    raise HQError(409, DUPLICATE_EVENT)
                try:  # an id HQ holds already: the events' primary key says so
                    Batch(s, chain_id, till_id, now, store_code).apply(accepted)
                except (DBAPIError, psycopg.Error) as exc:
                    if "events_pkey" in str(exc) or "events.event_id" in str(exc):
                        raise HQError(409, DUPLICATE_EVENT) from None
                    raise
            s.connection().execute(_TILL_ACKED, {"till": till_id, "acked": acked, "now": now})
            return PushResponse(acked_seq=acked, gap_from=gap_from, duplicates=len(old))

    # ---- pull -----------------------------------------------------------------------------------
    def pull(
        self,
        till_id: str | None,
        store_code: str | None,
        chain_id: str | None,
        cursor: int,
        limit: int = 1000,
        token: str | None = None,
    ) -> PullResponse:
        limit = max(1, min(limit, MAX_PAGE))
        with self.tx(repeatable=True) as s:
            if token is not None or till_id is None:
                till_id, store_code, chain_id = self._who(s, token)
            c = s.connection()
            rows = list(
                c.execute(_FEED_PAGE, {"chain": chain_id, "cursor": cursor, "store": store_code, "n": limit + 1})
            )
            more = len(rows) > limit
            rows = rows[:limit]
            till_seq = c.execute(_TILL_SEQ, {"till": till_id}).scalar()
            latest: dict[tuple[str, str, str], int] = {}
            for seq, kind, key, scope in rows:
                latest[(kind, key, "" if kind in feed.MEMBER_KINDS else scope)] = seq
            data = self._current(s, chain_id, latest)
            # an alias travels with its kept member's row read now (issue 22, defect 5): the till
            # moves the alias's entries to that member and counts those up to till_seq as HQ's
            kept: dict[tuple[str, str, str], int] = {}
            for (kind, key, scope), seq in list(latest.items()):
                alias = data.get((kind, key, scope)) if kind == "aliases" else None
                if alias and ("members", alias["member_id"], "") not in latest:
                    kept[("members", alias["member_id"], "")] = seq
            if kept:
                latest.update(kept)
                data.update(self._current(s, chain_id, kept))
            changes = [
                Change.model_construct(seq=seq, kind=kind, key=key, data=data.get((kind, key, scope)))
                for (kind, key, scope), seq in sorted(latest.items(), key=lambda item: item[1])
            ]
            next_cursor = rows[-1][0] if rows else cursor
            return PullResponse.model_construct(
                version=1, changes=changes, cursor=next_cursor, more=more, till_seq=till_seq
            )

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
                chunk = keys[i : i + 5000]
                if kind == "members":  # plain columns, as the snapshot reads them
                    key = snapshot.phone_key(s, chain_id)  # minimised for the till (issue 22)
                    for row in s.connection().execute(
                        select(*snapshot.MEMBER_SELECT).where(among(s, Member.id, chunk))
                    ):
                        out[(kind, row[0], "")] = snapshot.member_dict(key, row)
                elif kind == "member_coupons":
                    for row in s.connection().execute(
                        select(*snapshot.COUPON_SELECT).where(among(s, Coupon.code, chunk))
                    ):
                        out[(kind, row[0], "")] = dict(zip(snapshot.COUPON_COLUMNS, row))
                elif kind == "points_lots":  # HQ's lots, authoritative (hq/lifecycle)
                    from .lifecycle.lots import lot_dicts

                    for lot_id, lot in lot_dicts(s, chunk).items():
                        out[(kind, lot_id, "")] = lot
                elif kind == "mall_orders":  # the points mall's orders (hq/lifecycle/mall.py)
                    from .lifecycle.mall import till_row
                    from .models_mall import MallOrder

                    for order in s.scalars(select(MallOrder).where(among(s, MallOrder.id, chunk))):
                        out[(kind, order.id, "")] = till_row(order)
                elif kind == "aliases":
                    for a in s.scalars(select(MemberAlias).where(among(s, MemberAlias.alias_id, chunk))):
                        out[(kind, a.alias_id, "")] = {"alias_id": a.alias_id, "member_id": a.member_id}
                else:
                    for key, scope, data in s.execute(
                        select(CatalogueRow.key, CatalogueRow.store_code, CatalogueRow.data).where(
                            CatalogueRow.chain_id == chain_id,
                            CatalogueRow.kind == kind,
                            among(s, CatalogueRow.key, chunk),
                        )
                    ):
                        if (key, scope) in pairs:
                            out[(kind, key, scope)] = data
        return out

    # ---- reading --------------------------------------------------------------------------------
    def member(self, member_id: str) -> dict | None:
        with self.tx() as s:
            row = (
                s.connection()
                .execute(select(*snapshot.MEMBER_SELECT).where(Member.id == resolve(s, member_id)))
                .first()
            )
            return snapshot.full_member_dict(row) if row else None

    def receipts(self, kind: str | None = None) -> list[tuple[str, str]]:
        """(till id, receipt number) of every sale, refund and top-up HQ holds, or of one kind;
        the events are the record (there is no separate sales table)."""
        kinds = (kind,) if kind else ("sale", "refund", "top_up")
        with self.tx() as s:
            return [
                (till_id, payload["receipt_no"])
                for till_id, payload in s.execute(
                    select(EventRow.till_id, EventRow.payload).where(EventRow.kind.in_(kinds))
                )
            ]

    def ledger_sums(self) -> dict[str, tuple[int, int, int, int, int, int]]:
        """member -> (points, ledger points, principal, ledger principal, bonus, ledger bonus)."""
        with self.tx() as s:
            pts = dict(
                s.execute(
                    select(PointsEntry.member_id, func.sum(PointsEntry.delta)).group_by(PointsEntry.member_id)
                ).all()
            )
            sv = {
                m: (p, b)
                for m, p, b in s.execute(
                    select(
                        StoredValueEntry.member_id,
                        func.sum(StoredValueEntry.principal_fen),
                        func.sum(StoredValueEntry.bonus_fen),
                    ).group_by(StoredValueEntry.member_id)
                )
            }
            out = {}
            for m in s.scalars(select(Member)):
                p, b = sv.get(m.id, (0, 0))
                out[m.id] = (
                    m.points,
                    int(pts.get(m.id, 0) or 0),
                    m.principal_fen,
                    int(p or 0),
                    m.bonus_fen,
                    int(b or 0),
                )
            return out


LIST_OF = {model: TypeAdapter(list[model]) for model in set(PAYLOADS.values())}


def _run_again(error: BaseException) -> bool:
    """Whether a push that PostgreSQL ended is run again, from the start, on a clean slate: two
    pushes that locked shared members in different orders (deadlock detected: one is ended), or
    two that registered the same new phone at once (run again, it finds the member and makes its
    own an alias)."""
    return getattr(getattr(error, "orig", error), "sqlstate", None) == "40P01" or registered_meanwhile(error)


def registered_meanwhile(error: BaseException) -> bool:
    """Whether PostgreSQL ended a transaction because another one registered the same phone at
    the same time: its insert waited for the other and then broke the (chain, phone) key."""
    error = getattr(error, "orig", error)
    return (
        getattr(error, "sqlstate", None) == "23505"
        and getattr(getattr(error, "diag", None), "constraint_name", None) == "members_chain_id_phone_key"
    )


def validate_payloads(events: list[Event]) -> list:
    """Each event's payload as its kind's model, validated a kind at a time (one call into
    pydantic per kind, not per event); the first bad event, by sequence, is the error."""
    by_kind: dict[str, list[int]] = {}
    for i, ev in enumerate(events):
        by_kind.setdefault(ev.kind, []).append(i)
    out: list = [None] * len(events)
    problems = []
    for kind, where in by_kind.items():
        try:
            for i, payload in zip(where, LIST_OF[PAYLOADS[kind]].validate_python([events[i].payload for i in where])):
                out[i] = payload
        except ValidationError as exc:
            first = exc.errors()[0]
            ev = events[where[first["loc"][0]]]
            problems.append(
                (ev.seq, f"Event {ev.seq} ({kind}): {'.'.join(str(p) for p in first['loc'][1:])}: {first['msg']}")
            )
    if problems:
        raise HQError(422, min(problems)[1])
    return out


def upgrade(engine: Engine) -> None:
    """Bring HQ's schema to the newest Alembic revision."""
    from .migrate import upgrade_to_head

    upgrade_to_head(engine)
