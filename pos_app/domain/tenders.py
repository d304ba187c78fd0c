"""The kinds of tender a sale can be paid with (T6). A `StrEnum`: a kind is stored, sent to HQ
and compared as its plain value ("cash"), so rows and payloads written before it are read as
they are."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class TenderKind(StrEnum):
    CASH = "cash"
    STORED_VALUE = "stored_value"
    WECHAT = "wechat"
    ALIPAY = "alipay"
    CARD = "card"

    @property
    def external(self) -> bool:
        """Paid outside the till (a wallet or a bank card), recorded with the payment's reference."""
        return self in EXTERNAL


EXTERNAL = frozenset({TenderKind.WECHAT, TenderKind.ALIPAY, TenderKind.CARD})
TOP_UP_TENDERS = (TenderKind.CASH, TenderKind.WECHAT, TenderKind.ALIPAY, TenderKind.CARD)


@dataclass(frozen=True)
class Tender:
    """One payment of a sale: its kind and the part of the sale it pays."""

    kind: TenderKind  # a plain value ("cash") compares equal
    amount_fen: int  # the part of the sale this tender pays
    reference: str = ""  # a wallet's or bank card's transaction reference
    cash_given_fen: int = 0  # cash only: what the customer handed over
