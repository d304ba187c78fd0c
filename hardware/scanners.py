"""Barcode scanners: keyboard-wedge burst detection and serial scanners.

A keyboard-wedge scanner "types" a code faster than any person (a few ms per key) and ends it
with Enter or Tab. `WedgeDetector` watches key presses (as a Qt event filter on the application)
and emits `scanned(code)` for such a burst; slow typing is left alone. A serial scanner sends
lines; `SerialScanner` reads them with pyserial in a thread, reconnecting when it is unplugged.
Both hand raw codes to the same router (`SaleSession.handle_scan`, which reads them with the
barcode grammar of pos_app/domain/barcodes.py).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol, cast

import serial
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent

# the framing the grammar expects (pos_app/domain/barcodes.py holds the same two values; hardware
# may not import the domain, and tests/hardware/test_scan_input.py checks that they agree)
MAX_SCAN_LEN = 512  # the longest thing a scanner here sends; longer bursts are cut
GS = "\x1d"  # FNC1 inside a GS1 string, as a scanner transmits it

log = logging.getLogger(__name__)


class BurstTracker:
    """The timing logic, separate from Qt so it can be tested with exact timestamps.

    Times are the key events' own timestamps (when the keyboard or scanner produced the key), not
    when the GUI thread got round to them: a busy GUI thread delivers a burst late and bunched,
    but its timestamps keep the scanner's pace, so a stall can neither split a code in two nor
    lose its start.

    Every key since the last terminator is kept (up to `max_length` + 1, so an endless "scan" costs
    nothing and is still recognised as too long). The trailing run of keys with gaps of at most
    `max_gap_ms` is the burst; keys before it that came less than `stale_ms` before it mean a
    person was typing into the same entry: then the burst is not taken as a scan (the keys go on
    as typing, and the field keeps every character), so a product is never added from the tail of
    a code. Keys older than `stale_ms` before the burst are a stray key pressed long ago.
    """

    def __init__(
        self, max_gap_ms: float = 35.0, min_length: int = 4, max_length: int = MAX_SCAN_LEN, stale_ms: float = 1000.0
    ):
        self.max_gap_ms, self.min_length, self.max_length, self.stale_ms = max_gap_ms, min_length, max_length, stale_ms
        self.buffer: list[str] = []  # the current run (burst candidate)
        self.run_length = 0  # keys in the current run, counted past the cap
        self.last_ms: float | None = None
        self.typed_before_ms: float | None = None  # last key of an earlier, slower run of this entry
        self.run_start_ms = 0.0

    def key(self, text: str, t_ms: float) -> None:
        if self.last_ms is not None and t_ms - self.last_ms > self.max_gap_ms:
            self.typed_before_ms = self.last_ms  # a pause: what came before is not this burst
            self.buffer, self.run_length = [], 0
        if not self.buffer:
            self.run_start_ms = t_ms
        if self.run_length <= self.max_length:
            self.buffer.append(text)
        self.run_length += 1
        self.last_ms = t_ms

    def terminator(self, t_ms: float) -> str | None:
        """The code if what came before the terminator was a scanner burst, else None."""
        quick = self.last_ms is not None and t_ms - self.last_ms <= self.max_gap_ms * 3
        joined = self.typed_before_ms is not None and self.run_start_ms - self.typed_before_ms < self.stale_ms
        code = "".join(self.buffer)
        self.reset()
        return code if quick and not joined and len(code) >= self.min_length else None

    def reset(self) -> None:
        self.buffer, self.run_length, self.last_ms, self.typed_before_ms = [], 0, None, None
        self.run_start_ms = 0.0


KEY_PRESS = QEvent.Type.KeyPress


class WedgeDetector(QObject):
    """Emits `scanned(code)` for a keyboard-wedge burst ended by Enter or Tab.

    Installed on the application, it sees each key press once per receiver: the platform window's
    copy and the copies propagated to parents of a widget that ignored the key are skipped, so a
    key is counted once, where it was typed (the focus widget)."""

    scanned = Signal(str)

    TERMINATORS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)

    def __init__(
        self,
        parent: QObject | None = None,
        max_gap_ms: float = 35.0,
        min_length: int = 4,
        clock: Callable[[], float] = lambda: time.monotonic() * 1000,
        accept: Callable[[], bool] = lambda: True,
    ):
        """`accept()` says whether a burst should be taken as a scan now (e.g. not while a dialog
        with its own input is open); when it says no, the keys go on as typing. `clock` is used
        only for key events that carry no timestamp (some test drivers send 0)."""
        super().__init__(parent)
        self.tracker = BurstTracker(max_gap_ms, min_length)
        self.clock, self.accept = clock, accept

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() is not KEY_PRESS:
            return False
        event = cast(QKeyEvent, event)
        if event.isAutoRepeat() or not watched.isWidgetType():
            return False
        focus = QGuiApplication.focusObject()
        if focus is not None and watched is not focus:
            return False  # a copy propagated to a parent: seen already
        now = event.timestamp() or self.clock()
        if event.key() in self.TERMINATORS:
            code = self.tracker.terminator(now)
            if code is not None and self.accept():
                self.scanned.emit(code)
                return True  # the terminator belonged to the scanner
            return False
        text = event.text()
        if text and (text.isprintable() or text == GS):
            self.tracker.key(text, now)
        return False


class SerialPort(Protocol):
    """What SerialScanner needs of a port: pyserial's Serial and its loop:// or socket:// ports
    (SerialBase itself declares no `in_waiting`; every concrete port does)."""

    @property
    def in_waiting(self) -> int: ...
    def read(self, size: int = 1) -> bytes: ...
    def close(self) -> None: ...


class SerialScanner:
    """Reads codes from a serial (or USB-serial) scanner in a background thread.

    `url` is anything pyserial opens: COM3, /dev/ttyACM0, or loop:// in tests. Lines end with CR
    or LF. When the port goes away the thread closes it and tries again every `retry_s` seconds;
    `status` says whether it is connected.
    """

    def __init__(
        self,
        url: str,
        on_scan: Callable[[str], None],
        *,
        baud: int = 9600,
        retry_s: float = 1.0,
        opener: Callable[[str, int], SerialPort] | None = None,
    ):
        self.url, self.baud, self.retry_s, self.on_scan = url, baud, retry_s, on_scan
        self.opener = opener or (lambda u, b: serial.serial_for_url(u, baudrate=b, timeout=0.1))
        self.connected = threading.Event()
        self.port: SerialPort | None = None
        self.last_error = ""
        self.reconnects = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"scanner-{url}", daemon=True)

    def start(self) -> SerialScanner:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.port = self.opener(self.url, self.baud)
            except (serial.SerialException, OSError) as exc:
                self.last_error = f"Scanner {self.url} not connected: {exc}"
                self._stop.wait(self.retry_s)
                continue
            self.connected.set()
            try:
                self._read(self.port)
            except (serial.SerialException, OSError) as exc:
                self.last_error = f"Scanner {self.url} disconnected: {exc}"
                log.warning(self.last_error)
            finally:
                self.connected.clear()
                try:
                    self.port.close()
                except Exception:
                    pass
            if not self._stop.is_set():
                self.reconnects += 1
                self._stop.wait(self.retry_s)

    def _read(self, port: SerialPort) -> None:
        pending = b""
        while not self._stop.is_set():
            chunk = port.read(port.in_waiting or 1)
            if not chunk:
                continue
            pending += chunk
            *lines, pending = pending.replace(b"\r", b"\n").split(b"\n")
            for line in lines:
                code = line.decode("ascii", errors="replace").strip()
                if code:
                    self.on_scan(code)
            if len(pending) > 4096:
                pending = b""
