"""The till side of sync: enrol, push the outbox, pull changes into the till database.

Every pull page is applied in one transaction together with the new cursor; every push answer
marks the outbox acknowledged up to HQ's `acked_seq`. Member balances: HQ's snapshot includes
this till's events up to the page's `till_seq`, so the ledger entries those events carry are
marked synced in the same transaction (balance = HQ's figure + entries HQ has not counted yet).
"""

from __future__ import annotations

import json
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from pos_app.domain import privacy
from pos_app.store.models import Base
from pos_app.store.uow import UnitOfWork

from . import bootstrap
from .protocol import (
    SNAPSHOT_KINDS,
    VERSION,
    EnrolRequest,
    EnrolResponse,
    MemberLookupResponse,
    PullResponse,
    PushResponse,
    SnapshotPage,
    SnapshotStart,
)
from .transport import SyncRefused, Transport, Unreachable

log = logging.getLogger(__name__)

REFRESH = "member_hashes_refresh"  # sync_state flag: read HQ's minimised members again

TABLES = {
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
    "members",
    "member_coupons",
    "points_lots",
    "mall_orders",
}


def from_full_member(data: dict[str, Any]) -> dict[str, Any]:
    """A member row from an HQ older than this till (full phone, name, birthday): what the till
    keeps of it (pos_app/domain/privacy.py), with a placeholder hash (no look-up key from such an
    HQ: the member is found by the last four digits until HQ is upgraded and its rows come again)."""
    phone = str(data.get("phone") or "")
    kept = privacy.minimised(None, phone, str(data.get("name") or ""), data.get("birthday"))
    kept["phone_hash"] = privacy.placeholder_hash(str(data["id"]))
    return {**{k: v for k, v in data.items() if k not in ("phone", "name", "birthday")}, **kept}


@dataclass(frozen=True)
class Credentials:
    till_id: str
    token: str


def credentials(uow: UnitOfWork) -> Credentials | None:
    raw = uow.rules.setting("sync")
    return Credentials(raw["till_id"], raw["token"]) if raw and raw.get("token") else None


def _state(uow: UnitOfWork, key: str, default: str = "0") -> str:
    return uow.replica.state(key, default)


def _set_state(uow: UnitOfWork, key: str, value: str) -> None:
    uow.replica.set_state(key, value)


def _json_or_text(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return {"detail": text[:200]}


def _check(status: int, data: Any) -> Any:
    if 200 <= status < 300:
        return data
    detail = data.get("detail") if isinstance(data, dict) else str(data)
    if not isinstance(detail, str):
        detail = json.dumps(detail, ensure_ascii=False)[:300]
    if status >= 500:
        raise Unreachable(f"HQ error {status}: {detail}", code="sync.hq_error", status=status)
    raise SyncRefused(status, detail)


class TillSync:
    """One till's conversation with HQ. Thread-safe enough for one worker thread per till."""

    def __init__(
        self,
        till,
        transport: Transport,
        batch: int = 200,
        page: int = 2000,
        snapshot_page: int = 20000,
        snapshot_commit_rows: int = 100000,
        snapshot_ahead: int = 64,
        snapshot_ahead_bytes: int = 32 << 20,
    ):
        self.till, self.transport, self.batch, self.page = till, transport, batch, page
        self.snapshot_page, self.snapshot_commit_rows = snapshot_page, snapshot_commit_rows
        # fetched pages waiting to be written, at most: so many, and so many bytes of them (the
        # pages HQ builds while the till settles a kind - checks its references, builds its
        # indexes - or commits: 32 MB hold some 180,000 members, 500,000 points lots)
        self.snapshot_ahead, self.snapshot_ahead_bytes = snapshot_ahead, snapshot_ahead_bytes

    # ---- enrolment -----------------------------------------------------------------------------
    def enrol(self, code: str) -> EnrolResponse:
        status, data = self.transport.request("POST", "/v1/enrol", EnrolRequest(code=code).model_dump(mode="json"))
        answer = EnrolResponse.model_validate(_check(status, data))
        with self.till.uow() as uow:
            uow.rules.set_setting("sync", {"till_id": answer.till_id, "token": answer.token})
            store = dict(uow.rules.setting("store") or {})
            store.update(
                code=answer.store_code, name=store.get("name") or answer.store_name, till_code=answer.till_code
            )
            uow.rules.set_setting("store", store)
            uow.commit()
        self.till.reload_rules()
        return answer

    def credentials(self) -> Credentials | None:
        with self.till.uow() as uow:
            return credentials(uow)

    # ---- a sale of another till, for a return here (hq/receipts.py) ------------------------------
    def sale_for_return(self, receipt_no: str) -> dict:
        """The sale with this receipt number as HQ holds it (any store of the chain), with its
        refunds so far. Raises LookupError when HQ has no such sale (or cannot tell which),
        Unreachable when HQ cannot be asked (not enrolled, offline, failing)."""
        creds = self.credentials()
        if creds is None:
            raise Unreachable("This till is not enrolled at HQ")
        status, data = self.transport.request(
            "GET", f"/v1/receipts/{quote(receipt_no.strip()[:40], safe='')}", None, creds.token
        )
        if status in (404, 409, 422):
            raise LookupError(data.get("detail") if isinstance(data, dict) else str(data))
        return _check(status, data)

    # ---- a member this till does not hold, asked for at the counter (hq/feed.py) -----------------
    def member_from_hq(self, query: str) -> bool:
        """Ask HQ for the member `query` names (id, card, full phone, member code); HQ's answer
        (the member, their lots and coupons) is stored here, and HQ's feed carries their changes
        to this store from now on. False when HQ has no such member; Unreachable when HQ cannot
        be asked. Rows the feed has brought meanwhile are newer and are kept."""
        creds = self.credentials()
        if creds is None:
            raise Unreachable("This till is not enrolled at HQ")
        status, data = self.transport.request(
            "POST", "/v1/members/lookup", {"version": VERSION, "query": query.strip()[:200]}, creds.token
        )
        if status in (404, 422):
            return False
        answer = MemberLookupResponse.model_validate(_check(status, data))
        tables = Base.metadata.tables
        with self.till.uow() as uow:
            for kind, rows in (
                ("members", [answer.member]),
                ("points_lots", answer.lots),
                ("member_coupons", answer.coupons),
            ):
                table = tables[kind]
                key = next(iter(table.primary_key.columns)).name
                rows = [self._row(table, r, uow) for r in rows]
                held = uow.replica.held_keys(table, [r[key] for r in rows])
                rows = [r for r in rows if r[key] not in held]
                if kind == "members" and rows:
                    self._free_phones(uow, rows)
                if rows:
                    columns = list(rows[0])
                    bootstrap.write_rows(uow, table, columns, [[r.get(c) for c in columns] for r in rows])
            uow.commit()
        return True

    # ---- push ----------------------------------------------------------------------------------
    def push_once(self) -> int:
        """Send one batch of unacknowledged events; returns how many HQ newly acknowledged."""
        creds = self.credentials()
        if creds is None:
            return 0
        with self.till.uow() as uow:
            events = [
                {
                    "event_id": e.event_id,
                    "seq": e.seq,
                    "kind": e.kind,
                    "at": e.created_at.isoformat(),
                    "payload": e.payload,
                }
                for e in uow.outbox.next_batch(self.batch)
            ]
        if not events:
            return 0
        status, data = self.transport.request("POST", "/v1/push", {"version": VERSION, "events": events}, creds.token)
        answer = PushResponse.model_validate(_check(status, data))
        with self.till.uow() as uow:
            before = int(_state(uow, "hq_acked_seq"))
            uow.outbox.ack_up_to(answer.acked_seq)
            _set_state(uow, "hq_acked_seq", str(max(before, answer.acked_seq)))
            uow.commit()
        return max(0, answer.acked_seq - before)

    def push_all(self) -> int:
        total = 0
        while True:
            done = self.push_once()
            total += done
            if done == 0:
                return total

    # ---- pull ----------------------------------------------------------------------------------
    def pull_once(self) -> PullResponse | None:
        creds = self.credentials()
        if creds is None:
            return None
        with self.till.uow() as uow:
            cursor = int(_state(uow, "pull_cursor"))
        status, data = self.transport.request(
            "GET", "/v1/pull", None, creds.token, params={"cursor": cursor, "limit": self.page}
        )
        page = PullResponse.model_validate(_check(status, data))
        self.apply(page, cursor)
        return page

    def pull_all(self) -> int:
        pages = self.load_snapshot()
        while True:
            page = self.pull_once()
            if page is None:
                return pages
            pages += 1
            if not page.more:
                self.refresh_member_hashes()  # after an upgrade or a new key: once
                return pages

    def load_snapshot(self) -> int:
        """A new till (cursor 0, no members of its own) loads the chain as a snapshot, then the
        change feed from where HQ stood when the snapshot began; returns the pages loaded (0 when
        the till is not new). Pages commit without an fsync, a few together, and without per-row
        reference checks (sync/bootstrap.py: `bulk`, `settle`: checked once per kind): until the
        final commit, which sets the cursor with FULL durability, an interrupted load just
        starts again (the durable `snapshot_loading` flag)."""
        creds = self.credentials()
        if creds is None:
            return 0
        with self.till.uow() as uow:
            if int(_state(uow, "pull_cursor")) != 0 or not bootstrap.fresh(uow):
                return 0
        status, data = self.transport.request("GET", "/v1/snapshot", None, creds.token)
        start = SnapshotStart.model_validate(_check(status, data))
        tables = Base.metadata.tables

        as_text = getattr(self.transport, "request_text", None)

        def fetch(kind: str, after: str) -> SnapshotPage | bootstrap.PageBlob:
            params = {"after": after, "limit": self.snapshot_page}
            if as_text is not None and kind not in ("settings", "cashiers"):  # rows for SQLite to read
                status, text = as_text("GET", f"/v1/snapshot/{kind}", creds.token, params)
                if status != 200:
                    _check(status, _json_or_text(text))
                return bootstrap.blob_from(text, kind, self.snapshot_page)
            status, data = self.transport.request("GET", f"/v1/snapshot/{kind}", None, creds.token, params=params)
            return bootstrap.page_from(_check(status, data), kind, self.snapshot_page)

        kinds = [k for k in SNAPSHOT_KINDS if k in start.kinds and k in TABLES]
        loaded = [tables[k] for k in kinds]
        with self.till.uow() as uow:  # durably: a load cut short from here on is loaded again
            bootstrap.begin(uow, loaded)
            uow.commit()
        pages, pending = 0, 0
        complete: list = []  # kinds whose last page is written
        left = list(loaded)  # tables whose references are still to check and indexes to build
        # the pages are fetched - HQ builds them, the wire carries them, SQLite parses them - on a
        # thread of their own, up to `snapshot_ahead` pages ahead of the one written, so that
        # neither HQ nor the till waits for the other where one is the slower for a while (HQ on
        # a members page, the till on a commit); pages commit together up to
        # `snapshot_commit_rows` rows: the load holds the database's write lock only that long,
        # and a sale rung up meanwhile commits between two of its commits (busy_timeout)
        with ExitStack() as open_uow:
            uow: UnitOfWork | None = None
            for page in self._snapshot_pages(fetch, kinds, self.snapshot_ahead, self.snapshot_ahead_bytes):
                table = tables[page.kind]
                if uow is None:
                    uow = open_uow.enter_context(self.till.uow(durable=False))
                    bootstrap.bulk(uow)
                if page.kind == "members" and "phone" in page.columns and "phone_hash" not in page.columns:
                    page = self._adjusted(uow, table, bootstrap.parsed(page))  # an older HQ's full rows
                if page.kind in ("settings", "cashiers"):  # few rows, adjusted for this till
                    page = self._adjusted(uow, table, bootstrap.parsed(page))
                bootstrap.write_page(uow, table, page)
                pages, pending = pages + 1, pending + bootstrap.size(page)
                if page.after is None:  # the kind is complete: settled now, not in the load's tail
                    complete.append(table)
                    if bootstrap.settled(table, complete, loaded):
                        bootstrap.settle(uow, table)
                        left.remove(table)
                if pending >= self.snapshot_commit_rows or page.after is None:
                    uow.commit()
                    open_uow.close()
                    uow, pending = None, 0
        with self.till.uow() as uow:
            bootstrap.finish(uow, left)
            _set_state(uow, "pull_cursor", str(start.cursor))
            uow.commit()
        self.till.reload_rules()
        return pages

    @staticmethod
    def _snapshot_pages(
        fetch: Callable[[str, str], SnapshotPage | bootstrap.PageBlob],
        kinds: list[str],
        ahead: int,
        ahead_bytes: int = 0,
    ) -> Iterator[SnapshotPage | bootstrap.PageBlob]:
        """The pages of `kinds` in order, fetched one after another on a thread of their own,
        which keeps up to `ahead` fetched pages waiting (and the next one coming) while this one is
        handed out and written, and no more than `ahead_bytes` of them (0: no such bound; a page
        is always handed when none is waiting). A fetch that fails is raised here, in its turn;
        when the pages are not all taken (a write failed), the thread stops after the fetch it is
        in."""
        Item = tuple[SnapshotPage | bootstrap.PageBlob | None, BaseException | None]
        waiting: deque[tuple[Item, int]] = deque()
        held = [0]  # bytes of the pages waiting
        changed = threading.Condition()
        stop = threading.Event()

        def full(size: int) -> bool:
            return len(waiting) >= max(1, ahead) or (ahead_bytes > 0 and bool(waiting) and held[0] + size > ahead_bytes)

        def hand(item: Item) -> bool:
            page = item[0]
            size = len(page.blob) if isinstance(page, bootstrap.PageBlob) else 0
            with changed:
                while full(size):
                    if stop.is_set():
                        return False
                    changed.wait(0.1)
                if stop.is_set():
                    return False
                waiting.append((item, size))
                held[0] += size
                changed.notify_all()
                return True

        def fetch_all() -> None:
            try:
                for kind in kinds:
                    after = ""
                    while True:
                        page = fetch(kind, after)
                        if not hand((page, None)) or page.after is None:
                            break
                        after = page.after
                    if stop.is_set():
                        return
            except BaseException as exc:  # handed to the writer, raised there
                hand((None, exc))
                return
            hand((None, None))

        fetcher = threading.Thread(target=fetch_all, name="snapshot-fetch", daemon=True)
        fetcher.start()
        try:
            while True:
                with changed:
                    while not waiting:
                        changed.wait()
                    (page, failed), size = waiting.popleft()
                    held[0] -= size
                    changed.notify_all()
                if failed is not None:
                    raise failed
                if page is None:
                    return
                yield page
        finally:
            stop.set()
            with changed:
                changed.notify_all()
            fetcher.join()

    def _adjusted(self, uow: UnitOfWork, table, page: SnapshotPage) -> SnapshotPage:
        rows = [self._row(table, dict(zip(page.columns, r)), uow) for r in page.rows]
        columns = sorted({c for r in rows for c in r})
        return SnapshotPage.model_construct(
            kind=page.kind, columns=columns, after=page.after, rows=[[r.get(c) for c in columns] for r in rows]
        )

    def sync(self) -> None:
        self.push_all()
        self.pull_all()

    def apply(self, page: PullResponse, cursor: int) -> None:
        rules_changed = False
        with self.till.uow() as uow:
            if int(_state(uow, "pull_cursor")) != cursor:
                return  # another pull applied this page already
            tables = Base.metadata.tables
            by_kind: dict[str, list] = {}
            for change in page.changes:
                by_kind.setdefault(change.kind, []).append(change)
            order = [
                "categories",
                "tiers",
                "products",
                "barcodes",
                "promotions",
                "coupon_templates",
                "topup_plans",
                "gifts",
                "settings",
                "cashiers",
                "members",
                "aliases",
                "points_lots",
                "member_coupons",
                "mall_orders",
            ]
            for kind in order + [k for k in by_kind if k not in order]:
                changes = by_kind.get(kind, [])
                if not changes:
                    continue
                if kind == "aliases":
                    for change in changes:
                        if change.data:
                            self._merge_alias(uow, change.data["alias_id"], change.data["member_id"], page.till_seq)
                    continue
                if kind not in TABLES:
                    log.warning("ignoring changes of unknown kind %s", kind)
                    continue
                table = tables[kind]
                upserts = [self._row(table, c.data, uow) for c in changes if c.data is not None]
                deletes = [c.key for c in changes if c.data is None]
                if kind == "settings" and self._key_changes(uow, upserts):
                    _set_state(uow, REFRESH, "1")  # hashes made with another key: read HQ's again
                if kind == "members" and upserts:
                    self._free_phones(uow, upserts)
                if upserts:
                    columns = list(upserts[0])
                    bootstrap.write_rows(uow, table, columns, [[r.get(c) for c in columns] for r in upserts])
                if kind == "points_lots" and upserts:
                    self._lots_from_hq(uow, table, upserts, page.till_seq)
                if deletes and kind not in ("members",):
                    uow.replica.delete_keys(table, deletes)
                if kind == "members":
                    uow.replica.mark_counted([c.key for c in changes if c.data is not None], page.till_seq)
                if kind not in ("members", "member_coupons", "points_lots", "mall_orders"):
                    rules_changed = True
            _set_state(uow, "pull_cursor", str(page.cursor))
            uow.commit()
        if rules_changed:
            self.till.reload_rules()

    @staticmethod
    def _key_changes(uow: UnitOfWork, settings: list[dict[str, Any]]) -> bool:
        """Whether these settings replace a phone look-up key the members were hashed with."""
        now = uow.rules.setting("phone_key")
        new = next((r.get("value") for r in settings if r.get("key") == "phone_key"), None)
        return new is not None and new != now and uow.replica.has_members()

    def _lots_from_hq(self, uow: UnitOfWork, table, rows: list[dict[str, Any]], till_seq: int) -> None:
        """HQ's lots are authoritative: what is left of each is HQ's figure, less what this till's
        events HQ had not applied took from it (pos_app/store/replica_repo.py)."""
        uow.replica.lots_from_hq(table, rows, till_seq)

    def _row(self, table, data: dict[str, Any], uow: UnitOfWork) -> dict[str, Any]:
        """HQ's row for this till's `table` (its columns only; values converted on writing)."""
        if table.name == "members" and "phone" in data and "phone_hash" not in data:
            data = from_full_member(data)  # an HQ older than the till: minimised here
        row = {column.name: data[column.name] for column in table.columns if column.name in data}
        if table.name == "settings" and data.get("key") == "store":
            mine = uow.rules.setting("store") or {}
            row["value"] = dict(
                data["value"],
                till_code=mine.get("till_code", data["value"].get("till_code")),
                till_name=mine.get("till_name", data["value"].get("till_name")),
            )
        if table.name == "cashiers":
            row.setdefault("failed_attempts", 0)
        return row

    def _free_phones(self, uow: UnitOfWork, rows: list[dict[str, Any]]) -> None:
        """A local member holding a phone HQ now gives to another member keeps its row under a
        placeholder hash until HQ's alias arrives (pos_app/store/replica_repo.py)."""
        uow.replica.free_phones(rows)

    # ---- the phone look-up key and the members' hashes (issue 22) ------------------------------
    def refresh_member_hashes(self) -> int:
        """After an upgrade that minimised the members (migration 0007_minimise), or when HQ's
        look-up key replaced another: read HQ's members again (the snapshot's pages) and keep their
        minimised fields, balances untouched; members HQ does not hold yet get their hash from
        their registration still in the outbox. Returns the members updated."""
        creds = self.credentials()
        with self.till.uow() as uow:
            if _state(uow, REFRESH, "0") != "1" or creds is None or not uow.rules.setting("phone_key"):
                return 0
            uow.replica.placeholder_phones()
            uow.commit()
        fields = list(privacy.MEMBER_FIELDS)
        done, after = 0, ""
        while after is not None:
            status, data = self.transport.request(
                "GET", "/v1/snapshot/members", None, creds.token, params={"after": after, "limit": self.snapshot_page}
            )
            page = bootstrap.page_from(_check(status, data), "members", self.snapshot_page)
            at = [page.columns.index(c) for c in ["id", *fields]]
            with self.till.uow(durable=False) as uow:
                self._free_phones(uow, [dict(zip(page.columns, r)) for r in page.rows])
                done += uow.replica.set_minimised(fields, [(r[at[0]], [r[j] for j in at[1:]]) for r in page.rows])
                uow.commit()
            after = page.after
        with self.till.uow() as uow:
            key = bytes.fromhex(uow.rules.setting("phone_key"))
            for event in uow.replica.unacked_registrations():
                phone = str(event.payload.get("phone") or "")
                row = uow.members.by_id(event.payload.get("member_id"))
                if row is not None and phone.isdigit() and row.phone_hash.startswith("~"):
                    hashed = privacy.phone_hash(key, phone)
                    if uow.members.by_phone_hash(hashed) is None:
                        row.phone_hash = hashed
            _set_state(uow, REFRESH, "0")
            uow.commit()
        return done

    def _merge_alias(self, uow: UnitOfWork, alias_id: str, member_id: str, till_seq: int) -> None:
        """A member registered here offline turned out to be a phone HQ knew: move its history
        (pos_app/store/replica_repo.py says how the entries HQ counted are marked)."""
        uow.replica.merge_alias(alias_id, member_id, till_seq)
