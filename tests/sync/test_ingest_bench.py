"""The ingest figure's harness runs (`python -m bench sync ingest --quick`): HQ's worker processes
and the floor's parallel COPYs start together, finish, and every figure is printed. Timing is not
asserted (docs/PERFORMANCE.md has the full runs)."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def test_ingest_bench_runs_hq_workers_and_both_floors(pg_admin_url):
    out = (
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
    figures = json.loads(out[-1])["ingest"]
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
