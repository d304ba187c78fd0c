"""The cart model keeps a row's text while the row's line and reductions are those it was made of
(issue 23: most rows, at a scan); a row whose reductions or line change is written again."""

from __future__ import annotations

from dataclasses import replace

from pos_app.domain import price_cart
from pos_app.ui.cart_model import CartModel
from tests.domain.helpers import NOW, line, promo


def test_a_row_follows_its_reductions_and_its_line(qapp):
    model = CartModel()
    a, b = line("a", 1000, 2), line("b", 500)
    half = promo("H", "nth_discount", product_ids=["a"], n=2, percent_off=50)

    def texts() -> list[list[str]]:
        return [[model.item(r, c).text() for c in range(model.columnCount())] for r in range(model.rowCount())]

    model.set_priced(price_cart([a, b], now=NOW))
    assert texts() == [["a", "2", "10.00", "", "20.00"], ["b", "1", "5.00", "", "5.00"]]
    model.set_priced(price_cart([a, b], now=NOW, promotions=[half]))  # the same lines, now reduced
    assert texts() == [["a", "2", "10.00", "-5.00", "15.00"], ["b", "1", "5.00", "", "5.00"]]
    assert model.item(0, 3).toolTip()
    model.set_priced(price_cart([a, b], now=NOW))  # the rule gone again
    assert texts() == [["a", "2", "10.00", "", "20.00"], ["b", "1", "5.00", "", "5.00"]]
    assert model.item(0, 3).toolTip() == ""
    model.set_priced(price_cart([a, replace(b, qty=3)], now=NOW))  # a line changed
    assert texts() == [["a", "2", "10.00", "", "20.00"], ["b", "3", "5.00", "", "15.00"]]
    model.set_priced(price_cart([replace(b, qty=3)], now=NOW))  # a line removed: the rows shift
    assert texts() == [["b", "3", "5.00", "", "15.00"]]
    model.set_priced(None)
    assert texts() == []


def test_rows_added_and_a_line_found_by_its_id(qapp):
    """Lines added at the end get rows of their own; `row_of` names the row a line is shown in
    (the screen selects and scrolls to it after a scan)."""
    model = CartModel()
    a, b, c = line("a", 1000), line("b", 500), line("c", 250, 2)
    model.set_priced(price_cart([a], now=NOW))
    model.set_priced(price_cart([a, b, c], now=NOW))
    assert [model.item(r, 0).text() for r in range(model.rowCount())] == ["a", "b", "c"]
    assert model.item(2, 4).text() == "5.00"
    assert [model.row_of(x.line_id) for x in (a, b, c)] == [0, 1, 2]
    model.set_priced(price_cart([b, c], now=NOW))
    assert [model.row_of(x.line_id) for x in (a, b, c)] == [None, 0, 1]
    model.set_priced(None)
    assert model.row_of(b.line_id) is None
