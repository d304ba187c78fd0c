"""A demo till on a real SQLite file per test (copied from one made per session, for speed)."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from pos_app.services import Till, login, open_shift
from pos_app.services.demo import open_demo_till
from pos_app.store import Database


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "till.sqlite3"
    till = open_demo_till(path, lambda: datetime(2026, 11, 23, 9), products=300, members=400)
    till.db.close()
    return path


@pytest.fixture
def clock():
    return Clock(datetime(2026, 11, 23, 10, 0))  # a Monday


@pytest.fixture
def till(demo_file, tmp_path, clock):
    path = tmp_path / "till.sqlite3"
    shutil.copy(demo_file, path)
    t = Till(Database(path), clock)
    yield t
    t.db.close()


@pytest.fixture
def cashier(till):
    return login(till, "1111")


@pytest.fixture
def shift(till, cashier):
    return open_shift(till, cashier, 50000)


def attach_verified(sale, member_id: str):
    """Attach a member who may spend on this sale: found by id, then a manager's override (the
    identification policy). The tests using it are about what spending does; how members are
    identified is tested in tests/services/test_identification.py."""
    sale.attach_member(member_id)
    return sale.allow_member_spend("9999")
