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
    table = page[page.index("## Where each capability lives") :]
    table = table[: table.index("\n## ", 3)]
    ids = set(re.findall(r"^\| ([A-Z][0-9]*(?:–[A-Z][0-9]+)?) \|", table, re.M))
    expected = {f"T{n}" for n in range(1, 11)} | {
        "M1",
        "M2",
        "M3",
        "M4",
        "M5",
        "M6",
        "P1",
        "P2",
        "P3",
        "P4",
        "S1–S2",
        "C1",
        "C2",
        "Y1–Y4",
        "A1–A4",
        "H1",
        "H2",
        "H3",
        "H4",
        "H5",
        "J",
        "W1–W6",
        "X",
        "O",
    }
    assert expected <= ids, sorted(expected - ids)
    paths = set(re.findall(r"`((?:pos_app|hq|sync|hardware|installer|bench)/[\w/.]*)`", table))
    assert len(paths) > 40
    missing = sorted(p for p in paths if not (ROOT / p).exists())
    assert not missing, missing


def _session_uses(path: Path) -> list[int]:
    """Lines where `path` reaches a unit of work's SQLAlchemy session (`uow.session`, or any name
    or attribute ending in `uow`, `.session`)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "session":
            owner = node.value
            name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
            if name.lower().endswith("uow") or name.lower() == "unit_of_work":
                found.append(node.lineno)
    return sorted(found)


def test_no_unit_of_work_session_outside_the_store():
    """Every read and write of the till database goes through a repository of pos_app/store
    (issue 21): services, screens, sync, the demo and the benches never touch `uow.session`."""
    checked, offending = 0, []
    for package in ("pos_app", "sync", "demo", "hardware", "bench"):
        for path in (ROOT / package).rglob("*.py"):
            if (ROOT / "pos_app" / "store") in path.parents:
                continue
            checked += 1
            offending += [f"{path.relative_to(ROOT)}:{line}" for line in _session_uses(path)]
    assert checked > 50
    assert not offending, offending


def test_the_session_check_sees_a_use(tmp_path):
    """The check above is not blind: it finds both spellings in a file that has them."""
    sample = tmp_path / "sample.py"
    sample.write_text("def f(uow, self):\n    uow.session.flush()\n    return self.uow.session\n")
    assert _session_uses(sample) == [2, 3]
