"""Scanners without hardware: a pty pair for the serial scanner (unplug and replug), timed key
events for the wedge detector, and hypothesis fuzzing of the scan router."""

from __future__ import annotations

import os
import threading
import time

import serial
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from hardware.scanners import BurstTracker, SerialScanner, WedgeDetector
from pos_app.domain.barcodes import (
    COUPON,
    EMBEDDED,
    GS1,
    MEMBER_CARD,
    MEMBER_CODE,
    PAY_CODE,
    PRODUCT,
    RECEIPT,
    UNKNOWN,
    Scan,
    WeightLayout,
    classify,
)
from pos_app.domain.error_texts import TEXTS


def test_router_classifies_each_kind_of_code():
    assert classify("6901939621257").kind == PRODUCT
    assert classify("6901939621258").kind == UNKNOWN and classify("6901939621258").reason == "scan.check_digit"
    assert classify("96385074").kind == PRODUCT  # EAN-8
    assert classify("036000291452").kind == PRODUCT  # UPC-A
    label = "200012301234"
    label += str((10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(label)) % 10) % 10)
    scan = classify(label)
    assert scan.kind == EMBEDDED and scan.embedded.plu == "00123" and scan.embedded.price_fen == 1234
    weight = classify(label, WeightLayout(prefix="20", value="weight"))
    assert weight.embedded.weight_g == 1234 and weight.embedded.price_fen is None
    assert classify("MT1.M00000001.1.AAAA").kind == MEMBER_CODE
    assert classify("880000000001").kind == MEMBER_CARD
    assert classify("q00000001a").kind == COUPON and classify("q00000001a").code == "Q00000001A"
    assert classify("R00126112300001").kind == RECEIPT
    for junk in ("", "   ", "hello", "12345", "☃", None, b"\xff\xfe", 42, "6" * 600):
        result = classify(junk)
        assert result.kind == UNKNOWN and result.reason


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(max_size=300),
        st.binary(max_size=300),
        st.from_regex(r"[0-9]{6,14}", fullmatch=True),
        st.from_regex(r"(MT1|R|Q|M)\.?[0-9A-Za-z.]{0,40}", fullmatch=True),
        st.none(),
        st.integers(),
        st.from_regex(
            r"(\]C1|\]d2)?01[0-9]{14}(17[0-9]{6}|310[0-5][0-9]{6}|10[A-Z0-9]{1,20}\x1d){0,3}", fullmatch=True
        ),
    )
)
def test_router_never_raises_and_always_classifies(raw):
    scan = classify(raw)
    assert isinstance(scan, Scan)
    assert scan.kind in (PRODUCT, EMBEDDED, MEMBER_CODE, MEMBER_CARD, COUPON, RECEIPT, UNKNOWN, GS1, PAY_CODE)
    assert (scan.kind in (UNKNOWN, PAY_CODE)) == bool(scan.reason)
    assert scan.reason == "" or scan.reason in TEXTS


def test_burst_tracker_tells_a_scanner_from_a_person():
    fast = BurstTracker(max_gap_ms=35)
    for i, ch in enumerate("6901939621257"):
        fast.key(ch, 1000 + i * 4)  # 4 ms per key
    assert fast.terminator(1000 + 13 * 4) == "6901939621257"
    slow = BurstTracker(max_gap_ms=35)
    for i, ch in enumerate("1234"):
        slow.key(ch, 1000 + i * 180)  # a person typing
    assert slow.terminator(1000 + 4 * 180) is None
    short = BurstTracker(max_gap_ms=35, min_length=4)
    for i, ch in enumerate("12"):
        short.key(ch, 1000 + i * 3)
    assert short.terminator(1010) is None  # too short for a code


def key_press(key, text=""):
    return QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)


def test_wedge_detector_as_an_event_filter_with_timed_key_events(qapp):
    clock = [0.0]
    detector = WedgeDetector(clock=lambda: clock[0])
    field = QLineEdit()
    field.installEventFilter(detector)
    got = []
    detector.scanned.connect(got.append)
    for gap, code in ((5, "6901939621257"), (150, "1111")):
        for ch in code:
            clock[0] += gap
            qapp.sendEvent(field, key_press(Qt.Key.Key_0 + int(ch), ch))
        clock[0] += gap
        consumed_enter = key_press(Qt.Key.Key_Return)
        qapp.sendEvent(field, consumed_enter)
    assert got == ["6901939621257"]  # the typed PIN was not a scan


class PtyScanner:
    """A pty pair standing in for a USB-serial scanner that can be unplugged and plugged in again."""

    def __init__(self):
        self.plug()

    def plug(self):
        self.master, slave = os.openpty()
        self.name = os.ttyname(slave)
        os.close(slave)

    def unplug(self):
        os.close(self.master)

    def send(self, text: str):
        os.write(self.master, text.encode())


def wait_for(predicate, timeout=5.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    return False


def test_serial_scanner_reads_codes_and_reconnects_after_unplugging():
    device = PtyScanner()
    got: list[str] = []
    lock = threading.Lock()

    def on_scan(code):
        with lock:
            got.append(code)

    scanner = SerialScanner(
        "pty", on_scan, retry_s=0.05, opener=lambda url, baud: serial.Serial(device.name, baud, timeout=0.05)
    ).start()
    try:
        assert wait_for(scanner.connected.is_set)
        device.send("6901939621257\r\n")
        device.send("MT1.M00000001.1.AAAA\r")
        assert wait_for(lambda: len(got) == 2)
        device.unplug()
        assert wait_for(lambda: scanner.reconnects >= 1)
        device.plug()
        assert wait_for(scanner.connected.is_set)
        device.send("880000000001\n")
        assert wait_for(lambda: len(got) == 3)
        assert got == ["6901939621257", "MT1.M00000001.1.AAAA", "880000000001"]
        assert "disconnected" in scanner.last_error or "not connected" in scanner.last_error
    finally:
        scanner.stop()


def test_serial_scanner_over_pyserial_loop_url():
    got: list[str] = []
    scanner = SerialScanner("loop://", got.append, retry_s=0.05).start()
    try:
        assert wait_for(scanner.connected.is_set)
        scanner.port.write(b"96385074\r\n")
        assert wait_for(lambda: got == ["96385074"])
    finally:
        scanner.stop()
