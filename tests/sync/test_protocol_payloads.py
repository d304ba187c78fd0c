"""The till builds each event's payload through sync.protocol's model of its kind (issue 21): a
payload HQ would refuse is refused at the till, inside the use case, and nothing is written."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from pydantic import ValidationError
from pydantic_core import to_json

from pos_app.store.db import Database
from pos_app.store.uow import UnitOfWork
from sync.protocol import built_payload, payload_json

NOW = datetime(2026, 11, 23, 10)


def test_a_payload_comes_back_as_its_fields_through_the_kinds_model():
    fields = {
        "member_id": "M00000001",
        "receipt_no": "T0012611230001",
        "principal_fen": 10000,
        "bonus_fen": 500,
        "tender": "cash",
    }  # an extra HQ keeps for its records
    assert built_payload("top_up", fields) == fields


@pytest.mark.parametrize(
    "kind, fields",
    [
        ("top_up", {"member_id": "M1", "receipt_no": "R", "principal_fen": -1, "bonus_fen": 0}),
        ("sale", {"sale_id": "S1", "receipt_no": "R", "payable_fen": "a lot"}),
        ("member_registered", {"member_id": "M1", "phone": "12345", "name": "张三"}),
        ("no_such_kind", {}),
    ],
)
def test_a_payload_hq_would_refuse_is_refused_at_the_till_and_nothing_is_written(tmp_path, kind, fields):
    db = Database(tmp_path / "till.sqlite3")
    with UnitOfWork(db) as uow:
        with pytest.raises((ValidationError, ValueError)):
            uow.outbox.append(kind, fields, NOW)
        uow.commit()
    with UnitOfWork(db) as uow:
        assert uow.outbox.waiting() == 0


def test_a_sales_payload_as_json_is_the_text_of_its_built_payload():
    """The outbox stores a sale's payload as payload_json gives it (one pass through the model):
    the very text encoding built_payload's dict gives, extras, non-ASCII and nulls included."""
    fields = {
        "sale_id": "0192f0a0-0000-7000-8000-000000000001",
        "receipt_no": "RS001-00126112300001",
        "member_id": "M00000001",
        "cashier_id": "C1",
        "shift_id": "SH1",
        "at": NOW.isoformat(),
        "lines": [
            {
                "line_no": n,
                "product_id": f"P{n}",
                "name": "康师傅红烧牛肉面",
                "qty": 2,
                "gross_fen": 900,
                "net_fen": 850,
            }
            for n in range(1, 31)
        ],
        "payments": [{"tender": "cash", "amount_fen": 25500, "reference": ""}],
        "subtotal_fen": 27000,
        "payable_fen": 25500,
        "points_earned": 25,
        "points_spent": 400,
        "points_lots": [["L1", 400]],
        "lot_id": None,
        "stored_value": None,
        "coupons": ["CP0001"],
        "identified_by": "override",
    }
    text = payload_json("sale", fields)
    assert text == to_json(built_payload("sale", fields)).decode()
    assert json.loads(text)["lines"][29]["name"] == "康师傅红烧牛肉面"


@pytest.mark.parametrize(
    "kind, fields",
    [
        ("sale", {"sale_id": "S1", "receipt_no": "R", "payable_fen": "a lot"}),
        ("sale", {"sale_id": "", "receipt_no": "R", "payable_fen": 1}),
        ("no_such_kind", {}),
    ],
)
def test_a_payload_refused_as_a_dict_is_refused_as_json(kind, fields):
    with pytest.raises((ValidationError, ValueError)):
        built_payload(kind, fields)
    with pytest.raises((ValidationError, ValueError)):
        payload_json(kind, fields)


def test_a_sales_lines_given_apart_give_the_same_json_value_and_are_capped():
    """checkout passes a sale's lines apart (`records`): encoded as they are, not walked through
    the model; the payload is the same JSON value, and the model's cap on lines still refuses."""
    lines = [
        {"line_no": n, "product_id": f"P{n}", "name": "康师傅红烧牛肉面", "qty": 2, "gross_fen": 900, "net_fen": 850}
        for n in range(1, 31)
    ]
    fields = {
        "sale_id": "0192f0a0-0000-7000-8000-000000000001",
        "receipt_no": "RS001-00126112300001",
        "member_id": None,
        "cashier_id": "C1",
        "payments": [{"tender": "cash", "amount_fen": 25500, "reference": ""}],
        "payable_fen": 25500,
        "coupons": [],
        "identified_by": None,
    }
    text = payload_json("sale", fields, lines=lines)
    assert json.loads(text) == built_payload("sale", {**fields, "lines": lines})
    assert json.loads(payload_json("sale", fields, lines=[]))["lines"] == []
    with pytest.raises(ValidationError, match="lines"):
        payload_json("sale", fields, lines=[{"line_no": 1}] * 1001)
    with pytest.raises(ValidationError, match="payable_fen"):
        payload_json("sale", {**fields, "payable_fen": -1}, lines=lines)
    for wrong in ({"lines": [["P1", 1]]}, {"nonesuch": lines}, {"payments": lines}):
        with pytest.raises(ValueError):
            payload_json("sale", fields, **wrong)
