"""Receipts from real completed sales, refunds and shift reports, printed through the queue; member
codes attached to a sale (verified offline, refused when replayed at this till)."""

from __future__ import annotations

import pytest

from hardware.escpos_render import CHINESE_ON
from hardware.member_code import demo_private_key, make_code
from hardware.printing import PrinterConfig, PrintQueue
from hardware.receipt import Barcode, Item, Pair, layout, plain_text
from pos_app.services import InvalidInput, SaleSession, Tender, close_shift, complete_sale, refund
from pos_app.services.receipts import ReceiptPrinting, sale_receipt
from pos_app.store.demo_data import ean13

COLA = "6901939621257"


def T(text: str) -> str:
    """The label as the receipt prints it: services print the English label unless the UI hands
    them translated labels (pos_app/ui/receipt_labels.py), and these tests hand none."""
    return text


RICE = ean13("69" + f"{20:010d}")


def member_sale(till, cashier, clock):
    sale = SaleSession(till, cashier)
    sale.scan(RICE)
    sale.scan(COLA)
    code = make_code(demo_private_key("M00000005"), "M00000005", int(clock.now.timestamp()))
    view = sale.attach_member_code(code)
    assert view.member.id == "M00000005"
    payable = view.priced.payable_fen
    return code, complete_sale(sale, [Tender("cash", payable, cash_given_fen=payable + 1000)])


def test_a_member_code_is_verified_at_the_till_and_a_replay_is_refused(till, cashier, shift, clock):
    code, done = member_sale(till, cashier, clock)
    again = SaleSession(till, cashier)
    again.scan(COLA)
    with pytest.raises(InvalidInput, match="already used"):
        again.attach_member_code(code)
    assert again.view().member is None
    clock.now = clock.now.replace(minute=clock.now.minute + 5)
    fresh_at_old_time = make_code(demo_private_key("M00000005"), "M00000005", int(clock.now.timestamp()) - 300)
    with pytest.raises(InvalidInput, match="expired"):
        again.attach_member_code(fresh_at_old_time)
    with pytest.raises(InvalidInput, match="no registered phone"):
        again.attach_member_code(make_code(demo_private_key("M00000399"), "M00000399", int(clock.now.timestamp())))


def test_sale_receipt_names_every_reduction_member_block_and_prints(till, cashier, shift, clock):
    _, done = member_sale(till, cashier, clock)
    receipt = sale_receipt(till.store, done)
    items = [b for b in receipt.blocks if isinstance(b, Item)]
    assert len(items) == len(done.priced.lines)
    reductions = [label for item in items for label, _ in item.reductions]
    assert reductions == [
        r.label
        for pl in done.priced.lines
        for r in pl.reductions
        if r.source_kind not in ("points", "rounding") and r.amount_fen
    ]
    assert reductions, "the rice special and the tier discount show on the receipt"
    pairs = {b.left: b.right for b in receipt.blocks if isinstance(b, Pair)}
    assert pairs[T("Total")] == "\uffe5" + f"{done.priced.payable_fen // 100}.{done.priced.payable_fen % 100:02d}"
    assert pairs[T("Change")] == "10.00" and "****" in pairs[T("Phone")]
    assert pairs[T("Points earned")] == f"+{done.priced.points_earned}"
    assert Barcode(done.receipt_no) in receipt.blocks and receipt.open_drawer
    text = plain_text(layout(receipt, 80))
    assert done.receipt_no in text
    queue = PrintQueue(PrinterConfig())
    printing = ReceiptPrinting(till.store, queue)
    printing.submit(done, cashier.name)
    assert queue.wait_idle(5)
    data = queue.connection.sent[0]
    body = data[data.index(CHINESE_ON) + 2 :]
    assert done.priced.lines[0].line.name.encode("gb18030") in body
    assert b"\x1bp\x00" in data  # cash sale: the drawer opens
    queue.close()


def test_refund_and_z_report_receipts(till, cashier, shift, clock):
    _, done = member_sale(till, cashier, clock)
    from pos_app.services import find_sale

    sale = find_sale(till, done.receipt_no)
    result = refund(till, cashier, done.receipt_no, {sale.lines[0].line_id: 1}, "9999")
    queue = PrintQueue(PrinterConfig())
    printing = ReceiptPrinting(till.store, queue)
    refund_doc = printing.document(result, cashier.name)
    pairs = {b.left: b.right for b in refund_doc.blocks if isinstance(b, Pair)}
    assert pairs[T("Original receipt")] == done.receipt_no
    assert pairs[T("Refund total")] == "-" + f"{result.plan.money_fen // 100}.{result.plan.money_fen % 100:02d}"
    assert pairs[T("Points taken back")] == f"-{result.plan.points_reversed}"
    report = close_shift(till, cashier, 50000 + done.priced.payable_fen - result.plan.money_fen)
    z = printing.document(report, cashier.name)
    zpairs = {b.left: b.right for b in z.blocks if isinstance(b, Pair)}
    assert zpairs[T("Sales")] == "1" and zpairs[T("Difference")] == "0.00"
    printing.submit(report, cashier.name)
    assert queue.wait_idle(5) and queue.history[-1].status == "printed"
    queue.close()
