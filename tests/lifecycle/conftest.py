"""A small chain at a real HQ (SQLite file, or PostgreSQL with `pg_url`) on a clock the test
moves, with tills that push events through HQ's push use case (the same code the HTTP route
calls): the member lifecycle is tested through the services and the existing routes."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from hq.service import HQ
from sync.protocol import PushRequest
from tests.sync.conftest import pg_admin_url, pg_url  # noqa: F401 (fixtures)

TIERS = [
    dict(
        code="regular",
        name="普通会员",
        rank=0,
        discount_percent=0,
        points_multiplier_pct=100,
        min_spend_12m_fen=0,
        min_points_12m=0,
    ),
    dict(
        code="silver",
        name="银卡会员",
        rank=1,
        discount_percent=2,
        points_multiplier_pct=120,
        min_spend_12m_fen=100000,
        min_points_12m=0,
    ),
    dict(
        code="gold",
        name="金卡会员",
        rank=2,
        discount_percent=5,
        points_multiplier_pct=150,
        min_spend_12m_fen=500000,
        min_points_12m=0,
    ),
]
PROGRAM = {"points_per_yuan": 1, "expiry": "fixed", "expiry_days": 30, "expiry_months": 12}


class Clock:
    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw) -> datetime:
        self.now += timedelta(**kw)
        return self.now


class Chain:
    """One chain, one store, tills pushing events (their own seq each) at the clock's time."""

    def __init__(self, hq: HQ, clock: Clock, tills: int = 2, program: dict | None = None):
        self.hq, self.clock = hq, clock
        self.chain_id = hq.create_chain("测试连锁", "c1")
        hq.create_store(self.chain_id, "S1", "一号店")
        self.tills = [hq.create_till("S1", f"{n:03d}")[0] for n in range(1, tills + 1)]
        self.seq = dict.fromkeys(self.tills, 0)
        hq.upsert_catalogue(self.chain_id, "tiers", TIERS, key="code")
        hq.upsert_catalogue(
            self.chain_id, "settings", [{"key": "points_program", "value": program or PROGRAM}], key="key"
        )
        hq.upsert_catalogue(
            self.chain_id,
            "coupon_templates",
            [
                dict(id="CT01", name="满50减10", kind="spend_save", params={"ladder": [[5000, 1000]]}),
                dict(id="CT03", name="5元现金券", kind="cash_voucher", params={"amount_fen": 500}),
            ],
        )
        self.receipts = 0

    def push(self, kind: str, payload: dict[str, Any], till: int = 0, at: datetime | None = None):
        till_id = self.tills[till]
        self.seq[till_id] += 1
        ev = {
            "event_id": str(uuid.uuid4()),
            "seq": self.seq[till_id],
            "kind": kind,
            "at": (at or self.clock()).isoformat(),
            "payload": payload,
        }
        return self.hq.push(till_id, self.chain_id, PushRequest(events=[ev]))

    def register(self, member_id: str, phone: str, birthday: str | None = None, till: int = 0) -> str:
        self.push(
            "member_registered", {"member_id": member_id, "phone": phone, "name": "张三", "birthday": birthday}, till
        )
        return member_id

    def sale(
        self, member_id: str | None, payable_fen: int, earned: int = 0, spent: int = 0, till: int = 0, **extra
    ) -> str:
        self.receipts += 1
        sale_id = f"sale-{self.receipts}"
        self.push(
            "sale",
            {
                "sale_id": sale_id,
                "receipt_no": f"R{self.receipts:08d}",
                "member_id": member_id,
                "payable_fen": payable_fen,
                "points_earned": earned,
                "points_spent": spent,
                "payments": [{"tender": "cash", "amount_fen": payable_fen}],
                **extra,
            },
            till,
        )
        return sale_id

    def refund(
        self,
        sale_id: str,
        member_id: str,
        restored: int = 0,
        reversed_: int = 0,
        money_fen: int = 0,
        till: int = 0,
        **extra,
    ) -> None:
        self.receipts += 1
        self.push(
            "refund",
            {
                "refund_id": f"ref-{self.receipts}",
                "receipt_no": f"F{self.receipts:08d}",
                "sale_id": sale_id,
                "member_id": member_id,
                "points_restored": restored,
                "points_reversed": reversed_,
                "tenders": [{"tender": "cash", "amount_fen": money_fen}],
                **extra,
            },
            till,
        )


@pytest.fixture
def clock():
    return Clock(datetime(2026, 1, 5, 10, 0))


@pytest.fixture
def hq(tmp_path, clock):
    hq = HQ(f"sqlite:///{tmp_path / 'hq.sqlite3'}", clock)
    yield hq
    hq.close()


@pytest.fixture
def chain(hq, clock):
    return Chain(hq, clock)


def day(iso: str) -> date:
    return date.fromisoformat(iso)
