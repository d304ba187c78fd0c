"""The open cart as a value (pos_app/domain/open_cart.py): changes make new carts, and its JSON is
the shape carts were saved in before they were typed."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, replace

import pytest

from pos_app.domain import CartDiscount, LineOverride, OpenCart, OpenLine


def _line(name: str = "可口可乐", qty: int = 1, **kw) -> OpenLine:
    return OpenLine("", "P1", name, 350, qty, "drinks", False, **kw)


def test_adding_numbers_lines_and_leaves_the_old_cart_as_it_was():
    empty = OpenCart()
    one = empty.adding(_line())
    two = one.adding(_line("雪碧"))
    assert [l.line_id for l in two.lines] == ["1", "2"] and two.next_line == 3
    assert empty.lines == () and len(one.lines) == 1
    with pytest.raises(FrozenInstanceError):
        two.member_id = "M1"  # type: ignore[misc]


def test_with_line_and_without_line_change_only_that_line():
    cart = OpenCart().adding(_line()).adding(_line("雪碧"))
    more = cart.with_line(replace(cart.line("1"), qty=4))
    assert [l.qty for l in more.lines] == [4, 1] and more.items == 5
    assert [l.line_id for l in more.without_line("1").lines] == ["2"]


def test_the_json_round_trip_keeps_every_field():
    cart = OpenCart(
        lines=(
            OpenLine(
                "1", "P1", "苹果 0.500kg", 600, 1, "fruit", True, True, LineOverride(500, "C2", "改价 (王经理: 破损)")
            ),
        ),
        member_id="M1",
        coupons=("CPN1",),
        redeem_points=100,
        next_line=2,
        payment_started=True,
        identified_by="member_code",
        manual_discount=CartDiscount(10, 0, "C2", "折扣"),
    )
    data = cart.to_json()
    assert data["lines"][0]["override"] == {"price": 500, "by": "C2", "label": "改价 (王经理: 破损)"}
    assert data["manual_discount"] == {"percent": 10, "amount_fen": 0, "by": "C2", "label": "折扣"}
    assert OpenCart.from_json(data) == cart


def test_a_cart_saved_before_lines_said_from_label_reads_its_weighed_lines_as_labelled():
    old = {
        "lines": [
            {
                "line_id": "1",
                "product_id": "P9",
                "name": "苹果 0.500kg",
                "price": 600,
                "qty": 1,
                "category": "fruit",
                "non_earning": False,
            },
            {
                "line_id": "2",
                "product_id": "P1",
                "name": "可口可乐",
                "price": 350,
                "qty": 2,
                "category": "drinks",
                "non_earning": False,
            },
        ],
        "member_id": None,
        "coupons": [],
        "redeem_points": 0,
        "next_line": 3,
        "payment_started": False,
    }
    cart = OpenCart.from_json(old)
    assert [l.from_label for l in cart.lines] == [True, False]
    assert cart.identified_by is None and cart.manual_discount is None


def test_pricing_sees_the_lines_overrides_and_discount():
    cart = OpenCart(
        lines=(replace(_line(qty=2), line_id="1", override=LineOverride(300, "C2", "改价")),),
        manual_discount=CartDiscount(0, 100, "C2", "折扣"),
    )
    (line,) = cart.cart_lines()
    assert (line.line_id, line.unit_price_fen, line.qty, line.category_id) == ("1", 350, 2, "drinks")
    (override,) = cart.overrides()
    assert (override.line_id, override.unit_price_fen, override.label) == ("1", 300, "改价")
    assert cart.discount().amount_fen == 100 and cart.discount().label == "折扣"


def test_the_json_text_is_json_dumps_of_the_json_whatever_the_cart_holds():
    """`json_text` (the open cart's row, saved after every scan) is made of the lines' kept
    fragments: it must be the very text `json.dumps(to_json())` writes."""
    import json

    plain = OpenCart()
    lines = plain.adding(_line('引号 "x" \\ 反斜杠', qty=3)).adding(_line("苹果 0.500kg", from_label=True))
    full = replace(
        lines.with_line(replace(lines.lines[0], override=LineOverride(300, "C2", "改价"))),
        member_id="M1",
        coupons=("CPN1", "CPN2"),
        redeem_points=100,
        payment_started=True,
        identified_by="card",
        manual_discount=CartDiscount(10, 0, "C2", "折扣"),
    )
    changed = full.with_line(replace(full.lines[1], qty=2))  # a line's fragment made again, the other kept
    for cart in (plain, lines, full, changed, changed.without_line("1")):
        assert cart.json_text() == json.dumps(cart.to_json())
        assert OpenCart.from_json(json.loads(cart.json_text())) == cart
