"""A scan's new totals change the totals' texts and lay out nothing else: a label whose text
changes asked its parent to be laid out again, up through the till screen to the main window, at
every scan (panels.show_value). A text that needs more room still gets it."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from pos_app.ui.panels import VALUE_CELL, panel_label, show_value

from .conftest import EventCounts
from .test_till_flows import COLA, make_window, open_shift_and_login, scan


def _panel(qtbot) -> tuple[QWidget, QLabel]:
    panel = QWidget()
    grid = QGridLayout(panel)
    label = panel_label()
    label.setObjectName("payable")  # the largest font of the panel's values
    show_value(label, "￥88.88")
    grid.addWidget(QLabel("应付"), 0, 0)
    grid.addWidget(label, 0, 1, VALUE_CELL)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.wait(10)
    return panel, label


def test_a_new_amount_that_fits_lays_out_nothing(qtbot, translated):
    panel, label = _panel(qtbot)
    relayouts = EventCounts(QEvent.Type.LayoutRequest, [panel])

    show_value(label, "￥11.11")
    qtbot.wait(10)

    assert label.text() == "￥11.11"
    assert relayouts.count[panel] == 0


def test_a_wider_amount_gets_the_room_it_needs(qtbot, translated):
    panel, label = _panel(qtbot)

    show_value(label, "￥88888888.88")
    qtbot.wait(10)

    assert label.text() == "￥88888888.88"
    assert label.width() >= label.sizeHint().width()
    assert label.height() >= label.sizeHint().height()


def test_a_repeated_scan_does_not_lay_out_the_till_window(qtbot, till, translated, stalls):
    window = make_window(qtbot, till, translated, stalls)
    open_shift_and_login(qtbot, window)
    scan(qtbot, window, COLA)
    totals = window.till_screen.totals
    watched = [window, window.stack, window.till_screen, totals]
    compared = 0
    for _ in range(8):
        rows = [name for name, *_ in totals.rows(window.view.priced)]
        values = [totals.payable] + [right for _, right in totals._pairs[: totals._shown]]
        room = [label.size() for label in values]
        relayouts = EventCounts(QEvent.Type.LayoutRequest, watched)

        scan(qtbot, window, COLA)

        # a rule's row that starts or ends rebuilds the rows, an amount wider than any before
        # needs room: either lays the screen out, rightly
        if [name for name, *_ in totals.rows(window.view.priced)] != rows or any(
            label.sizeHint().width() > size.width() for label, size in zip(values, room)
        ):
            continue
        compared += 1
        payable = window.view.priced.payable_fen
        assert totals.payable.text() == f"￥{payable // 100}.{payable % 100:02d}"
        assert relayouts.count == dict.fromkeys(watched, 0)
    assert compared


def test_a_row_that_comes_and_goes_keeps_its_labels(qtbot, till, translated, stalls):
    window = make_window(qtbot, till, translated, stalls)
    open_shift_and_login(qtbot, window)
    totals = window.till_screen.totals
    counts, made = [], []
    for _ in range(6):  # cola: the second at half price, the rounding row comes and goes
        scan(qtbot, window, COLA)
        rows = totals.rows(window.view.priced)
        counts.append(len(rows))
        shown = [(left.text(), right.text()) for left, right in totals._pairs if left.isVisible()]
        assert shown == [(label, value) for label, value, _ in rows]
        made.append(list(totals._pairs))
    assert len(set(counts)) > 1 and counts != sorted(counts)  # rows came and went
    assert all(pairs == made[-1][: len(pairs)] for pairs in made)  # each row's labels made once
