"""HQ's settings are read in one place; `pos-hq demo` makes the first chain admin and `pos-hq
staff` more accounts; migration 0005 upgrades a database made by 0004 and back."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from hq.__main__ import main
from hq.migrate import config
from hq.service import HQ
from hq.settings import Settings

HQ_DIR = Path(__file__).resolve().parents[2] / "hq"


def test_nothing_in_hq_but_its_settings_reads_the_environment():
    readers = []
    for path in HQ_DIR.rglob("*.py"):
        if path.name == "settings.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#")[0]
            if re.search(r"os\.getenv|environ\.get|environ\[[^]]+\](?!\s*=)", code):
                readers.append(f"{path.relative_to(HQ_DIR)}:{n}")
    assert readers == []


def test_settings_come_from_the_environment_with_their_prefix(monkeypatch):
    monkeypatch.setenv("MEMBERTILL_HQ_ADMIN_TOKEN", "t0ken")
    monkeypatch.setenv("MEMBERTILL_HQ_LOCKOUT_FAILURES", "3")
    monkeypatch.setenv("MEMBERTILL_HQ_COOKIE_SECURE", "false")
    settings = Settings()
    assert (settings.admin_token, settings.lockout_failures, settings.cookie_secure) == ("t0ken", 3, False)
    monkeypatch.setenv("MEMBERTILL_HQ_DEFAULT_LANG", "fr")
    with pytest.raises(ValueError):
        Settings()


def test_pos_hq_demo_prints_the_first_chain_admin_who_can_then_sign_in(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    assert main(["--db", url, "demo", "--products", "50", "--members", "20", "--tills", "1"]) == 0
    out = capsys.readouterr().out
    assert "S001 till 001: enrolment code" in out
    password = re.search(r"console account admin \(chain_admin\): password (\S+)", out).group(1)
    assert (
        main(
            ["--db", url, "staff", "demo", "li", "store_manager", "--stores", "S001", "--password", "li-password-2026"]
        )
        == 0
    )
    assert "password" not in capsys.readouterr().out.split("li (store_manager)")[1]  # given, not printed
    assert main(["--db", url, "staff", "demo", "wu", "store_manager", "--stores", "S404"]) == 1
    assert "There is no store S404" in capsys.readouterr().err
    from hq.services import auth

    hq = HQ(url, datetime.now)
    settings = Settings(lockout_failures=5)
    assert auth.sign_in(hq, settings, "admin", password).staff.role == "chain_admin"
    assert auth.sign_in(hq, settings, "li", "li-password-2026").staff.store_codes == ("S001",)
    hq.close()


def test_migration_0005_upgrades_a_0004_database_and_back(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    command.upgrade(config(engine), "0004")
    with engine.begin() as c:
        c.execute(text("INSERT INTO chains (id, name) VALUES ('demo', '邻家便利')"))
        c.execute(text("INSERT INTO stores (id, chain_id, code, name) VALUES ('s1', 'demo', 'S001', '一号店')"))
    command.upgrade(config(engine), "head")
    tables = set(inspect(engine).get_table_names())
    assert {"staff", "staff_sessions", "hq_audit", "till_contacts", "reconciliation_decisions"} <= tables
    with engine.begin() as c:
        assert c.execute(text("SELECT name FROM stores")).scalar() == "一号店"
    command.downgrade(config(engine), "0004")
    assert "staff" not in set(inspect(engine).get_table_names())
    engine.dispose()
