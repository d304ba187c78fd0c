"""Online backups of the till database, verified and rotated, and a restore that refuses a
corrupt file.

A backup is SQLite's online backup API (a consistent copy while the till keeps selling), keyed
like the database (SQLCipher: a backup is encrypted at rest with the till's key), written
to a temporary name, checked with `PRAGMA integrity_check`, then renamed into place; the oldest
beyond `keep` are deleted. Restore checks the backup the same way (and that it is a MemberTill
database) before it replaces anything, and keeps the current database beside it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pos_app.domain.errors import DomainError
from pos_app.store import cipher

PREFIX = "till-"
SUFFIX = ".sqlite3"


class BackupError(DomainError):
    """A backup or restore that could not be done; nothing was changed."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    sales: int


def integrity(path: Path) -> str:
    """'ok', or what SQLite found wrong (also for files that are not databases at all)."""
    try:
        con = cipher.connect(path, readonly=True)
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
            tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
        finally:
            con.close()
    except cipher.DatabaseKeyError:
        return "not readable with this till's key (another till's file, or not a database)"
    except cipher.DatabaseError as exc:
        return f"not a readable database ({exc})"
    if rows != ["ok"]:
        return "; ".join(rows[:5])
    if not {"sales", "outbox", "alembic_version"} <= tables:
        return "not a MemberTill till database"
    return "ok"


def backup(
    db_path: Path, folder: Path, keep: int = 14, now: datetime | None = None, reason: str = "daily"
) -> BackupInfo:
    """Copy the live database to `folder`, verify it, rotate. Raises BackupError (the till goes on)."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{PREFIX}{stamp}-{reason}{SUFFIX}"
    partial = target.with_suffix(".partial")
    try:
        source = cipher.connect(db_path)
        dest = cipher.connect(partial, check=False)
        try:
            source.backup(dest)
        finally:
            dest.close()
            source.close()
    except (*cipher.Error, OSError, cipher.DatabaseKeyError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError("backup.failed", detail=" ".join(str(exc).split())[:160]) from None
    verdict = integrity(partial)
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError("backup.check_failed", detail=verdict[:160])
    os.replace(partial, target)
    rotate(folder, keep)
    con = cipher.connect(target)
    sales = con.execute("select count(*) from sales").fetchone()[0]
    con.close()
    return BackupInfo(target, target.stat().st_size, sales)


def backups(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{PREFIX}*{SUFFIX}")) if folder.exists() else []


def rotate(folder: Path, keep: int) -> None:
    for old in backups(folder)[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)


def restore(backup_file: Path, db_path: Path) -> Path:
    """Put `backup_file` in place of the database (the till must not be running). The current
    database is kept as `<name>.before-restore-<time>`; returns that path."""
    if not backup_file.exists():
        raise BackupError("backup.no_such_file", path=str(backup_file))
    verdict = integrity(backup_file)
    if verdict != "ok":
        raise BackupError("backup.restore_refused", name=backup_file.name, detail=verdict[:160])
    kept = db_path.with_name(f"{db_path.name}.before-restore-{datetime.now():%Y%m%d-%H%M%S}")
    wal = db_path.with_name(db_path.name + "-wal")
    if db_path.exists():
        try:
            con = cipher.connect(db_path)
            try:
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                con.close()
        except (*cipher.DatabaseError, cipher.DatabaseKeyError):
            # the database being replaced is damaged (why one restores): kept as it is, its WAL beside it
            if wal.exists():
                shutil.copy2(wal, kept.with_name(kept.name + "-wal"))
        shutil.copy2(db_path, kept)
    for extra in (wal, db_path.with_name(db_path.name + "-shm")):
        extra.unlink(missing_ok=True)
    shutil.copy2(backup_file, db_path)
    return kept
