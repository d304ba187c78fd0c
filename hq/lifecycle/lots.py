"""Points lots at HQ, authoritative (P4): every credit is a lot with its expiry (the programme's
rule: fixed days, rolling to the end of the N-th month, or never); a spend takes the lots the
till named (when still usable) and then the oldest usable lots; a refund of spent points gives
back the very lots the spend took (their original expiry); a refund of earned points takes them
back from the sale's own lot first. Balances, "expiring on D" and the liability are sums of lots.

`LotWork` does this for one transaction whose members are already locked by the caller (ingest
locks them in its balance UPDATE; the member API and the jobs lock them first): it reads the
members' lots once, applies the operations in memory with the domain's rules
(`pos_app.domain.points`), then writes what changed and returns the lot ids for the change feed.
Points a spend could not take from lots (an overdraw across offline tills) are the ledger's
debt; the ingest records it as a reconciliation item, the lots never go below zero.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pos_app.domain.points import PointsLot as DomainLot
from pos_app.domain.points import consume, expiry_for
from pos_app.domain.rules import PointsProgram

from ..base import among, new_id
from ..models import PointsLot, PointsLotTake

_lots = PointsLot.__table__
_takes = PointsLotTake.__table__


@dataclass
class _Lot:
    id: str
    member_id: str
    earned_on: date
    expires_on: date | None
    points: int
    remaining: int
    expired: int = 0
    source: str = ""
    ref: str = ""
    new: bool = False
    dirty: bool = False

    def usable(self, on: date) -> bool:
        return self.remaining > 0 and (self.expires_on is None or on < self.expires_on)

    def domain(self) -> DomainLot:
        return DomainLot(self.id, self.earned_on, self.points, self.remaining, self.expires_on)


@dataclass
class LotWork:
    """Lot operations of one transaction (see the module docstring); `flush()` writes them."""

    s: Session
    program: PointsProgram
    lots: dict[str, dict[str, _Lot]] = field(default_factory=dict)  # member -> lot id -> lot
    takes: list[dict] = field(default_factory=list)
    restored: list[dict] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # tills' provisional lot ids
    held: dict[str, bool] = field(default_factory=dict)  # lot id -> HQ holds it (checked or made here)
    loaded: set[str] = field(default_factory=set)  # members whose stored lots were read
    owners: dict[str, str] = field(default_factory=dict)  # lot id -> member, of the lots written
    expiries: dict[date, date | None] = field(default_factory=dict)  # earned on -> the programme's expiry

    def load(self, member_ids: Iterable[str]) -> None:
        """Read the lots (with points left) of the members not read yet, in one query. A credit
        needs none of them (a new lot, its id checked by `check`): only what takes from lots."""
        wanted = sorted(set(member_ids) - self.loaded)
        for m in wanted:
            self.lots.setdefault(m, {})  # lots credited here before the read stay
        self.loaded.update(wanted)
        for i in range(0, len(wanted), 5000):
            chunk = wanted[i : i + 5000]
            for r in self.s.connection().execute(
                select(
                    _lots.c.id,
                    _lots.c.member_id,
                    _lots.c.earned_on,
                    _lots.c.expires_on,
                    _lots.c.points,
                    _lots.c.remaining,
                    _lots.c.expired,
                    _lots.c.source,
                    _lots.c.ref,
                ).where(among(self.s, _lots.c.member_id, chunk), _lots.c.remaining > 0)
            ):
                self.lots[r.member_id][r.id] = _Lot(*r)

    def _of(self, member_id: str) -> dict[str, _Lot]:
        if member_id not in self.loaded:
            self.load([member_id])
        return self.lots[member_id]

    # ---- operations --------------------------------------------------------------------------
    def credit(
        self,
        member_id: str,
        points: int,
        earned_on: date,
        source: str,
        ref: str = "",
        lot_id: str | None = None,
        expires_on: date | bool | None = True,
    ) -> str | None:
        """A new lot of `points` earned on `earned_on`, expiring by the programme (or `expires_on`)."""
        if points <= 0:
            return None
        lot_id = lot_id or self.lot_id_for(member_id, points, earned_on, source, ref)
        mine = self.lots.setdefault(member_id, {})  # the stored lots are not needed: `_exists` asks HQ
        if lot_id in mine or self._exists(lot_id):
            lot_id = new_id()  # a till's id seen before (a replayed event): never merge
        if expires_on is True:  # the programme's expiry, computed once per day earned
            if earned_on not in self.expiries:
                self.expiries[earned_on] = expiry_for(self.program, earned_on)
            expiry = self.expiries[earned_on]
        else:
            expiry = expires_on
        mine[lot_id] = _Lot(lot_id, member_id, earned_on, expiry, points, points, 0, source[:48], ref[:48], new=True)
        self.held[lot_id] = True
        return lot_id

    @staticmethod
    def lot_id_for(member_id: str, points: int, earned_on: date, source: str, ref: str = "") -> str:
        """The id of a lot HQ makes: named by what made it (the same history gives the same ids,
        so a replay takes the same lots where earned-on dates tie)."""
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"lot:{member_id}:{source}:{ref}:{earned_on}:{points}"))

    def check(self, lot_ids: Iterable[str]) -> None:
        """Find out in one query which of these lot ids HQ holds (a push checks the ids of all
        its credits at once, not one query per credit)."""
        wanted = sorted(set(lot_ids) - set(self.held))
        found: set[str] = set()
        for i in range(0, len(wanted), 5000):
            chunk = wanted[i : i + 5000]
            found.update(
                self.s.connection()
                .execute(select(_lots.c.id).where(among(self.s, _lots.c.id, chunk, as_json=True)))
                .scalars()
            )
        self.held.update((i, i in found) for i in wanted)

    def _exists(self, lot_id: str) -> bool:
        if lot_id not in self.held:
            self.check([lot_id])
        return self.held[lot_id]

    def spend(self, member_id: str, points: int, on: date, ref: str, preferred: Iterable[tuple[str, int]] = ()) -> int:
        """Take `points` from the member's usable lots: those the till named first (as far as they
        are still usable), then the oldest. Returns the points covered (short: a debt)."""
        if points <= 0:
            return 0
        mine = self._of(member_id)
        taken: dict[str, int] = {}
        left = points
        for lot_id, wanted in preferred or ():
            lot = mine.get(str(lot_id))
            if lot is None or not lot.usable(on) or left == 0:
                continue
            n = min(int(wanted), lot.remaining - taken.get(lot.id, 0), left)
            if n > 0:
                taken[lot.id] = taken.get(lot.id, 0) + n
                left -= n
        if left:
            rest = [lot.domain() for lot in mine.values() if lot.usable(on) and lot.remaining > taken.get(lot.id, 0)]
            rest = [
                DomainLot(l.lot_id, l.earned_on, l.points, l.remaining - taken.get(l.lot_id, 0), l.expires_on)
                for l in rest
            ]
            covered = min(left, sum(l.remaining for l in rest))
            if covered:
                for lot_id, n in consume(rest, covered, on):
                    taken[lot_id] = taken.get(lot_id, 0) + n
                left -= covered
        for lot_id, n in taken.items():
            lot = mine[lot_id]
            lot.remaining -= n
            lot.dirty = True
            self.takes.append(dict(member_id=member_id, ref=ref[:48], lot_id=lot_id, points=n, restored=0))
        return points - left

    def restore(self, member_id: str, ref: str, points: int, on: date, source: str) -> None:
        """A refund gives back `points` of the spend `ref`: to the lots it took, last taken first,
        with their original expiry; what no recorded take covers becomes a new lot (as earned on `on`)."""
        if points <= 0:
            return
        mine = self._of(member_id)
        left = points
        pending = [t for t in self.takes if t["member_id"] == member_id and t["ref"] == ref[:48]]
        stored = list(
            self.s.connection().execute(
                select(_takes.c.id, _takes.c.lot_id, _takes.c.points, _takes.c.restored)
                .where(_takes.c.member_id == member_id, _takes.c.ref == ref[:48])
                .order_by(_takes.c.id)
            )
        )
        candidates = [(None, t) for t in pending] + [(r.id, r) for r in stored]
        for take_id, t in reversed(candidates):
            if left == 0:
                break
            if take_id is None:
                lot_id, can = t["lot_id"], t["points"] - t["restored"]
            else:
                lot_id, can = t.lot_id, t.points - t.restored
            n = min(can, left)
            if n <= 0:
                continue
            lot = mine.get(lot_id) or self._read(member_id, lot_id)
            if lot is None:
                continue
            lot.remaining += n
            lot.dirty = True
            left -= n
            if take_id is None:
                t["restored"] += n
            else:
                self.restored.append({"id": take_id, "n": n})
        if left:
            self.credit(member_id, left, on, source)

    def _read(self, member_id: str, lot_id: str) -> _Lot | None:
        r = (
            self.s.connection()
            .execute(
                select(
                    _lots.c.id,
                    _lots.c.member_id,
                    _lots.c.earned_on,
                    _lots.c.expires_on,
                    _lots.c.points,
                    _lots.c.remaining,
                    _lots.c.expired,
                    _lots.c.source,
                    _lots.c.ref,
                ).where(_lots.c.id == lot_id)
            )
            .first()
        )
        if r is None:
            return None
        lot = self.lots[member_id][lot_id] = _Lot(*r)
        return lot

    def take_back(self, member_id: str, points: int, on: date, sale_ref: str) -> int:
        """A refund takes back earned points: from the sale's own lot first, then the oldest
        usable lots. Returns the points covered (the rest was spent already: a debt)."""
        if points <= 0:
            return 0
        mine = self._of(member_id)
        own = [lot for lot in mine.values() if lot.ref == sale_ref[:48] and lot.remaining > 0]
        own.sort(key=lambda l: (l.earned_on, l.id))
        left = points
        for lot in own:
            n = min(lot.remaining, left)
            if n == 0:
                break
            lot.remaining -= n
            lot.dirty = True
            left -= n
            self.takes.append(
                dict(member_id=member_id, ref=f"back:{sale_ref}"[:48], lot_id=lot.id, points=n, restored=0)
            )
        return points - left + (self.spend(member_id, left, on, f"back:{sale_ref}") if left else 0)

    def drop_till_lot(self, member_id: str, lot_id: str | None) -> None:
        """A lot a till made on its own (a refund's) that HQ's restored lots replace: tills delete it."""
        if lot_id:
            self.dropped.append(str(lot_id))

    # ---- writing -----------------------------------------------------------------------------
    def flush(self) -> list[str]:
        """Write new and changed lots and the takes; the lot ids changed (for the change feed)."""
        new, changed = [], []
        for mine in self.lots.values():
            for lot in mine.values():
                if lot.new:
                    new.append(
                        dict(
                            id=lot.id,
                            member_id=lot.member_id,
                            earned_on=lot.earned_on,
                            expires_on=lot.expires_on,
                            points=lot.points,
                            remaining=lot.remaining,
                            expired=lot.expired,
                            source=lot.source,
                            ref=lot.ref,
                        )
                    )
                elif lot.dirty:
                    changed.append({"i": lot.id, "r": lot.remaining})
                else:
                    continue
                self.owners[lot.id] = lot.member_id
                lot.new = lot.dirty = False
        from ..ingest import bulk_insert  # COPY on PostgreSQL

        conn = self.s.connection()
        bulk_insert(self.s, _lots, new)
        if changed:
            from sqlalchemy import bindparam

            conn.execute(update(_lots).where(_lots.c.id == bindparam("i")).values(remaining=bindparam("r")), changed)
        bulk_insert(self.s, _takes, self.takes)
        if self.restored:
            from sqlalchemy import bindparam

            conn.execute(
                update(_takes).where(_takes.c.id == bindparam("i")).values(restored=_takes.c.restored + bindparam("n")),
                [{"i": r["id"], "n": r["n"]} for r in self.restored],
            )
        ids = [r["id"] for r in new] + [r["i"] for r in changed] + self.dropped
        self.takes, self.restored, self.dropped = [], [], []
        return ids


# ---- reading ------------------------------------------------------------------------------------
def balance(s: Session, member_id: str, on: date) -> int:
    """Usable points on `on`: what is left of the member's lots not expired by then."""
    return int(
        s.scalar(
            select(func.coalesce(func.sum(PointsLot.remaining), 0)).where(
                PointsLot.member_id == member_id,
                PointsLot.remaining > 0,
                (PointsLot.expires_on.is_(None)) | (PointsLot.expires_on > on),
            )
        )
        or 0
    )


def expiring_on(s: Session, member_id: str, day: date) -> int:
    """Points that lapse on `day` (usable the day before, not on it)."""
    return int(
        s.scalar(
            select(func.coalesce(func.sum(PointsLot.remaining), 0)).where(
                PointsLot.member_id == member_id, PointsLot.expires_on == day
            )
        )
        or 0
    )


def expiry_schedule(s: Session, member_id: str, on: date) -> list[tuple[date, int]]:
    """[(day the points lapse, points)] of the member's usable lots, soonest first (member app)."""
    rows = s.execute(
        select(PointsLot.expires_on, func.sum(PointsLot.remaining))
        .where(
            PointsLot.member_id == member_id,
            PointsLot.remaining > 0,
            PointsLot.expires_on.is_not(None),
            PointsLot.expires_on > on,
        )
        .group_by(PointsLot.expires_on)
        .order_by(PointsLot.expires_on)
    ).all()
    return [(d, int(n)) for d, n in rows]


def liability(s: Session, chain_id: str, on: date) -> int:
    """The chain's points liability on `on`: every usable point its members hold (finance, A2)."""
    from ..models import Member

    return int(
        s.scalar(
            select(func.coalesce(func.sum(PointsLot.remaining), 0))
            .join(Member, Member.id == PointsLot.member_id)
            .where(
                Member.chain_id == chain_id,
                PointsLot.remaining > 0,
                (PointsLot.expires_on.is_(None)) | (PointsLot.expires_on > on),
            )
        )
        or 0
    )


LOT_COLUMNS = ["id", "member_id", "earned_on", "expires_on", "points", "remaining", "source"]


def lot_dicts(s: Session, lot_ids: list[str]) -> dict[str, dict]:
    """Lots in the till's `points_lots` row shape (the change feed), by id; a missing id is absent."""
    out = {}
    for i in range(0, len(lot_ids), 5000):
        chunk = lot_ids[i : i + 5000]
        for r in s.connection().execute(select(*[_lots.c[c] for c in LOT_COLUMNS]).where(among(s, _lots.c.id, chunk))):
            out[r[0]] = {c: (v.isoformat() if hasattr(v, "isoformat") else v) for c, v in zip(LOT_COLUMNS, r)}
    return out
