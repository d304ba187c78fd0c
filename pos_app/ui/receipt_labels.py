"""The receipt's words in the till's language: the labels `pos_app/services/receipts.py` prints,
translated here (Qt context "Receipt") and handed to the services as data."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.services.receipts import LABELS


def receipt_labels() -> dict[str, str]:
    """{English label: text in the installed language} for every receipt label."""
    translate = QCoreApplication.translate
    # spelled out so that lupdate sees every string
    labels = {
        "Cash": translate("Receipt", "Cash"),
        "Stored value": translate("Receipt", "Stored value"),
        "WeChat Pay": translate("Receipt", "WeChat Pay"),
        "Alipay": translate("Receipt", "Alipay"),
        "Bank card": translate("Receipt", "Bank card"),
        "Till": translate("Receipt", "Till"),
        "Cashier": translate("Receipt", "Cashier"),
        "Time": translate("Receipt", "Time"),
        "Receipt No.": translate("Receipt", "Receipt No."),
        "Member": translate("Receipt", "Member"),
        "Tier": translate("Receipt", "Tier"),
        "Points earned": translate("Receipt", "Points earned"),
        "Points used": translate("Receipt", "Points used"),
        "Points balance": translate("Receipt", "Points balance"),
        "Points expiring within 30 days": translate("Receipt", "Points expiring within 30 days"),
        "Stored value used": translate("Receipt", "Stored value used"),
        "Stored value balance": translate("Receipt", "Stored value balance"),
        "Sales receipt": translate("Receipt", "Sales receipt"),
        "Subtotal": translate("Receipt", "Subtotal"),
        "Points offset (%1 points)": translate("Receipt", "Points offset (%1 points)"),
        "Rounding": translate("Receipt", "Rounding"),
        "Total": translate("Receipt", "Total"),
        "Change": translate("Receipt", "Change"),
        "Refund receipt": translate("Receipt", "Refund receipt"),
        "Original receipt": translate("Receipt", "Original receipt"),
        "Refund total": translate("Receipt", "Refund total"),
        "Points returned": translate("Receipt", "Points returned"),
        "Points taken back": translate("Receipt", "Points taken back"),
        "Approved by": translate("Receipt", "Approved by"),
        "Stored value top-up": translate("Receipt", "Stored value top-up"),
        "Top-up": translate("Receipt", "Top-up"),
        "Bonus": translate("Receipt", "Bonus"),
        "Z report (shift closed)": translate("Receipt", "Z report (shift closed)"),
        "X report (shift so far)": translate("Receipt", "X report (shift so far)"),
        "Opened": translate("Receipt", "Opened"),
        "Sales": translate("Receipt", "Sales"),
        "Gross": translate("Receipt", "Gross"),
        "Discounts": translate("Receipt", "Discounts"),
        "Points offset": translate("Receipt", "Points offset"),
        "Net sales": translate("Receipt", "Net sales"),
        "Refunds (%1)": translate("Receipt", "Refunds (%1)"),
        "Top-ups": translate("Receipt", "Top-ups"),
        "Float": translate("Receipt", "Float"),
        "Cash in": translate("Receipt", "Cash in"),
        "Cash out": translate("Receipt", "Cash out"),
        "Expected cash": translate("Receipt", "Expected cash"),
        "Counted cash": translate("Receipt", "Counted cash"),
        "Difference": translate("Receipt", "Difference"),
        "Points issued": translate("Receipt", "Points issued"),
        "Points redeemed": translate("Receipt", "Points redeemed"),
        "Stored value spent": translate("Receipt", "Stored value spent"),
        "COPY (reprinted %1)": translate("Receipt", "COPY (reprinted %1)"),
        "Phone": translate("Receipt", "Phone"),
        "Sold at": translate("Receipt", "Sold at"),
        "Identified by": translate("Receipt", "Identified by"),
        "Member code": translate("Receipt", "Member code"),
        "Member card": translate("Receipt", "Member card"),
        "Phone look-up": translate("Receipt", "Phone look-up"),
        "Member number": translate("Receipt", "Member number"),
        "Manager approval": translate("Receipt", "Manager approval"),
    }
    assert set(labels) == set(LABELS), "a receipt label without its translation"
    return labels
