"""The till database encrypted at rest: SQLCipher (sqlcipher3-wheels), its key from the OS key store.

Every connection to a till database or backup goes through `connect()` (the engine's pool, the
SaleBook's fast path, backups, restore, diagnostics and the start-up check): AES-256 pages with an
HMAC each (SQLCipher 4 defaults), keyed with a random 256-bit raw key (`PRAGMA key = "x'…'"`, no
passphrase to stretch, so opening a connection costs no key derivation).

Where the key lives (`database_key`): the OS key store through `keyring` (Windows Credential
Manager, macOS Keychain, the Secret Service on a Linux desktop), service "MemberTill", account
"till-database". On a machine without a usable key store (a headless Linux till, CI) the
documented fallback is a key file `till-database.key`, mode 0600, in the till's config folder
(`MEMBERTILL_KEY_DIR`, default the OS app-config folder) — never beside the database or its
backups, so a copied data folder or backup set does not carry its key. docs/operations.md says
what each protects against.

A plain (unencrypted) database from an earlier version is encrypted in place on the first start
of this one (`encrypt_in_place`, with `sqlcipher_export`): the plain file is overwritten with
zeros and removed once the encrypted copy has been checked.
"""

from __future__ import annotations

import logging
import os
import secrets
import sqlite3
import threading
from pathlib import Path
from typing import Literal, overload

from sqlcipher3 import dbapi2

from pos_app.domain.errors import DomainError

log = logging.getLogger(__name__)

SERVICE, ACCOUNT = "MemberTill", "till-database"
KEY_FILE = "till-database.key"
PLAIN_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 4096  # SQLCipher 4's page size (the header is encrypted with the rest)

# both drivers' errors: the till's files are SQLCipher's; HQ's test files and old plain files are sqlite3's
Error = (dbapi2.Error, sqlite3.Error)
DatabaseError = (dbapi2.DatabaseError, sqlite3.DatabaseError)
OperationalError = (dbapi2.OperationalError, sqlite3.OperationalError)


class DatabaseKeyError(DomainError):
    """The database's key is missing or wrong: the file cannot be read (nothing was changed)."""


_lock = threading.Lock()
_cache: dict[str, bytes] = {}


def key_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(os.environ.get("MEMBERTILL_KEY_DIR") or user_config_dir("MemberTill", appauthor=False))


def _from_keyring() -> tuple[bool, bytes | None]:
    """(usable, key): whether an OS key store answered, and the key it holds (None: none yet)."""
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
        if isinstance(backend, (fail.Keyring, null.Keyring)) or backend.priority < 1:
            return False, None
        stored = keyring.get_password(SERVICE, ACCOUNT)
        return True, bytes.fromhex(stored) if stored else None
    except Exception as exc:  # a locked, absent or broken key store: the file fallback
        log.warning("OS key store unusable (%s): using the key file", type(exc).__name__)
        return False, None


def _from_file(folder: Path, create: bool) -> bytes | None:
    path = folder / KEY_FILE
    if path.exists():
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    if not create:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # readable by the till's user only
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key.hex())
        out.flush()
        os.fsync(out.fileno())
    return key


@overload
def database_key(create: Literal[True] = True) -> bytes: ...


@overload
def database_key(create: bool) -> bytes | None: ...


def database_key(create: bool = True) -> bytes | None:
    """The till database's 256-bit key: from the OS key store, else the key file; made on first use
    (`create`). None only when `create` is False and there is no key yet."""
    folder = key_dir()
    with _lock:
        cached = _cache.get(str(folder))
        if cached is not None:
            return cached
        usable, key = _from_keyring()
        if key is None:
            key = _from_file(folder, create=create and not usable)
        if key is None and usable and create:
            import keyring

            key = secrets.token_bytes(32)
            keyring.set_password(SERVICE, ACCOUNT, key.hex())
        if key is not None:
            _cache[str(folder)] = key
        return key


def forget_cached_keys() -> None:
    """For tests that move the key folder: read the key store again."""
    with _lock:
        _cache.clear()


def pragma_key(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def is_plain(path: Path) -> bool:
    """Whether `path` is an unencrypted SQLite database (its header is readable)."""
    try:
        with open(path, "rb") as f:
            return f.read(16) == PLAIN_HEADER
    except OSError:
        return False


def connect(
    path: Path | str, key: bytes | None = None, *, readonly: bool = False, check: bool = True, **kwargs
) -> dbapi2.Connection:
    """A keyed SQLCipher connection to a till database (`key`: the till's, by default). With
    `check`, the key is tried at once: a wrong key or a file that is no database raises
    DatabaseKeyError("storage.key_wrong") instead of failing at the first query."""
    key = key if key is not None else database_key()
    target = f"{Path(path).resolve().as_uri()}?mode=ro" if readonly else str(path)
    con = dbapi2.connect(target, uri=readonly, **kwargs)
    try:
        con.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our refusal, not stderr noise
        con.execute(pragma_key(key))
        if check:
            con.execute("PRAGMA schema_version").fetchone()  # page 1 only: damage elsewhere is quick_check's
    except dbapi2.DatabaseError as exc:
        con.close()
        if "not a database" not in str(exc):
            raise  # the key opened page 1: a malformed file is damage, not a wrong key
        raise DatabaseKeyError("storage.key_wrong", file=Path(path).name) from None
    return con


def encrypt_in_place(path: Path, key: bytes | None = None) -> None:
    """Turn the plain database at `path` into an encrypted one with the same content (an upgrade
    from a version that kept it plain). Crash-safe: the encrypted copy is written and checked under
    another name, the plain file is renamed `.plain` before the copy takes its place, and a `.plain`
    left by an interrupted run is finished (or put back) on the next start."""
    key = key if key is not None else database_key()
    path = Path(path)
    plain_old = path.with_name(path.name + ".plain")
    if plain_old.exists():
        if not path.exists():
            os.replace(plain_old, path)  # interrupted between the renames: again
        else:
            _shred(plain_old)
    if not is_plain(path):
        return
    partial = path.with_name(path.name + ".encrypting")
    partial.unlink(missing_ok=True)
    con = dbapi2.connect(str(path))
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything committed is in the main file
        counts = _counts(con)
        con.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(partial),))
        con.execute("SELECT sqlcipher_export('encrypted')")
        con.execute("DETACH DATABASE encrypted")
    finally:
        con.close()
    check = connect(partial, key)
    try:
        ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok" and _counts(check) == counts
    finally:
        check.close()
    if not ok:
        partial.unlink(missing_ok=True)
        raise DatabaseKeyError("storage.encrypt_failed", file=path.name)
    with open(partial, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(path, plain_old)
    os.replace(partial, path)
    _shred(plain_old)
    for extra in ("-wal", "-shm", "-journal"):
        _shred(path.with_name(path.name + ".plain" + extra))
        stale = path.with_name(path.name + extra)
        if stale.exists():
            _shred(stale)  # the plain file's (empty) WAL and index
    log.info("the till database was encrypted at rest (%d tables)", len(counts))


def _counts(con) -> dict[str, int]:
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _shred(path: Path) -> None:
    """Overwrite `path` with zeros and remove it (best effort: an SSD or a journalling file system
    may keep older copies of the blocks; docs/operations.md says so)."""
    try:
        size = path.stat().st_size
        with open(path, "rb+") as f:
            for _ in range(0, size, 1 << 20):
                f.write(b"\0" * min(1 << 20, size - f.tell()))
            f.flush()
            os.fsync(f.fileno())
    except OSError:
        pass
    path.unlink(missing_ok=True)
