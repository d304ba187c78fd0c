"""Opening the till database: SQLite in WAL mode, foreign keys on, migrations applied on start.

`synchronous=FULL` (argued in docs/architecture.md): in WAL mode FULL makes every committed
transaction durable across a power cut — a completed sale is on disk before the receipt
prints — at the cost of one fsync per commit, which a till (a few sales a minute) never feels.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from . import cipher

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
APP_NAME = "MemberTill"


def default_database_path() -> Path:
    """The till database in the OS's app-data folder (e.g. ~/.local/share/MemberTill)."""
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "till.sqlite3"


def _on_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _on_checkin(dbapi_connection, record) -> None:
    """A connection lent to a cart edit (UnitOfWork(durable=False)) goes back to FULL; one lent
    to a snapshot page (`bulk_load`) gets its foreign keys and checkpoints back too."""
    if record is None or dbapi_connection is None:
        return
    if record.info.pop("relaxed", False):
        dbapi_connection.execute("PRAGMA synchronous=FULL")
    if record.info.pop("bulk", False):
        for pragma in AFTER_LOAD_PRAGMAS:
            dbapi_connection.execute(f"PRAGMA {pragma}")


def relax(connection) -> None:
    """For the transaction about to start on `connection`: commit without an fsync (WAL +
    NORMAL). Survives a crash of the app; a power cut may roll it back. Only the open cart's
    per-scan saves use this (docs/architecture.md); the pool restores FULL when it is returned."""
    connection.exec_driver_sql("PRAGMA synchronous=NORMAL")
    connection.connection.info["relaxed"] = True


# a snapshot page's transaction (sync/bootstrap.py) while `snapshot_loading` is set:
# - synchronous=NORMAL: in WAL mode a commit is not synced, only checkpoints are. A killed app
#   loses nothing SQLite handed to the OS; a power cut may roll the last pages back, and the
#   durable `snapshot_loading` flag (set with FULL before the first page, cleared with FULL in the
#   last transaction) makes the next sync load the snapshot from the top (pages are upserts). Not
#   OFF: a checkpoint run by this connection also moves other connections' committed work (a sale
#   rung up while the snapshot loads) into the file, and without its fsync a power cut could lose
#   or damage it. wal_autocheckpoint=16384 (64 MB of WAL between checkpoints instead of 4 MB):
#   fewer of those syncs during the load.
# - foreign_keys=OFF: the references are checked once per loaded table as its kind completes
#   (`PRAGMA foreign_key_check`, sync/bootstrap.py: settle) instead of per row and per parent row
#   (a third of a member row's insert); a violation refuses the load there.
# - a 64 MB page cache: a 1M-member table's unique indexes take random inserts (the default 2 MB
#   doubled the members' time).
LOAD_PRAGMAS = ("synchronous=NORMAL", "wal_autocheckpoint=16384", "foreign_keys=OFF", "cache_size=-65536")
AFTER_LOAD_PRAGMAS = ("synchronous=FULL", "wal_autocheckpoint=1000", "foreign_keys=ON", "cache_size=-2000")


def bulk_load(connection) -> None:
    """For the snapshot page about to be written on `connection` (before its transaction begins:
    `PRAGMA foreign_keys` is ignored inside one): LOAD_PRAGMAS; the pool restores the defaults
    when the connection is returned."""
    for pragma in LOAD_PRAGMAS:
        connection.exec_driver_sql(f"PRAGMA {pragma}")
    connection.connection.info["bulk"] = True


def make_engine(path: Path | str, key: bytes | None = None) -> Engine:
    """The pool of keyed SQLCipher connections to the till database (store/cipher.py): every
    connection, the SaleBook's too, is encrypted at rest."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = key if key is not None else cipher.database_key()
    # LIFO: one after another, units of work get the connection used last, whose page cache is
    # still valid; FIFO handed out the pool's connections in turn, and each found its cache
    # discarded because another connection had written since (measured by bench checkout)
    engine = create_engine(
        f"sqlite:///{path}",
        module=cipher.dbapi2,
        pool_use_lifo=True,
        creator=lambda: cipher.connect(path, key, check=False, check_same_thread=False),
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "checkin", _on_checkin)
    return engine


def alembic_config(engine: Engine | None):
    from alembic.config import Config  # Alembic is loaded only when a migration may run

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade_to_head(engine: Engine, revision: str = "head") -> None:
    """Apply every migration up to `revision` (done on every start; a no-op when current)."""
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(None)).get_current_head()


HEAD = "0007_mall"  # the newest migration (tests/store check it is Alembic's head)


def is_current(engine: Engine) -> bool:
    """True when the schema is already at HEAD: then a start need not load Alembic at all."""
    try:
        with engine.connect() as c:
            return c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
    except Exception:  # no table yet (a new file) or unreadable: let Alembic decide
        return False


class Database:
    """The till database: an engine with the schema at head, and a session factory."""

    def __init__(self, path: Path | str, key: bytes | None = None):
        self.path = Path(path)
        self.key = key if key is not None else cipher.database_key()
        if self.path.exists() or self.path.with_name(self.path.name + ".plain").exists():
            cipher.encrypt_in_place(self.path, self.key)  # a plain file of an earlier version
            cipher.connect(self.path, self.key).close()  # a wrong key: a clear refusal, here
        self.engine = make_engine(self.path, self.key)
        if not is_current(self.engine):
            upgrade_to_head(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self.sessions()

    def checkpoint(self) -> None:
        """Copy what the write-ahead log holds into the database file, waiting for no reader or
        writer (PASSIVE). SQLite does it by itself inside the commit that takes the log past
        `wal_autocheckpoint` pages: on a till that commit was a scan's cart save, about once
        every few hundred scans, 60-420 ms with the file's fsync (python -m bench ui, a 100-line
        cart). Run between sales, the log seldom reaches that length within one."""
        with self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")

    def close(self) -> None:
        self.engine.dispose()
