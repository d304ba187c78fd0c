"""The till's sync worker: a background thread that pushes as soon as events exist, pulls
periodically and on demand, backs off exponentially with jitter while HQ is unreachable, and
exposes a status for the status bar. It never blocks the checkout: sales write the outbox in
their own transaction and merely `nudge()` the worker."""
from __future__ import annotations

import logging
import random
import threading
import time
from datetime import datetime
from typing import Callable

from .till import SyncRefused, TillSync
from .transport import Unreachable

log = logging.getLogger(__name__)


class SyncWorker:
    def __init__(self, sync: TillSync, *, pull_every_s: float = 30.0, base_backoff_s: float = 1.0,
                 max_backoff_s: float = 60.0, rng: random.Random | None = None,
                 clock: Callable[[], datetime] = datetime.now):
        self.sync = sync
        self.pull_every_s, self.base_backoff_s, self.max_backoff_s = pull_every_s, base_backoff_s, max_backoff_s
        self.rng = rng or random.Random()
        self.clock = clock
        self.online = False
        self.last_success: datetime | None = None
        self.last_error = ""
        self.refused = ""
        self.error: tuple[str, dict] = ("", {})          # (code, params) for the status bar
        self.failures = 0
        self.waiting = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._pull_due = True
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)

    def start(self) -> "SyncWorker":
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def nudge(self, pull: bool = False) -> None:
        """Something to push (a sale was recorded) or a pull asked for: wake up now."""
        if pull:
            self._pull_due = True
        self._wake.set()

    def status(self) -> dict:
        """From memory (the worker thread counts the outbox): safe to call on the GUI thread."""
        return {"online": self.online, "waiting": self.waiting, "last_success": self.last_success,
                "last_error": self.refused or self.last_error, "refused": bool(self.refused),
                "error_code": self.error[0], "error_params": dict(self.error[1])}

    def _count_waiting(self) -> None:
        try:
            with self.sync.till.uow() as uow:
                self.waiting = uow.outbox.waiting()
        except Exception:                                  # the count is informative only
            log.exception("could not count waiting events")

    def backoff(self) -> float:
        """Full jitter: uniform in [0, min(max, base * 2^failures)]."""
        ceiling = min(self.max_backoff_s, self.base_backoff_s * (2 ** min(self.failures, 16)))
        return self.rng.uniform(0, ceiling)

    def run_once(self) -> bool:
        """One round: push everything, pull when due. True when HQ answered."""
        try:
            return self._round()
        finally:
            self._count_waiting()

    def _round(self) -> bool:
        try:
            self.sync.push_all()
            if self._pull_due:
                self._pull_due = False
                self.sync.pull_all()
        except Unreachable as exc:
            self.online, self.last_error = False, str(exc)
            self.error = (getattr(exc, "code", "sync.unreachable"), getattr(exc, "params", {}))
            self.failures += 1
            self._pull_due = True
            return False
        except SyncRefused as exc:
            self.online, self.refused = exc.status not in (401, 403), exc.detail
            self.error = (exc.code, exc.params)
            self.failures += 1
            log.error("HQ refused this till: %s", exc.detail)
            return False
        self.online, self.last_error, self.refused, self.failures = True, "", "", 0
        self.error = ("", {})
        self.last_success = self.clock()
        return True

    def _run(self) -> None:
        next_pull = time.monotonic()
        while not self._stop.is_set():
            if time.monotonic() >= next_pull:
                self._pull_due = True
                next_pull = time.monotonic() + self.pull_every_s
            try:
                ok = self.run_once()
            except Exception:                       # a bug must not kill the worker; say so and go on
                log.exception("sync round failed")
                ok, self.failures = False, self.failures + 1
            wait = min(self.pull_every_s, max(0.0, next_pull - time.monotonic())) if ok else self.backoff()
            self._wake.wait(wait)
            self._wake.clear()
