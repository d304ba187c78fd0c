"""ruff (lint, with the rule set in pyproject.toml) and ruff's formatter pass over the whole tree;
run by the README's test command, so a lint finding or an unformatted file fails CI (issue 21)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUFF = Path(sys.executable).with_name("ruff")


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(RUFF), *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing():
    done = ruff("check", "--no-cache", "--output-format", "concise", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_file_is_formatted_as_ruff_format_would():
    done = ruff("format", "--no-cache", "--check", ".")
    assert done.returncode == 0, "run `.venv/bin/ruff format .`:\n" + done.stdout + done.stderr


def test_the_checks_fail_on_a_finding_and_on_an_unformatted_file(tmp_path):
    """The two checks can fail: a file with an unused import and odd spacing, under the project's
    configuration, is reported by both."""
    bad = tmp_path / "bad.py"
    bad.write_text("import os\nx = {'a':1}\n", encoding="utf-8")
    config = str(ROOT / "pyproject.toml")
    assert ruff("check", "--no-cache", "--config", config, str(bad)).returncode == 1
    assert ruff("format", "--no-cache", "--config", config, "--check", str(bad)).returncode == 1
