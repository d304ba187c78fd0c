"""`python -m bench jobs`: the lifecycle's nightly jobs over a chain of 1M members with 10M
points lots on PostgreSQL (issue 18).

* expiry: `points_expiry` for a day on which about 9 % of the lots (held by some 60 % of the
  members) lapse — the lots' points moved to `expired`, one ledger entry and one balance update
  per member, the change feed (members and lots) — in chunks of 5,000 members, each committed
  with its progress marker. Floor: one bare `UPDATE points_lots SET expired = expired +
  remaining, remaining = 0` of the same rows, in the same run (rolled back, so the job finds
  them as the floor did).
* tier review: `tier_review` for a day on which every member's review date has come (the worst
  day): 12-month spend from the member-day rollup, the domain's decision, tier and timeline
  written, history rows. Floor: one bare `UPDATE members SET tier_code = tier_code` of the same
  members (rolled back).

Figures: seconds of each job and each floor; `ratio` is the larger of the two job/floor ratios.
Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust): a database of its own is made and
dropped. --quick: 2,000 members (smoke runs only).
"""

from __future__ import annotations

import time
import uuid
from datetime import date, datetime

DAY = date(2026, 11, 30)
PG = "host=127.0.0.1 port=5432 user=postgres dbname=test"


def load(hq, members: int, lots_per_member: int) -> None:
    """The chain, written by PostgreSQL itself (generate_series): members, lots, rollup, tier timelines."""
    from hq.demo import load_demo  # noqa: F401 (the same import path as the app)

    hq.create_chain("bench", "bench")
    hq.upsert_catalogue(
        "bench",
        "tiers",
        [
            dict(code="regular", name="普通会员", rank=0, min_spend_12m_fen=0),
            dict(code="silver", name="银卡会员", rank=1, min_spend_12m_fen=100000),
            dict(code="gold", name="金卡会员", rank=2, min_spend_12m_fen=500000),
        ],
        key="code",
    )
    hq.upsert_catalogue(
        "bench", "settings", [{"key": "points_program", "value": {"expiry": "fixed", "expiry_days": 365}}], key="key"
    )
    n, lots = members, members * lots_per_member
    with hq.engine.begin() as c:
        c.exec_driver_sql(f"""
            INSERT INTO members (id, chain_id, phone, name, tier_code, consent, custom, points, principal_fen,
                                 bonus_fen, clocks, created_at)
            SELECT 'M' || lpad(g::text, 8, '0'), 'bench', '1' || lpad(g::text, 10, '0'), 'm',
                   (ARRAY['regular', 'silver', 'gold'])[1 + g %% 3], true, '{{}}', 0, 0, 0, '{{}}',
                   timestamp '2024-06-01'
            FROM generate_series(1, {n}) g""")
        c.exec_driver_sql(f"""
            INSERT INTO points_lots (id, member_id, earned_on, expires_on, points, remaining, expired, source, ref)
            SELECT 'L' || lpad(g::text, 9, '0'), 'M' || lpad(((g - 1) / {lots_per_member} + 1)::text, 8, '0'),
                   date '{DAY}' - (g * 7 %% 400), date '{DAY}' - (g * 7 %% 400) + 365,
                   10 + g %% 90, 10 + g %% 90 - g %% 7, 0, 'bench', ''
            FROM generate_series(1, {lots}) g""")
        c.exec_driver_sql("""
            UPDATE members SET points = s.n FROM (SELECT member_id, sum(remaining) AS n FROM points_lots
                                                  GROUP BY member_id) s WHERE members.id = s.member_id""")
        c.exec_driver_sql(f"""
            INSERT INTO member_days (member_id, day, spend_fen, points_earned, sales)
            SELECT 'M' || lpad(g::text, 8, '0'), date '{DAY}' - (g %% 300), g::bigint * 7919 %% 700000, 0, 1
            FROM generate_series(1, {n}) g""")
        c.exec_driver_sql(f"""
            INSERT INTO member_tiers (member_id, since, review_on)
            SELECT 'M' || lpad(g::text, 8, '0'), date '{DAY}' - 365, date '{DAY}' FROM generate_series(1, {n}) g""")
    with hq.engine.connect() as c:
        c.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")


def floor(hq, sql: str) -> tuple[float, int]:
    """Seconds of one bare statement, rolled back; and the rows it touched."""
    with hq.engine.connect() as c:
        tx = c.begin()
        t0 = time.perf_counter()
        rows = c.exec_driver_sql(sql).rowcount
        took = time.perf_counter() - t0
        tx.rollback()
    return took, rows


def main(argv: list[str]) -> dict:
    import psycopg

    from hq.jobs import lifecycle_jobs  # noqa: F401
    from hq.jobs.runs import run_job
    from hq.service import HQ

    quick = "--quick" in argv
    members = 2000 if quick else 1_000_000
    name = f"bench_jobs_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    hq = HQ(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", lambda: datetime(2026, 11, 30, 0, 5))
    try:
        t0 = time.perf_counter()
        load(hq, members, 10)
        print(f"loaded {members} members and {members * 10} lots in {time.perf_counter() - t0:.1f} s", flush=True)
        expiry_floor, due_lots = floor(
            hq,
            "UPDATE points_lots SET expired = expired + remaining, remaining = 0 "
            f"WHERE remaining > 0 AND expires_on <= date '{DAY}'",
        )
        t0 = time.perf_counter()
        expiry = run_job(hq, "points_expiry", DAY.isoformat(), limit=5000)
        expiry_s = time.perf_counter() - t0
        print(
            f"expiry: {expiry.rows} lots in {expiry_s:.1f} s (floor {expiry_floor:.1f} s, {due_lots} rows)", flush=True
        )
        review_floor, due_members = floor(
            hq,
            "UPDATE members SET tier_code = tier_code WHERE id IN "
            f"(SELECT member_id FROM member_tiers WHERE review_on <= date '{DAY}')",
        )
        t0 = time.perf_counter()
        review = run_job(hq, "tier_review", DAY.isoformat(), limit=5000)
        review_s = time.perf_counter() - t0
        print(
            f"tier review: {due_members} members, {review.rows} changed, in {review_s:.1f} s "
            f"(floor {review_floor:.1f} s)",
            flush=True,
        )
        with hq.engine.connect() as c:
            exact = c.exec_driver_sql(
                "SELECT (SELECT -coalesce(sum(delta), 0) FROM points_ledger WHERE kind = 'expire') = "
                "(SELECT sum(expired) FROM points_lots)"
            ).scalar()
        assert expiry.rows == due_lots and exact, "the job lapsed other rows than the floor"
        ratios = (expiry_s / expiry_floor, review_s / review_floor)
        return {
            "bench": "jobs",
            "members": members,
            "lots": members * 10,
            "expired_lots": expiry.rows,
            "reviewed_members": due_members,
            "tier_changes": review.rows,
            "expiry_s": round(expiry_s, 2),
            "expiry_floor_s": round(expiry_floor, 2),
            "tier_review_s": round(review_s, 2),
            "tier_review_floor_s": round(review_floor, 2),
            "expiry_ratio": round(ratios[0], 1),
            "tier_review_ratio": round(ratios[1], 1),
            "ratio": round(max(ratios), 1),
        }
    finally:
        hq.close()
        with psycopg.connect(PG, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
