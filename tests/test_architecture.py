"""The rules of dependency from docs/architecture.md, checked on the source itself."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(package: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[str(path.relative_to(ROOT))] = names
    return found


FORBIDDEN_IN_DOMAIN = ("PySide6", "sqlalchemy", "requests", "alembic", "escpos", "serial",
                       "hardware", "sync", "hq", "pos_app.store", "pos_app.services", "pos_app.ui",
                       "socket", "sqlite3", "urllib", "http", "subprocess")


def test_domain_imports_nothing_of_the_outside_world():
    for path, names in imported_modules(ROOT / "pos_app" / "domain").items():
        for name in names:
            top = name.split(".")[0]
            bad = [f for f in FORBIDDEN_IN_DOMAIN if name == f or name.startswith(f + ".") or top == f]
            assert not bad, f"{path} imports {name}"


def test_domain_never_reads_the_clock():
    for path in (ROOT / "pos_app" / "domain").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for call in ("datetime.now(", "date.today(", "time.time(", "datetime.utcnow("):
            assert call not in text, f"{path} reads the clock with {call}"


def test_hq_does_not_import_till_internals():
    for path, names in imported_modules(ROOT / "hq").items():
        for name in names:
            assert not name.startswith(("pos_app.ui", "pos_app.store", "pos_app.services", "PySide6")), \
                f"{path} imports {name}"


def test_sync_and_hardware_know_nothing_of_qt_ui():
    for package in ("sync",):
        for path, names in imported_modules(ROOT / package).items():
            for name in names:
                assert not name.startswith(("PySide6", "pos_app.ui")), f"{path} imports {name}"


def test_hardware_knows_nothing_of_sales():
    for path, names in imported_modules(ROOT / "hardware").items():
        for name in names:
            assert not name.startswith("pos_app"), f"{path} imports {name}"


def test_sync_and_hardware_never_import_the_till_ui():
    for package in ("sync", "hardware", "hq", "demo"):
        for path, names in imported_modules(ROOT / package).items():
            for name in names:
                assert not name.startswith("pos_app.ui"), f"{path} imports {name}"


def test_services_store_and_domain_import_no_qt():
    """Receipt labels and error texts come in as data; only pos_app/ui (and boot) speaks Qt."""
    for package in ("services", "store", "domain"):
        for path, names in imported_modules(ROOT / "pos_app" / package).items():
            for name in names:
                assert not name.startswith(("PySide6", "pos_app.ui")), f"{path} imports {name}"
