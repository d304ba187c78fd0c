"""Issue 23, cold start: the till's window shows before its database has opened. The login screen
says (in Chinese) that the database is opening and takes no PIN; the database is checked and
opened on the till's database thread (never on the GUI thread) while the screen is up; once it
has answered, the login screen names the store and takes PINs. Before the window is painted no
SQLAlchemy, pydantic or services module is loaded (they cost most of the start). The speed itself
is `python -m bench ui`'s (cold start and "ready" against a bare Qt window)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pos_app.boot import Boot
from pos_app.config import load
from pos_app.store import cipher
from pos_app.ui import app as app_module
from pos_app.ui import i18n
from tests.event_loops import hang_guard

from .conftest import settle

ROOT = Path(__file__).resolve().parents[2]


def till_config(tmp_path: Path, ui_demo_file: Path) -> Path:
    """A till's folders as installed: its configuration file, its database in the data folder."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ui_demo_file, data / "till.sqlite3")
    config = tmp_path / "config.toml"
    config.write_text(
        f"[till]\ndata_dir = '{data}'\n\n[printer]\nkind = 'file'\npath = '{tmp_path / 'paper.bin'}'\n",
        encoding="utf-8",
    )
    return config


def start_held(qtbot, boot: Boot, monkeypatch, at_waiting, at_ready) -> tuple[int, dict]:
    """Run the till (`boot.run`, its real event loop) with the database thread held before it
    opens the database: `at_waiting(window)` runs while it is held, then it is let go, and
    `at_ready(window)` runs once the login screen takes PINs; then the window closes. Returns
    the exit code and what was seen (the threads the database was opened on, the connections
    opened on the GUI thread, an error raised by a check)."""
    from pos_app.ui.main_window import TillWindow

    gate = threading.Event()
    seen: dict = {"opened_on": [], "gui_connections": []}
    open_till = Boot.open_till

    def held_open_till(self):
        seen["opened_on"].append(threading.current_thread() is threading.main_thread())
        if threading.current_thread() is not threading.main_thread():
            gate.wait(30)
        return open_till(self)

    def recording(connect, what):
        def connect_and_record(*args, **kwargs):
            if threading.current_thread() is threading.main_thread():
                seen["gui_connections"].append(what)
            return connect(*args, **kwargs)

        return connect_and_record

    monkeypatch.setattr(Boot, "open_till", held_open_till)
    settle_memory = app_module.settle_memory  # the last step of the start (a collection, the heap frozen)
    monkeypatch.setattr(app_module, "settle_memory", lambda: (settle_memory(), seen.update(settled=True)))
    monkeypatch.setattr(cipher.dbapi2, "connect", recording(cipher.dbapi2.connect, "SQLCipher"))
    monkeypatch.setattr(cipher.sqlite3, "connect", recording(cipher.sqlite3.connect, "SQLite"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the till's crash reporter replaces them
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    app = QApplication.instance()

    def look() -> None:
        window = next((w for w in app.topLevelWidgets() if isinstance(w, TillWindow) and w.isVisible()), None)
        if window is None or not seen["opened_on"]:
            QTimer.singleShot(20, look)
            return
        qtbot.addWidget(window)  # deleted after the test (its scanner filter goes with it)
        try:
            at_waiting(window)
            gate.set()
            qtbot.waitUntil(lambda: window.login_screen.ready, timeout=30000)
            at_ready(window)
            # the start's last step done before the test goes on: a collection it makes in the middle
            # of the next test could free that test's dialogs
            qtbot.waitUntil(lambda: seen.get("settled", False), timeout=30000)
        except BaseException as error:  # told after the loop (a Qt callback cannot fail the test)
            seen["error"] = error
        finally:
            gate.set()
            window.close()
            app.exit(0)

    QTimer.singleShot(0, look)
    with hang_guard(60000, 3):  # never hang the run; stopped with it (tests/event_loops.py)
        code = boot.command("run", None)
    settle(qtbot)  # the answers of the jobs the run left (its page check, the modules loaded later)
    if "error" in seen:
        raise seen["error"]
    return code, seen


def test_the_login_screen_shows_before_the_database_has_opened_and_takes_no_pin_until_it_has(
    qtbot, translated, tmp_path, ui_demo_file, monkeypatch
):
    boot = Boot(load(till_config(tmp_path, ui_demo_file)))
    state: dict = {}

    def at_waiting(window):
        screen = window.login_screen
        screen.grab().save(str(tmp_path / "login-waiting.png"))
        entered: list[str] = []
        screen.pin_entered.connect(entered.append)
        screen.pin.setText("1111")
        screen.submit()
        state["waiting"] = {
            "shown": screen.isVisible(),
            "pin": screen.pin.isEnabled(),
            "keypad": screen.keypad.isEnabled(),
            "where": screen.where.text(),
            "till screen": hasattr(window, "till_screen"),
            "entered": entered,
        }

    def at_ready(window):
        screen = window.login_screen
        state["ready"] = {
            "ready": screen.ready,
            "pin": screen.pin.isEnabled(),
            "pin text": screen.pin.text(),  # the PIN typed while waiting is gone
            "keypad": screen.keypad.isEnabled(),
            "where": screen.where.text(),
            "title": window.windowTitle(),
        }
        state["store"] = (window.till.store.name, window.till.store.till_name)
        screen.grab().save(str(tmp_path / "login-ready.png"))

    code, seen = start_held(qtbot, boot, monkeypatch, at_waiting, at_ready)
    assert code == 0
    assert state["waiting"] == {
        "shown": True,
        "pin": False,
        "keypad": False,
        "where": "正在打开数据库…",
        "till screen": False,
        "entered": [],
    }
    store, till = state["store"]
    assert state["ready"] == {
        "ready": True,
        "pin": True,
        "pin text": "",
        "keypad": True,
        "where": f"{store} · {till}",
        "title": f"会员收银台 — {store}",
    }
    assert seen["opened_on"] == [False]  # on the database thread
    assert seen["gui_connections"] == []  # nothing of the start opened a database on the GUI thread
    assert (tmp_path / "login-waiting.png").stat().st_size > 1000


def test_a_language_saved_at_the_till_is_the_ready_login_screens(
    qtbot, qapp, translated, tmp_path, ui_demo_file, monkeypatch
):
    config = till_config(tmp_path, ui_demo_file)
    till = Boot(load(config)).open_till()
    with till.uow() as uow:
        uow.rules.set_setting("devices", {"till": {"language": "en"}})
        uow.commit()
    till.db.close()
    boot = Boot(load(config))
    state: dict = {}

    def at_waiting(window):  # the configuration file's language until the database says otherwise
        state["waiting"] = window.login_screen.where.text()

    def at_ready(window):
        screen = window.login_screen
        state["ready"] = (screen.ready, screen.pin.placeholderText(), window.windowTitle().split(" — ")[0])
        screen.grab().save(str(tmp_path / "login-ready-en.png"))

    try:
        code, _ = start_held(qtbot, boot, monkeypatch, at_waiting, at_ready)
    finally:
        qapp.removeTranslator(boot.translator)
        i18n.install(qapp, "zh_CN", tmp_path / "qm")
    assert code == 0
    assert state == {"waiting": "正在打开数据库…", "ready": (True, "Enter your PIN", "MemberTill")}


# A new process starting the till as the cashier does (`python -m pos_app --config ...`): at the
# login screen's first paint, the modules loaded so far are printed and the process ends.
FIRST_PAINT = r"""
import importlib.machinery, json, os, sys

class Patch:
    def find_spec(self, name, path, target=None):
        if name != "pos_app.ui.login":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        run = spec.loader.exec_module
        def exec_module(module):
            run(module)
            original = module.LoginScreen.paintEvent
            def paintEvent(self, event):
                original(self, event)
                print(json.dumps(sorted(sys.modules)), flush=True)
                os._exit(0)
            module.LoginScreen.paintEvent = paintEvent
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, Patch())
from pos_app.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def test_no_sqlalchemy_pydantic_or_services_module_is_loaded_before_the_window_is_painted(tmp_path, ui_demo_file):
    config = till_config(tmp_path, ui_demo_file)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = json.loads(done.stdout.splitlines()[-1])
    assert "pos_app.ui.main_window" in loaded and "PySide6.QtWidgets" in loaded
    heavy = [
        m
        for m in loaded
        if m.split(".")[0] in ("sqlalchemy", "alembic", "pydantic", "escpos", "keyring")
        or m.startswith(("pos_app.services", "pos_app.store.db", "pos_app.store.models", "pos_app.domain.pricing"))
    ]
    assert heavy == []
