"""The tier review decides in SQL (`decision_sql`); the tills and the push decide with the domain's
`evaluate_tier`. Both must give the same tier for the same figures: checked on random tiers and
figures, through a real SQLite database and a real PostgreSQL one."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import column, create_engine, select, table

from hq.lifecycle.tiers import decision_sql
from pos_app.domain.rules import Tier
from pos_app.domain.tiers import evaluate_tier

from .conftest import pg_admin_url, pg_url  # noqa: F401

tier_lists = st.lists(
    st.tuples(st.integers(0, 4), st.integers(0, 3).map(lambda n: n * 100000), st.sampled_from([0, 0, 500, 2000])),
    min_size=1,
    max_size=5,
    unique_by=lambda t: t[0],
)
figures = st.lists(st.tuples(st.integers(0, 400000), st.integers(0, 3000), st.integers(0, 6)), min_size=1, max_size=30)


def decide_in_sql(engine, tiers: list[Tier], rows: list[tuple[str, int, int]]) -> list[tuple[int, str, int]]:
    """(current rank, target code, target rank) of each (tier code, spend, points) row, by the database."""
    t = table("fig", column("i"), column("code"), column("spend"), column("points"))
    with engine.begin() as c:
        c.exec_driver_sql("CREATE TEMPORARY TABLE fig (i integer, code varchar(16), spend bigint, points bigint)")
        c.execute(t.insert(), [dict(i=i, code=code, spend=sp, points=pt) for i, (code, sp, pt) in enumerate(rows)])
        current, code, rank = decision_sql(tiers, t.c.code, t.c.spend, t.c.points)
        got = [(int(a), b, int(r)) for a, b, r in c.execute(select(current, code, rank).order_by(t.c.i))]
        c.exec_driver_sql("DROP TABLE fig")
    return got


def check(engine, spec, figs):
    tiers = [
        Tier(f"t{rank}", f"t{rank}", rank, min_spend_12m_fen=spend, min_points_12m=points)
        for rank, spend, points in spec
    ]
    by_code = {t.code: t for t in tiers}
    floor = min(tiers, key=lambda t: t.rank)
    rows = [(f"t{code}" if code < 5 else "gone", spend, points) for spend, points, code in figs]
    for (current_rank, code, rank), (have, spend, points) in zip(decide_in_sql(engine, tiers, rows), rows):
        current = by_code.get(have, floor)
        decision = evaluate_tier(tiers, current, spend, points, date(2026, 1, 1), date(2026, 1, 1))
        assert current_rank == current.rank
        assert rank == decision.tier.rank and (code == decision.tier.code or rank == current.rank)
        assert (rank != current_rank) == decision.changed


@settings(max_examples=150, deadline=None)
@given(tier_lists, figures)
def test_the_sql_decision_is_the_domains_on_sqlite(spec, figs):
    check(create_engine("sqlite://"), spec, figs)


@pytest.mark.postgres
def test_the_sql_decision_is_the_domains_on_postgresql(pg_url):
    engine = create_engine(pg_url)
    try:

        @settings(max_examples=60, deadline=None)
        @given(tier_lists, figures)
        def run(spec, figs):
            check(engine, spec, figs)

        run()
    finally:
        engine.dispose()
