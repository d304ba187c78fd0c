"""Acceptance: a chain through 400 days of a seeded clock (tills online and offline, the worker
killed mid-job and run again), and property tests on random schedules."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from hq.models import TierChange

from .sim import Simulation


@pytest.mark.slow
def test_400_days_every_point_is_spent_expired_or_held_and_killed_jobs_change_nothing(tmp_path):
    calm = Simulation(f"sqlite:///{tmp_path / 'calm.sqlite3'}", seed=18)
    killed = Simulation(f"sqlite:///{tmp_path / 'killed.sqlite3'}", seed=18, kill_jobs=True)
    for n in range(400):
        calm.day()
        killed.day()
        if n % 50 == 49:
            calm.check()
    calm.finish()
    killed.finish()
    calm.check()
    killed.check()
    assert calm.ledgers() == killed.ledgers()
    got = calm.ledgers()
    assert any(kind == "expire" for _, kind, _, _ in got["ledger"])  # the schedule did exercise ...
    assert any(b == "birthday" for _, b, _ in got["grants"])  # ... expiry, birthdays ...
    with calm.hq.tx() as s:
        reasons = {c.reason for c in s.scalars(select(TierChange))}
    assert reasons == {"upgrade", "downgrade"}  # ... and tiers both ways


# no shrinking: an example is two chains through weeks of days; the seed and length say it all
@settings(
    max_examples=6,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(0, 10_000), days=st.integers(20, 70))
def test_random_schedules_keep_points_whole_and_a_killed_worker_changes_nothing(tmp_path_factory, seed, days):
    folder = tmp_path_factory.mktemp("sim")
    calm = Simulation(
        f"sqlite:///{folder / 'calm.sqlite3'}", seed=seed, members=8, program={"expiry": "fixed", "expiry_days": 10}
    )
    killed = Simulation(
        f"sqlite:///{folder / 'killed.sqlite3'}",
        seed=seed,
        members=8,
        kill_jobs=True,
        program={"expiry": "fixed", "expiry_days": 10},
    )
    for _ in range(days):
        calm.day()
        killed.day()
    calm.finish()
    killed.finish()
    calm.check()
    killed.check()
    assert calm.ledgers() == killed.ledgers()
