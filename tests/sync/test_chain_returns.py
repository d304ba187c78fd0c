"""Returns of a receipt from any store of the chain (issue 16, defect 11): a real HQ on 127.0.0.1
(uvicorn, SQLite), a till of store S001 that sells and a till of store S002 that takes part of it
back through HQ; the refund event names both tills; the selling till then sees what was returned
elsewhere; offline or standalone, the cashier is told why not."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from hq.demo import load_demo
from hq.models import EventRow, Member, TillRow
from hq.service import HQ
from pos_app.domain.error_texts import describe
from pos_app.services import (
    NotFound,
    SaleSession,
    ServiceError,
    Tender,
    Till,
    complete_sale,
    find_sale,
    login,
    open_shift,
    refund,
    x_report,
)
from pos_app.store import Database
from sync.till import TillSync
from sync.transport import HttpTransport

NOW = datetime(2026, 11, 23, 10)
COLA, WATER = "6901939621257", "6921168509256"


def chain(url: str) -> dict[str, str]:
    hq = HQ(url, lambda: NOW)
    load_demo(hq, NOW, stores=("S001", "S002"), products=300, members=400)
    hq.clock = datetime.now
    codes = {store: hq.create_till(store, "001")[1] for store in ("S001", "S002")}
    hq.close()
    return codes


def enrolled(tmp_path, base: str, store: str, code: str) -> tuple[Till, TillSync]:
    till = Till(Database(tmp_path / f"{store}.sqlite3"), lambda: NOW)
    sync = TillSync(till, HttpTransport(base, timeout=(1.0, 5.0)))
    sync.enrol(code)
    sync.pull_all()
    return till, sync


@pytest.fixture
def two_stores(sqlite_url, served, tmp_path):
    codes = chain(sqlite_url)
    server = served(sqlite_url)
    a, sync_a = enrolled(tmp_path, server.base, "S001", codes["S001"])
    b, sync_b = enrolled(tmp_path, server.base, "S002", codes["S002"])
    yield server, (a, sync_a), (b, sync_b)
    a.db.close()
    b.db.close()


def member_sale(till: Till) -> str:
    cashier = login(till, "1111")
    open_shift(till, cashier, 50000)
    sale = SaleSession(till, cashier)
    for code in (COLA, COLA, COLA, WATER):
        sale.scan(code)
    sale.attach_member("M00000003")
    payable = sale.view().priced.payable_fen
    return complete_sale(sale, [Tender("cash", payable, cash_given_fen=payable)]).receipt_no


def test_a_receipt_of_store_s001_is_returned_at_store_s002_through_hq(two_stores, sqlite_url):
    server, (a, sync_a), (b, sync_b) = two_stores
    receipt = member_sale(a)
    assert receipt.startswith("RS001-001")
    sync_a.push_all()
    cashier_b = login(b, "1111")
    open_shift(b, cashier_b, 50000)
    found = find_sale(b, receipt, from_hq=sync_b.sale_for_return)
    assert found.origin == "S001-001" and [l.qty_left for l in found.lines] == [3, 1]
    cola = found.lines[0]
    assert cola.name == "可口可乐 330ml"
    planned = found.plan({cola.line_id: 1})
    done = refund(b, cashier_b, receipt, {cola.line_id: 1}, "9999", from_hq=sync_b.sale_for_return)
    assert done.plan.money_fen == planned.money_fen > 0 and done.original_receipt_no == receipt
    assert done.receipt_no.startswith("RS002-001") and done.origin == "S001-001"
    from hardware.receipt import Pair
    from pos_app.services.receipts import refund_receipt

    slip = refund_receipt(b.store, done, cashier_b.name)
    assert any(isinstance(x, Pair) and x.right == "S001-001" for x in slip.blocks)  # the slip names the store
    report = x_report(b)  # the other store's sale is not this till's sale
    assert report.sales_count == 0 and report.refunds_count == 1
    assert report.tenders.get("cash", 0) == -done.plan.money_fen
    sync_b.push_all()
    hq = HQ(sqlite_url, lambda: NOW)
    with hq.tx() as s:
        till_a = s.scalar(select(TillRow.id).where(TillRow.token_hash.is_not(None)).order_by(TillRow.id).limit(1))
        refund_event = s.execute(select(EventRow.till_id, EventRow.payload).where(EventRow.kind == "refund")).one()
        sale_event = s.execute(select(EventRow.till_id).where(EventRow.kind == "sale")).scalar_one()
        member_points = s.get(Member, "M00000003").points
    hq.close()
    assert refund_event.till_id != sale_event  # made at B ...
    assert refund_event.payload["sale_till_id"] == sale_event  # ... naming A's till
    assert refund_event.payload["sale_store_code"] == "S001" and refund_event.payload["sale_id"]
    assert till_a is not None and member_points >= 0
    # the selling till sees what was returned at the other store
    again = find_sale(a, receipt, from_hq=sync_a.sale_for_return)
    assert [l.qty_left for l in again.lines] == [2, 1]
    rest = refund(
        a,
        login(a, "1111"),
        receipt,
        {again.lines[0].line_id: 2, again.lines[1].line_id: 1},
        "9999",
        from_hq=sync_a.sale_for_return,
    )
    assert rest.plan.completes_sale or rest.plan.money_fen > 0
    sync_a.push_all()
    with pytest.raises(ServiceError):  # nothing left anywhere
        refund(b, cashier_b, receipt, {cola.line_id: 1}, "9999", from_hq=sync_b.sale_for_return)


def test_offline_or_standalone_the_cashier_is_told_why_not(two_stores):
    server, (a, sync_a), (b, sync_b) = two_stores
    receipt = member_sale(a)
    sync_a.push_all()
    login_b = login(b, "1111")
    open_shift(b, login_b, 0)
    with pytest.raises(NotFound) as standalone:
        find_sale(b, receipt)
    assert standalone.value.code == "returns.not_here_standalone"
    assert "只能退本收银台的小票" in describe(standalone.value, "zh_CN")
    with pytest.raises(NotFound) as unknown:
        find_sale(b, "RS001-00126112399999", from_hq=sync_b.sale_for_return)
    assert unknown.value.code == "returns.not_in_chain"
    server.stop()
    with pytest.raises(ServiceError) as offline:
        find_sale(b, receipt, from_hq=sync_b.sale_for_return)
    assert offline.value.code == "returns.hq_unreachable"
    assert "连不上总部" in describe(offline.value, "zh_CN")
    with pytest.raises(ServiceError):
        refund(b, login_b, receipt, {"x": 1}, "9999", from_hq=sync_b.sale_for_return)
    # the selling till returns its own receipt offline, as before
    sale = find_sale(a, receipt, from_hq=sync_a.sale_for_return)
    assert (
        refund(
            a, login(a, "1111"), receipt, {sale.lines[1].line_id: 1}, "9999", from_hq=sync_a.sale_for_return
        ).plan.money_fen
        > 0
    )
