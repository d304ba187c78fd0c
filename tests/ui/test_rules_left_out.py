"""A rule from HQ the till cannot read is named in the status bar, in Chinese, and the cashier
keeps selling (issue 16, defect 9)."""

from __future__ import annotations

from pos_app.store.models import PromotionRow

from .test_till_flows import COLA, make_window, open_shift_and_login, scan


def test_a_malformed_promotion_is_named_in_the_status_bar_and_scans_go_on(qtbot, till, translated):
    with till.uow() as uow:
        uow.session.add(
            PromotionRow(id="P-BAD", name="坏促销", kind="nth_discount", params={"n": 2, "percent_off": "ten"})
        )
        uow.commit()
    till.reload_rules()  # as after a sync brought the row
    window = make_window(qtbot, till, translated)
    window.refresh_sync()
    text = window.rules_label.text()
    assert window.rules_label.isVisibleTo(window)
    assert "P-BAD" in text and "percent_off" in text and "必须是 0 到 100 的整数百分比" in text
    open_shift_and_login(qtbot, window)
    scan(qtbot, window, COLA)
    assert window.till_screen.model.rowCount() == 1
