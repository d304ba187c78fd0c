"""Once a sale is complete, the write-ahead log is copied into the database file in the
background, between customers (Database.checkpoint): SQLite's own copy ran inside a scan's
commit once every few hundred scans, a scan that took 60-420 ms longer (python -m bench ui)."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from pos_app.store import cipher

from .test_till_flows import COLA, WATER, make_window, open_shift_and_login, pay_and_finish, scan


def test_a_completed_sale_is_in_the_database_file_itself(qtbot, till, translated, stalls, tmp_path):
    window = make_window(qtbot, till, translated, stalls)
    open_shift_and_login(qtbot, window)
    scan(qtbot, window, COLA)
    scan(qtbot, window, WATER)

    def pay(dialog):
        qtbot.keyClicks(dialog.amount, "100")
        qtbot.keyClick(dialog.amount, Qt.Key_Return)  # 100 yuan cash handed over
        qtbot.keyClick(dialog.amount, Qt.Key_Return)  # complete

    pay_and_finish(qtbot, window, pay)

    alone = tmp_path / "file-alone.sqlite3"  # the database file without its log
    shutil.copy(till.db.path, alone)
    con = cipher.connect(alone)
    try:
        assert con.execute("SELECT count(*) FROM sales WHERE kind = 'sale'").fetchone()[0] == 1
    finally:
        con.close()
