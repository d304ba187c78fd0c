"""The diagnostics bundle for support: one zip with the logs, the configuration (secrets
removed), the schema version, the sync status and a database integrity report."""

from __future__ import annotations

import json
import platform
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from pos_app.logs import redact
from pos_app.store import cipher

SECRET_KEYS = {"enrol_code", "token", "password", "pin"}


def config_without_secrets(text: str) -> str:
    out = []
    for line in text.splitlines():
        key = line.split("=", 1)[0].strip().lower()
        if "=" in line and key in SECRET_KEYS:
            line = f'{line.split("=", 1)[0]}= "[removed]"'
        out.append(redact(line))
    return "\n".join(out) + "\n"


def database_report(db_path: Path) -> dict[str, Any]:
    from .backup import integrity

    report: dict[str, Any] = {"path": str(db_path), "exists": db_path.exists()}
    if not db_path.exists():
        return report
    report["integrity"] = integrity(db_path)
    report["size_bytes"] = db_path.stat().st_size
    try:
        con = cipher.connect(db_path, readonly=True)
        report["schema_revision"] = con.execute("select version_num from alembic_version").fetchone()[0]
        for table in ("sales", "outbox", "members", "products", "points_ledger", "stored_value_ledger", "audit_log"):
            report[f"rows_{table}"] = con.execute(f"select count(*) from {table}").fetchone()[0]
        report["outbox_waiting"] = con.execute("select count(*) from outbox where acked = 0").fetchone()[0]
        con.close()
    except (*cipher.Error, cipher.DatabaseKeyError) as exc:
        report["error"] = str(exc)
    return report


def make_bundle(
    out: Path, *, db_path: Path, log_dir: Path, config_path: Path | None, sync_status: dict | None = None
) -> Path:
    """Write the zip to `out` (a folder gets a timestamped name) and return its path."""
    if out.is_dir():
        out = out / f"membertill-diagnostics-{datetime.now():%Y%m%d-%H%M%S}.zip"
    from pos_app.store.db import head_revision

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for log in sorted(log_dir.glob("till.log*")) if log_dir.exists() else []:
            z.writestr(f"logs/{log.name}", redact(log.read_text(encoding="utf-8", errors="replace")))
        if config_path is not None and config_path.exists():
            z.writestr("config.toml", config_without_secrets(config_path.read_text(encoding="utf-8")))
        else:
            z.writestr("config.toml", "# no configuration file: embedded demo store\n")
        report = database_report(db_path)
        report["schema_head"] = head_revision()
        z.writestr("database.json", json.dumps(report, indent=2, ensure_ascii=False))
        z.writestr(
            "sync.json", json.dumps(sync_status or {"configured": False}, indent=2, default=str, ensure_ascii=False)
        )
        z.writestr(
            "system.json",
            json.dumps(
                {
                    "python": sys.version,
                    "platform": platform.platform(),
                    "machine": platform.machine(),
                    "made_at": datetime.now().isoformat(timespec="seconds"),
                },
                indent=2,
            ),
        )
    return out
