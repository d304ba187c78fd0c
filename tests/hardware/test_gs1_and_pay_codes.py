"""GS1 element strings (GS1-128, DataMatrix, QR; with and without FNC1/GS separators and
symbology identifiers; the printed form) and customers' WeChat Pay / Alipay payment codes, as the
scan router reads them (issue 16, defect 6); a GS typed by a wedge scanner survives the detector."""

from __future__ import annotations

from datetime import date

import pytest

from pos_app.domain.barcodes import GS1, PAY_CODE, UNKNOWN, classify

from .test_scan_input import COLA, feed, wedge


def test_a_group_separator_typed_by_the_scanner_is_kept(qapp):
    clock, _, field, got = wedge(qapp)
    code = "]C101" + "0" + COLA + "10LOT7\x1d17270101"
    feed(qapp, field, clock, [(ch, 500 + 3 * i, 500 + 3 * i) for i, ch in enumerate(code + "\r")])
    assert got == [code]
    scan = classify(got[0])
    assert scan.kind == GS1 and scan.gs1.expiry == date(2027, 1, 1)


GS1_CASES = [
    ("]C1010" + COLA + "3103001250" + "17270101", 1250, date(2027, 1, 1)),  # GS1-128, fixed fields only
    ("]C1010" + COLA + "10LOT42\x1d3102012345", 123450, None),  # with FNC1 after the lot
    ("010" + COLA + "17270101" + "10ABC", None, date(2027, 1, 1)),  # no symbology id, lot last
    ("]d2010" + COLA + "17270101\x1d21SERIAL9", None, date(2027, 1, 1)),  # GS1 DataMatrix
    ("]Q3010" + COLA, None, None),  # GS1 QR
    ("(01)0" + COLA + "(3103)000500(17)261231", 500, date(2026, 12, 31)),  # printed (HRI) form
    ("010" + COLA, None, None),
]


@pytest.mark.parametrize("raw, weight_g, expiry", GS1_CASES)
def test_a_gs1_code_gives_the_items_gtin_13_weight_and_expiry(raw, weight_g, expiry):
    scan = classify(raw)
    assert scan.kind == GS1, scan
    assert scan.code == COLA and scan.gs1.gtin13 == COLA
    assert scan.gs1.weight_g == weight_g and scan.gs1.expiry == expiry


@pytest.mark.parametrize(
    "raw, reason",
    [
        ("]C1011" + "6901939621254", "scan.gs1_outer_pack"),  # indicator 1: a case of items
        ("]C1010" + "6901939621258", "scan.check_digit"),  # wrong check digit
        ("]C117270101", "scan.gs1_no_gtin"),  # only an expiry
        ("]C1zz", "scan.gs1_unreadable"),
    ],
)
def test_a_gs1_code_that_names_no_sellable_item_says_why(raw, reason):
    scan = classify(raw)
    assert scan.kind == UNKNOWN and scan.reason == reason


@pytest.mark.parametrize(
    "raw, wallet",
    [
        ("134567890123456789", "wechat"),
        ("104567890123456789", "wechat"),
        ("154567890123456789", "wechat"),
        ("2834567890123456", "alipay"),
        ("251234567890123456789012", "alipay"),
        ("30123456789012345678", "alipay"),
    ],
)
def test_a_customers_payment_code_says_what_it_is(raw, wallet):
    scan = classify(raw)
    assert scan.kind == PAY_CODE and scan.wallet == wallet and scan.reason == "scan.pay_code"


@pytest.mark.parametrize("raw", ["164567890123456789", "094567890123456789", "3112345678901234", "241234567890123456"])
def test_digits_outside_the_wallets_ranges_are_not_payment_codes(raw):
    assert classify(raw).kind == UNKNOWN
