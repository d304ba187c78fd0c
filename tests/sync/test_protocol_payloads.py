"""The till builds each event's payload through sync.protocol's model of its kind (issue 21): a
payload HQ would refuse is refused at the till, inside the use case, and nothing is written."""

from __future__ import annotations

from datetime import datetime

import pytest
from pydantic import ValidationError

from pos_app.store.db import Database
from pos_app.store.uow import UnitOfWork
from sync.protocol import built_payload

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
