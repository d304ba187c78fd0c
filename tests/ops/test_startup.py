"""Issue 22, defect 9: every start-up failure (a corrupt, truncated or internally damaged database,
a read-only or full data folder, a configuration with a mistake) gets a window in Chinese and
English that says what is wrong and what to do, a log entry without personal data, and never a
modified database; a damaged database offers the last verified backup. The maintenance commands
speak Chinese first."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pos_app.boot import Boot
from pos_app.config import load
from pos_app.services.backup import backup
from pos_app.startup import StartupProblem, check_database, check_folder, preflight
from pos_app.store import cipher
from tests.event_loops import hang_guard

NOW = datetime(2026, 11, 23, 9)
PHONE = "13912345678"
NAME = "张秘密"


@pytest.fixture(scope="module")
def good_db(tmp_path_factory) -> Path:
    """A real till database with members (one named NAME, phone PHONE) and sales."""
    from pos_app.services import login, register
    from pos_app.services.demo import open_demo_till

    path = tmp_path_factory.mktemp("good") / "till.sqlite3"
    till = open_demo_till(path, lambda: NOW, products=200, members=300)
    register(till, login(till, "1111"), PHONE, NAME, None, True)
    till.db.close()
    con = cipher.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage_pages(path: Path) -> None:
    """Scribble over b-tree pages in the middle of the file, leaving page 1 (the header) intact."""
    con = cipher.connect(path)
    page_size = int(con.execute("PRAGMA page_size").fetchone()[0])  # SQLCipher answers in text
    pages = int(con.execute("PRAGMA page_count").fetchone()[0])
    con.close()
    with open(path, "r+b") as f:
        for page in range(pages // 3, pages - 2, 9):
            f.seek(page * page_size)
            f.write(bytes([0xFF, 0x13, 0x77, 0x00]) * 16)


def till_folder(tmp_path: Path, good_db: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    data.mkdir()
    db = data / "till.sqlite3"
    shutil.copy(good_db, db)
    return data, db


def test_a_healthy_database_passes_the_start_checks(tmp_path, good_db):
    data, db = till_folder(tmp_path, good_db)
    assert preflight(data, db, data / "backups") == "ok"
    assert check_database(data / "none.sqlite3") == "new"


@pytest.mark.parametrize(
    "harm, code",
    [
        (lambda p: p.write_bytes(b"this is not a database at all" * 100), "startup.db_not_a_database"),
        (lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]), "startup.db_truncated"),
        (lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2 + 100]), "startup.db_truncated"),
        # cut at a page boundary: every page left is authentic, so the key opens page 1 (not a wrong key)
        (lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2 // 4096 * 4096]), "startup.db_truncated"),
        (damage_pages, "startup.db_damaged"),
    ],
)
def test_a_bad_database_is_refused_unchanged_and_the_last_verified_backup_offered(tmp_path, good_db, harm, code):
    data, db = till_folder(tmp_path, good_db)
    kept = backup(db, data / "backups", reason="shift")
    harm(db)
    before = digest(db)
    with pytest.raises(StartupProblem) as refused:
        preflight(data, db, data / "backups")
    assert refused.value.code == code
    assert refused.value.backup == kept.path
    assert digest(db) == before
    assert not db.with_name("till.sqlite3-wal").exists() or db.with_name("till.sqlite3-wal").stat().st_size == 0
    zh, en = refused.value.text("zh_CN"), refused.value.text("en")
    assert "备份" in zh and "backup" in en and "{" not in zh + en


def run_boot(
    data: Path, qtbot, lang: str = "zh_CN", click: str = "close", shot: Path | None = None
) -> tuple[int, dict]:
    """Start the till on `data` (its own config: no demo) and answer the start-up window."""
    config_file = data.parent / "config.toml"
    config_file.write_text(f"[till]\ndata_dir = '{data}'\n", encoding="utf-8")
    boot = Boot(load(config_file), language=lang)
    seen: dict = {}

    def answer():
        from pos_app.ui.startup_window import StartupProblemWindow

        window = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, StartupProblemWindow) and w.isVisible()), None
        )
        if window is None:
            QTimer.singleShot(50, answer)
            return
        try:
            seen.update(
                zh=window.chinese.text(),
                en=window.english.text(),
                backup=window.backup_line.text() if window.backup_line else None,
                can_restore=window.restore_button is not None,
                title=window.windowTitle(),
            )
            if shot is not None:
                window.grab().save(str(shot))
            if click == "restore":
                window.restore_button.click()
                qtbot.waitUntil(lambda: window.restored is not None or window.restore_button.isEnabled(), timeout=30000)
                seen["after"] = window.backup_line.text()
        finally:
            window.reject()

    QTimer.singleShot(50, answer)
    code = boot.command("run", None)
    return code, seen


def test_the_till_started_on_a_damaged_database_shows_the_window_and_sells_nothing(tmp_path, good_db, qtbot, capfd):
    data, db = till_folder(tmp_path, good_db)
    backup(db, data / "backups", reason="shift")
    damage_pages(db)
    before = digest(db)
    code, seen = run_boot(data, qtbot, shot=tmp_path / "startup-window.png")
    assert code != 0
    assert "损坏" in seen["zh"] and "不会在它上面收银" in seen["zh"]
    assert "damaged pages" in seen["en"] and seen["can_restore"]
    assert "最近一次校验通过的备份" in seen["backup"] and "last verified backup" in seen["backup"]
    assert digest(db) == before  # never modified
    err = capfd.readouterr().err
    assert "Traceback" not in err and err.splitlines()[0].startswith("收银数据库")
    log_text = (data / "logs" / "till.log").read_text(encoding="utf-8")
    assert "startup.db_damaged" in log_text
    assert PHONE not in log_text and NAME not in log_text and PHONE not in err and NAME not in err


def test_the_window_restores_the_last_verified_backup_and_keeps_the_damaged_file(tmp_path, good_db, qtbot):
    data, db = till_folder(tmp_path, good_db)
    kept = backup(db, data / "backups", reason="shift")
    db.write_bytes(b"garbage" * 1000)
    code, seen = run_boot(data, qtbot, click="restore")
    assert "已用备份" in seen["after"] and "Restored from" in seen["after"]
    assert digest(db) == digest(kept.path)
    assert [p.read_bytes() for p in data.glob("till.sqlite3.before-restore-*")] == [b"garbage" * 1000]
    assert preflight(data, db, data / "backups") == "ok"


def test_an_unexpected_failure_while_opening_is_logged_without_the_sql_parameters(tmp_path, good_db, qtbot, capfd):
    data, db = till_folder(tmp_path, good_db)
    con = cipher.connect(db)  # a schema the till cannot read: members without their columns
    con.execute("DROP TABLE settings")
    con.commit()
    con.close()
    code, seen = run_boot(data, qtbot, lang="en")
    assert code != 0 and "意外错误" in seen["zh"] and "unexpected error" in seen["en"]
    err = capfd.readouterr().err
    log_text = (data / "logs" / "till.log").read_text(encoding="utf-8")
    assert "Traceback" not in err and "startup.unexpected" in log_text and "SELECT" not in log_text


def mount_tmpfs(where: Path, *options: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs", str(where)], capture_output=True
        ).returncode
        == 0
    )


def test_a_read_only_data_folder_is_named_and_nothing_is_written(tmp_path, qtbot):
    folder = tmp_path / "ro"
    if not mount_tmpfs(folder, "size=4m", "ro"):
        pytest.skip("needs root to mount a read-only tmpfs")
    try:
        with pytest.raises(StartupProblem) as refused:
            check_folder(folder)
        assert refused.value.code == "startup.folder_read_only"
        assert "只读" in refused.value.text("zh_CN")
        code, seen = run_boot(folder, qtbot)
        assert code != 0 and "只读" in seen["zh"] and "read-only" in seen["en"]
        assert list(folder.iterdir()) == []
    finally:
        subprocess.run(["umount", str(folder)])


def test_a_full_disk_is_named(tmp_path, qtbot):
    folder = tmp_path / "full"
    if not mount_tmpfs(folder, "size=1m"):
        pytest.skip("needs root to mount a small tmpfs")
    try:
        (folder / "filler").write_bytes(b"\0" * (1024 * 1024 - 4096))
        with pytest.raises(StartupProblem) as refused:
            check_folder(folder / "data")
        assert refused.value.code == "startup.disk_full"
        assert "磁盘已满" in refused.value.text("zh_CN") and "full" in refused.value.text("en")
    finally:
        subprocess.run(["umount", str(folder)])


def pos_app(*args: str, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "pos_app", *args], capture_output=True, text=True, timeout=120, env=env, **kw
    )


def test_maintenance_commands_speak_chinese_first(tmp_path, good_db):
    data, db = till_folder(tmp_path, good_db)
    config_file = tmp_path / "config.toml"
    config_file.write_text(f"[till]\ndata_dir = '{data}'\n", encoding="utf-8")
    done = pos_app("backup", "--config", str(config_file))
    assert done.returncode == 0 and done.stdout.splitlines()[0].startswith("备份已写入并校验通过")
    assert done.stdout.splitlines()[1].startswith("Backup written and verified")
    done = pos_app("check-config", "--config", str(config_file))
    assert done.stdout.startswith(f"{config_file} 有效") and "is valid" in done.stdout
    done = pos_app("restore", "--config", str(config_file))
    assert done.returncode == 2 and done.stderr.startswith("请指定要恢复的备份文件")
    done = pos_app("diagnostics", str(tmp_path), "--config", str(config_file))
    assert done.stdout.startswith("诊断包已写入")
    config_file.write_text("[printer]\npaper_mm = 76\n", encoding="utf-8")
    done = pos_app("check-config", "--config", str(config_file))
    assert done.returncode == 2 and done.stderr.startswith("配置文件有误") and "paper_mm" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_broken_configuration_at_start_shows_the_window(tmp_path, qtbot, monkeypatch):
    import pos_app.__main__ as cli
    from pos_app.ui.startup_window import StartupProblemWindow

    seen = {}

    def answer():
        window = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, StartupProblemWindow) and w.isVisible()), None
        )
        if window is None:
            QTimer.singleShot(50, answer)
            return
        seen.update(zh=window.chinese.text(), en=window.english.text())
        window.reject()

    config_file = tmp_path / "config.toml"
    config_file.write_text("[printer]\nkind = 'network'\n", encoding="utf-8")
    QTimer.singleShot(50, answer)
    assert cli.main(["--config", str(config_file)]) == 2
    assert seen["zh"].startswith("配置文件有误") and "printer.host" in seen["zh"]
    assert "configuration has a mistake" in seen["en"]


def test_the_page_check_waits_for_the_window_only_when_opening_writes_nothing(tmp_path, good_db):
    """Issue 23: at the till's start the page check of a current, encrypted database runs after the
    window shows (boot's `check_pages`, first on the database thread); one that needs a migration
    is checked whole before anything opens it, as before."""
    data, db = till_folder(tmp_path, good_db)
    assert preflight(data, db, data / "backups", defer=True) == "deferred"
    assert preflight(data, db, data / "backups") == "ok"
    con = cipher.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '0006_previous'")
    con.commit()
    con.close()
    assert preflight(data, db, data / "backups", defer=True) == "ok"


def test_damage_found_after_the_window_showed_refuses_the_database_the_same_way(tmp_path, good_db, qtbot):
    data, db = till_folder(tmp_path, good_db)
    kept = backup(db, data / "backups", reason="shift")
    damage_pages(db)
    assert preflight(data, db, data / "backups", defer=True) == "deferred"  # the damage is in the pages
    before = digest(db)
    code, seen = run_boot(data, qtbot)
    assert code != 0 and "损坏" in seen["zh"] and seen["can_restore"] and kept.path.name in seen["backup"]
    assert digest(db) == before
    from pos_app.ui import worker

    worker.wait_idle()
    assert not worker._pending  # what was queued behind the check never ran, and nothing waits on it
    log_text = (data / "logs" / "till.log").read_text(encoding="utf-8")
    assert "database check at start: deferred" in log_text and "startup.db_damaged" in log_text


def test_a_failure_building_the_till_once_the_database_opened_shows_the_window(tmp_path, good_db, qtbot, monkeypatch):
    """Issue 23: the till is built on the GUI thread once the database has answered (the window
    already up); a failure there is a start-up problem like any other, never a login screen that
    stays disabled."""
    data, db = till_folder(tmp_path, good_db)

    def printer_that_fails(self, till):
        raise RuntimeError("the printer's driver would not load")

    monkeypatch.setattr(Boot, "printing", printer_that_fails)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the till's crash reporter replaces them
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    with hang_guard(30000, 9):  # no window: the run ends all the same; stopped with it (tests/event_loops.py)
        code, seen = run_boot(data, qtbot)
    assert code != 0 and "意外错误" in seen.get("zh", "") and "unexpected error" in seen["en"]
    log_text = (data / "logs" / "till.log").read_text(encoding="utf-8")
    assert "startup.unexpected" in log_text and "RuntimeError" in log_text and "driver" not in log_text
