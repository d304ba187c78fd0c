"""Receipt numbers are unique across the chain (issue 22, defect 6): two stores' till 001 used to
both issue R00126112300001. The number carries the store code; its CODE128 barcode still fits
58 mm paper and scans back to the number; numbers made before are still found."""

from __future__ import annotations

import shutil
from dataclasses import replace

import zxingcpp

from hardware.escpos_render import code128_modules, render
from hardware.preview import preview
from hardware.receipt import Barcode, Receipt
from pos_app.domain.barcodes import RECEIPT, classify
from pos_app.services import Till, login, open_shift
from pos_app.services.checkout import Tender, complete_sale
from pos_app.services.refunds import find_sale
from pos_app.services.sale import SaleSession
from pos_app.store import Database


def till_of_store(demo_file, path, clock, store_code: str) -> Till:
    shutil.copy(demo_file, path)
    till = Till(Database(path), clock)
    with till.uow() as uow:
        store = dict(uow.rules.setting("store"))
        uow.rules.set_setting("store", dict(store, code=store_code, till_code="001"))
        uow.commit()
    till.reload_rules()
    return till


def first_sale(till: Till) -> str:
    cashier = login(till, "1111")
    open_shift(till, cashier, 0)
    sale = SaleSession(till, cashier)
    sale.scan("6901939621257")
    payable = sale.view().priced.payable_fen
    return complete_sale(sale, [Tender("cash", payable, cash_given_fen=payable)]).receipt_no


def test_till_001_of_two_stores_issue_different_receipt_numbers(demo_file, tmp_path, clock):
    one = till_of_store(demo_file, tmp_path / "a.sqlite3", clock, "S001")
    two = till_of_store(demo_file, tmp_path / "b.sqlite3", clock, "S002")
    try:
        first, second = first_sale(one), first_sale(two)
    finally:
        one.db.close()
        two.db.close()
    assert first != second
    assert first == "RS001-00126112300001" and second == "RS002-00126112300001"


def test_a_receipt_number_scans_as_a_receipt_old_and_new(demo_file, tmp_path, clock):
    for number in ("RS001-00126112300001", "R00126112300001", "rs002-00126112300017"):
        scan = classify(number)
        assert scan.kind == RECEIPT and scan.code == number.upper()
    for not_receipt in ("RS001-001", "R-00126112300001", "RABCDEFGHIJKL-00126112300001"):
        assert classify(not_receipt).kind != RECEIPT


def gs_k_payload(data: bytes) -> tuple[int, str]:
    """(module width from GS w, the text the CODE128 encodes) from the printed bytes."""
    width = data[data.rindex(b"\x1dw") + 2]
    start = data.index(b"\x1dkI") + 3
    payload = data[start + 1 : start + 1 + data[start]]
    text, code_set = "", "B"
    i = 0
    while i < len(payload):
        if payload[i : i + 1] == b"{":
            code_set = chr(payload[i + 1])
            i += 2
            continue
        text += f"{payload[i]:02d}" if code_set == "C" else chr(payload[i])
        i += 1
    return width, text


def test_the_printed_barcode_encodes_the_number_and_fits_58_mm(demo_file, tmp_path, clock):
    for number in ("RS001-00126112300001", "R00126112300001"):
        data = render(Receipt("sale", number, (Barcode(number),)))
        width, text = gs_k_payload(data)
        assert text == number
        start = data.index(b"\x1dkI") + 3
        payload = data[start + 1 : start + 1 + data[start]]
        assert width == 2 and 2 * code128_modules(payload.decode("latin-1")) <= 384
        found = {
            (r.format, r.text) for r in zxingcpp.read_barcodes(preview(Receipt("sale", number, (Barcode(number),)), 58))
        }
        assert (zxingcpp.BarcodeFormat.Code128, number) in found


def test_a_long_store_code_still_gets_a_barcode_inside_the_paper():
    number = "RLONGSTORE1-00126112300001"
    width, text = gs_k_payload(render(Receipt("sale", number, (Barcode(number),))))
    assert text == number and width == 1


def test_a_receipt_made_before_the_change_is_still_found(till, cashier, shift):
    sale = SaleSession(till, cashier)
    sale.scan("6901939621257")
    payable = sale.view().priced.payable_fen
    done = complete_sale(sale, [Tender("cash", payable, cash_given_fen=payable)])
    with till.uow() as uow:  # the number as the till used to make it
        row = uow.sales.by_receipt_no(done.receipt_no)
        row.receipt_no = "R00126112300001"
        uow.commit()
    assert find_sale(till, "r00126112300001 ").receipt_no == "R00126112300001"


def test_store_codes_are_reduced_to_letters_and_digits_in_the_number(till):
    info = replace(till.store, code="s-0 1", till_code="002")
    assert info.receipt_prefix == "S01-002"
