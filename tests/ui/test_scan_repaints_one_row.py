"""A scan of an item already in the cart changes that line's row and the totals, and nothing else
of the cart table (issue 23: the scan path's repaint is held to a plain table's; a model reset or
a rebuilt row would repaint, and re-lay out, the whole cart)."""

from __future__ import annotations

from PySide6.QtCore import QEvent

from pos_app.domain import format_fen
from pos_app.store import cipher

from .conftest import EventCounts, settle
from .test_till_flows import COLA, make_window, open_shift_and_login, scan

QTY, TOTAL = 1, 4


def test_a_repeated_scan_changes_only_its_row_and_the_totals(qtbot, till, translated, stalls):
    window = make_window(qtbot, till, translated, stalls)
    open_shift_and_login(qtbot, window)
    con = cipher.connect(till.db.path)
    codes = [r[0] for r in con.execute("SELECT code FROM barcodes WHERE code NOT LIKE 'PLU%' LIMIT 12")]
    con.close()
    codes = [c for c in codes if c != COLA][:10]
    for code in codes:
        scan(qtbot, window, code)
    scan(qtbot, window, COLA)
    model = window.till_screen.model
    rows = model.rowCount()
    before = [[model.item(r, c).text() for c in range(model.columnCount())] for r in range(rows)]
    items = [[model.item(r, c) for c in range(model.columnCount())] for r in range(rows)]
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), a.column(), b.row(), b.column())))
    structure: list[str] = []
    for signal in ("modelReset", "rowsInserted", "rowsRemoved", "layoutChanged"):
        getattr(model, signal).connect(lambda *_, s=signal: structure.append(s))

    scan(qtbot, window, codes[3])  # the fourth line: qty 1 -> 2

    assert structure == []
    assert changed and {(a, b) for a, _, b, _ in changed} == {(3, 3)}, changed
    after = [[model.item(r, c).text() for c in range(model.columnCount())] for r in range(rows)]
    assert [r for r in range(rows) if after[r] != before[r]] == [3]
    assert after[3][QTY] == "2" and before[3][QTY] == "1"
    assert [[model.item(r, c) for c in range(model.columnCount())] for r in range(rows)] == items  # same cells
    view = window.view
    assert view is not None and len(view.priced.lines) == rows
    assert after[3][TOTAL] == format_fen(view.priced.lines[3].line.gross_fen - _shown_reduction(view.priced.lines[3]))
    assert window.till_screen.totals.payable.text() == f"￥{format_fen(view.priced.payable_fen)}"
    assert window.till_screen.table.selectionModel().selectedRows()[0].row() == 3


def _shown_reduction(priced_line) -> int:
    return sum(r.amount_fen for r in priced_line.reductions if r.source_kind not in ("points", "rounding"))


def test_a_scan_that_scrolls_the_cart_repaints_its_scroll_bar_and_not_the_screen_under_it(
    qtbot, till, translated, stalls
):
    window = make_window(qtbot, till, translated, stalls)
    open_shift_and_login(qtbot, window)
    con = cipher.connect(till.db.path)
    codes = [r[0] for r in con.execute("SELECT code FROM barcodes WHERE code NOT LIKE 'PLU%' LIMIT 40")]
    con.close()
    for code in codes:
        scan(qtbot, window, code)
    screen = window.till_screen
    bar = screen.table.verticalScrollBar()
    assert bar.isVisible() and bar.value() == bar.maximum()  # the last line scanned is in view
    paints = EventCounts(QEvent.Type.Paint, [bar, screen.table, screen, window.stack])

    window.on_scan(codes[0])  # the first line again (as the scanner's code arrives): the cart scrolls to the top
    settle(qtbot)

    assert bar.value() == 0
    assert paints.count[bar] >= 1
    # the scroll bar fills its own background: the panes under it are not painted again for it
    assert paints.count[screen.table] == paints.count[screen] == paints.count[window.stack] == 0, paints.count
