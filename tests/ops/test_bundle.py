"""The Linux bundle: built with PyInstaller, it starts offscreen, migrates a fresh database,
completes a demo sale printed to a file (in Chinese) and exits 0; and over a data folder made by
the previous schema version it migrates and keeps every sale. The Windows installer script is
checked for its structure here (Inno Setup itself only runs on Windows)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pos_app.store import cipher
from pos_app.store.db import HEAD

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    if sys.platform != "linux":
        pytest.skip("the CI bundle is the Linux one")
    dist, work = tmp_path_factory.mktemp("dist"), tmp_path_factory.mktemp("build")
    sys.path.insert(0, str(ROOT))
    from installer.build import build

    return build(dist, work)


def run(exe: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)
    return subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_bundle_sells_a_demo_sale_on_a_fresh_database(bundle, tmp_path):
    result = run(bundle, "smoke", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    paper = (tmp_path / "smoke-receipt.bin").read_bytes()
    assert "销售小票".encode("gb18030") in paper and b"\x1dV" in paper
    con = cipher.connect(tmp_path / "demo" / "till.sqlite3")
    assert con.execute("select version_num from alembic_version").fetchone()[0] == HEAD
    assert con.execute("select count(*) from sales").fetchone()[0] == 1
    con.close()
    assert run(bundle, "check-config", "--set", "printer.port=x").returncode == 2


@pytest.mark.slow
def test_bundle_upgrades_a_data_folder_of_the_previous_version(bundle, tmp_path):
    (tmp_path / "demo").mkdir()
    shutil.copy(DATA / "till-schema-0001.sqlite3", tmp_path / "demo" / "till.sqlite3")
    result = run(bundle, "smoke", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    con = cipher.connect(tmp_path / "demo" / "till.sqlite3")
    assert con.execute("select version_num from alembic_version").fetchone()[0] == HEAD
    assert con.execute("select count(*) from sales").fetchone()[0] == 15  # 14 kept + the smoke sale
    assert con.execute("select count(*) from points_ledger where outbox_seq is null").fetchone()[0] == 0
    con.close()


def test_windows_installer_script_is_well_formed():
    text = (ROOT / "installer" / "membertill.iss").read_text(encoding="utf-8")
    sections = re.findall(r"^\[(\w+)\]", text, re.M)
    assert sections == ["Setup", "Languages", "Tasks", "Files", "Icons", "Run", "UninstallDelete"]
    assert re.search(r'^Source: "\.\.\\dist\\MemberTill\\\*"', text, re.M)
    assert "{autodesktop}" in text and "{group}" in text
    uninstall = text.split("[UninstallDelete]")[1]
    assert "LOCALAPPDATA" not in uninstall.split("\n", 2)[-1] or "never deleted" in uninstall
    assert "{localappdata}" not in text.lower()  # the data folder is never touched
