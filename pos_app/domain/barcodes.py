"""The barcode grammar of the till (pure): EAN-13 / EAN-8 / UPC-A check digits, price- or
weight-embedded EAN-13 (scale labels), GS1 element strings (read with biip), payment codes, and
what any scanned string is (`classify`: product, scale label, GS1 item, member code or card,
coupon, receipt). `SaleSession.handle_scan` (pos_app/services/sale.py) routes on it.

Embedded codes (scale labels) follow a configurable layout: a prefix (usually "2"), a PLU of
`plu_digits`, a value of `value_digits` that is either the price in fen or the weight in grams,
and the EAN-13 check digit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any


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
    value: str = "price"  # price (fen) | weight (grams)


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
    plu = code[start : start + layout.plu_digits]
    value = int(code[start + layout.plu_digits : start + layout.plu_digits + layout.value_digits])
    if layout.value == "price":
        return EmbeddedCode(plu, value, None)
    return EmbeddedCode(plu, None, value)


# ---- scan routing ---------------------------------------------------------------------------
PRODUCT, EMBEDDED, MEMBER_CODE, MEMBER_CARD, COUPON, RECEIPT, UNKNOWN = (
    "product",
    "embedded",
    "member_code",
    "member_card",
    "coupon",
    "receipt",
    "unknown",
)
GS1 = "gs1"  # a GS1-128 / DataMatrix / QR element string whose (01) GTIN names an item
PAY_CODE = "pay_code"  # a customer's WeChat Pay / Alipay payment code (never a product)

# The longest thing any scanner here sends (a GS1 DataMatrix is the longest: well under 200).
# Longer input is refused before any work is done on it (an 8,000-character "scan" froze the till).
MAX_SCAN_LEN = 512
GS = "\x1d"  # FNC1 as a scanner transmits it inside a GS1 string (ASCII group separator)

# Symbology identifiers (ISO/IEC 15424) a scanner may prefix: the GS1 ones announce element strings
GS1_SYMBOLOGIES = ("]C1", "]e0", "]d2", "]Q3", "]J1")


@dataclass(frozen=True)
class Gs1Item:
    """What a GS1 element string says about a trade item: its GTIN-13 (the catalogue's barcode),
    its net weight in grams when it is a variable-measure item (AI 310n), its expiry (AI 17)."""

    gtin13: str
    weight_g: int | None = None
    expiry: date | None = None


# R + store code + "-" + till code + yymmdd + sequence (RS001-00126113000001), or, made before
# numbers were unique across the chain, R + digits only (R00126113000001)
RECEIPT_NO = re.compile(r"R[A-Z0-9]{1,10}-[A-Z0-9]{1,8}[0-9]{11}|R[0-9]{12,20}", re.ASCII)


@dataclass(frozen=True)
class Scan:
    """What a scanned string is. For an `unknown` (or pay-code) scan, `reason` is an error code of
    the project's scheme (texts in pos_app/domain/error_texts.py) with `reason_params`."""

    kind: str
    code: str
    embedded: EmbeddedCode | None = None
    reason: str = ""
    reason_params: dict[str, Any] = field(default_factory=dict)
    gs1: Gs1Item | None = None
    wallet: str = ""  # pay codes: "wechat" | "alipay"

    @property
    def refusal(self) -> Refusal:
        return Refusal(self.reason, dict(self.reason_params))


@dataclass(frozen=True)
class Refusal:
    """A scan's reason in the shape error_texts.describe() takes (code + params)."""

    code: str
    params: dict[str, Any]


def _unknown(code: str, reason: str, **params: Any) -> Scan:
    return Scan(UNKNOWN, code[:32], reason=reason, reason_params=params)


def classify(raw: object, layout: WeightLayout = WeightLayout()) -> Scan:
    """Classify anything a scanner (or a cashier) produced. Never raises; unknown says why.

    Order matters: a too-long input is refused first (no work on it); GS1 element strings are
    recognised by their symbology identifier, a group separator or the "(01)" / "01" + 14
    digits shape; member codes (``MT1.`` prefix), receipt and coupon numbers by shape; payment
    codes by their wallets' ranges before any digit-only rule; a scale label before a plain
    EAN-13 because it is one.
    """
    try:
        return _classify(raw, layout)
    except Exception as exc:  # the router must never take the till down
        return _unknown("", "scan.unreadable", error=type(exc).__name__)


def pay_wallet(code: str) -> str:
    """ "wechat" or "alipay" when `code` has the shape of that wallet's payment code, else "".

    WeChat Pay: 18 digits starting 10-15. Alipay: 16-24 digits starting 25-30."""
    if not (code.isascii() and code.isdigit()):
        return ""
    head = int(code[:2])
    if len(code) == 18 and 10 <= head <= 15:
        return "wechat"
    if 16 <= len(code) <= 24 and 25 <= head <= 30:
        return "alipay"
    return ""


def _clean(raw: str) -> tuple[str, str]:
    """(symbology identifier or "", the code): surrounding blanks and control characters go,
    except the group separator that ends a GS1 field."""
    code = "".join(ch for ch in raw.strip() if ch.isprintable() or ch == GS).strip(GS + " ")
    symbology = ""
    if len(code) >= 3 and code[0] == "]" and code[1].isalpha() and code[2].isalnum():
        symbology, code = code[:3], code[3:]
    return symbology, code


def _looks_gs1(symbology: str, code: str) -> bool:
    if symbology in GS1_SYMBOLOGIES or GS in code or code.startswith("(01)"):
        return True
    return len(code) >= 16 and code.startswith("01") and code[:16].isascii() and code[:16].isdigit()


def _gs1(code: str) -> Scan:
    from biip import ParseConfig
    from biip.gs1_messages import GS1Message

    try:
        if code.startswith("("):
            message = GS1Message.parse_hri(code)
        else:
            message = GS1Message.parse(code, config=ParseConfig(separator_chars=[GS]))
    except Exception:  # biip's ParseError and friends: not a GS1 string we can read
        return _unknown(code.replace(GS, " "), "scan.gs1_unreadable")
    gtin = weight_g = expiry = None
    for element in message.element_strings:
        ai = element.ai.ai
        if ai == "01":
            if element.gtin is None:  # biip read the field but the GTIN's check digit is wrong
                return _unknown(element.value, "scan.check_digit")
            gtin = element.gtin
        elif ai.startswith("310") and element.decimal is not None:
            weight_g = int(element.decimal * 1000)  # kilograms with n decimals -> grams, exact
        elif ai == "17" and element.date is not None:
            expiry = element.date
    if gtin is None:
        return _unknown(code.replace(GS, " "), "scan.gs1_no_gtin")
    if gtin.packaging_level:  # indicator 1-8: a case or outer pack, not the item we sell
        return _unknown(gtin.value, "scan.gs1_outer_pack")
    gtin13 = gtin.as_gtin_13()
    return Scan(GS1, gtin13, gs1=Gs1Item(gtin13, weight_g, expiry))


def _classify(raw: object, layout: WeightLayout) -> Scan:
    if isinstance(raw, bytes):
        raw = raw[: MAX_SCAN_LEN * 4 + 1].decode("utf-8", errors="replace")
    if not isinstance(raw, str):
        return _unknown("", "scan.empty")
    if len(raw.strip()) > MAX_SCAN_LEN:
        return _unknown(raw.strip()[:32], "scan.too_long", max_length=MAX_SCAN_LEN)
    symbology, code = _clean(raw)
    if not code:
        return _unknown("", "scan.empty")
    if _looks_gs1(symbology, code):
        return _gs1(code)
    code = code.replace(GS, "")
    upper = code.upper()
    if upper.startswith("MT1."):
        return Scan(MEMBER_CODE, code)
    if RECEIPT_NO.fullmatch(upper):
        return Scan(RECEIPT, upper)
    if upper.startswith("Q") and 6 <= len(code) <= 24 and upper[1:].isascii() and upper[1:].isalnum():
        return Scan(COUPON, upper)
    if not (code.isascii() and code.isdigit()):
        return _unknown(code, "scan.not_a_code")
    wallet = pay_wallet(code)
    if wallet:
        # never echo a payment code back on screen: it is money in the customer's hand
        return Scan(PAY_CODE, code, reason="scan.pay_code", reason_params={"wallet": wallet}, wallet=wallet)
    if len(code) == 12 and code.startswith("8800"):
        return Scan(MEMBER_CARD, code)
    if len(code) in (8, 12, 13):
        if not check_digit_ok(code):
            return _unknown(code, "scan.check_digit")
        embedded = parse_embedded(code, layout)
        if embedded is not None:
            return Scan(EMBEDDED, code, embedded=embedded)
        return Scan(PRODUCT, code)
    return _unknown(code, "scan.not_a_code")


def is_member_id(scan: Scan) -> bool:
    """A bare member id (M + digits) typed or scanned: it names a member (who earns points and
    gets tier prices, but may not spend) though `classify` reads it as no code of its own."""
    return scan.kind == UNKNOWN and scan.code[:1] in "Mm" and scan.code[1:].isdigit()
