"""A chain's purchase history made up for the demo, the browser tests and `python -m bench
analytics`: sale events written as HQ keeps them (`events`) and the rollups maintained exactly
as the applier maintains them after pushes (hq/lifecycle/tiers.add_member_days and
hq/segments/facts.at_ingest), day by day. Deterministic by seed. Members shop with their own rhythm (a usual gap, a favourite
store, weekday or weekend habits); some stop shopping (they become dormant)."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta

from sqlalchemy import select

from ..ingest import bulk_insert
from ..lifecycle.tiers import add_member_days
from ..models import CatalogueRow, EventRow, Member, Store, TillRow
from .facts import at_ingest


def history(
    hq,
    chain_id: str,
    start: date,
    days: int,
    *,
    seed: int = 19,
    share: float = 1.0,
    member_limit: int | None = None,
    batch_days: int = 7,
) -> int:
    """Sales of the chain's members (a `share` of them shop) from `start` for `days` days; the
    number of sale events written."""
    rng = random.Random(seed)
    with hq.tx() as s:
        members = list(
            s.scalars(select(Member.id).where(Member.chain_id == chain_id).order_by(Member.id).limit(member_limit))
        )
        stores = list(s.execute(select(Store.code, Store.id).where(Store.chain_id == chain_id).order_by(Store.code)))
        tills = {
            code: s.scalar(select(TillRow.id).where(TillRow.store_id == sid).limit(1)) or f"synthetic-{code}"
            for code, sid in stores
        }
        products = [
            (k, (d or {}).get("price_fen", 500))
            for k, d in s.execute(
                select(CatalogueRow.key, CatalogueRow.data)
                .where(
                    CatalogueRow.chain_id == chain_id, CatalogueRow.kind == "products", CatalogueRow.store_code == ""
                )
                .limit(400)
            )
        ]
    codes = [c for c, _ in stores]
    shoppers = []
    for m in members:
        if rng.random() >= share:
            continue
        gap = rng.choice((2, 3, 5, 7, 10, 14, 21, 30, 45))
        stop = start + timedelta(days=rng.randint(days // 3, days * 2)) if rng.random() < 0.3 else None
        weekend = rng.random() < 0.2
        favourite = rng.sample(products, k=min(5, len(products)))
        shoppers.append((m, gap, stop, weekend, rng.choice(codes), favourite, rng.randint(0, gap)))
    written = 0
    seq = {code: 10**9 + rng.randrange(10**6) * 1000 for code in codes}
    for first in range(0, days, batch_days):
        events: list = []
        rollup: dict = {}
        baskets: list = []
        for offset in range(first, min(days, first + batch_days)):
            day = start + timedelta(days=offset)
            weekend_day = day.weekday() >= 5
            for m, gap, stop, weekend, store, favourite, phase in shoppers:
                if stop is not None and day >= stop:
                    continue
                if weekend and not weekend_day:
                    continue
                if not weekend and (offset + phase) % gap:
                    continue
                if weekend and rng.random() < 0.5:
                    continue
                lines = []
                for n in range(rng.randint(1, 4)):
                    pid, price = favourite[0] if rng.random() < 0.6 else rng.choice(favourite)
                    qty = rng.randint(1, 3)
                    lines.append(
                        {
                            "line_no": n + 1,
                            "product_id": pid,
                            "qty": qty,
                            "gross_fen": price * qty,
                            "net_fen": price * qty,
                        }
                    )
                payable = sum(line["net_fen"] for line in lines)
                points = payable // 100
                at = datetime.combine(day, datetime.min.time()) + timedelta(minutes=rng.randint(7 * 60, 22 * 60))
                code = store if rng.random() < 0.85 else rng.choice(codes)
                seq[code] += 1
                sale_id = str(uuid.UUID(int=rng.getrandbits(128)))
                events.append(
                    dict(
                        event_id=str(uuid.UUID(int=rng.getrandbits(128))),
                        till_id=tills[code],
                        seq=seq[code],
                        kind="sale",
                        at=at,
                        received_at=at,
                        payload={
                            "sale_id": sale_id,
                            "receipt_no": f"R{seq[code]}",
                            "member_id": m,
                            "payable_fen": payable,
                            "points_earned": points,
                            "points_spent": 0,
                            "lines": lines,
                            "payments": [{"tender": "cash", "amount_fen": payable}],
                            "identified_by": "member_code",
                        },
                    )
                )
                f = rollup.setdefault((m, day), [0, 0, 0])
                f[0] += payable
                f[1] += points
                f[2] += 1
                baskets.append((m, code, payable, lines))
        if not events:
            continue
        with hq.tx() as s:
            bulk_insert(s, EventRow, events)
            add_member_days(s, rollup)
            at_ingest(s, chain_id, rollup, baskets)
        written += len(events)
    return written
