"""Keyboard-wedge input the way real scanners and hurried cashiers produce it (issue 16, defects
4 and 5): key events carrying their own timestamps while the GUI thread stalls, a burst joined to
typing, a stray key, endless "scans"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from hardware.scanners import BurstTracker, WedgeDetector
from pos_app.domain.barcodes import MAX_SCAN_LEN, PRODUCT, classify

COLA = "6901939621257"
TAIL_IS_EAN8 = "6901496385074"  # a valid EAN-13 whose last eight digits are a valid EAN-8 too


def key(ch: str, t_ms: int = 0) -> QKeyEvent:
    qt_key = Qt.Key.Key_Return if ch == "\r" else (Qt.Key.Key_0 + int(ch) if ch.isdigit() else Qt.Key.Key_A)
    event = QKeyEvent(QEvent.Type.KeyPress, qt_key, Qt.KeyboardModifier.NoModifier, "" if ch == "\r" else ch)
    event.setTimestamp(t_ms)
    return event


class StallingClock:
    """The GUI thread's clock as the detector used to read it: events are handled in a bunch after
    a stall, so the processing times jump where the key timestamps do not."""

    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def feed(qapp, field, detector_clock, keys):
    """Send (char, key timestamp, processing time) through the detector installed on `field`."""
    for ch, stamp, processed in keys:
        detector_clock.now = processed
        qapp.sendEvent(field, key(ch, stamp))


def wedge(qapp):
    clock = StallingClock()
    detector = WedgeDetector(clock=clock)
    field = QLineEdit()
    field.setMaxLength(MAX_SCAN_LEN)
    field.installEventFilter(detector)
    got: list[str] = []
    detector.scanned.connect(got.append)
    return clock, detector, field, got


def test_a_stalled_gui_thread_neither_splits_a_scan_nor_loses_its_start(qapp):
    clock, _, field, got = wedge(qapp)
    keys = []
    for i, ch in enumerate(COLA + "\r"):
        stamp = 10_000 + 4 * i  # the scanner: a key every 4 ms
        processed = stamp + (60 if i >= 5 else 0)  # the GUI thread stalled 60 ms after five keys
        keys.append((ch, stamp, processed))
    feed(qapp, field, clock, keys)
    assert got == [COLA]


def test_a_burst_joined_to_earlier_typing_is_never_taken_as_a_code_and_no_character_is_lost(qapp):
    clock, _, field, got = wedge(qapp)
    # no timestamps from this driver: the detector falls back to its clock, which saw a pause of
    # 60 ms after five keys; the tail "96385074" is a valid EAN-8 and must not be read as one
    keys = [(ch, 0, 1000 + 4 * i + (60 if i >= 5 else 0)) for i, ch in enumerate(TAIL_IS_EAN8)]
    keys.append(("\r", 0, 1000 + 4 * 13 + 60))
    feed(qapp, field, clock, keys)
    assert classify(TAIL_IS_EAN8[5:]).kind == PRODUCT  # what the old detector emitted as a scan
    assert got == []
    assert field.text() == TAIL_IS_EAN8  # every character is still in the field


def test_a_stray_key_long_before_a_scan_does_not_spoil_the_scan(qapp):
    clock, _, field, got = wedge(qapp)
    keys = [("7", 0, 0)] + [(ch, 0, 5000 + 4 * i) for i, ch in enumerate(COLA + "\r")]
    feed(qapp, field, clock, keys)
    assert got == [COLA]


def test_an_8000_character_scan_is_capped_and_refused_as_too_long(qapp):
    clock, detector, field, got = wedge(qapp)
    keys = [("6", 0, 4 * i) for i in range(8000)] + [("\r", 0, 4 * 8000)]
    feed(qapp, field, clock, keys)
    assert len(field.text()) == MAX_SCAN_LEN
    assert len(got) == 1 and len(got[0]) == MAX_SCAN_LEN + 1
    assert classify(got[0]).reason == "scan.too_long"


def test_the_tracker_never_holds_more_than_the_longest_code():
    tracker = BurstTracker()
    for i in range(20_000):
        tracker.key("1", i * 2.0)
    assert len(tracker.buffer) == MAX_SCAN_LEN + 1


def test_the_scanners_framing_agrees_with_the_barcode_grammar():
    """hardware/ may not import the domain: its burst limit and group separator are its own copy."""
    from hardware import scanners
    from pos_app.domain import barcodes

    assert (scanners.MAX_SCAN_LEN, scanners.GS) == (barcodes.MAX_SCAN_LEN, barcodes.GS)
