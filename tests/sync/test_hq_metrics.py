"""Issue 22, defect 7: /metrics shows the whole HQ, not the one worker process a scrape lands on.
HQ as documented (several workers on PostgreSQL), each request on its own connection, so the
kernel hands them to the workers as it likes."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
import requests

from .conftest import ADMIN, demo_hq, event

NOW = datetime(2026, 11, 23, 10)


def counter(text: str, name: str) -> float:
    found = re.search(rf"^{re.escape(name)} ([0-9.e+]+)$", text, re.M)
    return float(found.group(1)) if found else 0.0


@pytest.mark.postgres
def test_every_scrape_counts_the_requests_and_events_of_all_workers(pg_url, served):
    codes = demo_hq(pg_url, NOW, tills=1)
    server = served(pg_url, workers=3)
    token = requests.post(server.base + "/v1/enrol", json={"version": 1, "code": codes[0]}).json()["token"]
    for seq in range(1, 31):  # a new connection each: spread over the workers
        r = requests.post(
            server.base + "/v1/push",
            json={"version": 1, "events": [event(seq)]},
            headers={"Authorization": f"Bearer {token}", "Connection": "close"},
        )
        assert r.status_code == 200
    for _ in range(3):
        r = requests.post(
            server.base + "/v1/push",
            json={"version": 1, "events": [event(1)]},
            headers={"Authorization": "Bearer wrong", "Connection": "close"},
        )
        assert r.status_code == 401
    for _ in range(6):
        text = requests.get(server.base + "/metrics", headers={"X-Admin-Token": ADMIN, "Connection": "close"}).text
        assert counter(text, 'hq_requests_total{route="/v1/push"}') == 33
        assert counter(text, "hq_events_total") == 30
        assert counter(text, 'hq_errors_total{status="401"}') == 3
