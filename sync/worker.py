"""The till's sync worker: a background thread that pushes as soon as events exist, pulls
periodically and on demand, and exposes a status for the status bar. It never blocks the
checkout: sales write the outbox in their own transaction and merely `nudge()` the worker.

While HQ is away it does not sleep through a long backoff (a till used to wait up to 60 s after
HQ came back): it probes HQ's health check (no database work at HQ) at a jittered interval of a
few seconds, and when HQ answers, starts its round after a random moment within
`resume_spread_s`, so that two thousand tills come back spread over seconds, not at one instant.
A 503 or 429 with Retry-After is honoured (the wait is at least what HQ asked, plus jitter, and
sales do not cut it short). A refusal (4xx: revoked, bad request) backs off exponentially with full
jitter. Every wait the worker decides is recorded in `schedule` (reason, seconds): what tests read.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import datetime

from .till import SyncRefused, TillSync
from .transport import Busy, Unreachable

log = logging.getLogger(__name__)


class SyncWorker:
    def __init__(
        self,
        sync: TillSync,
        *,
        pull_every_s: float = 30.0,
        base_backoff_s: float = 1.0,
        max_backoff_s: float = 60.0,
        probe_every_s: tuple[float, float] = (1.0, 4.0),
        resume_spread_s: float = 3.0,
        rng: random.Random | None = None,
        clock: Callable[[], datetime] = datetime.now,
        enrol_code: str = "",
    ):
        self.sync = sync
        # a till not enrolled yet enrols from this thread, retrying until HQ answers (issue 22, defect 10)
        self.enrol_code = enrol_code
        self.enrolled = enrol_code == ""
        self.pull_every_s, self.base_backoff_s, self.max_backoff_s = pull_every_s, base_backoff_s, max_backoff_s
        self.probe_every_s, self.resume_spread_s = probe_every_s, resume_spread_s
        self.retry_after = 0.0  # what HQ's last 503/429 asked for (seconds)
        self.schedule: deque[tuple[str, float]] = deque(maxlen=200)
        self.rng = rng or random.Random()
        self.clock = clock
        self.online = False
        self.last_success: datetime | None = None
        self.last_error = ""
        self.refused = ""
        self.error: tuple[str, dict] = ("", {})  # (code, params) for the status bar
        self.failures = 0
        self.waiting = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._pull_due = True
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)

    def start(self) -> SyncWorker:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():  # a till whose database was refused at start never started it
            self._thread.join(timeout)

    def nudge(self, pull: bool = False) -> None:
        """Something to push (a sale was recorded) or a pull asked for: wake up now."""
        if pull:
            self._pull_due = True
        self._wake.set()

    def status(self) -> dict:
        """From memory (the worker thread counts the outbox): safe to call on the GUI thread."""
        return {
            "online": self.online,
            "waiting": self.waiting,
            "last_success": self.last_success,
            "last_error": self.refused or self.last_error,
            "refused": bool(self.refused),
            "error_code": self.error[0],
            "error_params": dict(self.error[1]),
            "enrolled": self.enrolled,
        }

    def _count_waiting(self) -> None:
        try:
            with self.sync.till.uow() as uow:
                self.waiting = uow.outbox.waiting()
        except Exception:  # the count is informative only
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
            if not self.enrolled:
                self._enrol()
            self.sync.push_all()
            if self._pull_due:
                self._pull_due = False
                self.sync.pull_all()
        except Unreachable as exc:
            self.online, self.last_error = False, str(exc)
            self.error = (getattr(exc, "code", "sync.unreachable"), getattr(exc, "params", {}))
            self.retry_after = exc.retry_after if isinstance(exc, Busy) else 0.0
            self.failures += 1
            self._pull_due = True
            return False
        except SyncRefused as exc:
            self.online, self.refused = exc.status not in (401, 403), exc.detail
            self.error = (exc.code, exc.params)
            self.failures += 1
            log.error("HQ refused this till: %s", exc.detail)
            return False
        self.online, self.last_error, self.refused, self.failures, self.retry_after = True, "", "", 0, 0.0
        self.error = ("", {})
        self.last_success = self.clock()
        return True

    def _enrol(self) -> None:
        """Enrol with the one-time code (unless a credential is there already), then load HQ's data."""
        if self.sync.credentials() is None:
            answer = self.sync.enrol(self.enrol_code)
            log.info("enrolled as till %s of store %s", answer.till_code, answer.store_code)
        self.enrolled = True
        self._pull_due = True

    # ---- the schedule -----------------------------------------------------------------------------
    def probe_wait(self) -> float:
        """The next health probe while HQ is away: jittered, a few seconds."""
        return self.rng.uniform(*self.probe_every_s)

    def resume_wait(self) -> float:
        """From HQ answering again to this till's round: spread so tills do not all come at once."""
        return self.rng.uniform(0, self.resume_spread_s)

    def busy_wait(self) -> float:
        """After a 503/429: what HQ asked for, plus jitter (never less than it asked)."""
        return self.retry_after + self.rng.uniform(0, self.resume_spread_s)

    def probe(self) -> bool:
        """Whether HQ answers its health check; a transport without a probe counts as answering
        (the round itself then finds out)."""
        probe = getattr(self.sync.transport, "probe", None)
        return True if probe is None else bool(probe())

    def _sleep(self, reason: str, seconds: float, wakeable: bool = True) -> None:
        self.schedule.append((reason, seconds))
        if wakeable:
            self._wake.wait(seconds)
            self._wake.clear()
        else:
            self._stop.wait(seconds)

    def wait_for_hq(self) -> None:
        """After a failed round: back off (refused), wait as HQ asked (busy), or probe until HQ is
        back and then start after a spread moment."""
        if self.refused:
            self._sleep("backoff", self.backoff())
            return
        if self.retry_after:
            self._sleep("retry_after", self.busy_wait(), wakeable=False)
            return
        while not self._stop.is_set():
            self._sleep("probe", self.probe_wait(), wakeable=False)
            if self._stop.is_set():
                return
            if self.probe():
                self._sleep("resume", self.resume_wait(), wakeable=False)
                return

    def _run(self) -> None:
        next_pull = time.monotonic()
        while not self._stop.is_set():
            if time.monotonic() >= next_pull:
                self._pull_due = True
                next_pull = time.monotonic() + self.pull_every_s
            try:
                ok = self.run_once()
            except Exception:  # a bug must not kill the worker; say so and go on
                log.exception("sync round failed")
                self.failures += 1
                self._sleep("backoff", self.backoff())
                continue
            if ok:
                self._sleep("next", min(self.pull_every_s, max(0.0, next_pull - time.monotonic())))
            else:
                self.wait_for_hq()
