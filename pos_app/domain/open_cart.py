"""The open sale as the till keeps it between scans (issue 21: values, not dicts): its lines, the
member, coupons, points to spend, a manager's override or discount, and whether Pay was pressed.

Frozen: a change makes a new cart (`dataclasses.replace`), so the cart last priced for the screen
is never changed under it. `to_json` / `from_json` are the one JSON edge (the open-cart row and
suspended sales store it); the shape is the one carts were saved in before they were typed, so a
cart saved by an older till reads as it was."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from .cart import CartLine
from .manual import ManualDiscount, PriceOverride


@dataclass(frozen=True)
class LineOverride:
    """A manager's lower unit price of one line (PRODUCT T1), who approved it and the label shown."""

    price_fen: int
    by: str
    label: str


@dataclass(frozen=True)
class CartDiscount:
    """A manager's discount of the whole sale: a percent or an amount off (PRODUCT T1)."""

    percent: int
    amount_fen: int
    by: str
    label: str


@dataclass(frozen=True)
class OpenLine:
    """One line of the open cart: the product as scanned, its unit price and quantity."""

    line_id: str
    product_id: str
    name: str
    price: int  # unit price in fen (the catalogue's, or the scale label's)
    qty: int
    category: str | None
    non_earning: bool
    from_label: bool = False  # weighed or priced by its label: one labelled item, qty 1
    override: LineOverride | None = None

    # A line is a value: what is made of it once is kept with it (a scan changes one line of the
    # cart; the others are the same objects and are not converted again on every repricing or save).
    @cached_property
    def priced_as(self) -> CartLine:
        return CartLine(
            self.line_id, self.product_id, self.name, self.price, self.qty, self.category or "", self.non_earning
        )

    @cached_property
    def _json(self) -> dict[str, Any]:
        return self._make_json()

    @cached_property
    def json_text(self) -> str:
        """The line's JSON, as `json.dumps` writes it (its part of OpenCart.json_text)."""
        return json.dumps(self._json)

    def cart_line(self) -> CartLine:
        """The line as the pricing rules see it."""
        return self.priced_as

    def to_json(self) -> dict[str, Any]:
        """The line as the open-cart row stores it (a copy: the kept one is never handed out)."""
        return dict(self._json)

    def _make_json(self) -> dict[str, Any]:
        data = {
            "line_id": self.line_id,
            "product_id": self.product_id,
            "name": self.name,
            "price": self.price,
            "qty": self.qty,
            "category": self.category,
            "non_earning": self.non_earning,
            "from_label": self.from_label,
        }
        if self.override is not None:
            data["override"] = {"price": self.override.price_fen, "by": self.override.by, "label": self.override.label}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OpenLine:
        override = data.get("override")
        # a cart saved before lines said `from_label`: its weighed lines were named "... 0.500kg"
        return cls(
            data["line_id"],
            data["product_id"],
            data["name"],
            data["price"],
            data["qty"],
            data.get("category"),
            bool(data.get("non_earning")),
            bool(data.get("from_label", str(data["name"]).endswith("kg"))),
            LineOverride(override["price"], override.get("by", ""), override["label"]) if override else None,
        )


@dataclass(frozen=True)
class OpenCart:
    lines: tuple[OpenLine, ...] = ()
    member_id: str | None = None
    coupons: tuple[str, ...] = ()
    redeem_points: int = 0
    next_line: int = 1
    payment_started: bool = False
    identified_by: str | None = None  # how the member was identified (services/members.py)
    manual_discount: CartDiscount | None = None

    @property
    def empty(self) -> bool:
        return not self.lines

    @property
    def items(self) -> int:
        """How many items the cart holds (the quantities summed)."""
        return sum(line.qty for line in self.lines)

    def line(self, line_id: str) -> OpenLine | None:
        return next((line for line in self.lines if line.line_id == line_id), None)

    def with_line(self, line: OpenLine) -> OpenCart:
        """This cart with `line` in place of the line of the same id."""
        return replace(self, lines=tuple(line if l.line_id == line.line_id else l for l in self.lines))

    def adding(self, line: OpenLine) -> OpenCart:
        """This cart with `line` appended, numbered by the cart (its next line id)."""
        return replace(
            self, lines=(*self.lines, replace(line, line_id=str(self.next_line))), next_line=self.next_line + 1
        )

    def without_line(self, line_id: str) -> OpenCart:
        return replace(self, lines=tuple(l for l in self.lines if l.line_id != line_id))

    # ---- what pricing takes
    def cart_lines(self) -> list[CartLine]:
        return [line.priced_as for line in self.lines]

    def overrides(self) -> list[PriceOverride]:
        return [PriceOverride(l.line_id, l.override.price_fen, l.override.label) for l in self.lines if l.override]

    def discount(self) -> ManualDiscount | None:
        d = self.manual_discount
        return ManualDiscount(d.label, d.percent, d.amount_fen) if d is not None else None

    # ---- the JSON edge
    def to_json(self) -> dict[str, Any]:
        # the lines' kept dicts, shared: the result is serialised at once, never changed
        return {"lines": [line._json for line in self.lines], **self._rest_json()}

    def _rest_json(self) -> dict[str, Any]:
        """The cart's JSON but its lines (which come first)."""
        data: dict[str, Any] = {
            "member_id": self.member_id,
            "coupons": list(self.coupons),
            "redeem_points": self.redeem_points,
            "next_line": self.next_line,
            "payment_started": self.payment_started,
            "identified_by": self.identified_by,
        }
        if self.manual_discount is not None:
            d = self.manual_discount
            data["manual_discount"] = {"percent": d.percent, "amount_fen": d.amount_fen, "by": d.by, "label": d.label}
        return data

    def json_text(self) -> str:
        """`json.dumps(self.to_json())`, the same text, made of the lines' kept fragments: a scan
        changes one line, and the open cart is saved after every scan (store/cart_book.py)."""
        lines = ", ".join([line.json_text for line in self.lines])
        return '{"lines": [' + lines + "], " + json.dumps(self._rest_json())[1:]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OpenCart:
        manual = data.get("manual_discount")
        return cls(
            tuple(OpenLine.from_json(l) for l in data.get("lines", [])),
            data.get("member_id"),
            tuple(data.get("coupons", [])),
            int(data.get("redeem_points", 0)),
            int(data.get("next_line", 1)),
            bool(data.get("payment_started", False)),
            data.get("identified_by"),
            CartDiscount(manual.get("percent", 0), manual.get("amount_fen", 0), manual.get("by", ""), manual["label"])
            if manual
            else None,
        )
