#!/usr/bin/env python3
"""One-command set-up for MemberTill: `python3 dev.py run` or `python3 dev.py test`.

Creates `.venv` beside this file (once; re-installs only when pyproject.toml changed), installs
the project with its extras, and then runs the till or the whole test suite. Standard library
only, so it works on a fresh machine with nothing but Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed-from"
# Exact versions of every dependency, tested together (refresh: `python3 dev.py lock`). A fresh
# machine installs these, not whatever is newest (a PySide6 release once crashed the till).
CONSTRAINTS = ROOT / "constraints.txt"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_env() -> Path:
    """Create the virtual environment and install the project, if not already current."""
    if sys.version_info < (3, 11):  # noqa: UP036 (dev.py is started by any python3 and must say so)
        sys.exit(f"MemberTill needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    digest = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + (CONSTRAINTS.read_bytes() if CONSTRAINTS.exists() else b"")
    ).hexdigest()
    py = venv_python()
    if py.exists() and STAMP.exists() and STAMP.read_text().strip() == digest:
        return py
    if not py.exists():
        print("Creating virtual environment in .venv ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    print("Installing MemberTill and its dependencies ...", flush=True)
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    pinned = ["-c", str(CONSTRAINTS)] if CONSTRAINTS.exists() else []
    subprocess.run([str(py), "-m", "pip", "install", "-q", *pinned, "-e", f"{ROOT}[hq,test]"], check=True)
    STAMP.write_text(digest)
    return py


def lock() -> int:
    """Refresh constraints.txt: install the project unpinned into a scratch environment and record
    the exact versions pip chose. Run the tests after (`python3 dev.py test`) before committing."""
    scratch = ROOT / ".venv-lock"
    shutil.rmtree(scratch, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(scratch)], check=True)
    py = scratch / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run([str(py), "-m", "pip", "install", "-q", "-e", f"{ROOT}[hq,test]"], check=True)
    frozen = subprocess.run(
        [str(py), "-m", "pip", "freeze", "--all", "--exclude-editable"], check=True, capture_output=True, text=True
    ).stdout
    frozen = "".join(line + "\n" for line in frozen.splitlines() if not line.startswith("pip=="))
    header = (
        "# Exact versions installed by `python3 dev.py` (constraints, not requirements).\n"
        f"# Refreshed by `python3 dev.py lock` with Python {sys.version.split()[0]}.\n"
    )
    CONSTRAINTS.write_text(header + frozen)
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"Wrote {CONSTRAINTS.name}: {len(frozen.splitlines())} packages.")
    return 0


def postgres_up(host: str = "127.0.0.1", port: int = 5432) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def ensure_postgres() -> None:
    """Tests marked `postgres` need a server on 127.0.0.1:5432 (user postgres, trust, db `test`).

    On a Debian/Ubuntu machine with the server installed but stopped, start its cluster; where
    there is none, say how to get one (the postgres tests then fail with that message).
    """
    if postgres_up():
        return
    clusters = Path("/etc/postgresql")
    if shutil.which("pg_ctlcluster") and clusters.is_dir():
        for version in sorted(p.name for p in clusters.iterdir()):
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=False)
    if not postgres_up():
        print(
            "PostgreSQL is not reachable on 127.0.0.1:5432. Install and start it, e.g.\n"
            "  apt-get install -y postgresql && pg_ctlcluster <version> main start\n"
            "with trust auth for user postgres and a database named `test`.",
            file=sys.stderr,
        )


CHROMIUM = Path("/usr/bin/chromium")
CJK_FONTS = Path("/usr/share/fonts/opentype/noto")


def ensure_browser() -> None:
    """The console's browser tests drive Debian's chromium (Playwright launches it by path: its own
    browser download cannot run here) and need CJK fonts to render Chinese. On a Debian/Ubuntu
    machine where we are root, install what is missing, as the PostgreSQL cluster is started;
    otherwise say how (the browser tests then fail with that message)."""
    fonts = CJK_FONTS.is_dir() and any(CJK_FONTS.glob("NotoSansCJK*"))
    if CHROMIUM.exists() and fonts:
        return
    missing = [p for p, ok in (("chromium", CHROMIUM.exists()), ("fonts-noto-cjk", fonts)) if not ok]
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        print(f"Installing {' '.join(missing)} for the console's browser tests ...", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        install = ["apt-get", "install", "-y", "-q", *missing]
        if subprocess.run(install, env=env, check=False).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], env=env, check=False)
            subprocess.run(install, env=env, check=False)
    if not CHROMIUM.exists():
        print(
            "The console's browser tests need Debian's chromium at /usr/bin/chromium and CJK fonts:\n"
            "  sudo apt-get install -y chromium fonts-noto-cjk",
            file=sys.stderr,
        )


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "env", "lock"}:
        print(__doc__)
        return 2
    if argv[0] == "lock":
        return lock()
    py = ensure_env()
    env = dict(os.environ)
    if argv[0] == "env":
        return 0
    if argv[0] == "run":
        return subprocess.call([str(py), "-m", "pos_app", *argv[1:]], cwd=ROOT, env=env)
    ensure_postgres()
    ensure_browser()
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    code = subprocess.call([str(py), "-m", "pytest", *argv[1:]], cwd=ROOT, env=env)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
