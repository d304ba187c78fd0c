"""Product barcodes: EAN-13 / EAN-8 / UPC-A check digits and price- or weight-embedded EAN-13.

Embedded codes (scale labels) follow a configurable layout: a prefix (usually "2"), a PLU of
`plu_digits`, a value of `value_digits` that is either the price in fen or the weight in grams,
and the EAN-13 check digit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


def check_digit_ok(code: str) -> bool:
    """GS1 check digit for EAN-8, UPC-A (12) and EAN-13."""
    if not code.isdigit() or len(code) not in (8, 12, 13):
        return False
    body, check = code[:-1], int(code[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


@dataclass(frozen=True)
class WeightLayout:
    prefix: str = "20"
    plu_digits: int = 5
    value_digits: int = 5
    value: str = "price"          # price (fen) | weight (grams)


@dataclass(frozen=True)
class EmbeddedCode:
    plu: str
    price_fen: int | None
    weight_g: int | None


def parse_embedded(code: str, layout: WeightLayout) -> EmbeddedCode | None:
    """The PLU and price or weight in a scale label, or None if `code` is not one."""
    if len(code) != 13 or not code.startswith(layout.prefix) or not check_digit_ok(code):
        return None
    start = len(layout.prefix)
    plu = code[start:start + layout.plu_digits]
    value = int(code[start + layout.plu_digits:start + layout.plu_digits + layout.value_digits])
    if layout.value == "price":
        return EmbeddedCode(plu, value, None)
    return EmbeddedCode(plu, None, value)


# ---- scan routing ---------------------------------------------------------------------------
PRODUCT, EMBEDDED, MEMBER_CODE, MEMBER_CARD, COUPON, RECEIPT, UNKNOWN = (
    "product", "embedded", "member_code", "member_card", "coupon", "receipt", "unknown")

MAX_SCAN_LEN = 512
# R + store code + "-" + till code + yymmdd + sequence (RS001-00126113000001), or, made before
# numbers were unique across the chain, R + digits only (R00126113000001)
RECEIPT_NO = re.compile(r"R[A-Z0-9]{1,10}-[A-Z0-9]{1,8}[0-9]{11}|R[0-9]{12,20}", re.ASCII)


@dataclass(frozen=True)
class Scan:
    """What a scanned string is. `reason` explains an `unknown` scan in words."""

    kind: str
    code: str
    embedded: EmbeddedCode | None = None
    reason: str = ""


def classify(raw: object, layout: WeightLayout = WeightLayout()) -> Scan:
    """Classify anything a scanner (or a cashier) produced. Never raises; unknown says why.

    Order matters: a member code (``MT1.`` prefix) and receipt numbers are recognised by shape
    before any digit-only rule; a scale label is tried before a plain EAN-13 because it is one.
    """
    try:
        return _classify(raw, layout)
    except Exception as exc:          # the router must never take the till down
        return Scan(UNKNOWN, "", reason=f"Unreadable scan ({type(exc).__name__})")


def _classify(raw: object, layout: WeightLayout) -> Scan:
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    if not isinstance(raw, str):
        return Scan(UNKNOWN, "", reason="Empty scan")
    code = "".join(ch for ch in raw.strip() if ch.isprintable())
    if not code:
        return Scan(UNKNOWN, "", reason="Empty scan")
    if len(code) > MAX_SCAN_LEN:
        return Scan(UNKNOWN, code[:32], reason="Scan is too long to be any code we know")
    upper = code.upper()
    if upper.startswith("MT1."):
        return Scan(MEMBER_CODE, code)
    if RECEIPT_NO.fullmatch(upper):
        return Scan(RECEIPT, upper)
    if upper.startswith("Q") and 6 <= len(code) <= 24 and upper[1:].isascii() and upper[1:].isalnum():
        return Scan(COUPON, upper)
    if not (code.isascii() and code.isdigit()):
        return Scan(UNKNOWN, code[:32], reason="Not a product, member, coupon or receipt code")
    if len(code) == 12 and code.startswith("8800"):
        return Scan(MEMBER_CARD, code)
    if len(code) in (8, 12, 13):
        if not check_digit_ok(code):
            return Scan(UNKNOWN, code, reason="Wrong check digit: scan it again")
        embedded = parse_embedded(code, layout)
        if embedded is not None:
            return Scan(EMBEDDED, code, embedded=embedded)
        return Scan(PRODUCT, code)
    return Scan(UNKNOWN, code[:32], reason="Not a product, member, coupon or receipt code")
