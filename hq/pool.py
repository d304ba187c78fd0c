"""HQ's database connections: pools sized from one setting against what PostgreSQL allows, and
saturation answered with 503 + Retry-After, never a bare 500 (issue 22, defect 1).

One number says how many connections HQ may hold in all: `MEMBERTILL_HQ_DB_CONNECTIONS`
(default 20). `pos-hq serve --workers N` divides it among the worker processes (each worker's
pool is a fixed `total // N`, no overflow: a pool that can grow past its share is how four
workers of 40 each passed PostgreSQL's 100) and, before it starts, checks the total against the
server's `max_connections` minus its reserved slots and a margin for administration, refusing to
start with a message that says what to change. Behind PgBouncer in transaction mode
(`MEMBERTILL_HQ_PGBOUNCER=1`) the check is PgBouncer's to make (its `default_pool_size`) and
psycopg's prepared statements are switched off, which transaction pooling cannot carry.

A request that finds no free connection waits `MEMBERTILL_HQ_POOL_TIMEOUT` seconds (default 3),
then gets 503 with `Retry-After`; so does one that PostgreSQL turns away (too many clients, the
server restarting or unreachable). Tills back off and retry (sync/worker.py honours Retry-After).

(These are read from the environment here, in one place, until they move to hq/settings.py.)
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import TimeoutError as PoolTimeout

log = logging.getLogger(__name__)

DEFAULT_CONNECTIONS = 20
DEFAULT_POOL_TIMEOUT_S = 3.0
ADMIN_MARGIN = 5  # connections left for psql, migrations, backups and monitoring
RETRY_AFTER_S = 2  # what a 503 asks a client to wait


class PoolRefused(Exception):
    """HQ's connection plan does not fit the database server: the message says what to change."""


@dataclass(frozen=True)
class PoolPlan:
    total: int  # connections HQ may hold, all workers together
    workers: int
    timeout_s: float = DEFAULT_POOL_TIMEOUT_S
    pgbouncer: bool = False

    @property
    def per_worker(self) -> int:
        return self.total // self.workers

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ, workers: int | None = None) -> PoolPlan:
        def number(name: str, default: float, kind=int):
            raw = env.get(name)
            if raw in (None, ""):
                return default
            try:
                value = kind(raw)
            except ValueError:
                raise PoolRefused(f"{name}={raw!r} is not a number") from None
            if value <= 0:
                raise PoolRefused(f"{name} must be more than 0")
            return value

        return cls(
            total=number("MEMBERTILL_HQ_DB_CONNECTIONS", DEFAULT_CONNECTIONS),
            workers=workers or number("MEMBERTILL_HQ_WORKERS", 1),
            timeout_s=number("MEMBERTILL_HQ_POOL_TIMEOUT", DEFAULT_POOL_TIMEOUT_S, float),
            pgbouncer=env.get("MEMBERTILL_HQ_PGBOUNCER", "") in ("1", "true", "yes"),
        )

    def env(self) -> dict[str, str]:
        """What the worker processes are given so that each sizes its pool to its share."""
        return {
            "MEMBERTILL_HQ_DB_CONNECTIONS": str(self.total),
            "MEMBERTILL_HQ_WORKERS": str(self.workers),
            "MEMBERTILL_HQ_POOL_TIMEOUT": str(self.timeout_s),
            "MEMBERTILL_HQ_PGBOUNCER": "1" if self.pgbouncer else "",
        }

    def engine_options(self) -> dict[str, Any]:
        """create_engine() arguments for one worker's PostgreSQL pool."""
        if self.per_worker < 2:
            raise PoolRefused(
                f"{self.total} connections for {self.workers} workers leaves fewer than 2 each: "
                "raise MEMBERTILL_HQ_DB_CONNECTIONS or run fewer workers"
            )
        options: dict[str, Any] = dict(
            pool_size=self.per_worker, max_overflow=0, pool_timeout=self.timeout_s, pool_recycle=1800
        )
        if self.pgbouncer:  # transaction pooling: no server-side prepared statements
            options["connect_args"] = {"prepare_threshold": None}
        return options

    def check(self, max_connections: int, reserved: int) -> None:
        """Refuse a plan the server cannot hold (PoolRefused with what to do)."""
        if self.pgbouncer:
            return
        room = max_connections - reserved - ADMIN_MARGIN
        if self.total > room:
            raise PoolRefused(
                f"HQ would open up to {self.total} database connections ({self.workers} workers x "
                f"{self.per_worker}), but this PostgreSQL allows {max_connections} (max_connections) - {reserved} "
                f"reserved - {ADMIN_MARGIN} kept for administration = {room}. Lower MEMBERTILL_HQ_DB_CONNECTIONS "
                f"to {room} or less, raise max_connections, or put PgBouncer in transaction mode in front of "
                "PostgreSQL (docs/sync.md, production layout)."
            )


def check_server(url: str, plan: PoolPlan) -> None:
    """Ask the PostgreSQL server behind `url` what it allows and check `plan` against it."""
    if not url.startswith("postgresql") or plan.pgbouncer:
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as c:
            max_connections = int(c.execute(text("SHOW max_connections")).scalar())
            reserved = int(c.execute(text("SHOW superuser_reserved_connections")).scalar())
            try:
                reserved += int(c.execute(text("SHOW reserved_connections")).scalar())  # PostgreSQL 16+
            except Exception:
                c.rollback()
    finally:
        engine.dispose()
    plan.check(max_connections, reserved)


# ---- a request queued too long: 503 before any database work ---------------------------------------
# A route runs on its worker's thread pool; when requests come faster than the worker serves them
# they queue for a thread without any bound (before issue 22's soak: tens of seconds at p99 on a
# saturated host, every till waiting). So a request's arrival is noted (`Gate`, hq/app.py) and its
# first transaction (`HQ.tx`) refuses to begin once it has waited longer than the pool timeout
# (at least 1 s):
# 503 + Retry-After, as for a pool with no free connection, the tills come back after the wait,
# and the worker's queue stays as short as what it can serve in that time.
_arrived: ContextVar[list[float] | None] = ContextVar("hq_request_arrived", default=None)
QUEUE_AT_LEAST_S = 1.0  # a pool timeout set shorter than this does not shorten the queue's


class QueuedTooLong(PoolTimeout):
    """The request waited longer than the pool timeout before its first transaction."""


def request_arrived(now: float | None = None) -> None:
    """Note that a request arrived now (called once per HTTP request, before the app)."""
    _arrived.set([time.monotonic() if now is None else now])


def check_queued() -> None:
    """At a request's first transaction: raise QueuedTooLong (503) if it queued past the pool
    timeout. Later transactions of the same request are not checked (its work is not queueing)."""
    arrived = _arrived.get()
    if not arrived:
        return
    waited = time.monotonic() - arrived.pop()
    if waited > max(PoolPlan.from_env().timeout_s, QUEUE_AT_LEAST_S):
        raise QueuedTooLong(f"request queued {waited:.1f} s before its first transaction")


# ---- saturation: 503 + Retry-After ----------------------------------------------------------------
# PostgreSQL's "come back later" answers: too many connections, shutting down / starting up,
# cannot connect now; and connection failures (no SQLSTATE at all: refused, reset)
BUSY_STATES = {"53300", "53400", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"}


def is_saturation(exc: BaseException) -> bool:
    """Whether an error means the database is busy or away (not a bug, not bad input)."""
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, PoolTimeout):
        return True
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        exc = exc.orig
    try:
        import psycopg
    except ImportError:  # pragma: no cover - HQ's extra installs it
        return False
    if isinstance(exc, psycopg.OperationalError):
        state = getattr(exc, "sqlstate", None)
        return state is None or state in BUSY_STATES
    return False


def install(app, count=lambda status: None) -> None:
    """Answer saturation with 503 + Retry-After on every route of `app`; `count(status)` counts it."""
    from fastapi.responses import JSONResponse
    from sqlalchemy.exc import DBAPIError

    def busy(_request, exc: Exception):
        if not is_saturation(exc):
            raise exc
        count("503")
        log.warning("database saturated or away: %s", type(getattr(exc, "orig", exc)).__name__)
        return JSONResponse(
            {"detail": "HQ is busy: try again shortly"}, status_code=503, headers={"Retry-After": str(RETRY_AFTER_S)}
        )

    app.add_exception_handler(PoolTimeout, busy)
    app.add_exception_handler(DBAPIError, busy)
    try:
        import psycopg

        app.add_exception_handler(psycopg.OperationalError, busy)  # raised by COPY on the raw cursor
    except ImportError:  # pragma: no cover
        pass
