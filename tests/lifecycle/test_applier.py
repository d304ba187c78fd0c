"""The applier (hq/applier.py): the rollups, tier upgrades and purchase benefits a push queues
are applied exactly once — a pass killed mid-way changes nothing and the next applies it all —
and pushes from two tills at once end with the rollups a from-scratch count of the events gives.
On SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import uuid
from collections import defaultdict
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from hq import applier
from hq.models import ApplierWork, EventRow, Member, MemberDay, TillRow
from hq.models_segments import MemberCategory, MemberFact, MemberMonth, MemberStore
from hq.service import HQ
from pos_app.domain.tiers import qualifying_tier
from sync.protocol import PushRequest

from .conftest import Chain, Clock

START = datetime(2026, 3, 2, 9)
MEMBERS = [f"M{n:03d}" for n in range(1, 13)]
PRODUCTS = {f"P{n}": f"C{n % 3}" for n in range(1, 7)}


@pytest.fixture(params=["sqlite_url", pytest.param("pg_url", marks=pytest.mark.postgres)])
def url(request, tmp_path):
    if request.param == "sqlite_url":
        return f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    return request.getfixturevalue("pg_url")


def setup_chain(url: str, clock: Clock, apply_after_push: bool = True) -> Chain:
    hq = HQ(url, clock, apply_after_push=apply_after_push)
    chain = Chain(hq, clock, tills=2)
    hq.upsert_catalogue(chain.chain_id, "products", [{"id": p, "category_id": c} for p, c in PRODUCTS.items()])
    for n, m in enumerate(MEMBERS):
        chain.register(m, f"1380000{n:04d}")
    return chain


def sales(chain: Chain, till: int, count: int, rng: random.Random, day: int = 0) -> PushRequest:
    """A batch of `count` sales at one till, most with a member, one or two lines each."""
    till_id = chain.tills[till]
    events = []
    for _ in range(count):
        chain.seq[till_id] += 1
        chain.receipts += 1
        member = rng.choice(MEMBERS) if rng.random() < 0.8 else None
        lines = [
            {"product_id": rng.choice(list(PRODUCTS)), "qty": 1, "gross_fen": n, "net_fen": n}
            for n in (rng.randint(500, 60000) for _ in range(rng.randint(1, 2)))
        ]
        payable = sum(line["net_fen"] for line in lines)
        at = START + timedelta(days=day + rng.randint(0, 40), minutes=rng.randint(0, 600))
        events.append(
            {
                "event_id": str(uuid.uuid4()),
                "seq": chain.seq[till_id],
                "kind": "sale",
                "at": at.isoformat(),
                "payload": {
                    "sale_id": f"sale-{chain.receipts}",
                    "receipt_no": f"R{chain.receipts:08d}",
                    "member_id": member,
                    "payable_fen": payable,
                    "points_earned": payable // 100 if member else 0,
                    "points_spent": 0,
                    "lines": lines,
                    "payments": [{"tender": "cash", "amount_fen": payable}],
                },
            }
        )
    return PushRequest(events=events)


def from_scratch(hq: HQ) -> dict:
    """The rollups counted again from the events HQ holds (sales only here)."""
    days: dict = defaultdict(lambda: [0, 0, 0])
    months: dict = defaultdict(lambda: [0, 0, 0])
    stores: dict = defaultdict(lambda: [0, 0])
    cats: dict = defaultdict(lambda: [0, 0])
    facts: dict = {}
    with hq.tx() as s:
        store_of = {t.id: "S1" for t in s.scalars(select(TillRow))}
        for ev in s.scalars(select(EventRow).where(EventRow.kind == "sale")):
            p, m = ev.payload, ev.payload.get("member_id")
            if not m:
                continue
            day = ev.at.date()
            for key, table in (((m, day), days), ((m, day.replace(day=1)), months)):
                table[key][0] += p["payable_fen"]
                table[key][1] += p["points_earned"]
                table[key][2] += 1
            stores[(m, store_of[ev.till_id])][0] += 1
            stores[(m, store_of[ev.till_id])][1] += p["payable_fen"]
            for line in p["lines"]:
                cats[(m, PRODUCTS[line["product_id"]])][0] += line["net_fen"]
                cats[(m, PRODUCTS[line["product_id"]])][1] += 1
            f = facts.setdefault(m, [0, 0, day, day])
            f[0] += 1
            f[1] += p["payable_fen"]
            f[2], f[3] = min(f[2], day), max(f[3], day)
    return {
        "days": {k: tuple(v) for k, v in days.items()},
        "months": {k: tuple(v) for k, v in months.items()},
        "stores": {k: tuple(v) for k, v in stores.items()},
        "categories": {k: tuple(v) for k, v in cats.items()},
        "facts": {k: tuple(v) for k, v in facts.items()},
    }


def rollups(hq: HQ) -> dict:
    with hq.tx() as s:
        return {
            "days": {
                (r.member_id, r.day): (r.spend_fen, r.points_earned, r.sales) for r in s.scalars(select(MemberDay))
            },
            "months": {
                (r.member_id, r.month): (r.spend_fen, r.points_earned, r.sales) for r in s.scalars(select(MemberMonth))
            },
            "stores": {(r.member_id, r.store_code): (r.visits, r.spend_fen) for r in s.scalars(select(MemberStore))},
            "categories": {
                (r.member_id, r.category_id): (r.spend_fen, r.lines) for r in s.scalars(select(MemberCategory))
            },
            "facts": {
                r.member_id: (r.visits_total, r.spend_total_fen, r.first_visit, r.last_visit)
                for r in s.scalars(select(MemberFact))
            },
        }


def queued(hq: HQ) -> int:
    with hq.tx() as s:
        return s.scalar(select(func.count()).select_from(ApplierWork))


def tiers_as_the_rollups_say(hq: HQ, chain: Chain) -> None:
    """Every member holds the tier their 12 months qualify for (upgrades only: no refunds here)."""
    from hq.lifecycle.program import tiers
    from hq.lifecycle.tiers import figures_12m

    with hq.tx() as s:
        ladder = list(tiers(s, chain.chain_id).values())
        figures = figures_12m(s, MEMBERS, chain.clock().date())
        held = {r.id: r.tier_code for r in s.execute(select(Member.id, Member.tier_code))}
    for m in MEMBERS:
        assert held[m] == qualifying_tier(ladder, *figures.get(m, (0, 0))).code, m


KILL_MID_PASS = """
import os, signal, sys
import hq.segments.facts as facts
from hq.applier import drain
from hq.service import HQ

written = facts.add_to_rollups

def then_die(*args, **kwargs):  # the member days and this chain's rollups written, not committed
    written(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)

facts.add_to_rollups = then_die
drain(HQ(sys.argv[1], create=False))
"""


def test_a_pass_killed_mid_way_changes_nothing_and_the_next_applies_everything_once(url, tmp_path):
    clock = Clock(START + timedelta(days=60))
    chain = setup_chain(url, clock, apply_after_push=False)
    hq, rng = chain.hq, random.Random(7)
    for n in range(6):
        hq.push(chain.tills[n % 2], chain.chain_id, sales(chain, n % 2, 25, rng))
    assert queued(hq) == 6  # a push leaves its figures queued
    assert rollups(hq)["days"] == {}
    expected = from_scratch(hq)

    killed = subprocess.run([sys.executable, "-c", KILL_MID_PASS, url], env=dict(os.environ), timeout=300)
    assert killed.returncode == -signal.SIGKILL
    assert queued(hq) == 6  # the killed pass took nothing off the queue ...
    assert rollups(hq)["days"] == {}  # ... and left nothing behind

    assert applier.drain(hq) == 6
    assert rollups(hq) == expected
    assert applier.drain(hq) == 0  # nothing is applied twice
    assert rollups(hq) == expected
    tiers_as_the_rollups_say(hq, chain)
    hq.close()


def test_pushes_from_two_tills_at_once_end_with_the_rollups_of_a_recount(url):
    clock = Clock(START + timedelta(days=60))
    chain = setup_chain(url, clock)
    # each till its own HQ (a worker process of its own, as deployed), pushing at the same time
    workers = [HQ(url, clock, create=False) for _ in range(2)]
    batches = [[sales(chain, t, 20, random.Random(t * 100 + n), day=n) for n in range(8)] for t in range(2)]
    errors: list[BaseException] = []
    go = threading.Barrier(2)

    def push(t: int) -> None:
        try:
            go.wait()
            for request in batches[t]:
                workers[t].push(chain.tills[t], chain.chain_id, request)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=push, args=(t,)) for t in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert not errors, errors
    assert queued(chain.hq) == 0  # the pushes applied it all themselves (none left waiting)
    assert rollups(chain.hq) == from_scratch(chain.hq)
    tiers_as_the_rollups_say(chain.hq, chain)
    for w in workers:
        w.close()
    chain.hq.close()


@pytest.mark.postgres
def test_a_push_whose_try_fails_while_a_pass_runs_is_applied_by_that_pass_owner(pg_url, monkeypatch):
    """No lost wake-up: A's pass has found the queue empty when push B commits; B's try of the
    lock fails (A holds it) and B returns; A, its pass committed, looks again and applies B's row."""
    clock = Clock(START + timedelta(days=60))
    chain = setup_chain(pg_url, clock, apply_after_push=False)
    a, b = HQ(pg_url, clock, create=False), HQ(pg_url, clock, create=False)
    inside, carry_on = threading.Event(), threading.Event()
    take = applier.take

    def held(s, limit):
        rows = take(s, limit)
        if threading.current_thread().name == "A" and not inside.is_set():
            inside.set()
            assert carry_on.wait(60)
        return rows

    monkeypatch.setattr(applier, "take", held)
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(applier.drain(a)), name="A")
    thread.start()
    try:
        assert inside.wait(60)  # A's pass: nothing to take
        b.push(chain.tills[1], chain.chain_id, sales(chain, 1, 10, random.Random(3)))  # B's try fails
        assert queued(chain.hq) == 1
    finally:
        carry_on.set()
        thread.join(60)
    assert result == [1]  # A's look after its pass found B's row
    assert queued(chain.hq) == 0
    assert rollups(chain.hq) == from_scratch(chain.hq)
    for hq in (a, b, chain.hq):
        hq.close()
