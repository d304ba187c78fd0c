"""Receipt documents for completed sales, refunds, top-ups and shift reports.

Builds `hardware.receipt.Receipt` layout models (hardware knows nothing of sales). The words are
translated through Qt's translation system (context "Receipt"), so a zh_CN store prints Chinese;
only QtCore is used, no widgets. `ReceiptPrinting` is what the till window hands documents to.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from hardware.printing import PrintJob, PrintQueue
from hardware.receipt import Barcode, Item, Pair, QRCode, Receipt, Rule, Text
from pos_app.domain.money import format_fen

from .checkout import CompletedSale
from .members import MemberView, TopUpResult
from .refunds import RefundResult
from .shifts import ShiftReport
from .till import StoreInfo


translate = QCoreApplication.translate


def money(fen: int) -> str:
    return format_fen(fen)


def tender_label(kind: str) -> str:
    return {"cash": translate("Receipt", "Cash"),
            "stored_value": translate("Receipt", "Stored value"),
            "wechat": translate("Receipt", "WeChat Pay"),
            "alipay": translate("Receipt", "Alipay"),
            "card": translate("Receipt", "Bank card")}.get(kind, kind)


def mark_copy(receipt: Receipt, at: Any) -> Receipt:
    """A reprint of `receipt`: the same document under a line saying it is a copy (重打) and when
    it was made; a copy never opens the drawer."""
    mark = Text(translate("Receipt", "COPY (reprinted %1)").replace("%1", f"{at:%Y-%m-%d %H:%M}"), "center",
                bold=True)
    return Receipt(receipt.kind, receipt.number, (mark, *receipt.blocks, Rule(), mark), receipt.cut,
                   open_drawer=False, copy=True)


def header(store: StoreInfo, title: str, number: str, at: Any, cashier: str) -> list:
    return [Text(store.name, "center", bold=True, big=True),
            Text(title, "center", bold=True),
            Pair(translate("Receipt", "Till"), f"{store.code}-{store.till_code}"),
            Pair(translate("Receipt", "Cashier"), cashier, fit="truncate"),
            Pair(translate("Receipt", "Time"), f"{at:%Y-%m-%d %H:%M:%S}"),
            Pair(translate("Receipt", "Receipt No."), number),
            Rule()]


def member_block(member: MemberView | None, earned: int = 0, spent: int = 0, sv_spent: int = 0) -> list:
    if member is None:
        return []
    rows: list = [Rule(),
                  Pair(translate("Receipt", "Member"), member.name, fit="truncate"),
                  Pair(translate("Receipt", "Phone"), member.masked_phone),
                  Pair(translate("Receipt", "Tier"), member.tier_name)]
    if earned:
        rows.append(Pair(translate("Receipt", "Points earned"), f"+{earned}"))
    if spent:
        rows.append(Pair(translate("Receipt", "Points used"), f"-{spent}"))
    rows.append(Pair(translate("Receipt", "Points balance"), str(member.points)))
    if member.expiring_points:
        rows.append(Pair(translate("Receipt", "Points expiring within 30 days"),
                         str(member.expiring_points)))
    if sv_spent:
        rows.append(Pair(translate("Receipt", "Stored value used"), money(sv_spent)))
    if sv_spent or member.stored_value_fen:
        rows.append(Pair(translate("Receipt", "Stored value balance"), money(member.stored_value_fen)))
    return rows


def footer(store: StoreInfo, number: str) -> list:
    rows: list = [Rule()]
    if store.footer:
        rows.append(Text(store.footer, "center"))
    if store.qr:
        rows.append(QRCode(store.qr.replace("{receipt}", number)))
    rows.append(Barcode(number))
    return rows


def sale_receipt(store: StoreInfo, sale: CompletedSale) -> Receipt:
    priced = sale.priced
    blocks = header(store, translate("Receipt", "Sales receipt"), sale.receipt_no, sale.at, sale.cashier_name)
    for pl in priced.lines:
        line = pl.line
        reductions = tuple((r.label, "-" + money(r.amount_fen)) for r in pl.reductions
                           if r.source_kind not in ("points", "rounding") and r.amount_fen)
        blocks.append(Item(line.name, f"{line.qty} x {money(line.unit_price_fen)}", money(line.gross_fen), reductions))
    blocks.append(Rule())
    blocks.append(Pair(translate("Receipt", "Subtotal"), money(priced.subtotal_fen)))
    for reduction in priced.reductions:
        blocks.append(Pair(reduction.label, "-" + money(reduction.amount_fen)))
    if priced.points_offset_fen:
        blocks.append(Pair(translate("Receipt", "Points offset (%1 points)").replace("%1", str(priced.points_spent)),
                           "-" + money(priced.points_offset_fen)))
    if priced.rounding_fen:
        blocks.append(Pair(translate("Receipt", "Rounding"), "-" + money(priced.rounding_fen)))
    blocks.append(Pair(translate("Receipt", "Total"), "\uffe5" + money(priced.payable_fen), bold=True))
    for tender in sale.payments:
        paid = tender.cash_given_fen if tender.kind == "cash" and tender.cash_given_fen else tender.amount_fen
        blocks.append(Pair(tender_label(tender.kind), money(paid)))
    if sale.change_fen:
        blocks.append(Pair(translate("Receipt", "Change"), money(sale.change_fen)))
    sv_spent = sum(p.amount_fen for p in sale.payments if p.kind == "stored_value")
    blocks += member_block(sale.member, priced.points_earned, priced.points_spent, sv_spent)
    blocks += footer(store, sale.receipt_no)
    return Receipt("sale", sale.receipt_no, tuple(blocks), open_drawer=sale.opens_drawer)


def refund_receipt(store: StoreInfo, refund: RefundResult, cashier: str) -> Receipt:
    blocks = header(store, translate("Receipt", "Refund receipt"), refund.receipt_no, refund.at, cashier)
    blocks.append(Pair(translate("Receipt", "Original receipt"), refund.original_receipt_no))
    if refund.origin:
        blocks.append(Pair(translate("Receipt", "Sold at"), refund.origin))
    for name, qty, fen in refund.lines:
        blocks.append(Item(name, f"-{qty}", "-" + money(fen)))
    blocks.append(Rule())
    blocks.append(Pair(translate("Receipt", "Refund total"), "-" + money(refund.plan.money_fen), bold=True))
    for tender in refund.plan.tenders:
        blocks.append(Pair(tender_label(tender.tender), "-" + money(tender.amount_fen)))
    if refund.plan.points_restored:
        blocks.append(Pair(translate("Receipt", "Points returned"), f"+{refund.plan.points_restored}"))
    if refund.plan.points_reversed:
        blocks.append(Pair(translate("Receipt", "Points taken back"), f"-{refund.plan.points_reversed}"))
    blocks.append(Pair(translate("Receipt", "Approved by"), refund.approved_by))
    blocks += member_block(refund.member)
    blocks += [Rule(), Barcode(refund.receipt_no)]
    return Receipt("refund", refund.receipt_no, tuple(blocks), open_drawer=refund.opens_drawer)


def top_up_receipt(store: StoreInfo, top_up: TopUpResult, cashier: str) -> Receipt:
    blocks = header(store, translate("Receipt", "Stored value top-up"), top_up.receipt_no, top_up.at, cashier)
    blocks.append(Pair(top_up.plan_name or translate("Receipt", "Top-up"), money(top_up.paid_fen)))
    if top_up.bonus_fen:
        blocks.append(Pair(translate("Receipt", "Bonus"), money(top_up.bonus_fen)))
    blocks.append(Pair(tender_label(top_up.tender), money(top_up.paid_fen), bold=True))
    blocks += member_block(top_up.member)
    blocks += [Rule(), Barcode(top_up.receipt_no)]
    return Receipt("top_up", top_up.receipt_no, tuple(blocks), open_drawer=top_up.tender == "cash")


def shift_report(store: StoreInfo, report: ShiftReport, cashier: str) -> Receipt:
    title = translate("Receipt", "Z report (shift closed)") if report.kind == "Z" else translate("Receipt", "X report (shift so far)")
    at = report.closed_at or report.opened_at
    blocks = header(store, title, report.shift_id[-12:], at, cashier)
    rows = [(translate("Receipt", "Opened"), f"{report.opened_at:%Y-%m-%d %H:%M}"),
            (translate("Receipt", "Sales"), str(report.sales_count)),
            (translate("Receipt", "Gross"), money(report.gross_fen)),
            (translate("Receipt", "Discounts"), "-" + money(report.discount_fen)),
            (translate("Receipt", "Points offset"), "-" + money(report.points_offset_fen)),
            (translate("Receipt", "Rounding"), "-" + money(report.rounding_fen)),
            (translate("Receipt", "Net sales"), money(report.net_sales_fen)),
            (translate("Receipt", "Refunds (%1)").replace("%1", str(report.refunds_count)), "-" + money(report.refunds_fen)),
            (translate("Receipt", "Top-ups"), money(report.top_ups_fen))]
    blocks += [Pair(a, b) for a, b in rows]
    blocks.append(Rule())
    blocks += [Pair(tender_label(kind), money(fen)) for kind, fen in sorted(report.tenders.items())]
    blocks.append(Rule())
    blocks += [Pair(translate("Receipt", "Float"), money(report.float_fen)),
               Pair(translate("Receipt", "Cash in"), money(report.cash_in_fen)),
               Pair(translate("Receipt", "Cash out"), "-" + money(report.cash_out_fen)),
               Pair(translate("Receipt", "Expected cash"), money(report.expected_cash_fen), bold=True)]
    if report.counted_cash_fen is not None:
        blocks += [Pair(translate("Receipt", "Counted cash"), money(report.counted_cash_fen)),
                   Pair(translate("Receipt", "Difference"), format_fen(report.counted_cash_fen - report.expected_cash_fen, sign=True),
                        bold=True)]
    blocks += [Rule(), Pair(translate("Receipt", "Points issued"), str(report.points_issued)),
               Pair(translate("Receipt", "Points redeemed"), str(report.points_redeemed)),
               Pair(translate("Receipt", "Stored value spent"), money(report.stored_value_spent_fen))]
    return Receipt(report.kind.lower() + "_report", report.shift_id[-12:], tuple(blocks))


class ReceiptPrinting:
    """Turns what the till completed into receipts on the configured printer (background queue).

    `submit` never blocks: rendering and sending happen in the queue's worker thread.
    """

    def __init__(self, store: StoreInfo, queue: PrintQueue):
        self.store, self.queue = store, queue
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
        return self.queue.submit(mark_copy(receipt, at))

    def retry(self, receipt: Receipt) -> PrintJob:
        """Send again a receipt whose print failed (the original, not a copy: it never came out;
        without the drawer kick, which belonged to the sale's moment)."""
        return self.queue.submit(Receipt(receipt.kind, receipt.number, receipt.blocks, receipt.cut, False))

    def document(self, result: Any, cashier: str = "") -> Receipt | None:
        if isinstance(result, CompletedSale):
            return sale_receipt(self.store, result)
        if isinstance(result, RefundResult):
            return refund_receipt(self.store, result, cashier)
        if isinstance(result, TopUpResult):
            return top_up_receipt(self.store, result, cashier)
        if isinstance(result, ShiftReport):
            return shift_report(self.store, result, cashier)
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
