"""Printer connections from configuration, and a background print queue.

The till never waits for paper: `PrintQueue.submit` renders and sends in a worker thread; each
send is bounded by the configured timeout (a printer that hangs is abandoned after it), and a job
that failed stays in the queue's history with a clear status for `retry` or `reprint`.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .escpos_render import drawer_kick, escpos_module, render
from .printer_config import KINDS, PrinterConfig, PrinterConfigError
from .receipt import Receipt

__all__ = [
    "KINDS",
    "Connection",
    "PrintJob",
    "PrintQueue",
    "PrinterConfig",
    "PrinterConfigError",
    "PrinterStatus",
    "describe_error",
]

log = logging.getLogger(__name__)


def _appending_file(path: str) -> Any:
    """python-escpos's File printer, opened for appending: its own `open` truncates ("wb"), so a
    plain file configured as the printer (a demo, a journal of the bytes) kept only the last
    receipt. A device node (/dev/usb/lp0) behaves the same either way."""
    File: Any = escpos_module().File
    from escpos.exceptions import DeviceNotFoundError

    class AppendingFile(File):  # type: ignore[misc]  # python-escpos is untyped
        def open(self, raise_not_found: bool = True) -> None:
            if self._device:
                self.close()
            try:
                self.device: Any = open(self.devfile, "ab")  # noqa: SIM115 (python-escpos closes it)
            except OSError as e:
                self.device = None
                if raise_not_found:
                    raise DeviceNotFoundError(f"Could not open the specified file {self.devfile}:\n{e}") from e

    return AppendingFile(path)


class Connection:
    """Sends bytes to one configured printer through python-escpos's printer classes."""

    def __init__(self, config: PrinterConfig):
        self.config = config
        self.sent: list[bytes] = []  # the dummy printer's paper

    def _printer(self) -> Any:
        c = self.config
        p = escpos_module()

        if c.kind == "file":
            return _appending_file(c.path)
        if c.kind == "network":
            return p.Network(c.host, c.port, timeout=c.timeout_s)
        if c.kind == "serial":
            return p.Serial(c.path, baudrate=c.baud, timeout=c.timeout_s)
        if c.kind == "usb":
            return p.Usb(c.vendor_id, c.product_id, timeout=int(c.timeout_s * 1000))
        return p.Win32Raw(c.name or None)

    def send(self, data: bytes) -> None:
        if self.config.kind == "dummy":
            self.sent.append(data)
            return
        printer = self._printer()
        try:
            printer._raw(data)
        finally:
            try:
                printer.close()
            except Exception:  # closing a broken connection must not mask the real error
                pass


def describe_error(exc: BaseException) -> tuple[str, str]:
    """(error code, technical detail) of a failed send; the till shows the code's text
    (pos_app/domain/error_texts.py) with the detail in brackets."""
    name = type(exc).__name__
    text = " ".join(str(exc).split())[:160] or name
    if isinstance(exc, TimeoutError) or "timed out" in text.lower():
        return "printer.timeout", ""
    if "DeviceNotFound" in name or isinstance(exc, (ConnectionError, FileNotFoundError)):
        return "printer.not_found", text
    if isinstance(exc, PermissionError):
        return "printer.no_permission", text
    return "printer.failed", text


@dataclass
class PrintJob:
    id: int
    title: str  # receipt number or "drawer"
    data: bytes  # ESC/POS bytes (rendered in the worker for receipts)
    receipt: Receipt | None = None
    status: str = "queued"  # queued | printing | printed | failed
    error: str = ""  # an error code (printer.*), its text in pos_app/domain/error_texts.py
    detail: str = ""  # what the device said, for the brackets and the log
    attempts: int = 0
    at: float = field(default_factory=time.time)


@dataclass(frozen=True)
class PrinterStatus:
    ok: bool
    message: str  # an error code: printer.ready, printer.not_found, ...
    failed: int
    waiting: int
    detail: str = ""


class PrintQueue:
    """One worker thread per till; `on_change(status)` is called from that thread."""

    def __init__(
        self,
        config: PrinterConfig,
        on_change: Callable[[PrinterStatus], None] | None = None,
        keep: int = 200,
        on_job: Callable[[PrintJob], None] | None = None,
    ):
        """`on_job(job)` is called from the worker thread after each attempt at a job (the till's
        receipt journal records it there, off the GUI thread)."""
        self.config = config
        self.connection = Connection(config)
        self.on_change = on_change
        self.on_job = on_job
        self.history: deque[PrintJob] = deque(maxlen=keep)
        self._ids = itertools.count(1)
        self._jobs: queue.Queue[PrintJob | None] = queue.Queue()
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._last_error: tuple[str, str] = ("printer.ready", "")
        self._thread = threading.Thread(target=self._run, name="print-queue", daemon=True)
        self._thread.start()

    # ---- what the till calls (never blocks) ----------------------------------------------------
    def submit(self, receipt: Receipt) -> PrintJob:
        """Queue a receipt; it is rendered to ESC/POS and sent in the worker thread."""
        return self._enqueue(PrintJob(next(self._ids), receipt.number, b"", receipt=receipt))

    def open_drawer(self) -> PrintJob:
        return self._enqueue(PrintJob(next(self._ids), "drawer", drawer_kick(self.config.drawer_pin)))

    def retry_failed(self) -> int:
        failed = [j for j in list(self.history) if j.status == "failed"]
        for job in failed:
            job.status, job.error = "queued", ""
            self._idle.clear()
            self._jobs.put(job)
        return len(failed)

    def reprint(self, title: str | None = None) -> PrintJob | None:
        """Print again the last receipt, or the last one with this number."""
        for job in reversed(list(self.history)):
            if job.title != "drawer" and (title is None or job.title == title):
                return self._enqueue(PrintJob(next(self._ids), job.title, job.data, receipt=job.receipt))
        return None

    def reconfigure(self, config: PrinterConfig) -> None:
        with self._lock:
            self.config = config
            self.connection = Connection(config)

    def status(self) -> PrinterStatus:
        jobs = list(self.history)
        failed = sum(j.status == "failed" for j in jobs)
        waiting = sum(j.status in ("queued", "printing") for j in jobs)
        message, detail = self._last_error if failed else ("printer.ready", "")
        return PrinterStatus(not failed, message, failed, waiting, detail)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        return self._idle.wait(timeout)

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(self.config.timeout_s + 1)

    # ---- the worker ----------------------------------------------------------------------------
    def _enqueue(self, job: PrintJob) -> PrintJob:
        self.history.append(job)
        self._idle.clear()
        self._jobs.put(job)
        return job

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                self._idle.set()
                return
            self._print(job)
            if self.on_job is not None:
                try:
                    self.on_job(job)
                except Exception:  # the journal must never stop the printing
                    log.exception("print job listener failed for %s", job.title)
            if self._jobs.empty():
                self._idle.set()
            self._notify()

    def _print(self, job: PrintJob) -> None:
        with self._lock:
            connection, timeout = self.connection, self.config.timeout_s
        job.status, job.attempts = "printing", job.attempts + 1
        if job.receipt is not None and not job.data:
            try:
                job.data = render(job.receipt, self.config.options)
            except Exception as exc:  # a document we cannot render is a bug: say so, keep going
                log.exception("could not render receipt %s", job.title)
                job.status, job.error, job.detail = "failed", "printer.render_failed", type(exc).__name__
                self._last_error = job.error, job.detail
                return
        outcome: list[BaseException | None] = []
        sender = threading.Thread(
            target=lambda: outcome.append(_try(connection.send, job.data)), name="print-send", daemon=True
        )
        sender.start()
        sender.join(timeout)
        if not outcome:
            job.status, job.error, job.detail = "failed", "printer.timeout", ""
        elif outcome[0] is not None:
            job.status = "failed"
            job.error, job.detail = describe_error(outcome[0])
        else:
            job.status, job.error, job.detail = "printed", "", ""
        if job.status == "failed":
            self._last_error = job.error, job.detail
            log.warning("print job %s (%s) failed: %s %s", job.id, job.title, job.error, job.detail)

    def _notify(self) -> None:
        if self.on_change is not None:
            try:
                self.on_change(self.status())
            except Exception:
                log.exception("print status callback failed")


def _try(fn: Callable[[bytes], None], data: bytes) -> BaseException | None:
    try:
        fn(data)
        return None
    except BaseException as exc:  # reported as the job's status, never raised into the till
        return exc
