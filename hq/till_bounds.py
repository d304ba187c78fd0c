"""What one till may do to members' balances, whatever its code says (issue 22, defect 3).

A till token is a credential kept on a store PC; a stolen or tampered till can send any event
the protocol allows. HQ therefore bounds what a till can grant:

* the kinds a till may send (`TILL_KINDS`): HQ's own kinds (a manual points adjustment) are never
  applied from a till;
* the points and the stored value one event may credit, and one till may credit in a day (HQ's
  date), per chain (`Bounds`, kept in `hq_settings` under `till_bounds:<chain id>`).

What passes a bound is not lost and not applied: the event is stored as received (it is the
record of what the till did) and a reconciliation item holds it for a person to review
(`held_kind`, `credit_held`). Debits (spending) are never held: they cannot mint anything. So a
compromised till costs at most a day's bound per chain day before HQ revokes it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from .models import SETTING_VALUE, Setting, TillCredit

# a push's reads and writes of its till's day, as plain Core statements (no ORM row: its unit of
# work, flushed by the push's next ORM query, cost more than PostgreSQL's work on it)
_credits = TillCredit.__table__
_READ_CREDITS = select(_credits.c.points, _credits.c.stored_value_fen).where(
    _credits.c.till_id == bindparam("till"), _credits.c.day == bindparam("on_day")
)
_ADD_CREDITS = insert(_credits).values(
    till_id=bindparam("till"), day=bindparam("on_day"), points=bindparam("n_points"), stored_value_fen=bindparam("fen")
)
_SET_CREDITS = (
    update(_credits)
    .where(_credits.c.till_id == bindparam("till"), _credits.c.day == bindparam("on_day"))
    .values(points=bindparam("n_points"), stored_value_fen=bindparam("fen"))
)

# every kind a till's code sends (sync/protocol.py EVENT_KINDS minus HQ's own "points_adjusted")
TILL_KINDS = frozenset(
    {
        "sale",
        "refund",
        "member_registered",
        "member_edited",
        "top_up",
        "points_redeemed",
        "coupon_used",
        "shift_closed",
        "mall_order_handed_over",
    }
)


@dataclass(frozen=True)
class Bounds:
    """One chain's bounds on a till. The defaults leave an honest till room: the largest top-up a
    till takes is 10,000 yuan plus its bonus; a large sale on a member day earns a few ten
    thousand points."""

    points_per_event: int = 50_000
    points_per_day: int = 500_000
    stored_value_fen_per_event: int = 1_500_000
    stored_value_fen_per_day: int = 5_000_000
    kinds: frozenset[str] = field(default=TILL_KINDS)

    def as_json(self) -> str:
        data = asdict(self)
        data["kinds"] = sorted(self.kinds)
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> Bounds:
        data = json.loads(text)
        if "kinds" in data:
            data["kinds"] = frozenset(data["kinds"])
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def setting_key(chain_id: str) -> str:
    return f"till_bounds:{chain_id}"


def load(s: Session, chain_id: str) -> Bounds:
    """The chain's bounds as stored, by one plain statement (every push reads them: `Allowance`),
    not through the ORM: a value this session has changed and not yet flushed is not seen."""
    value = s.connection().execute(SETTING_VALUE, {"key": setting_key(chain_id)}).scalar()
    return Bounds.from_json(value) if value is not None else Bounds()


def save(s: Session, chain_id: str, bounds: Bounds) -> None:
    for name in ("points_per_event", "points_per_day", "stored_value_fen_per_event", "stored_value_fen_per_day"):
        value = getattr(bounds, name)
        if not isinstance(value, int) or value < 0:
            raise ValueError(f"{name} must be a whole number, 0 or more")
    row = s.get(Setting, setting_key(chain_id))
    if row is None:
        s.add(Setting(key=setting_key(chain_id), value=bounds.as_json()))
    else:
        row.value = bounds.as_json()


class Allowance:
    """What one till may still credit as a push batch applies its events (the caller holds the
    till's row locked, so two pushes of one till never count at once). Read on first use; the
    day's totals are counted in plain integers (a push asks once per credit: the ORM row's
    attribute events per credit showed in its profile) and written to the row by `save()` in the
    batch's transaction."""

    def __init__(self, s: Session, chain_id: str, till_id: str, now: datetime):
        self.s, self.chain_id, self.till_id, self.day = s, chain_id, till_id, now.date().isoformat()
        self._bounds: Bounds | None = None
        self.stored: tuple[int, int] | None = None  # the row's totals as read (None: not read yet)
        self.held = False  # whether the row exists
        self.points_today = self.fen_today = 0  # the row's totals as this batch moves them
        self.event_id = ""
        self.event_points = self.event_fen = 0

    @property
    def bounds(self) -> Bounds:
        if self._bounds is None:
            self._bounds = load(self.s, self.chain_id)
        return self._bounds

    def may_send(self, kind: str) -> bool:
        return kind in self.bounds.kinds

    def _today(self) -> None:
        if self.stored is None:
            row = self.s.connection().execute(_READ_CREDITS, {"till": self.till_id, "on_day": self.day}).first()
            self.held = row is not None
            self.stored = (row[0], row[1]) if row is not None else (0, 0)
            self.points_today, self.fen_today = self.stored

    def _event(self, event_id: str) -> None:
        if event_id != self.event_id:
            self.event_id, self.event_points, self.event_fen = event_id, 0, 0

    def credit_points(self, event_id: str, points: int) -> bool:
        """Whether `points` may be credited (and, if so, counted); False: hold them for review."""
        self._event(event_id)
        self._today()
        b = self.bounds
        if self.event_points + points > b.points_per_event or self.points_today + points > b.points_per_day:
            return False
        self.event_points += points
        self.points_today += points
        return True

    def credit_stored_value(self, event_id: str, fen: int) -> bool:
        """As credit_points, for stored value (principal and bonus together)."""
        self._event(event_id)
        self._today()
        b = self.bounds
        if self.event_fen + fen > b.stored_value_fen_per_event or self.fen_today + fen > b.stored_value_fen_per_day:
            return False
        self.event_fen += fen
        self.fen_today += fen
        return True

    def save(self) -> None:
        """The day's totals into the till's row (written with the batch's transaction); a day
        asked about gets its row, zeros included."""
        if self.stored is None:
            return
        now = (self.points_today, self.fen_today)
        values = {"till": self.till_id, "on_day": self.day, "n_points": now[0], "fen": now[1]}
        if not self.held:
            self.s.connection().execute(_ADD_CREDITS, values)
            self.held = True
        elif now != self.stored:
            self.s.connection().execute(_SET_CREDITS, values)
        self.stored = now
