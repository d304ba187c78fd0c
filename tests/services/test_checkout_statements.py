"""What one completed sale sends to SQLite: a fixed set of statements, whatever its number of
lines (bench/checkout.py times them against their bare replay; a statement per line would be
a regression that no functional test notices), and the rows they write read back as the sale."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import select

from pos_app.services import SaleSession, Tender, complete_sale, look_up, verify_audit
from pos_app.store import cipher
from pos_app.store.models import LineReductionRow, OutboxEvent, SaleLineRow
from pos_app.store.sale_book import AUDIT, COUPON_USE, LINE, SaleBook

from .conftest import attach_verified

# a member sale with points spent and earned, paid in cash: two reads (heads and member, lots),
# then one statement per table written - lines and reductions one executemany each
STATEMENTS = [
    ("execute", "SELECT"),  # heads (open shift, outbox seq, audit chain head), the member and their balances
    ("execute", "SELECT"),  # their points lots
    ("execute", "INSERT INTO sync_state"),  # the day's receipt counter
    ("execute", "INSERT INTO sales"),
    ("executemany", "INSERT INTO sale_lines"),
    ("executemany", "INSERT INTO line_reductions"),
    ("executemany", "INSERT INTO payments"),
    ("executemany", "UPDATE points_lots"),
    ("execute", "INSERT INTO points_lots"),
    ("executemany", "INSERT INTO points_ledger"),
    ("execute", "INSERT INTO audit_log"),
    ("execute", "INSERT INTO outbox"),
    ("execute", "DELETE FROM open_cart"),
]


class Counting:
    """The SaleBook's connection, noting each execute/executemany (and its rows)."""

    def __init__(self, con, seen: list):
        self._con, self._seen = con, seen

    def _note(self, how: str, sql: str, rows: int) -> None:
        words = sql.split()
        self._seen.append(
            (
                how,
                " ".join(words[:3])
                if words[0] in ("INSERT", "DELETE")
                else " ".join(words[: 2 if words[0] == "UPDATE" else 1]),
                rows,
            )
        )

    def execute(self, sql, *args):
        self._note("execute", sql, 1)
        return self._con.execute(sql, *args)

    def executemany(self, sql, rows):
        rows = list(rows)
        self._note("executemany", sql, len(rows))
        return self._con.executemany(sql, rows)

    def __getattr__(self, name):
        return getattr(self._con, name)


@pytest.fixture
def statements(monkeypatch):
    seen: list = []
    enter = SaleBook.__enter__

    def counted(book):
        enter(book)
        book.con = Counting(book.con, seen)
        return book

    monkeypatch.setattr(SaleBook, "__enter__", counted)
    return seen


def codes(till, n: int) -> list[str]:
    con = cipher.connect(till.db.path)
    try:
        return [
            r[0]
            for r in con.execute("select code from barcodes where code not like 'PLU%' order by code limit ?", (n,))
        ]
    finally:
        con.close()


def member_sale(till, cashier, member_id: str, barcodes: list[str]):
    sale = SaleSession(till, cashier)
    for code in barcodes:
        sale.scan(code)
    attach_verified(sale, member_id)
    priced = sale.redeem_points(100).priced
    assert priced.points_spent == 100 and priced.points_earned > 0 and len(priced.lines) == len(barcodes)
    return complete_sale(sale, [Tender("cash", priced.payable_fen)])


def test_a_sale_sends_the_same_statements_for_one_line_as_for_thirty(till, cashier, shift, statements):
    members = [
        m
        for m in ("M00000001", "M00000002", "M00000004", "M00000005", "M00000006")
        if look_up(till, m)[0].points >= 200
    ]
    barcodes = codes(till, 30)
    member_sale(till, cashier, members[0], barcodes[:1])
    one = [(how, what) for how, what, _ in statements]
    statements.clear()
    done = member_sale(till, cashier, members[1], barcodes)
    thirty = [(how, what) for how, what, _ in statements]
    assert one == thirty == STATEMENTS
    assert {(how, what): rows for how, what, rows in statements}[("executemany", "INSERT INTO sale_lines")] == 30
    # the positional rows landed in the right columns; the event carries every line
    with till.uow() as uow:
        lines = uow.session.scalars(
            select(SaleLineRow).where(SaleLineRow.sale_id == done.sale_id).order_by(SaleLineRow.line_no)
        ).all()
        assert [
            (
                l.id,
                l.line_no,
                l.product_id,
                l.name,
                l.category_id,
                l.qty,
                l.unit_price_fen,
                l.gross_fen,
                l.net_fen,
                l.points_offset_fen,
                l.points_spent,
                l.points_earned,
                l.returned_qty,
            )
            for l in lines
        ] == [
            (
                f"{done.sale_id}:{n}",
                n,
                pl.line.product_id,
                pl.line.name,
                pl.line.category_id,
                pl.line.qty,
                pl.line.unit_price_fen,
                pl.line.gross_fen,
                pl.net_fen,
                pl.points_offset_fen,
                pl.points_spent,
                pl.points_earned,
                0,
            )
            for n, pl in enumerate(done.priced.lines, start=1)
        ]
        reductions = uow.session.scalars(
            select(LineReductionRow)
            .where(LineReductionRow.line_id.like(f"{done.sale_id}:%"))
            .order_by(LineReductionRow.id)
        ).all()
        assert [(r.line_id, r.source_kind, r.source_id, r.label, r.amount_fen) for r in reductions] == [
            (f"{done.sale_id}:{n}", r.source_kind, r.source_id, r.label, r.amount_fen)
            for n, pl in enumerate(done.priced.lines, start=1)
            for r in pl.reductions
        ]
        assert reductions  # the demo's promotions reduce some of 30 lines
        event = uow.session.scalars(select(OutboxEvent).order_by(OutboxEvent.seq.desc())).first()
        assert [(l["line_no"], l["product_id"], l["net_fen"], l["points_spent"]) for l in event.payload["lines"]] == [
            (n, pl.line.product_id, pl.net_fen, pl.points_spent) for n, pl in enumerate(done.priced.lines, start=1)
        ]
        assert json.loads(json.dumps(event.payload))["sale_id"] == done.sale_id
    assert verify_audit(till)[0]


def test_a_sale_borrows_the_connection_used_last_and_gives_it_back_whatever_happens(till, cashier, shift, monkeypatch):
    """SaleBook borrows from the engine's pool through the pool's own hooks (no proxied
    connection): the connection a cart edit just used (its page cache warm), returned to the pool
    after a sale and after a failed one, with no transaction left open on it."""
    pool = till.db.engine.pool
    code = codes(till, 1)[0]

    def sale_then_what_the_pool_lends(fail: bool):
        sale = SaleSession(till, cashier)
        priced = sale.scan(code).priced  # the cart saved through a unit of work: the pool's last-used connection
        with till.uow() as uow:
            last = uow.session.connection().connection.driver_connection
        lent = []
        enter = SaleBook.__enter__

        def noting(book):
            enter(book)
            lent.append(book.con)
            return book

        monkeypatch.setattr(SaleBook, "__enter__", noting)
        if fail:
            with pytest.raises(RuntimeError):
                complete_sale(sale, [Tender("cash", priced.payable_fen)], fail_before_commit=True)
        else:
            complete_sale(sale, [Tender("cash", priced.payable_fen)])
        monkeypatch.undo()
        assert lent == [last] and not last.in_transaction
        assert pool.checkedout() == 0
        with till.uow() as uow:  # and it is lent again, first
            assert uow.session.connection().connection.driver_connection is last

    size = pool.checkedin()
    sale_then_what_the_pool_lends(fail=False)
    sale_then_what_the_pool_lends(fail=True)
    assert pool.checkedin() == size


def test_positional_rows_must_name_every_column_once():
    columns = [
        "id",
        "sale_id",
        "line_no",
        "product_id",
        "name",
        "category_id",
        "qty",
        "unit_price_fen",
        "gross_fen",
        "net_fen",
        "points_offset_fen",
        "points_spent",
        "points_earned",
        "returned_qty",
    ]
    assert LINE.ordered(*columns).count("?") == len(columns)
    for wrong in (columns[:-1], [*columns, "id"], [*columns[:-1], "nonesuch"]):
        with pytest.raises(ValueError, match="sale_lines"):
            LINE.ordered(*wrong)


def test_a_row_with_a_column_too_many_or_missing_is_refused_before_sqlite_sees_it():
    row = {"code": "Q1", "sale_id": "S1", "amount_fen": 500}
    assert COUPON_USE.rows([row]) == [("Q1", "S1", 500)]
    with pytest.raises(ValueError, match="amount_fen"):
        COUPON_USE.row(code="Q1", sale_id="S1")
    with pytest.raises(ValueError, match="amount_yuan"):
        COUPON_USE.row(**row, amount_yuan=5)
    # defaults filled and dates, times and JSON stored as SQLAlchemy stores them, in column order
    audit = dict(
        zip(
            AUDIT.order,
            AUDIT.row(
                at=datetime(2026, 11, 23, 8, 0, 1),
                cashier_id="C1",
                approved_by=None,
                action="sale",
                details={"a": "二"},
                prev_hash="0",
                hash="1",
            ),
            strict=True,
        )
    )
    assert (
        audit["at"] == "2026-11-23 08:00:01.000000"
        and audit["details"] == '{"a":"二"}'
        and audit["approved_by"] is None
    )
