"""Scanner input the way real scanners and hurried cashiers produce it (issue 16, defects 4-6):
key events carrying their own timestamps while the GUI thread stalls, endless "scans", GS1
element strings with and without separators and symbology identifiers, customers' payment codes."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from hardware.codes import GS1, MAX_SCAN_LEN, PAY_CODE, PRODUCT, UNKNOWN, classify
from hardware.scanners import BurstTracker, WedgeDetector

COLA = "6901939621257"
TAIL_IS_EAN8 = "6901496385074"        # a valid EAN-13 whose last eight digits are a valid EAN-8 too


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
        stamp = 10_000 + 4 * i                        # the scanner: a key every 4 ms
        processed = stamp + (60 if i >= 5 else 0)     # the GUI thread stalled 60 ms after five keys
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
    assert field.text() == TAIL_IS_EAN8                       # every character is still in the field


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


def test_a_group_separator_typed_by_the_scanner_is_kept(qapp):
    clock, _, field, got = wedge(qapp)
    code = "]C101" + "0" + COLA + "10LOT7\x1d17270101"
    feed(qapp, field, clock, [(ch, 500 + 3 * i, 500 + 3 * i) for i, ch in enumerate(code + "\r")])
    assert got == [code]
    scan = classify(got[0])
    assert scan.kind == GS1 and scan.gs1.expiry == date(2027, 1, 1)


GS1_CASES = [
    ("]C1010" + COLA + "3103001250" + "17270101", 1250, date(2027, 1, 1)),     # GS1-128, fixed fields only
    ("]C1010" + COLA + "10LOT42\x1d3102012345", 123450, None),                  # with FNC1 after the lot
    ("010" + COLA + "17270101" + "10ABC", None, date(2027, 1, 1)),               # no symbology id, lot last
    ("]d2010" + COLA + "17270101\x1d21SERIAL9", None, date(2027, 1, 1)),         # GS1 DataMatrix
    ("]Q3010" + COLA, None, None),                                                # GS1 QR
    ("(01)0" + COLA + "(3103)000500(17)261231", 500, date(2026, 12, 31)),      # printed (HRI) form
    ("010" + COLA, None, None),
]


@pytest.mark.parametrize("raw, weight_g, expiry", GS1_CASES)
def test_a_gs1_code_gives_the_items_gtin_13_weight_and_expiry(raw, weight_g, expiry):
    scan = classify(raw)
    assert scan.kind == GS1, scan
    assert scan.code == COLA and scan.gs1.gtin13 == COLA
    assert scan.gs1.weight_g == weight_g and scan.gs1.expiry == expiry


@pytest.mark.parametrize("raw, reason", [
    ("]C1011" + "6901939621254", "scan.gs1_outer_pack"),              # indicator 1: a case of items
    ("]C1010" + "6901939621258", "scan.check_digit"),                 # wrong check digit
    ("]C117270101", "scan.gs1_no_gtin"),                              # only an expiry
    ("]C1zz", "scan.gs1_unreadable"),
])
def test_a_gs1_code_that_names_no_sellable_item_says_why(raw, reason):
    scan = classify(raw)
    assert scan.kind == UNKNOWN and scan.reason == reason


@pytest.mark.parametrize("raw, wallet", [
    ("134567890123456789", "wechat"), ("104567890123456789", "wechat"), ("154567890123456789", "wechat"),
    ("2834567890123456", "alipay"), ("251234567890123456789012", "alipay"), ("30123456789012345678", "alipay"),
])
def test_a_customers_payment_code_says_what_it_is(raw, wallet):
    scan = classify(raw)
    assert scan.kind == PAY_CODE and scan.wallet == wallet and scan.reason == "scan.pay_code"


@pytest.mark.parametrize("raw", ["164567890123456789", "094567890123456789", "3112345678901234", "241234567890123456"])
def test_digits_outside_the_wallets_ranges_are_not_payment_codes(raw):
    assert classify(raw).kind == UNKNOWN
