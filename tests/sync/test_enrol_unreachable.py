"""Issue 22, defect 10: a till enrolling against an unreachable HQ says so on screen (the status
bar, never "no HQ configured"), keeps selling, and enrols by itself once HQ answers, without a
restart. A real HQ process that is started only after the till."""

from __future__ import annotations

import random
import time
from datetime import datetime

from pos_app.boot import Boot
from pos_app.config import load
from pos_app.services import Till
from pos_app.store import Database

from .conftest import Server, demo_hq

NOW = datetime(2026, 11, 23, 10)


def wait_until(predicate, timeout: float = 60.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def members(till: Till) -> int:
    with till.uow() as uow:
        return uow.session.execute(__import__("sqlalchemy").text("select count(*) from members")).scalar()


def test_enrolment_against_an_unreachable_hq_is_shown_and_retried_until_it_works(sqlite_url, tmp_path, qtbot):
    codes = demo_hq(sqlite_url, NOW, tills=1)
    server = Server(sqlite_url, tmp_path / "hq.log")  # its port chosen, not started yet
    config_file = tmp_path / "config.toml"
    config_file.write_text(
        f"[till]\ndata_dir = '{tmp_path / 'data'}'\n[hq]\nurl = '{server.base}'\nenrol_code = '{codes[0]}'\n",
        encoding="utf-8",
    )
    boot = Boot(load(config_file))
    (tmp_path / "data").mkdir()
    till = Till(Database(tmp_path / "data" / "till.sqlite3"), lambda: NOW)
    worker = boot.start_sync(till)
    try:
        assert worker is not None  # not "standalone": HQ is configured
        worker.probe_every_s, worker.resume_spread_s, worker.rng = (0.1, 0.3), 0.1, random.Random(1)
        assert wait_until(lambda: worker.status()["last_error"] != "")
        status = worker.status()
        assert not status["enrolled"] and not status["online"] and not status["refused"]

        from pos_app.ui.app import make_app
        from pos_app.ui.main_window import TillWindow

        _app, translator = make_app("zh_CN", tmp_path / "cache")  # the till's language: Chinese
        window = TillWindow(till, demo=False, sync_status=worker.status)
        qtbot.addWidget(window)
        window.refresh_sync()
        assert "尚未在总部登记" in window.sync_label.text() and "正在重试" in window.sync_label.text()

        server.start()  # HQ comes up: no restart of the till
        assert wait_until(lambda: worker.status()["enrolled"] and worker.status()["online"])
        assert wait_until(lambda: members(till) >= 400)  # the chain's members loaded
        window.refresh_sync()
        assert "尚未" not in window.sync_label.text()
        _app.removeTranslator(translator)
    finally:
        worker.stop()
        server.stop()
        till.db.close()


def test_a_wrong_enrolment_code_is_shown_as_refused(sqlite_url, served, tmp_path):
    demo_hq(sqlite_url, NOW, tills=1)
    server = served(sqlite_url)
    config_file = tmp_path / "config.toml"
    config_file.write_text(
        f"[till]\ndata_dir = '{tmp_path / 'data'}'\n[hq]\nurl = '{server.base}'\nenrol_code = 'AAAAAA-BBBBBB-CCCCCC'\n",
        encoding="utf-8",
    )
    (tmp_path / "data").mkdir()
    till = Till(Database(tmp_path / "data" / "till.sqlite3"), lambda: NOW)
    worker = Boot(load(config_file)).start_sync(till)
    try:
        assert wait_until(lambda: worker.status()["refused"])
        assert "enrolment code" in worker.status()["last_error"]
    finally:
        worker.stop()
        till.db.close()
