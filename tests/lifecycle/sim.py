"""A chain driven through days of a seeded clock: members register (at tills, some offline),
buy, spend points, return purchases and sign in; tills go offline and push their events days
later; every night the jobs run (optionally killed mid-run and run again). `check` asserts the
invariants: every point credited is spent, expired or still held — per lot, per member and at a
till that follows the change feed; ledger caches equal ledger sums; each benefit once."""

from __future__ import annotations

import json
import random
import uuid
from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from hq.jobs import lifecycle_jobs  # noqa: F401
from hq.jobs.runs import Interrupted, run_job
from hq.lifecycle import lots as lot_queries
from hq.members import MemberAPI
from hq.models import (
    BenefitGrant,
    Member,
    MemberTier,
    PointsEntry,
    PointsLot,
    PointsLotTake,
    ReconciliationItem,
    Setting,
    TierChange,
)
from hq.service import HQ
from pos_app.domain.points import add_months
from sync.protocol import PushRequest

from .conftest import Chain, Clock

NIGHTLY = ("points_expiry", "tier_review", "birthday_benefits", "expiry_reminders", "member_day")
BENEFITS = {
    "welcome": {"points": 50},
    "birthday": {"points": 88},
    "tier_upgrade": {"silver": {"points": 100}, "gold": {"points": 300}},
    "post_purchase": {"min_spend_fen": 30000, "coupon_template": "CT01", "valid_days": 14},
}


class Simulation:
    def __init__(
        self,
        url: str,
        seed: int,
        members: int = 20,
        tills: int = 3,
        kill_jobs: bool = False,
        program: dict | None = None,
    ):
        self.rng = random.Random(seed)
        self.kill = random.Random(seed + 1) if kill_jobs else None
        self.clock = Clock(datetime(2026, 1, 1, 0, 0))
        self.hq = HQ(url, self.clock)
        self.chain = Chain(
            self.hq,
            self.clock,
            tills=tills,
            program=program or {"expiry": "fixed", "expiry_days": 45, "member_day_weekday": 2},
        )
        with self.hq.tx() as s:
            s.merge(Setting(key=f"lifecycle:{self.chain.chain_id}", value=json.dumps({"benefits": BENEFITS})))
        self.api = MemberAPI(self.hq, chain_id=self.chain.chain_id)
        self.members = [f"M{n:04d}" for n in range(members)]
        self.registered: list[str] = []
        self.offline: dict[int, list[dict]] = {}  # till -> events waiting
        self.sales: list[tuple[str, str, int, int, int]] = []  # (sale, member, payable, earned, spent) at HQ
        self.refunded: set[str] = set()
        self.feed_cursor = 0
        self.replica: dict[tuple[str, str], dict | None] = {}  # a till following the change feed
        self.seq = defaultdict(int)
        self.n = 0
        self.days = 0
        self.home: dict[str, int] = {}  # member -> till that registered them
        # some members stop coming (their tier falls at the review), the others keep buying
        self.until = {m: self.rng.choice([10_000, 10_000, self.rng.randint(15, 60)]) for m in self.members}

    # ---- tills ---------------------------------------------------------------------------------
    def _event(self, till: int, kind: str, payload: dict) -> None:
        till_id = self.chain.tills[till]
        self.seq[till_id] += 1
        ev = {
            "event_id": str(uuid.UUID(int=self.rng.getrandbits(128))),
            "seq": self.seq[till_id],
            "kind": kind,
            "at": self.clock().isoformat(),
            "payload": payload,
        }
        if till in self.offline:
            self.offline[till].append(ev)
        else:
            self.hq.push(till_id, self.chain.chain_id, PushRequest(events=[ev]))

    def _reconnect(self, till: int) -> None:
        events = self.offline.pop(till)
        for i in range(0, len(events), 50):
            self.hq.push(self.chain.tills[till], self.chain.chain_id, PushRequest(events=events[i : i + 50]))

    def _usable(self, member: str) -> int:
        with self.hq.tx() as s:
            return lot_queries.balance(s, member, self.clock().date())

    # ---- a day -----------------------------------------------------------------------------------
    def day(self) -> None:
        rng = self.rng
        for till in list(self.offline):
            if rng.random() < 0.3:
                self._reconnect(till)
        if rng.random() < 0.08:
            till = rng.randrange(1, len(self.chain.tills))
            self.offline.setdefault(till, [])
        for _ in range(rng.randint(2, 8)):
            self.clock.now = self.clock.now.replace(hour=rng.randint(8, 21), minute=rng.randint(0, 59))
            self._act(rng.randrange(len(self.chain.tills)))
        self.clock.now = (self.clock.now + timedelta(days=1)).replace(hour=0, minute=5)
        self.days += 1
        self.nightly()

    def _act(self, till: int) -> None:
        rng, online = self.rng, till not in self.offline
        unregistered = [m for m in self.members if m not in self.registered]
        if unregistered and (not self.registered or rng.random() < 0.15):
            m = unregistered[0]
            self.registered.append(m)
            self.home[m] = till
            birthday = f"19{rng.randint(60, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            self._event(
                till,
                "member_registered",
                {"member_id": m, "phone": f"139{int(m[1:]):08d}", "name": "顾客", "birthday": birthday},
            )
            return
        m = rng.choice(self.registered)
        known = self._known()
        if (m not in known and self.home[m] != till) or self.days > self.until[m]:
            return  # another till cannot know them yet; or they stopped coming
        roll = rng.random()
        if roll < 0.1 and m in known:
            self.api.daily_sign_in(m) if not self._signed_today(m) else None
        elif roll < 0.2 and online:
            candidates = [x for x in self.sales if x[1] == m and x[0] not in self.refunded]
            if candidates:
                sale, member, payable, earned, spent = rng.choice(candidates)
                self.refunded.add(sale)
                self.n += 1
                self._event(
                    till,
                    "refund",
                    {
                        "refund_id": f"rf{self.n}",
                        "receipt_no": f"F{self.n:07d}",
                        "sale_id": sale,
                        "member_id": member,
                        "points_restored": spent,
                        "points_reversed": earned,
                        "tenders": [{"tender": "cash", "amount_fen": payable}],
                    },
                )
        else:
            payable = rng.choice([800, 2500, 9900, 18000, 36000, 88000])
            spent = 0
            if online and m in known and rng.random() < 0.4:
                spent = min(self._usable(m), rng.choice([50, 100, 300, 1000]))
            self.n += 1
            sale = f"s{self.n}"
            self._event(
                till,
                "sale",
                {
                    "sale_id": sale,
                    "receipt_no": f"R{self.n:07d}",
                    "member_id": m,
                    "payable_fen": payable,
                    "points_earned": payable // 100,
                    "points_spent": spent,
                    "payments": [],
                },
            )
            if online:
                self.sales.append((sale, m, payable, payable // 100, spent))

    def _known(self) -> set[str]:
        with self.hq.tx() as s:
            return set(s.scalars(select(Member.id)))

    def _signed_today(self, m: str) -> bool:
        from hq.models import SignIn

        with self.hq.tx() as s:
            return s.get(SignIn, (m, self.clock().date().isoformat())) is not None

    def nightly(self) -> None:
        period = self.clock().date().isoformat()
        for name in NIGHTLY:
            if self.kill is not None and self.kill.random() < 0.3:
                try:
                    run_job(self.hq, name, period, limit=3, stop_after=self.kill.randint(1, 3))
                except Interrupted:
                    pass  # the worker died mid-run ...
            run_job(self.hq, name, period, limit=3)  # ... and the next one finishes it
        self.follow_feed()

    def follow_feed(self) -> None:
        """A till following the change feed from its own cursor (what it holds of lots and members)."""
        while True:
            page = self.hq.pull(self.chain.tills[0], "S1", self.chain.chain_id, self.feed_cursor, 5000)
            for c in page.changes:
                self.replica[(c.kind, c.key)] = c.data
            self.feed_cursor = page.cursor
            if not page.more:
                return

    def finish(self) -> None:
        for till in list(self.offline):
            self._reconnect(till)
        self.nightly()

    # ---- what must hold --------------------------------------------------------------------------
    def check(self) -> None:
        with self.hq.tx() as s:
            taken = dict(
                s.execute(
                    select(PointsLotTake.lot_id, func.sum(PointsLotTake.points - PointsLotTake.restored)).group_by(
                        PointsLotTake.lot_id
                    )
                ).all()
            )
            lots = s.scalars(select(PointsLot)).all()
            for lot in lots:  # every point credited is spent, expired or still held
                assert lot.points == lot.remaining + lot.expired + int(taken.get(lot.id, 0)), lot.id
            held = defaultdict(int)
            for lot in lots:
                held[lot.member_id] += lot.remaining
            ledger = dict(
                s.execute(
                    select(PointsEntry.member_id, func.sum(PointsEntry.delta)).group_by(PointsEntry.member_id)
                ).all()
            )
            # points a spend or a return took that no lot held (returned after the points lapsed or
            # were spent) are the member's debt, each a reconciliation item
            debt = defaultdict(int)
            for item in s.scalars(select(ReconciliationItem).where(ReconciliationItem.kind == "points_uncovered")):
                debt[item.member_id] += item.detail["points"]
            for m in s.scalars(select(Member)):
                assert m.points == int(ledger.get(m.id, 0)) == held[m.id] - debt[m.id], (
                    m.id,
                    m.points,
                    ledger.get(m.id),
                    held[m.id],
                    debt[m.id],
                )
            grants = s.execute(select(BenefitGrant.member_id, BenefitGrant.benefit, BenefitGrant.period)).all()
            assert len(grants) == len(set(grants))
            welcomed = {m for m, b, _ in grants if b == "welcome"}
            assert welcomed == set(s.scalars(select(Member.id)))
            last: dict[str, date] = {m.id: m.created_at.date() for m in s.scalars(select(Member))}
            for change in s.scalars(select(TierChange).order_by(TierChange.id)):
                if change.reason == "downgrade":  # only ever on a review date: an anniversary of the last change
                    review_on = add_months(last[change.member_id], 12)
                    while review_on < change.changed_on:
                        review_on = add_months(review_on, 12)
                    assert review_on == change.changed_on, (change.member_id, last[change.member_id], change.changed_on)
                last[change.member_id] = change.changed_on
            today = self.clock().date()
            for state in s.scalars(select(MemberTier)):
                assert state.review_on > today or state.review_on >= state.since
        replica_lots = {k: d for (kind, k), d in self.replica.items() if kind == "points_lots" and d}
        with self.hq.tx() as s:
            hq_lots = {l.id: l.remaining for l in s.scalars(select(PointsLot))}
        assert {k: d["remaining"] for k, d in replica_lots.items()} == hq_lots
        members = {k: d for (kind, k), d in self.replica.items() if kind == "members" and d}
        with self.hq.tx() as s:
            assert {k: d["hq_points"] for k, d in members.items()} == {
                m.id: m.points for m in s.scalars(select(Member))
            }

    def ledgers(self) -> dict:
        """What two runs of the same schedule must agree on (ids and stamps apart)."""
        with self.hq.tx() as s:
            return {
                "members": sorted((m.id, m.points, m.tier_code) for m in s.scalars(select(Member))),
                "ledger": sorted((e.member_id, e.kind, e.delta, e.ref) for e in s.scalars(select(PointsEntry))),
                "lots": sorted(
                    (l.member_id, l.earned_on, l.expires_on, l.points, l.remaining, l.expired)
                    for l in s.scalars(select(PointsLot))
                ),
                "tiers": sorted(
                    (c.member_id, c.from_tier, c.to_tier, c.changed_on) for c in s.scalars(select(TierChange))
                ),
                "grants": sorted((g.member_id, g.benefit, g.period) for g in s.scalars(select(BenefitGrant))),
            }
