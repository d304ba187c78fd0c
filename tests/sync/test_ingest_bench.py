"""The ingest figure's harness runs (`python -m bench sync ingest --quick`): HQ's worker processes
and the floor's parallel COPYs start together, finish, and every figure is printed, the second
floor's (every row the timed pushes inserted) too. Timing is not asserted (docs/PERFORMANCE.md has
the full runs)."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def test_ingest_bench_runs_hq_workers_and_both_floors(pg_admin_url):
    lines = (
        subprocess.run(
            [sys.executable, "-m", "bench", "sync", "ingest", "--quick"],
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
            env={k: v for k, v in os.environ.items() if k != "BENCH_HQ_WORKERS"},
        )
        .stdout.strip()
        .splitlines()
    )
    out = json.loads(lines[-1])
    figures = out["ingest"]
    assert figures["events"] == 10000 and figures["hq_workers"] == 2
    assert (
        min(
            figures["app_eps"], figures["one_process_eps"], figures["floor_one_copy_eps"], figures["floor_2_copies_eps"]
        )
        > 0
    )
    assert figures["floor_eps"] == max(figures["floor_one_copy_eps"], figures["floor_2_copies_eps"])
    assert abs(figures["ratio"] - figures["app_eps"] / figures["floor_eps"]) < 0.002
    # the applier's figure: until every push's rollups were applied too (never before the answers)
    assert figures["applied_s"] >= figures["app_s"] and figures["applied_ratio"] <= figures["ratio"]

    # the second floor: the timed pushes' own rows, found and copied — the events of the timed
    # part exactly (not the one-process warm-up's), a ledger row for each member's sale (70 %)
    # and more besides; the members' balances updated
    own = figures["own_rows"]
    assert own["events"] == figures["events"]
    assert 0.6 * figures["events"] < own["points_ledger"] < 0.8 * figures["events"]
    assert sum(own.values()) > 2 * figures["events"]
    assert abs(figures["own_rows_per_event"] - sum(own.values()) / figures["events"]) < 0.01
    assert 0 < figures["own_member_updates"] <= figures["app_member_updates"]
    assert figures["own_rows_floor_eps"] > 0 and figures["own_rows_ratio"] > 0
    assert abs(figures["own_rows_ratio"] - figures["app_eps"] / figures["own_rows_floor_eps"]) < 0.005
    assert out["ingest_own_rows_ratio"] == figures["own_rows_ratio"]
    assert any(line.startswith("ingest own rows: floor ") for line in lines)
