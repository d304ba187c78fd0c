"""What is checked before the till's window opens, and what a failure becomes (issue 22, defect 9).

A till started from the desktop has no console: a start-up failure must be a window that says,
in Chinese and English, what is wrong and what to do; a log entry without personal data; and the
database as it was (never replaced, repaired or migrated on a damaged file). `preflight` looks at
the data folder and the database file without changing either:

* the folder can be written and has room (a probe file, removed at once);
* the database file (when it exists) is a SQLite file whose header is intact and whose length is
  what the header says (a truncated copy is caught here), opened read-only; an encrypted file
  (store/cipher.py: its header is encrypted too) is a whole number of SQLCipher pages and opens
  with the till's key (a wrong or lost key is `startup.key_wrong`, never a traceback);
* `PRAGMA quick_check` finds no damaged page, bounded in time (`budget_s`: a large database that
  takes longer is logged as unchecked and opens, a damaged one never does).

At the till's start (`preflight(..., defer=True)`) the page check is left for after the login
screen has shown when opening the database writes nothing (its schema is current, it is already
encrypted): on the scale data set (1.5 GB) it took its whole 10 s budget, and the cashier waited
that long for the window (issue 23). Boot runs `check_pages` as the first job of the till's one
database thread, so every other database operation of the session queues behind it; damage
found there closes the window for the start-up failure window, as before, and drops what was
queued. A database that needs a migration or its encryption is checked whole first, as before.

A failure is a `StartupProblem`: a code with parameters, texts in `pos_app/domain/error_texts.py`.
`problem_from(exc)` turns anything else raised while opening the till into one, and
`log_problem` writes it with the exception's type and the code's frames only: SQLAlchemy puts
the statement's parameters (members' names and phones) into its messages, so no message is
logged.

The till's start imports this module before its window shows: the SQLCipher driver
(`pos_app.store.cipher`) is imported where a check needs it, after the window (issue 23).
"""

from __future__ import annotations

import errno
import logging
import os
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pos_app.domain.error_texts import describe

log = logging.getLogger("membertill.startup")

HEADER = b"SQLite format 3\x00"
MIN_FREE_BYTES = 20 * 1024 * 1024  # below this a till cannot be trusted to record a day
QUICK_CHECK_BUDGET_S = 10.0


@dataclass
class StartupProblem(Exception):
    """A reason the till cannot start: `code` (error_texts) and its params (no personal data)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    backup: Path | None = None  # the last verified backup, offered when the database is bad

    def __str__(self) -> str:
        return describe(self, "en")

    def text(self, lang: str) -> str:
        return describe(self, lang)

    @property
    def database_is_bad(self) -> bool:
        return self.code.startswith("startup.db_")


# ---- the folder ------------------------------------------------------------------------------------
def check_folder(folder: Path, min_free: int = MIN_FREE_BYTES) -> None:
    """Raise StartupProblem when `folder` cannot be created or written, or has no room."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".membertill-write-probe-{os.getpid()}"
        with open(probe, "wb") as f:
            f.write(b"\0" * 65536)
            f.flush()
            os.fsync(f.fileno())
        probe.unlink()
    except OSError as exc:
        try:
            (folder / f".membertill-write-probe-{os.getpid()}").unlink(missing_ok=True)
        except OSError:
            pass
        if exc.errno == errno.ENOSPC:
            raise StartupProblem("startup.disk_full", {"folder": str(folder)}) from None
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise StartupProblem("startup.folder_read_only", {"folder": str(folder)}) from None
        raise StartupProblem("startup.folder_unusable", {"folder": str(folder), "reason": exc.strerror or ""}) from None
    try:
        free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize if hasattr(os, "statvfs") else None
    except OSError:
        free = None
    if free is not None and free < min_free:
        raise StartupProblem("startup.disk_full", {"folder": str(folder)})


# ---- the database file -----------------------------------------------------------------------------
def check_database(
    path: Path, budget_s: float = QUICK_CHECK_BUDGET_S, defer: bool = False, stop: threading.Event | None = None
) -> str:
    """Look at the database file without changing it; raise StartupProblem when it is not whole.
    Returns "new" (no file yet), "ok", "unchecked" (quick_check ran out of its time budget) or,
    with `defer`, "deferred" (the file is whole, opens with the key and opening it writes nothing:
    its pages are left for `check_pages`). `stop`: set, a running page check gives up (unchecked)."""
    from pos_app.store import cipher

    if not path.exists():
        return "new"
    size = path.stat().st_size
    with open(path, "rb") as f:
        head = f.read(100)
    if size == 0 or len(head) < 100:
        raise StartupProblem("startup.db_not_a_database", {"file": path.name})
    if not head.startswith(HEADER):
        return _check_encrypted(path, size, budget_s, defer, stop)
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    wal = path.with_name(path.name + "-wal")
    # the header's page count is valid when its change counters agree (SQLite >= 3.7.0 writes both)
    if pages and head[24:28] == head[92:96] and size < pages * page_size and not (wal.exists() and wal.stat().st_size):
        raise StartupProblem("startup.db_truncated", {"file": path.name})
    if size % page_size:
        raise StartupProblem("startup.db_truncated", {"file": path.name})
    try:
        con = cipher.dbapi2.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)  # plain: no key
    except cipher.Error:
        raise StartupProblem("startup.db_unreadable", {"file": path.name}) from None
    return _quick_check(con, path, budget_s)


def _check_encrypted(
    path: Path, size: int, budget_s: float, defer: bool = False, stop: threading.Event | None = None
) -> str:
    from pos_app.store import cipher

    if size < cipher.PAGE_SIZE:
        raise StartupProblem("startup.db_not_a_database", {"file": path.name})
    if size % cipher.PAGE_SIZE:
        raise StartupProblem("startup.db_truncated", {"file": path.name})
    try:
        con = cipher.connect(path, readonly=True)
    except cipher.DatabaseKeyError:
        raise StartupProblem("startup.key_wrong", {"file": path.name}) from None
    except cipher.DatabaseError as exc:
        if isinstance(exc, cipher.OperationalError):
            raise StartupProblem("startup.db_unreadable", {"file": path.name}) from None
        # the key opened page 1 but the file is malformed: cut short at a page boundary when every
        # page that is left still carries a valid HMAC, damaged otherwise
        raise StartupProblem(
            "startup.db_truncated" if _pages_authentic(path) else "startup.db_damaged", {"file": path.name}
        ) from None
    except cipher.Error:
        raise StartupProblem("startup.db_unreadable", {"file": path.name}) from None
    if defer and not _opening_writes(con, path):
        con.close()
        return "deferred"
    return _quick_check(con, path, budget_s, stop)


def _opening_writes(con, path: Path) -> bool:
    """Whether opening the till on this (encrypted) file writes to it: a migration (its schema is
    not the newest) or a plain copy left to encrypt."""
    from pos_app.store import cipher
    from pos_app.store.db import HEAD

    if path.with_name(path.name + ".plain").exists():
        return True
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except cipher.Error:  # no such table, or a page that does not read: check it all first
        return True
    return row is None or row[0] != HEAD


def _pages_authentic(path: Path) -> bool:
    """Whether every page of the encrypted file passes SQLCipher's HMAC check (read-only)."""
    from pos_app.store import cipher

    con = cipher.connect(path, readonly=True, check=False)
    try:
        return con.execute("PRAGMA cipher_integrity_check").fetchall() == []
    except cipher.Error:
        return False
    finally:
        con.close()


def _quick_check(con, path: Path, budget_s: float, stop: threading.Event | None = None) -> str:
    from pos_app.store import cipher

    started = time.monotonic()
    timed_out = False

    def over_budget() -> int:
        nonlocal timed_out
        timed_out = time.monotonic() - started > budget_s or (stop is not None and stop.is_set())
        return 1 if timed_out else 0

    try:
        con.set_progress_handler(over_budget, 10000)
        rows = [r[0] for r in con.execute("PRAGMA quick_check(20)")]
    except cipher.OperationalError as exc:
        if timed_out:
            log.warning("quick_check of the database did not finish within %.0f s: opened unchecked", budget_s)
            return "unchecked"
        if "locked" in str(exc) or "busy" in str(exc):
            raise StartupProblem("startup.db_in_use", {"file": path.name}) from None
        raise StartupProblem("startup.db_damaged", {"file": path.name}) from None
    except cipher.DatabaseError:
        raise StartupProblem("startup.db_damaged", {"file": path.name}) from None
    finally:
        con.close()
    if rows != ["ok"]:
        log.error("quick_check found %d problems in the database (first: %s)", len(rows), rows[0][:120])
        raise StartupProblem("startup.db_damaged", {"file": path.name})
    return "ok"


def last_verified_backup(folder: Path) -> Path | None:
    """The newest backup in `folder` that passes SQLite's integrity check (backups are verified
    when written; checked again here because a disk that damaged the database may have hit them)."""
    from pos_app.services.backup import backups, integrity

    for candidate in reversed(backups(folder)):
        if integrity(candidate) == "ok":
            return candidate
    return None


def preflight(
    data_folder: Path, db_path: Path, backup_dir: Path, budget_s: float = QUICK_CHECK_BUDGET_S, defer: bool = False
) -> str:
    """Every check before the till opens its database; raise StartupProblem (with the last
    verified backup attached when the database is the problem). `defer`: see the module's text."""
    check_folder(data_folder)
    if db_path.parent != data_folder:
        check_folder(db_path.parent)
    return _offering_backup(backup_dir, lambda: check_database(db_path, budget_s, defer))


def check_pages(
    db_path: Path, backup_dir: Path, budget_s: float = QUICK_CHECK_BUDGET_S, stop: threading.Event | None = None
) -> str:
    """The page check `preflight(defer=True)` left for later (on the till's database thread); `stop`
    set (the till closing) ends it early, as "unchecked"."""
    return _offering_backup(backup_dir, lambda: check_database(db_path, budget_s, stop=stop))


def offer_backup(problem: StartupProblem, backup_dir: Path) -> StartupProblem:
    """Attach the last verified backup to a problem with the database (none for other problems)."""
    if problem.database_is_bad and problem.backup is None:
        problem.backup = last_verified_backup(backup_dir)
        if problem.backup is not None:
            problem.params["backup"] = problem.backup.name
    return problem


def _offering_backup(backup_dir: Path, check: Callable[[], str]) -> str:
    try:
        return check()
    except StartupProblem as problem:
        offer_backup(problem, backup_dir)
        raise


def problem_from(exc: BaseException, folder: Path) -> StartupProblem:
    """A StartupProblem for anything raised while opening the till (never its message: it may
    carry SQL parameters)."""
    from pos_app.store import cipher

    if isinstance(exc, StartupProblem):
        return exc
    original = getattr(exc, "orig", None) or exc
    if (isinstance(original, OSError) and original.errno == errno.ENOSPC) or "disk is full" in str(original):
        return StartupProblem("startup.disk_full", {"folder": str(folder)})
    if isinstance(original, cipher.DatabaseKeyError):
        return StartupProblem("startup.key_wrong", {"file": "till.sqlite3"})
    if isinstance(original, cipher.OperationalError) and "readonly" in str(original).replace(" ", ""):
        return StartupProblem("startup.folder_read_only", {"folder": str(folder)})
    if isinstance(original, cipher.DatabaseError) and not isinstance(original, cipher.OperationalError):
        return StartupProblem("startup.db_damaged", {"file": "till.sqlite3"})
    if isinstance(original, cipher.OperationalError) and "locked" in str(original):
        return StartupProblem("startup.db_in_use", {"file": "till.sqlite3"})
    return StartupProblem("startup.unexpected", {"kind": type(exc).__name__})


def log_problem(problem: StartupProblem, exc: BaseException | None = None) -> None:
    """One log entry: the code, its params (no personal data) and, for an unexpected error, the
    exception's type and where it was raised (file:line frames, never its message)."""
    where = ""
    if exc is not None and exc is not problem:
        frames = traceback.extract_tb(exc.__traceback__)[-6:]
        where = " at " + " < ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames))
        where = f" ({type(exc).__name__}{where})"
    log.error(
        "the till could not start: %s %s%s",
        problem.code,
        {k: v for k, v in problem.params.items() if k != "folder"},
        where,
    )


def tell_console(problem: StartupProblem) -> None:
    """Chinese first, then English, on stderr (for a till started from a terminal)."""
    import sys

    print(problem.text("zh_CN"), file=sys.stderr)
    print(problem.text("en"), file=sys.stderr)
