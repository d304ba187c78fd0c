"""Alerts (issue 19, item 5), read from the facts and rollups when the analytics page is shown:

* a valuable member slipping away: top two RFM monetary quintiles, at least 4 visit days in the
  year, and the days since the last visit more than twice their usual gap (and at least 14);
* a store whose return rate jumps: refunds / sales over the last 7 days more than twice the rate
  of the 28 days before (and at least 3 refunds in the 7 days), from `store_days`.

Listed in the console (member ids only: no name or phone). Sending them to subscribed staff is
not built."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, literal, select

from ..models import StoreDay
from ..models_segments import MemberFact
from .facts import days_between

F = MemberFact.__table__
SD = StoreDay.__table__
MIN_GAP_DAYS = 14


@dataclass(frozen=True)
class SlippingMember:
    member_id: str
    last_visit: date
    days_since: int
    usual_gap_days: int
    monetary_365_fen: int


@dataclass(frozen=True)
class ReturnJump:
    store_code: str
    sales_7: int
    refunds_7: int
    rate_7_pct: float
    rate_28_pct: float


def slipping_members(hq, chain_id: str, today: date, limit: int = 20) -> tuple[int, list[SlippingMember]]:
    """(how many, the most valuable `limit` of them)."""
    with hq.tx() as s:
        since = days_between(s, literal(today), F.c.last_visit)
        cond = and_(
            F.c.chain_id == chain_id,
            F.c.m_score >= 4,
            F.c.frequency_365 >= 4,
            F.c.usual_gap_days > 0,
            since > F.c.usual_gap_days * 2,
            since >= MIN_GAP_DAYS,
        )
        n = int(s.scalar(select(func.count()).select_from(F).where(cond)))
        rows = s.execute(
            select(F.c.member_id, F.c.last_visit, since, F.c.usual_gap_days, F.c.monetary_365_fen)
            .where(cond)
            .order_by(F.c.monetary_365_fen.desc(), F.c.member_id)
            .limit(limit)
        ).all()
    return n, [SlippingMember(m, last, int(d), int(g), int(x)) for m, last, d, g, x in rows]


def return_jumps(hq, today: date) -> list[ReturnJump]:
    week, month = today - timedelta(days=7), today - timedelta(days=35)
    with hq.tx() as s:
        rows = s.execute(
            select(
                SD.c.store_code,
                func.sum(func.coalesce(SD.c.sales, 0)).filter(SD.c.day >= week),
                func.sum(func.coalesce(SD.c.refunds, 0)).filter(SD.c.day >= week),
                func.sum(func.coalesce(SD.c.sales, 0)).filter(SD.c.day < week),
                func.sum(func.coalesce(SD.c.refunds, 0)).filter(SD.c.day < week),
            )
            .where(SD.c.day >= month, SD.c.day < today)
            .group_by(SD.c.store_code)
            .order_by(SD.c.store_code)
        ).all()
    out = []
    for code, sales7, refunds7, sales28, refunds28 in rows:
        sales7, refunds7, sales28, refunds28 = (int(v or 0) for v in (sales7, refunds7, sales28, refunds28))
        if not sales7 or refunds7 < 3:
            continue
        rate7 = refunds7 / sales7
        rate28 = refunds28 / sales28 if sales28 else 0.0
        if rate7 > 2 * rate28:
            out.append(ReturnJump(code, sales7, refunds7, round(100 * rate7, 1), round(100 * rate28, 1)))
    return out
