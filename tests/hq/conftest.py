"""HQ console services: the sync tests' fixtures (a served HQ on a free port, SQLite and
PostgreSQL databases of their own) and a demo HQ in process."""
from __future__ import annotations

from datetime import datetime

import pytest

from hq.demo import load_demo
from hq.service import HQ

from tests.sync.conftest import ADMIN, demo_hq, free_port, pg_admin_url, pg_url, served, sqlite_url  # noqa: F401

NOW = datetime(2026, 11, 23, 10)        # a Monday


@pytest.fixture
def hq(sqlite_url):
    hq = HQ(sqlite_url, lambda: NOW)
    load_demo(hq, NOW, products=300, members=400)
    yield hq
    hq.close()


@pytest.fixture(params=["sqlite_url", pytest.param("pg_url", marks=pytest.mark.postgres)])
def any_hq(request):
    """The demo HQ on SQLite and on PostgreSQL."""
    hq = HQ(request.getfixturevalue(request.param), lambda: NOW)
    load_demo(hq, NOW, products=300, members=400)
    yield hq
    hq.close()
