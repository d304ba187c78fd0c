"""Store operations: configuration, upgrades from the previous schema, backups and restore, logs
without secrets, the diagnostics bundle, one instance per data folder, the crash reporter."""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
import subprocess
import sys
import tomllib
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from pos_app import logs
from pos_app.config import ConfigError, load, sample, validate
from pos_app.services import SaleSession, Tender, Till, complete_sale, find_sale, login, look_up, open_shift, register
from pos_app.services.backup import BackupError, backup, backups, integrity, restore
from pos_app.services.diagnostics import make_bundle
from pos_app.services.errors import PermissionDenied
from pos_app.store import Database, cipher
from pos_app.store.db import HEAD, current_revision, head_revision

DATA = Path(__file__).parent / "data"
NOW = datetime(2026, 11, 23, 10)


# ---- configuration -------------------------------------------------------------------------------
def test_config_names_the_bad_key_and_the_sample_is_valid(tmp_path):
    assert validate(tomllib.loads(sample()))["printer"]["paper_mm"] == 58
    cases = {
        "[printer]\nhots = 'x'\n": "unknown key printer.hots (did you mean printer.host?)",
        "[printer]\nport = 'abc'\n": "printer.port must be an integer (got 'abc')",
        "[printer]\nkind = 'network'\n": "printer.host is needed for a network printer",
        "[till]\nlanguage = 'fr'\n": "till.language must be zh_CN or en",
        "[hq]\nurl = 'hq.example.cn'\n": "hq.url must start with http:// or https://",
        "[backup]\nkeep = 0\n": "backup.keep must be at least 1",
        "[printr]\n": "unknown key printr (did you mean printer?)",
        "printer = [": "not valid TOML",
    }
    for text, message in cases.items():
        path = tmp_path / "config.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
            load(path)
    path.write_text("[printer]\nkind = 'network'\nhost = '10.0.0.9'\nvendor_id = '0x0416'\n", encoding="utf-8")
    config = load(path, ["printer.paper_mm=80", "till.demo=true"])
    assert config["printer.paper_mm"] == 80 and config["printer.vendor_id"] == 0x0416 and config.demo
    with pytest.raises(ConfigError, match=r"unknown key printer\.colour"):
        load(path, ["printer.colour=red"])
    assert load(tmp_path / "missing.toml").demo  # no file: the demo store


def test_a_bad_config_stops_the_start_with_the_message(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[printer]\npaper_mm = 76\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pos_app", "check-config", "--config", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "printer.paper_mm must be 58 or 80" in result.stderr


# ---- upgrade ---------------------------------------------------------------------------------------
def test_upgrade_from_the_previous_schema_keeps_every_sale_and_balance(tmp_path):
    path = tmp_path / "till.sqlite3"
    shutil.copy(DATA / "till-schema-0001.sqlite3", path)
    con = sqlite3.connect(path)  # plain, as that version kept it
    before_sales = con.execute("select receipt_no, payable_fen, member_id from sales order by receipt_no").fetchall()
    before_points = con.execute("select member_id, sum(delta) from points_ledger group by member_id").fetchall()
    before_sv = con.execute(
        "select member_id, sum(principal_fen), sum(bonus_fen) from stored_value_ledger group by member_id"
    ).fetchall()
    con.close()
    assert len(before_sales) == 14 and before_points
    till = Till(Database(path), lambda: NOW)  # migrates on open
    assert current_revision(till.db.engine) == head_revision() == HEAD
    assert not path.read_bytes().startswith(b"SQLite format 3")  # and encrypted at rest (issue 22)
    con = cipher.connect(path)
    assert (
        con.execute("select receipt_no, payable_fen, member_id from sales order by receipt_no").fetchall()
        == before_sales
    )
    assert con.execute("select member_id, sum(delta) from points_ledger group by member_id").fetchall() == before_points
    assert (
        con.execute(
            "select member_id, sum(principal_fen), sum(bonus_fen) from stored_value_ledger group by member_id"
        ).fetchall()
        == before_sv
    )
    # every unsynced ledger entry now names the outbox event that reports it
    assert con.execute("select count(*) from points_ledger where outbox_seq is null").fetchone()[0] == 0
    for ref, seq in con.execute("select ref, outbox_seq from points_ledger where kind = 'earn'"):
        payload = json.loads(con.execute("select payload from outbox where seq = ?", (seq,)).fetchone()[0])
        assert payload.get("receipt_no") == ref
    con.close()
    member = look_up(till, "M00000003")[0]
    assert member.stored_value_fen >= 20000  # the top-up made before the upgrade
    cashier = login(till, "1111")
    sale = SaleSession(till, cashier)
    sale.scan("6901939621257")
    payable = sale.view().priced.payable_fen
    assert complete_sale(sale, [Tender("cash", payable, cash_given_fen=payable)]).receipt_no.startswith(
        "R" + till.store.receipt_prefix + "261123"
    )
    assert find_sale(till, "R00126112000001").lines[0].qty_left == 0
    till.db.close()


# ---- backups ---------------------------------------------------------------------------------------
def test_backups_verify_rotate_and_restore_and_a_corrupt_one_is_refused(tmp_path):
    path = tmp_path / "till.sqlite3"
    shutil.copy(DATA / "till-schema-0001.sqlite3", path)
    till = Till(Database(path), lambda: NOW)
    folder = tmp_path / "backups"
    made = [backup(path, folder, keep=3, now=datetime(2026, 11, 23, 10, m)) for m in range(5)]
    assert [p.name for p in backups(folder)] == [m.path.name for m in made[-3:]]  # rotated
    assert all(integrity(p) == "ok" for p in backups(folder)) and made[-1].sales == 14
    cashier = login(till, "1111")
    sale = SaleSession(till, cashier)
    sale.scan("6901939621257")
    payable = sale.view().priced.payable_fen
    complete_sale(sale, [Tender("cash", payable, cash_given_fen=payable)])  # after the backup
    till.db.close()
    corrupt = folder / "till-corrupt.sqlite3"
    data = bytearray(made[-1].path.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    corrupt.write_bytes(bytes(data))
    with pytest.raises(BackupError, match=r"Refusing to restore"):
        restore(corrupt, path)
    (folder / "not-a-db.sqlite3").write_text("hello")
    with pytest.raises(BackupError, match=r"not a readable database|Refusing"):
        restore(folder / "not-a-db.sqlite3", path)
    con = cipher.connect(path)
    assert con.execute("select count(*) from sales").fetchone()[0] == 15  # nothing touched
    con.close()
    kept = restore(made[-1].path, path)
    assert kept.exists()
    con = cipher.connect(path)
    assert con.execute("select count(*) from sales").fetchone()[0] == 14
    con.close()
    con = cipher.connect(kept)
    assert con.execute("select count(*) from sales").fetchone()[0] == 15  # the replaced one kept
    con.close()


def test_backup_of_an_unwritable_folder_fails_clearly(tmp_path):
    path = tmp_path / "till.sqlite3"
    shutil.copy(DATA / "till-schema-0001.sqlite3", path)
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises((BackupError, OSError)):
        backup(path, blocker / "backups")


# ---- logs and diagnostics ----------------------------------------------------------------------------
SECRETS = ["1111", "9999", "13912345678"]


def test_no_pin_token_or_phone_in_the_logs_of_a_full_flow(tmp_path):
    import random

    from hq.demo import load_demo
    from hq.service import HQ
    from sync.till import TillSync
    from tests.sync.simnet import SimNet

    log_file = logs.setup(tmp_path / "logs", "DEBUG")
    hq = HQ(f"sqlite:///{tmp_path / 'hq.sqlite3'}", lambda: NOW)
    load_demo(hq, NOW, products=100, members=50)
    _, code = hq.create_till("S001", "001")
    till = Till(Database(tmp_path / "till.sqlite3"), lambda: NOW)
    sync = TillSync(till, SimNet(hq, random.Random(1)).transport("t"))
    answer = sync.enrol(code)
    sync.pull_all()
    cashier = login(till, "1111")
    open_shift(till, cashier, 10000)
    with pytest.raises(PermissionDenied):
        login(till, "9999x")
    register(till, cashier, "13912345678", "测试", None, True)
    sale = SaleSession(till, cashier)
    sale.scan("6901939621257")
    sale.attach_member("13912345678")
    payable = sale.view().priced.payable_fen
    complete_sale(sale, [Tender("cash", payable, cash_given_fen=payable)])
    sync.sync()
    noisy = logging.getLogger("membertill.test")
    noisy.info(
        "request headers {'Authorization': 'Bearer %s'} pin=%s phone %s code: %s",
        answer.token,
        "1111",
        "13912345678",
        code,
    )
    try:
        raise ValueError(f"member 13912345678 with token={answer.token}")
    except ValueError:
        noisy.exception("failure while syncing")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "failure while syncing" in text and "139****5678" in text
    for secret in [*SECRETS, answer.token, code]:
        assert secret not in text, f"{secret!r} reached the log"
    hq.close()
    till.db.close()


def test_diagnostics_bundle_has_what_it_promises(tmp_path):
    path = tmp_path / "till.sqlite3"
    shutil.copy(DATA / "till-schema-0001.sqlite3", path)
    Till(Database(path), lambda: NOW).db.close()
    log_file = logs.setup(tmp_path / "logs")
    logging.getLogger("membertill").info("shift opened by cashier 1001, phone 13912345678")
    for handler in logging.getLogger().handlers:
        handler.flush()
    config = tmp_path / "config.toml"
    config.write_text("[hq]\nurl = 'https://hq.example.cn'\nenrol_code = 'A1B2C3-D4E5F6-0A0B0C'\n", encoding="utf-8")
    out = make_bundle(
        tmp_path, db_path=path, log_dir=log_file.parent, config_path=config, sync_status={"online": False, "waiting": 3}
    )
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        assert {"logs/till.log", "config.toml", "database.json", "sync.json", "system.json"} <= names
        assert (
            "A1B2C3" not in z.read("config.toml").decode() and "https://hq.example.cn" in z.read("config.toml").decode()
        )
        report = json.loads(z.read("database.json"))
        assert report["integrity"] == "ok" and report["schema_revision"] == report["schema_head"] == HEAD
        assert report["rows_sales"] == 14
        assert json.loads(z.read("sync.json"))["waiting"] == 3
        assert "13912345678" not in z.read("logs/till.log").decode()


# ---- single instance and crashes ------------------------------------------------------------------------
def test_a_second_launch_focuses_the_first(qtbot, tmp_path):
    from pos_app.ui.single import SingleInstance

    first = SingleInstance(tmp_path)
    assert first.acquire()
    second = SingleInstance(tmp_path)
    assert not second.acquire()
    with qtbot.waitSignal(first.activated, timeout=30000):
        assert second.ask_first_to_show()
    first.release()
    third = SingleInstance(tmp_path)
    assert third.acquire()  # the folder is free again
    third.release()


def test_an_unhandled_error_is_logged_told_and_the_open_sale_survives(qtbot, tmp_path):
    from pos_app.services.demo import open_demo_till
    from pos_app.ui.crash import CrashReporter

    log_file = logs.setup(tmp_path / "logs")
    till = open_demo_till(tmp_path / "till.sqlite3", lambda: NOW, products=100, members=20)
    cashier = login(till, "1111")
    open_shift(till, cashier, 0)
    sale = SaleSession(till, cashier)
    sale.scan("6901939621257")
    shown = []
    reporter = CrashReporter(shown.append)
    try:
        {}["boom"]
    except KeyError:
        reporter.handle(*sys.exc_info())
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    assert "KeyError" in shown[0]
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "Traceback" in log_file.read_text(encoding="utf-8")
    # the app restarts: the sale in progress is still there
    till.db.close()
    again = Till(Database(tmp_path / "till.sqlite3"), lambda: NOW)
    assert len(SaleSession(again, cashier).view().priced.lines) == 1
    again.db.close()
