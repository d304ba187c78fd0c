"""The rules of dependency from docs/architecture.md: import-linter's contracts in pyproject.toml
(`lint-imports`), and what an import graph cannot see (the domain never reads the clock)."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert re.search(r"Contracts: (\d+) kept, 0 broken", done.stdout)


def test_every_rule_of_the_architecture_page_is_a_contract():
    """docs/architecture.md lists the contracts by name: the page and the checker say the same."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert len(contracts) >= 8
    for contract in contracts:
        assert f"**{contract['name']}**" in page, f"docs/architecture.md does not state: {contract['name']}"


def test_domain_never_reads_the_clock():
    for path in (ROOT / "pos_app" / "domain").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for call in ("datetime.now(", "date.today(", "time.time(", "datetime.utcnow("):
            assert call not in text, f"{path} reads the clock with {call}"


def test_the_capability_table_names_files_that_exist():
    """docs/architecture.md's table from capability ID to module: every ID of the product brief has
    a row, and every file it names exists (a rename that forgets the page fails here)."""
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = page[page.index("## Where each capability lives"):]
    table = table[:table.index("\n## ", 3)]
    ids = set(re.findall(r"^\| ([A-Z][0-9]*(?:–[A-Z][0-9]+)?) \|", table, re.M))
    expected = {f"T{n}" for n in range(1, 11)} | {"M1", "M2", "M3", "M4", "M5", "M6", "P1", "P2", "P3", "P4",
                                                  "S1–S2", "C1", "C2", "Y1–Y4", "A1–A4", "H1", "H2", "H3",
                                                  "H4", "H5", "J", "W1–W6", "X", "O"}
    assert expected <= ids, sorted(expected - ids)
    paths = set(re.findall(r"`((?:pos_app|hq|sync|hardware|installer|bench)/[\w/.]*)`", table))
    assert len(paths) > 40
    missing = sorted(p for p in paths if not (ROOT / p).exists())
    assert not missing, missing
