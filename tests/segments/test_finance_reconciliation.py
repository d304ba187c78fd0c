"""Issue 19's finance reconciliation: the points and stored-value liability the console's
analytics page reports (the nightly rollups: member facts, points lots, the stored figures) equal
the ledgers' sums to the point and the fen after a month of a chain's life: sales earning and
spending points, refunds (some paid back to stored value), top-ups and stored-value spends,
points expiring, tills offline for days, and one balance spent twice at two offline tills (an
overdraw HQ accepts as fact and lists for reconciliation)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hq.jobs.runs import run_job
from hq.models import Member, PointsEntry, PointsLot, ReconciliationItem, StoredValueEntry
from hq.segments import analytics
from tests.lifecycle.sim import Simulation
from tests.sync.conftest import pg_admin_url, pg_url, sqlite_url  # noqa: F401


def _balances(sim: Simulation, member_id: str) -> tuple[int, int, int]:
    with sim.hq.tx() as s:
        m = s.get(Member, member_id)
        return m.points, m.principal_fen, m.bonus_fen


def _sale(sim: Simulation, till: int, member_id: str, payable: int, points: int, principal: int, bonus: int) -> str:
    sim.n += 1
    sale_id = f"s{sim.n}"
    split = {"principal_fen": principal, "bonus_fen": bonus} if principal or bonus else None
    sim._event(
        till,
        "sale",
        {
            "sale_id": sale_id,
            "receipt_no": f"R{sim.n:07d}",
            "member_id": member_id,
            "payable_fen": payable,
            "points_earned": 0,
            "points_spent": points,
            "stored_value": split,
            "payments": [{"tender": "stored_value", "amount_fen": principal + bonus}] if split else [],
        },
    )
    return sale_id


@pytest.mark.parametrize("url", ["sqlite_url", pytest.param("pg_url", marks=pytest.mark.postgres)])
def test_liability_from_the_rollups_equals_the_ledgers_after_a_month_with_expiry_refunds_and_double_spends(
    request, url
):
    sim = Simulation(
        request.getfixturevalue(url), seed=19, members=10, tills=3, program={"expiry": "fixed", "expiry_days": 10}
    )
    rng = sim.rng
    sv_sales: list[tuple[str, str, int, int]] = []  # (sale, member, principal, bonus) paid by stored value
    double_spent: list[str] = []
    for day in range(31):
        sim.day()
        known = sorted(sim._known())
        if not known:
            continue
        online = [t for t in range(len(sim.chain.tills)) if t not in sim.offline]
        if day % 3 == 1 and online:  # a top-up at the counter
            m = rng.choice(known)
            sim.n += 1
            sim._event(
                online[0],
                "top_up",
                {"member_id": m, "receipt_no": f"T{sim.n:07d}", "principal_fen": 20_000, "bonus_fen": 2_000},
            )
        if day % 4 == 2 and online:  # a stored-value spend, principal first
            m = max(known, key=lambda k: _balances(sim, k)[1])
            _, principal, bonus = _balances(sim, m)
            if principal > 0:
                take_p, take_b = min(principal, 4_321), min(bonus, 432)
                sale = _sale(sim, online[0], m, take_p + take_b, 0, take_p, take_b)
                sv_sales.append((sale, m, take_p, take_b))
        if day % 7 == 5 and sv_sales and online:  # one of them refunded back to stored value
            sale, m, p, b = sv_sales.pop(0)
            sim.n += 1
            sim._event(
                online[0],
                "refund",
                {
                    "refund_id": f"rf-sv{sim.n}",
                    "receipt_no": f"F{sim.n:07d}",
                    "sale_id": sale,
                    "member_id": m,
                    "tenders": [{"tender": "stored_value", "amount_fen": p + b, "principal_fen": p, "bonus_fen": b}],
                },
            )
        if day in (12, 24):  # the whole balance spent at two tills offline at once
            for till in list(sim.offline):
                sim._reconnect(till)
            m = max(known, key=lambda k: (_balances(sim, k)[0] > 0, _balances(sim, k)[1]))
            points, principal, bonus = _balances(sim, m)
            sim.offline[1], sim.offline[2] = [], []
            for till in (1, 2):
                _sale(sim, till, m, principal + bonus + 100, points, principal, bonus)
            sim._reconnect(1)
            sim._reconnect(2)
            double_spent.append(m)
    sim.finish()

    hq, chain_id, today = sim.hq, sim.chain.chain_id, sim.clock().date()
    run_job(hq, "member_facts", today.isoformat(), rerun=True)  # the nightly rollups ...
    run_job(hq, "analytics_figures", today.isoformat(), rerun=True)  # ... and the page's stored figures
    report = analytics.liability(hq, chain_id)
    stored = analytics.stored_figures(hq, chain_id)
    with hq.tx() as s:
        points = s.scalar(select(func.sum(PointsEntry.delta)))
        principal, bonus = s.execute(
            select(func.sum(StoredValueEntry.principal_fen), func.sum(StoredValueEntry.bonus_fen))
        ).one()
        lots_left = s.scalar(select(func.sum(PointsLot.remaining)).where(PointsLot.remaining > 0))
        kinds = {k for (k,) in s.execute(select(PointsEntry.kind).distinct())}
        sv_kinds = {k for (k,) in s.execute(select(StoredValueEntry.kind).distinct())}
        overdraws = {
            (r.kind, r.member_id)
            for r in s.scalars(
                select(ReconciliationItem).where(
                    ReconciliationItem.kind.in_(("points_overdraw", "stored_value_overdraw"))
                )
            )
        }

    # the month did what it says: expiry, refunds to points and to stored value, top-ups, spends,
    # and each double spend listed for reconciliation (the ledgers hold both spends)
    assert {"expire", "refund_back", "reverse", "spend", "earn"} <= kinds, kinds
    assert {"top_up", "spend", "refund"} <= sv_kinds, sv_kinds
    assert len(double_spent) == 2
    assert all(("stored_value_overdraw", m) in overdraws for m in double_spent), overdraws
    assert principal is not None and principal > 0 and points is not None

    # to the point and the fen: the rollups' liability, and what the page shows (stored nightly)
    assert (report["points"], report["principal_fen"], report["bonus_fen"]) == (points, principal, bonus)
    assert stored is not None and stored["totals"]["points"] == points
    assert (stored["totals"]["principal_fen"], stored["totals"]["bonus_fen"]) == (principal, bonus)
    assert sum(n for _, n in report["points_by_expiry"]) == lots_left
    assert sum(row["points"] for row in stored["liability"]) == lots_left
