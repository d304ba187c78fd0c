"""Product barcodes: EAN-13 / EAN-8 / UPC-A check digits and price- or weight-embedded EAN-13.

Embedded codes (scale labels) follow a configurable layout: a prefix (usually "2"), a PLU of
`plu_digits`, a value of `value_digits` that is either the price in fen or the weight in grams,
and the EAN-13 check digit.
"""
from __future__ import annotations

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
