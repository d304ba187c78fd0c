"""Alerts (issue 19, item 5), read from the facts and rollups when the analytics page is shown:

* a valuable member slipping away: top two RFM monetary quintiles, at least 4 visit days in the
  year, and the days since the last visit more than twice their usual gap (and at least 14);
* a store whose return rate jumps: refunds / sales over the last 7 days more than twice the rate
  of the 28 days before (and at least 3 refunds in the 7 days), from `store_days`.

Listed in the console (member ids only: no name or phone). Staff subscribe with a checkbox on
the analytics page; the `analytics_alerts` job (each morning) puts a line for the day into each
subscriber's notification list, shown on that page. Staff have no phone number in HQ, so the
alerts are not sent by SMS (hq/messaging addresses members). Both live in `hq_settings` rows
(`alerts:sub:<staff>`: subscribed, its value the chain; `alerts:notes:<staff>`: the last notes)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, literal, select

from ..jobs.runs import Context, job
from ..models import Chain, Setting, Staff, Store, StoreDay
from ..models_segments import MemberFact
from .analytics import _tx
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
    with _tx(hq) as s:
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
    with _tx(hq) as s:
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


# ---- subscriptions and the notification list --------------------------------------------------------
KEEP_NOTES = 30


def _sub_key(staff_id: str) -> str:
    return f"alerts:sub:{staff_id}"[:64]


def _notes_key(staff_id: str) -> str:
    return f"alerts:notes:{staff_id}"[:64]


def _load(s, key: str, default):
    row = s.get(Setting, key)
    return json.loads(row.value) if row is not None else default


def _store(s, key: str, value) -> None:
    text = json.dumps(value, ensure_ascii=False)
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=text))
    else:
        row.value = text


def subscribe(hq, chain_id: str, staff_id: str, on: bool) -> None:
    """One row per subscriber (its value: the chain), so two staff subscribing at once both count."""
    with hq.tx() as s:
        row = s.get(Setting, _sub_key(staff_id))
        if on and row is None:
            s.add(Setting(key=_sub_key(staff_id), value=chain_id))
        elif not on and row is not None:
            s.delete(row)


def subscribed(hq, chain_id: str, staff_id: str) -> bool:
    with hq.tx() as s:
        row = s.get(Setting, _sub_key(staff_id))
        return row is not None and row.value == chain_id


def notifications(hq, staff_id: str) -> list[dict]:
    """The staff member's notes, the newest first: {day, slipping, returns: [store codes]}."""
    with hq.tx() as s:
        return list(reversed(_load(s, _notes_key(staff_id), [])))


@job("analytics_alerts")
def analytics_alerts(s, ctx: Context, cursor: str):
    """One chain a chunk: today's alerts (as the page lists them) into the notification list of
    each active subscriber, once a day (a re-run of the day replaces its note). Nothing when
    there is no alert."""
    chain_id = s.scalar(select(Chain.id).where(Chain.id > cursor).order_by(Chain.id).limit(1))
    if chain_id is None:
        return None, 0
    staff = s.scalars(select(Staff.id).where(Staff.chain_id == chain_id, Staff.active.is_(True))).all()
    subs = {
        k.removeprefix("alerts:sub:")
        for k in s.scalars(select(Setting.key).where(Setting.key.in_([_sub_key(i) for i in staff])))
    }
    active = subs & set(staff)
    n, _ = slipping_members(s, chain_id, ctx.day, limit=0)
    stores = set(s.scalars(select(Store.code).where(Store.chain_id == chain_id)))
    jumps = [j.store_code for j in return_jumps(s, ctx.day) if j.store_code in stores]
    done = 0
    if n or jumps:
        note = {"day": ctx.day.isoformat(), "slipping": n, "returns": jumps}
        for staff_id in sorted(active):
            notes = [x for x in _load(s, _notes_key(staff_id), []) if x.get("day") != note["day"]]
            _store(s, _notes_key(staff_id), [*notes, note][-KEEP_NOTES:])
            done += 1
    return chain_id, done
