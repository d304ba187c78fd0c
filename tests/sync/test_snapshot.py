"""A new till loads the chain as a snapshot (columnar pages) instead of replaying the change feed:
it ends up with exactly the rows the feed would give it, picks up changes made while it loaded,
a store's own row wins over the chain's, and an interrupted load starts again cleanly."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import datetime

import pytest

from hq.demo import load_demo
from hq.service import HQ
from pos_app.services import Till
from pos_app.store import Database, cipher
from sync.protocol import SNAPSHOT_KINDS
from sync.till import TillSync
from sync.transport import Unreachable

from .simnet import SimNet

NOW = datetime(2026, 11, 23, 9)


def rows(path, table):
    con = cipher.connect(path)
    try:
        return sorted(con.execute(f'select * from "{table}"').fetchall(), key=repr)
    finally:
        con.close()


class Tap:
    """A transport that lets the test act between requests (and lose one on purpose)."""

    def __init__(self, inner, before=None):
        self.inner, self.before, self.calls = inner, before, []

    def request(self, method, path, body=None, token=None, params=None):
        self.calls.append(path)
        if self.before is not None:
            self.before(path, len(self.calls))
        return self.inner.request(method, path, body, token, params)

    def request_text(self, method, path, token=None, params=None):  # snapshot pages: SQLite reads them
        self.calls.append(path)
        if self.before is not None:
            self.before(path, len(self.calls))
        return self.inner.request_text(method, path, token, params)


@pytest.fixture
def hq(tmp_path):
    hq = HQ(f"sqlite:///{tmp_path / 'hq.sqlite3'}", lambda: NOW)
    hq.chain_id = load_demo(hq, NOW, products=700, members=900)
    from hq.lifecycle import mall  # a points-mall gift waiting at the stores

    mall.save_item(hq, hq.chain_id, dict(id="TOWEL", kind="gift", name="毛巾", points=100, stock=5))
    mall.redeem(hq, hq.chain_id, "M00000005", "TOWEL", "snapshot-test-1")
    yield hq
    hq.close()


def new_till(hq, tmp_path, name, transport=None, **kw):
    till = Till(Database(tmp_path / f"{name}.sqlite3"), lambda: NOW)
    sync = TillSync(till, transport or SimNet(hq, random.Random(1)).transport(name), **kw)
    sync.enrol(hq.create_till("S001", name)[1])
    return till, sync


def test_a_snapshot_gives_a_new_till_exactly_what_the_change_feed_gives(hq, tmp_path):
    fast, fast_sync = new_till(hq, tmp_path, "001", snapshot_page=250)
    tap = Tap(fast_sync.transport)
    fast_sync.transport = tap
    fast_sync.pull_all()
    slow, slow_sync = new_till(hq, tmp_path, "002", page=400)
    while slow_sync.pull_once().more:  # the row-by-row change feed
        pass
    assert tap.calls.count("/v1/snapshot") == 1 and "/v1/snapshot/members" in tap.calls
    assert tap.calls.count("/v1/snapshot/members") == 4  # 900 members in pages of 250
    for table in SNAPSHOT_KINDS:
        if table == "settings":  # the store row names each till
            continue
        assert rows(fast.db.path, table) == rows(slow.db.path, table), table
        assert rows(fast.db.path, table), table
    con = cipher.connect(fast.db.path)
    cursor = int(con.execute("select value from sync_state where key = 'pull_cursor'").fetchone()[0])
    con.close()
    assert cursor == hq.snapshot_start(fast_sync.credentials().token).cursor


def test_changes_made_while_a_till_loads_its_snapshot_arrive_afterwards(hq, tmp_path):
    def change_midway(path, n):
        if path == "/v1/snapshot/barcodes":  # products are already loaded by now
            hq.upsert_catalogue(hq.chain_id, "products", [dict(first, price_fen=first["price_fen"] + 100)])
            hq.upsert_catalogue(
                hq.chain_id,
                "settings",
                [{"key": "receipt_note", "value": {"text": "店内"}}],
                key="key",
                store_code="S001",
            )

    con = sqlite3.connect(tmp_path / "hq.sqlite3")
    first = __import__("json").loads(
        con.execute("select data from catalogue where kind = 'products' order by key limit 1").fetchone()[0]
    )
    con.close()
    till, sync = new_till(hq, tmp_path, "001", snapshot_page=300)
    sync.transport = Tap(sync.transport, change_midway)
    sync.pull_all()
    with till.uow() as uow:
        assert uow.products.by_id(first["id"]).price_fen == first["price_fen"] + 100
        assert uow.rules.setting("receipt_note") == {"text": "店内"}


def test_an_interrupted_snapshot_starts_again_and_completes(hq, tmp_path):
    def lose_one(path, n):
        if path == "/v1/snapshot/members" and not lost:
            lost.append(n)
            raise Unreachable("the network went away")

    lost = []
    till, sync = new_till(hq, tmp_path, "001", snapshot_page=300)
    sync.transport = Tap(sync.transport, lose_one)
    with pytest.raises(Unreachable):
        sync.pull_all()
    con = cipher.connect(till.db.path)
    assert con.execute("select value from sync_state where key = 'pull_cursor'").fetchone() in (None, ("0",))
    con.close()
    sync.pull_all()  # from the top: pages are upserts
    assert len(rows(till.db.path, "members")) == 900 and len(rows(till.db.path, "products")) == 700


def test_a_snapshot_cut_short_after_members_landed_is_loaded_again_with_its_indexes(hq, tmp_path):
    """Pages commit as they come: a load cut short after some members landed must not pass for a
    till with members of its own (which would replay the feed instead); it loads the snapshot
    again, and the indexes dropped for the load are built at its end."""

    def lose_second(path, n):
        if path == "/v1/snapshot/members":
            seen.append(n)
            if len(seen) == 2 and not lost:
                lost.append(n)
                raise Unreachable("the network went away")

    seen, lost = [], []
    till, sync = new_till(hq, tmp_path, "001", snapshot_page=300, snapshot_commit_rows=300)  # a commit a page
    tap = Tap(sync.transport, lose_second)
    sync.transport = tap
    with pytest.raises(Unreachable):
        sync.pull_all()
    assert 0 < len(rows(till.db.path, "members")) < 900  # some members landed, not all
    tap.calls.clear()
    sync.pull_all()
    assert "/v1/snapshot" in tap.calls  # loaded again as a snapshot, not replayed from the feed
    assert len(rows(till.db.path, "members")) == 900 and len(rows(till.db.path, "products")) == 700
    con = cipher.connect(till.db.path)
    indexes = {r[0] for r in con.execute("select name from sqlite_master where type = 'index'")}
    loading = con.execute("select value from sync_state where key = 'snapshot_loading'").fetchone()
    con.close()
    assert {"ix_members_phone_last4", "ix_products_pinyin", "ix_barcodes_product_id"} <= indexes
    assert loading == ("0",)


def test_snapshot_pages_commit_a_few_together_and_a_load_cut_short_keeps_only_whole_commits(hq, tmp_path):
    """Pages of 200 rows committed 400 rows at a time: losing the fourth members page leaves the
    first two members pages (one commit) and nothing of the third; the load then completes."""

    def lose_fourth(path, n):
        if path == "/v1/snapshot/members":
            seen.append(n)
            if len(seen) == 4 and not lost:
                lost.append(n)
                raise Unreachable("the network went away")

    seen, lost = [], []
    till, sync = new_till(hq, tmp_path, "001", snapshot_page=200, snapshot_commit_rows=400)
    sync.transport = Tap(sync.transport, lose_fourth)
    with pytest.raises(Unreachable):
        sync.pull_all()
    assert len(rows(till.db.path, "members")) == 400
    sync.pull_all()
    assert len(rows(till.db.path, "members")) == 900


def test_a_till_with_members_of_its_own_replays_the_change_feed(hq, tmp_path):
    till, sync = new_till(hq, tmp_path, "001")
    con = cipher.connect(till.db.path)
    con.execute(
        "insert into members (id, masked_phone, phone_hash, phone_last4, masked_name, tier_code, consent, "
        "provisional, hq_points, hq_principal_fen, hq_bonus_fen, created_at) values ('T001-1', '139****0000', "
        "'~T001-1', '0000', '张*', 'regular', 1, 1, 0, 0, 0, '2026-11-23 08:00:00.000000')"
    )
    con.commit()
    con.close()
    tap = Tap(sync.transport)
    sync.transport = tap
    sync.pull_all()
    assert "/v1/snapshot" not in tap.calls and "/v1/pull" in tap.calls
    assert len(rows(till.db.path, "members")) == 901


def test_unknown_kinds_are_refused_and_pages_follow_keys(hq, tmp_path):
    _, sync = new_till(hq, tmp_path, "001")
    token = sync.credentials().token
    with pytest.raises(Exception) as refused:
        hq.snapshot_page(token, "sales")
    assert getattr(refused.value, "status", None) == 404
    first = hq.snapshot_page(token, "products", "", 100)
    second = hq.snapshot_page(token, "products", first.after, 100)
    ids = [r[first.columns.index("id")] for r in first.rows + second.rows]
    assert ids == sorted(ids) and len(set(ids)) == 200 and first.after == ids[99]


def test_a_page_of_the_wrong_shape_is_refused_with_a_reason():
    from sync.bootstrap import BadSnapshot, page_from

    good = {"version": 1, "kind": "products", "columns": ["id", "name"], "rows": [["P1", "可乐"]], "after": None}
    assert page_from(good).rows == [["P1", "可乐"]]
    assert page_from(good, "products", 1).rows == [["P1", "可乐"]]
    for bad, kind, limit, says in (
        ({**good, "rows": [["P1"]]}, None, None, "list of 2 values"),
        ({**good, "rows": [("P1", "x")]}, None, None, "list of 2 values"),
        ({**good, "rows": None}, None, None, "list of rows"),
        ({**good, "version": 2}, None, None, "version"),
        (good, "members", 10, "asked for members rows, got a page of products"),  # not the kind asked for
        ({**good, "rows": [["P1", "x"], ["P2", "y"]]}, "products", 1, "2 rows, over the 1 asked for"),
        ({**good, "columns": ["id", "id"], "rows": [["P1", "P1"]]}, None, None, "distinct columns"),
        ({**good, "columns": [f"c{n}" for n in range(65)], "rows": []}, None, None, "at most 64"),
    ):
        with pytest.raises(BadSnapshot, match=says) as refused:
            page_from(bad, kind, limit)
        assert refused.value.code == "sync.snapshot_refused"  # the status bar's text, Chinese first


def test_snapshot_rows_referring_to_rows_it_lacks_refuse_the_load_until_hq_sends_a_whole_one(hq, tmp_path):
    """The pages are written without per-row reference checks (a third of a member's insert);
    the references are checked once at the end: a lot of a member the snapshot does not hold
    refuses the load with a coded reason (no personal data), the load stays unfinished, and the
    next sync loads it again whole. Afterwards the till's connections check references again."""
    from pos_app.domain.error_texts import TEXTS
    from sync.bootstrap import BadSnapshot

    class Tamper(Tap):
        def request_text(self, method, path, token=None, params=None):
            status, text = super().request_text(method, path, token, params)
            data = json.loads(text)
            if path == "/v1/snapshot/points_lots" and self.on and data["rows"]:
                data["rows"][0][data["columns"].index("member_id")] = "M99999999"
            return status, json.dumps(data)

    till, sync = new_till(hq, tmp_path, "001", snapshot_page=300)
    sync.transport = tamper = Tamper(sync.transport)
    tamper.on = True
    with pytest.raises(BadSnapshot) as refused:
        sync.pull_all()
    assert refused.value.code == "sync.snapshot_refused" and "points_lots→members" in refused.value.params["reason"]
    assert "sync.snapshot_refused" in TEXTS
    con = cipher.connect(till.db.path)
    state = dict(con.execute("select key, value from sync_state"))
    con.close()
    assert state.get("snapshot_loading") == "1" and state.get("pull_cursor", "0") == "0"
    tamper.on = False
    sync.pull_all()
    assert len(rows(till.db.path, "members")) == 900
    con = cipher.connect(till.db.path)
    assert con.execute("pragma foreign_key_check").fetchall() == []
    assert con.execute("select value from sync_state where key = 'snapshot_loading'").fetchone() == ("0",)
    con.close()
    with till.uow() as uow:  # the pool's connections: references checked, commits fsynced again
        c = uow.session.connection()
        assert c.exec_driver_sql("pragma foreign_keys").scalar() == 1
        assert c.exec_driver_sql("pragma synchronous").scalar() == 2  # FULL
        assert c.exec_driver_sql("pragma wal_autocheckpoint").scalar() == 1000


def test_a_kind_is_settled_as_its_last_page_lands_and_a_refusal_stops_the_fetching_there(hq, tmp_path):
    """Each kind's references are checked and its indexes built once its last page is written
    (not all in the load's tail): a lot of a member the snapshot lacks refuses the load before
    any coupon is written, the thread fetching pages ahead stops (at most `snapshot_ahead`
    pages and the one it was fetching are left unwritten) and is gone; the products' indexes,
    settled before, are there."""
    import threading

    from sync.bootstrap import BadSnapshot

    class Tamper(Tap):
        def request_text(self, method, path, token=None, params=None):
            status, text = super().request_text(method, path, token, params)
            data = json.loads(text)
            if path == "/v1/snapshot/points_lots" and data["rows"] and data["after"] is None:
                data["rows"][0][data["columns"].index("member_id")] = "M99999999"
            return status, json.dumps(data)

    till, sync = new_till(hq, tmp_path, "001", snapshot_page=100, snapshot_ahead=2)
    sync.transport = tamper = Tamper(sync.transport)
    with pytest.raises(BadSnapshot) as refused:
        sync.pull_all()
    assert "points_lots→members" in refused.value.params["reason"]
    assert not [t for t in threading.enumerate() if t.name == "snapshot-fetch"]
    coupon_pages = tamper.calls.count("/v1/snapshot/member_coupons")
    assert 0 < coupon_pages <= 3  # fetched ahead while the lots were written: 2 waiting, 1 coming
    assert rows(till.db.path, "member_coupons") == [] and len(rows(till.db.path, "members")) == 900
    con = cipher.connect(till.db.path)
    indexes = {r[0] for r in con.execute("select name from sqlite_master where type = 'index'")}
    loading = con.execute("select value from sync_state where key = 'snapshot_loading'").fetchone()
    con.close()
    assert {"ix_products_pinyin", "ix_members_phone_last4"} <= indexes and "ix_member_coupons_member_id" not in indexes
    assert loading == ("1",)  # loaded again at the next sync


def test_a_page_left_to_sqlite_is_refused_as_a_parsed_one_is():
    """The page text SQLite parses (sync/bootstrap.py: blob_from) is refused with the same coded
    reasons as a parsed page: not JSON, not the kind or size asked for, rows of the wrong shape."""
    from sync.bootstrap import BadSnapshot, blob_from

    good = {"version": 1, "kind": "products", "columns": ["id", "name"], "rows": [["P1", "可乐"]], "after": None}
    page = blob_from(json.dumps(good), "products", 5)
    assert (page.kind, page.columns, page.after, page.count) == ("products", ["id", "name"], None, 1)
    for bad, kind, limit, says in (
        ('{"version": 1, "kind": "products", "rows": [["P1",', "products", 5, "not JSON"),
        (json.dumps([1, 2]), "products", 5, "object with a list of rows"),
        (json.dumps({**good, "rows": [["P1"]]}), "products", 5, "list of 2 values"),
        (json.dumps({**good, "rows": [{"id": "P1", "name": "x"}]}), "products", 5, "list of 2 values"),
        (json.dumps({**good, "rows": [["P1", "x"], ["P2", "y"]]}), "products", 1, "2 rows, over the 1 asked for"),
        (json.dumps(good), "members", 5, "asked for members rows"),
        (json.dumps({**good, "version": 2}), "products", 5, "version"),
    ):
        with pytest.raises(BadSnapshot, match=says) as refused:
            blob_from(bad, kind, limit)
        assert refused.value.code == "sync.snapshot_refused"


def test_values_not_in_the_stored_form_are_converted_as_the_orm_would(hq, tmp_path):
    """SQLite writes a page's values as they come when they are in the till's stored form; a
    page with a date-time in another ISO form (or a time zone) is written the Python way, so the
    till holds the same text either way."""

    class Reform(Tap):
        def request_text(self, method, path, token=None, params=None):
            status, text = super().request_text(method, path, token, params)
            data = json.loads(text)
            if path == "/v1/snapshot/members" and data["rows"]:
                at = data["columns"].index("created_at")
                changed.append(data["rows"][0][at])
                data["rows"][0][at] = data["rows"][0][at].replace(" ", "T")[:19] + "+00:00"
            return status, json.dumps(data)

    changed = []
    till, sync = new_till(hq, tmp_path, "001", snapshot_page=300)
    sync.transport = Reform(sync.transport)
    sync.pull_all()
    con = cipher.connect(till.db.path)
    stored = [r[0] for r in con.execute("select created_at from members")]
    con.close()
    assert len(changed) == 3 and len(stored) == 900
    assert all(len(v) == 26 and v[10] == " " and "T" not in v and "+" not in v for v in stored)


def test_the_collector_is_paused_while_pages_are_built_and_restored_after():
    """HQ builds a page with the cyclic collector off (hq/collector.py: collector_paused): nested
    or concurrent pages share one pause, and the collector comes back as it was before the first."""
    import gc

    from hq.collector import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer page is still being built
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # off before: left off
    finally:
        gc.enable()
    with pytest.raises(LookupError), collector_paused():
        raise LookupError("a page that failed")
    assert gc.isenabled()


def test_pages_are_sent_as_the_page_model_writes_them(hq, tmp_path):
    """The API writes a page with page_json (its rows the database cursor's tuples): the same bytes
    as SnapshotPage's own JSON of the same page with lists for rows, for every kind."""
    from hq.snapshot import page_json
    from sync.protocol import SnapshotPage

    _, sync = new_till(hq, tmp_path, "001")
    token = sync.credentials().token
    for kind in SNAPSHOT_KINDS:
        page = hq.snapshot_page(token, kind, "", 50)
        as_model = SnapshotPage(
            kind=page.kind, columns=page.columns, rows=[list(r) for r in page.rows], after=page.after
        )
        assert page_json(page) == as_model.model_dump_json().encode(), kind


def test_pages_fetched_ahead_are_bounded_by_their_bytes_too():
    """The fetching thread keeps at most `ahead_bytes` of fetched pages waiting (a page is always
    handed when none waits), whatever `ahead` allows: here pages of 1,000+ bytes and a bound of
    2,500 bytes hold two waiting and one more fetched (in hand) while the first is written."""
    import threading

    from sync.bootstrap import blob_from

    text = json.dumps(
        {"version": 1, "kind": "products", "columns": ["id", "name"], "rows": [["P1", "x" * 1000]], "after": None}
    )
    fetched: list[int] = []
    four, fifth = threading.Event(), threading.Event()

    def fetch(kind, after):
        n = len(fetched) + 1
        fetched.append(n)
        if n == 4:
            four.set()
        if n >= 5:
            fifth.set()
        page = blob_from(text.replace('"after": null', f'"after": "{n}"' if n < 8 else '"after": null'), kind, 10)
        assert len(page.blob) > 1000
        return page

    pages = TillSync._snapshot_pages(fetch, ["products"], ahead=10, ahead_bytes=2500)
    assert next(pages).after == "1"  # the first page taken, not yet written
    assert four.wait(30)  # two pages waiting, the fourth fetched and held back
    assert not fifth.wait(0.5) and len(fetched) == 4
    assert [p.after for p in pages] == ["2", "3", "4", "5", "6", "7", None]  # in order, to the end
    assert not [t for t in threading.enumerate() if t.name == "snapshot-fetch"]
    unbounded = TillSync._snapshot_pages(fetch, ["products"], ahead=3)
    assert len(list(unbounded)) == 1  # (the fetch counts on: one page, the last)


def test_catalogue_rows_are_parsed_in_one_call_and_alone_when_they_do_not_join():
    """HQ parses a catalogue page's stored JSON objects as the items of one array (a call per row
    was half of HQ's CPU for a catalogue page); a text that is not one JSON value (it would
    shift every row after it) makes the page parsed row by row, as before."""
    from hq.snapshot import _parsed_all

    texts = ['{"id": "P1", "name": "\\u53ef\\u4e50"}', '{"id": "P2", "price_fen": 350, "active": true}']
    assert _parsed_all(texts) == [json.loads(t) for t in texts]
    assert _parsed_all([]) == []
    with pytest.raises(ValueError):  # joined: three values for two rows; row by row: no JSON value
        _parsed_all(['{"id": "P1"}', "1, 2"])
    assert _parsed_all(['{"id": "P1"}', ' "P2" ']) == [{"id": "P1"}, "P2"]
