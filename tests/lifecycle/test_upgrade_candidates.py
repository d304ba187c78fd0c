"""The applier's upgrade candidates (hq/lifecycle/tiers.py `upgrade_candidates`) read back only
the members whose 12 months reach a tier above the floor (a bound in the query): the members it
names are exactly those the domain's `qualifying_tier` moves up from their tier, whatever the
ladder (spend and points thresholds, tiers that set neither, a floor that sets one). On
SQLite and on PostgreSQL (the latter sums each member's days in one LATERAL scan)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from hq.lifecycle.program import tiers as chain_tiers
from hq.lifecycle.tiers import add_member_days, figures_12m, upgrade_candidates
from hq.models import Member
from hq.service import HQ
from pos_app.domain.tiers import qualifying_tier

from .conftest import Chain, Clock

NOW = datetime(2026, 6, 10, 12)
MEMBERS = [f"M{n:03d}" for n in range(1, 41)]


@pytest.fixture(params=["sqlite_url", pytest.param("pg_url", marks=pytest.mark.postgres)])
def url(request, tmp_path):
    if request.param == "sqlite_url":
        return f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    return request.getfixturevalue("pg_url")


def tier(code: str, rank: int, spend: int = 0, points: int = 0) -> dict:
    return dict(
        code=code,
        name=code,
        rank=rank,
        discount_percent=0,
        points_multiplier_pct=100,
        min_spend_12m_fen=spend,
        min_points_12m=points,
    )


LADDERS = [
    [tier("regular", 0), tier("silver", 1, spend=100_000), tier("gold", 2, spend=500_000)],
    [tier("regular", 0), tier("silver", 1, points=800), tier("gold", 2, spend=400_000, points=3_000)],
    [tier("regular", 0), tier("silver", 1), tier("gold", 2)],  # tiers above the floor nobody can reach
    [tier("regular", 0, spend=50_000), tier("silver", 3, spend=20_000), tier("gold", 5, points=5_000)],
]


@pytest.mark.parametrize("ladder", range(len(LADDERS)))
def test_the_candidates_are_the_members_the_domain_moves_up(url, ladder):
    clock = Clock(NOW)
    hq = HQ(url, clock)
    try:
        chain = Chain(hq, clock, tills=1)
        hq.upsert_catalogue(chain.chain_id, "tiers", LADDERS[ladder], key="code")
        for n, m in enumerate(MEMBERS):
            chain.register(m, f"1390000{n:04d}")
        rng = random.Random(ladder)
        codes = [t["code"] for t in LADDERS[ladder]]
        with hq.tx() as s:
            days: dict[tuple[str, date], list[int]] = {}
            for m in MEMBERS:
                for _ in range(rng.randint(0, 4)):  # some days inside the 12 months, some before them
                    on = NOW.date() - timedelta(days=rng.choice([0, 3, 40, 200, 364, 366, 500]))
                    f = days.setdefault((m, on), [0, 0, 0])
                    f[0] += rng.choice([0, 20_000, 60_000, 150_000, 450_000])
                    f[1] += rng.choice([0, 300, 900, 2_500, 5_000])
                    f[2] += 1
            add_member_days(s, days)
            for m in MEMBERS:  # members at every tier already
                s.execute(update(Member).where(Member.id == m).values(tier_code=rng.choice(codes)))
        with hq.tx() as s:
            found = upgrade_candidates(s, chain.chain_id, MEMBERS, NOW)
            ladder_now = chain_tiers(s, chain.chain_id)
            figures = figures_12m(s, MEMBERS, NOW.date())
            held = dict(s.execute(select(Member.id, Member.tier_code)).all())
        floor = min(ladder_now.values(), key=lambda t: t.rank)
        expected = [
            m
            for m in MEMBERS
            if qualifying_tier(list(ladder_now.values()), *figures.get(m, (0, 0))).rank
            > ladder_now.get(held[m], floor).rank
        ]
        assert found == expected
        if ladder in (0, 1):
            assert expected, "the figures should move some members up"
    finally:
        hq.close()
