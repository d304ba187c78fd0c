"""What a push does for the member lifecycle, in the push's own transaction, after ingest has
locked the members (its balance UPDATE): the points lots of each event (credits, spends,
refunds), the member-day rollup, an immediate tier upgrade for a member a sale qualifies, and
the benefits a sale triggers. Ingest collects the operations while it reads the events
(`Lifecycle.add`) and calls `apply` once; the change-feed rows it returns go in last."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session


@dataclass
class Lifecycle:
    s: Session
    chain_id: str
    now: datetime
    ops: list[tuple] = field(default_factory=list)
    days: dict[tuple[str, date], list[int]] = field(default_factory=dict)  # (member, day) -> spend, points, sales
    uncovered: list[tuple[str, str, int]] = field(default_factory=list)  # (member, event, points)
    baskets: list[tuple] = field(default_factory=list)  # (member, store, payable, lines): hq/segments facts

    def add(self, op: str, *args: Any) -> None:
        self.ops.append((op, *args))

    def sale_day(self, member_id: str, day: date, spend_fen: int, points: int, sales: int) -> None:
        figures = self.days.setdefault((member_id, day), [0, 0, 0])
        figures[0] += spend_fen
        figures[1] += points
        figures[2] += sales

    def apply(self) -> list[tuple[str, str]]:
        """Apply the collected operations; the (kind, key) change-feed rows they make."""
        changes: list[tuple[str, str]] = []
        if self.ops:
            from .lots import LotWork
            from .program import points_program

            work = LotWork(self.s, points_program(self.s, self.chain_id))
            work.load({op[1] for op in self.ops})
            # ("credit", member, points, earned on, source, ref, lot id): their lot ids checked at once
            work.check(
                (op[6] if len(op) > 6 else None) or work.lot_id_for(*op[1:6])
                for op in self.ops
                if op[0] == "credit" and op[2] > 0
            )
            for op, member_id, *args in self.ops:
                if op == "spend":
                    points, on, ref, preferred, event_id = args
                    covered = work.spend(member_id, points, on, ref, preferred)
                    if covered < points:
                        self.uncovered.append((member_id, event_id, points - covered))
                elif op == "take_back":
                    points, on, sale_ref, event_id = args
                    covered = work.take_back(member_id, points, on, sale_ref)
                    if covered < points:
                        self.uncovered.append((member_id, event_id, points - covered))
                else:
                    getattr(work, op)(member_id, *args)
            changes += [("points_lots", lot_id) for lot_id in work.flush()]
        if self.days:
            from .tiers import add_member_days, upgrade_now

            add_member_days(self.s, self.days)
            from ..segments.facts import at_ingest

            at_ingest(self.s, self.chain_id, self.days, self.baskets)
            buyers = sorted({m for (m, _), f in self.days.items() if f[0] > 0 or f[1] > 0})
            changes += upgrade_now(self.s, self.chain_id, buyers, self.now)
            from .benefits import on_purchases

            purchases = [(m, day, spend) for (m, day), (spend, _, sales) in sorted(self.days.items()) if sales > 0]
            changes += on_purchases(self.s, self.chain_id, purchases, self.now)
        return changes
