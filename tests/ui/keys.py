"""Key events as a keyboard or a keyboard-wedge scanner makes them: each with its own timestamp,
sent through the application (its event filters included) to the widget that has the focus."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

SCANNER_GAP_MS = 3  # a wedge scanner types a key every few milliseconds
PERSON_GAP_MS = 180  # a quick person

_last_ms = [0]


def _stamp(gap: int) -> int:
    """Timestamps that never go back, on the clock the detector falls back to (monotonic ms)."""
    _last_ms[0] = max(_last_ms[0] + gap, int(time.monotonic() * 1000))
    return _last_ms[0]


def key_event(ch: str, t_ms: int) -> QKeyEvent:
    if ch in "\r\n":
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
    elif ch == "\t":
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier, "\t")
    elif ch == "\x1d":  # GS: Ctrl+] on a wedge scanner
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier, ch)
    elif ch.isascii() and ch.isprintable():
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key(ord(ch.upper())), Qt.KeyboardModifier.NoModifier, ch)
    else:
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
    event.setTimestamp(t_ms)
    return event


def type_keys(text: str, gap_ms: int, target=None) -> None:
    """Send `text` key by key to `target` (default: the focus widget), `gap_ms` apart by the keys'
    own timestamps. Each key is sent to whatever has the focus when it is sent, as a keyboard does.
    Only the first key's stamp looks at the clock: the next ones keep the device's pace however
    long each key takes to be handled, as a real scanner's do (hardware/scanners.py). Stamped on
    the clock each, a burst on a loaded machine could come apart into keys a person types: no scan,
    and the dialog it was meant for left open."""
    app = QApplication.instance()
    t_ms = _stamp(gap_ms)
    for ch in text:
        receiver = target or app.focusWidget() or app.activeModalWidget() or app.activeWindow()
        assert receiver is not None, "no widget has the keyboard focus"
        app.sendEvent(receiver, key_event(ch, t_ms))
        _last_ms[0] = t_ms
        t_ms += gap_ms


def scan_burst(code: str, target=None) -> None:
    """A keyboard-wedge scanner reads `code`: a burst of keys ended by Enter."""
    type_keys(code + "\r", SCANNER_GAP_MS, target)


def type_slowly(text: str, target=None) -> None:
    type_keys(text, PERSON_GAP_MS, target)
