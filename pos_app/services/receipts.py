"""Receipt documents for completed sales, refunds, top-ups and shift reports.

Builds `hardware.receipt.Receipt` layout models (hardware knows nothing of sales). The words come
in as data: `labels` maps each English label (`LABELS`) to the text to print, made by the UI in the
till's language (`pos_app/ui/receipt_labels.py`, Qt context "Receipt"); without it the English
label is printed. Services import no Qt. `ReceiptPrinting` is what the till window hands documents to.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hardware.printing import PrintJob, PrintQueue
from hardware.receipt import Barcode, Item, Pair, QRCode, Receipt, Rule, Text
from pos_app.domain.money import format_fen
from pos_app.domain.tenders import TenderKind

from .checkout import CompletedSale
from .members import MemberView, TopUpResult
from .refunds import RefundResult
from .shifts import ShiftReport
from .till import StoreInfo

Labels = Mapping[str, str]
# every label a receipt prints; pos_app/ui/receipt_labels.py gives each its translation
LABELS = (
    "Cash",
    "Stored value",
    "WeChat Pay",
    "Alipay",
    "Bank card",
    "Till",
    "Cashier",
    "Time",
    "Receipt No.",
    "Member",
    "Tier",
    "Points earned",
    "Points used",
    "Points balance",
    "Points expiring within 30 days",
    "Stored value used",
    "Stored value balance",
    "Sales receipt",
    "Subtotal",
    "Points offset (%1 points)",
    "Rounding",
    "Total",
    "Change",
    "Refund receipt",
    "Original receipt",
    "Refund total",
    "Points returned",
    "Points taken back",
    "Approved by",
    "Stored value top-up",
    "Top-up",
    "Bonus",
    "Z report (shift closed)",
    "X report (shift so far)",
    "Opened",
    "Sales",
    "Gross",
    "Discounts",
    "Points offset",
    "Net sales",
    "Refunds (%1)",
    "Top-ups",
    "Float",
    "Cash in",
    "Cash out",
    "Expected cash",
    "Counted cash",
    "Difference",
    "Points issued",
    "Points redeemed",
    "Stored value spent",
    # receipt journal and returns across stores (t16-receipts)
    "COPY (reprinted %1)",
    "Phone",
    "Sold at",
    # identification policy (t16-scan)
    "Identified by",
    "Member code",
    "Member card",
    "Phone look-up",
    "Member number",
    "Manager approval",
)


def _label(labels: Labels | None, key: str) -> str:
    return (labels or {}).get(key, key)


def money(fen: int) -> str:
    return format_fen(fen)


def tender_label(kind: str, labels: Labels | None = None) -> str:
    names: dict[str, str] = {
        TenderKind.CASH: _label(labels, "Cash"),
        TenderKind.STORED_VALUE: _label(labels, "Stored value"),
        TenderKind.WECHAT: _label(labels, "WeChat Pay"),
        TenderKind.ALIPAY: _label(labels, "Alipay"),
        TenderKind.CARD: _label(labels, "Bank card"),
    }
    return names.get(kind, kind)


def mark_copy(receipt: Receipt, at: Any, labels: Labels | None = None) -> Receipt:
    """A reprint of `receipt`: the same document under a line saying it is a copy (重打) and when
    it was made; a copy never opens the drawer."""
    mark = Text(_label(labels, "COPY (reprinted %1)").replace("%1", f"{at:%Y-%m-%d %H:%M}"), "center", bold=True)
    return Receipt(
        receipt.kind, receipt.number, (mark, *receipt.blocks, Rule(), mark), receipt.cut, open_drawer=False, copy=True
    )


def header(store: StoreInfo, title: str, number: str, at: Any, cashier: str, labels: Labels | None = None) -> list:
    return [
        Text(store.name, "center", bold=True, big=True),
        Text(title, "center", bold=True),
        Pair(_label(labels, "Till"), f"{store.code}-{store.till_code}"),
        Pair(_label(labels, "Cashier"), cashier, fit="truncate"),
        Pair(_label(labels, "Time"), f"{at:%Y-%m-%d %H:%M:%S}"),
        Pair(_label(labels, "Receipt No."), number),
        Rule(),
    ]


def member_block(
    member: MemberView | None, earned: int = 0, spent: int = 0, sv_spent: int = 0, labels: Labels | None = None
) -> list:
    if member is None:
        return []
    rows: list = [
        Rule(),
        Pair(_label(labels, "Member"), member.name, fit="truncate"),
        Pair(_label(labels, "Phone"), member.masked_phone),
        Pair(_label(labels, "Tier"), member.tier_name),
    ]
    if earned:
        rows.append(Pair(_label(labels, "Points earned"), f"+{earned}"))
    if spent:
        rows.append(Pair(_label(labels, "Points used"), f"-{spent}"))
    rows.append(Pair(_label(labels, "Points balance"), str(member.points)))
    if member.expiring_points:
        rows.append(Pair(_label(labels, "Points expiring within 30 days"), str(member.expiring_points)))
    if sv_spent:
        rows.append(Pair(_label(labels, "Stored value used"), money(sv_spent)))
    if sv_spent or member.stored_value_fen:
        rows.append(Pair(_label(labels, "Stored value balance"), money(member.stored_value_fen)))
    return rows


def identification_label(identified_by: str, labels: Labels | None = None) -> str:
    """How the member was identified, as the receipt names it (the identification policy)."""
    return {
        "member_code": _label(labels, "Member code"),
        "card": _label(labels, "Member card"),
        "phone": _label(labels, "Phone look-up"),
        "id": _label(labels, "Member number"),
        "override": _label(labels, "Manager approval"),
    }.get(identified_by, identified_by)


def identification_line(sale: CompletedSale, labels: Labels | None = None) -> list:
    if sale.member is None or not sale.identified_by:
        return []
    return [Pair(_label(labels, "Identified by"), identification_label(sale.identified_by, labels))]


def footer(store: StoreInfo, number: str) -> list:
    rows: list = [Rule()]
    if store.footer:
        rows.append(Text(store.footer, "center"))
    if store.qr:
        rows.append(QRCode(store.qr.replace("{receipt}", number)))
    rows.append(Barcode(number))
    return rows


def sale_receipt(store: StoreInfo, sale: CompletedSale, labels: Labels | None = None) -> Receipt:
    priced = sale.priced
    blocks = header(store, _label(labels, "Sales receipt"), sale.receipt_no, sale.at, sale.cashier_name, labels)
    for pl in priced.lines:
        line = pl.line
        reductions = tuple(
            (r.label, "-" + money(r.amount_fen))
            for r in pl.reductions
            if r.source_kind not in ("points", "rounding") and r.amount_fen
        )
        blocks.append(Item(line.name, f"{line.qty} x {money(line.unit_price_fen)}", money(line.gross_fen), reductions))
    blocks.append(Rule())
    blocks.append(Pair(_label(labels, "Subtotal"), money(priced.subtotal_fen)))
    for reduction in priced.reductions:
        blocks.append(Pair(reduction.label, "-" + money(reduction.amount_fen)))
    if priced.points_offset_fen:
        blocks.append(
            Pair(
                _label(labels, "Points offset (%1 points)").replace("%1", str(priced.points_spent)),
                "-" + money(priced.points_offset_fen),
            )
        )
    if priced.rounding_fen:
        blocks.append(Pair(_label(labels, "Rounding"), "-" + money(priced.rounding_fen)))
    blocks.append(Pair(_label(labels, "Total"), "\uffe5" + money(priced.payable_fen), bold=True))
    for tender in sale.payments:
        paid = tender.cash_given_fen if tender.kind == TenderKind.CASH and tender.cash_given_fen else tender.amount_fen
        blocks.append(Pair(tender_label(tender.kind, labels), money(paid)))
    if sale.change_fen:
        blocks.append(Pair(_label(labels, "Change"), money(sale.change_fen)))
    sv_spent = sum(p.amount_fen for p in sale.payments if p.kind == TenderKind.STORED_VALUE)
    blocks += member_block(sale.member, priced.points_earned, priced.points_spent, sv_spent, labels)
    blocks += identification_line(sale, labels)
    blocks += footer(store, sale.receipt_no)
    return Receipt("sale", sale.receipt_no, tuple(blocks), open_drawer=sale.opens_drawer)


def refund_receipt(store: StoreInfo, refund: RefundResult, cashier: str, labels: Labels | None = None) -> Receipt:
    blocks = header(store, _label(labels, "Refund receipt"), refund.receipt_no, refund.at, cashier, labels)
    blocks.append(Pair(_label(labels, "Original receipt"), refund.original_receipt_no))
    if refund.origin:
        blocks.append(Pair(_label(labels, "Sold at"), refund.origin))
    for name, qty, fen in refund.lines:
        blocks.append(Item(name, f"-{qty}", "-" + money(fen)))
    blocks.append(Rule())
    blocks.append(Pair(_label(labels, "Refund total"), "-" + money(refund.plan.money_fen), bold=True))
    for tender in refund.plan.tenders:
        blocks.append(Pair(tender_label(tender.tender, labels), "-" + money(tender.amount_fen)))
    if refund.plan.points_restored:
        blocks.append(Pair(_label(labels, "Points returned"), f"+{refund.plan.points_restored}"))
    if refund.plan.points_reversed:
        blocks.append(Pair(_label(labels, "Points taken back"), f"-{refund.plan.points_reversed}"))
    blocks.append(Pair(_label(labels, "Approved by"), refund.approved_by))
    blocks += member_block(refund.member, labels=labels)
    blocks += [Rule(), Barcode(refund.receipt_no)]
    return Receipt("refund", refund.receipt_no, tuple(blocks), open_drawer=refund.opens_drawer)


def top_up_receipt(store: StoreInfo, top_up: TopUpResult, cashier: str, labels: Labels | None = None) -> Receipt:
    blocks = header(store, _label(labels, "Stored value top-up"), top_up.receipt_no, top_up.at, cashier, labels)
    blocks.append(Pair(top_up.plan_name or _label(labels, "Top-up"), money(top_up.paid_fen)))
    if top_up.bonus_fen:
        blocks.append(Pair(_label(labels, "Bonus"), money(top_up.bonus_fen)))
    blocks.append(Pair(tender_label(top_up.tender, labels), money(top_up.paid_fen), bold=True))
    blocks += member_block(top_up.member, labels=labels)
    blocks += [Rule(), Barcode(top_up.receipt_no)]
    return Receipt("top_up", top_up.receipt_no, tuple(blocks), open_drawer=top_up.tender == TenderKind.CASH)


def shift_report(store: StoreInfo, report: ShiftReport, cashier: str, labels: Labels | None = None) -> Receipt:
    title = (
        _label(labels, "Z report (shift closed)") if report.kind == "Z" else _label(labels, "X report (shift so far)")
    )
    at = report.closed_at or report.opened_at
    blocks = header(store, title, report.shift_id[-12:], at, cashier, labels)
    rows = [
        (_label(labels, "Opened"), f"{report.opened_at:%Y-%m-%d %H:%M}"),
        (_label(labels, "Sales"), str(report.sales_count)),
        (_label(labels, "Gross"), money(report.gross_fen)),
        (_label(labels, "Discounts"), "-" + money(report.discount_fen)),
        (_label(labels, "Points offset"), "-" + money(report.points_offset_fen)),
        (_label(labels, "Rounding"), "-" + money(report.rounding_fen)),
        (_label(labels, "Net sales"), money(report.net_sales_fen)),
        (_label(labels, "Refunds (%1)").replace("%1", str(report.refunds_count)), "-" + money(report.refunds_fen)),
        (_label(labels, "Top-ups"), money(report.top_ups_fen)),
    ]
    blocks += [Pair(a, b) for a, b in rows]
    blocks.append(Rule())
    blocks += [Pair(tender_label(kind, labels), money(fen)) for kind, fen in sorted(report.tenders.items())]
    blocks.append(Rule())
    blocks += [
        Pair(_label(labels, "Float"), money(report.float_fen)),
        Pair(_label(labels, "Cash in"), money(report.cash_in_fen)),
        Pair(_label(labels, "Cash out"), "-" + money(report.cash_out_fen)),
        Pair(_label(labels, "Expected cash"), money(report.expected_cash_fen), bold=True),
    ]
    if report.counted_cash_fen is not None:
        blocks += [
            Pair(_label(labels, "Counted cash"), money(report.counted_cash_fen)),
            Pair(
                _label(labels, "Difference"),
                format_fen(report.counted_cash_fen - report.expected_cash_fen, sign=True),
                bold=True,
            ),
        ]
    blocks += [
        Rule(),
        Pair(_label(labels, "Points issued"), str(report.points_issued)),
        Pair(_label(labels, "Points redeemed"), str(report.points_redeemed)),
        Pair(_label(labels, "Stored value spent"), money(report.stored_value_spent_fen)),
    ]
    return Receipt(report.kind.lower() + "_report", report.shift_id[-12:], tuple(blocks))


class ReceiptPrinting:
    """Turns what the till completed into receipts on the configured printer (background queue).

    `submit` never blocks: rendering and sending happen in the queue's worker thread.
    """

    def __init__(self, store: StoreInfo, queue: PrintQueue, labels: Labels | None = None):
        self.store, self.queue, self.labels = store, queue, labels
        self.journal: Any = None

    def use_journal(self, journal: Any) -> None:
        """Keep every receipt printed in `journal` (a `ReceiptJournal`), written by the queue's
        worker thread after each attempt."""
        self.journal = journal
        self.queue.on_job = journal.record

    @property
    def paper_mm(self) -> int:
        return self.queue.config.paper_mm

    def reprint_copy(self, receipt: Receipt, at: Any) -> PrintJob:
        """Print `receipt` again, marked as a copy (重打)."""
        return self.queue.submit(mark_copy(receipt, at, self.labels))

    def retry(self, receipt: Receipt) -> PrintJob:
        """Send again a receipt whose print failed (the original, not a copy: it never came out;
        without the drawer kick, which belonged to the sale's moment)."""
        return self.queue.submit(Receipt(receipt.kind, receipt.number, receipt.blocks, receipt.cut, False))

    def document(self, result: Any, cashier: str = "") -> Receipt | None:
        if isinstance(result, CompletedSale):
            return sale_receipt(self.store, result, self.labels)
        if isinstance(result, RefundResult):
            return refund_receipt(self.store, result, cashier, self.labels)
        if isinstance(result, TopUpResult):
            return top_up_receipt(self.store, result, cashier, self.labels)
        if isinstance(result, ShiftReport):
            return shift_report(self.store, result, cashier, self.labels)
        if isinstance(result, Receipt):
            return result
        return None

    def submit(self, result: Any, cashier: str = "") -> PrintJob | None:
        receipt = self.document(result, cashier)
        return self.queue.submit(receipt) if receipt is not None else None

    def reprint(self, number: str | None = None) -> PrintJob | None:
        return self.queue.reprint(number)

    def open_drawer(self) -> PrintJob:
        return self.queue.open_drawer()
