"""What a push does for the member lifecycle, in the push's own transaction, after ingest has
locked the members (its balance UPDATE): the points lots of each event (credits, spends,
refunds). Ingest collects the operations while it reads the events (`Lifecycle.add`) and calls
`apply` once; the change-feed rows it returns go in last.

The rest of what a sale moves — the member-day rollup, the segment facts (member_months,
member_facts, member_stores, member_categories), an immediate tier upgrade and the purchase
benefits — is not the push's: the push adds up its figures (`sale_day`, `basket`) and leaves
them to the applier as one `applier_queue` row (`work`), which hq/applier.py applies with other
pushes' rows after the push has committed (docs/lifecycle.md, "When the rollups happen").

Points lots stay in the push: a spend is covered by lots at once (what no lot covers is a
reconciliation item of the same push), the till receives the lots with the balances, and the
lots are written under the member locks the push holds anyway (measured: docs/performance-log.md,
session 20).
"""

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
    stores: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (member, store) -> visits, spend
    lines: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (member, product) -> amount, lines
    lot_owners: dict[str, str] = field(default_factory=dict)  # lot id -> member, of the lots written

    def add(self, op: str, *args: Any) -> None:
        self.ops.append((op, *args))

    def sale_day(self, member_id: str, day: date, spend_fen: int, points: int, sales: int) -> None:
        figures = self.days.setdefault((member_id, day), [0, 0, 0])
        figures[0] += spend_fen
        figures[1] += points
        figures[2] += sales

    def basket(self, member_id: str, store_code: str | None, payable_fen: int, lines: list[dict[str, Any]]) -> None:
        """A member's sale at a store, for member_stores and member_categories (hq/segments/facts.py)."""
        visits = self.stores.setdefault((member_id, store_code or ""), [0, 0])
        visits[0] += 1
        visits[1] += payable_fen
        for line in lines:
            product = line.get("product_id")
            if not product:
                continue
            amount = line.get("net_fen", line.get("gross_fen", 0))
            figures = self.lines.setdefault((member_id, str(product)), [0, 0])
            figures[0] += amount if isinstance(amount, int) else 0
            figures[1] += 1

    def work(self) -> dict[str, list] | None:
        """The push's figures for the applier (an `applier_queue` row's `work`), None without any."""
        if not self.days and not self.stores:
            return None
        return {
            "days": [[m, d.isoformat(), *f] for (m, d), f in self.days.items()],
            "stores": [[m, c, *f] for (m, c), f in self.stores.items()],
            "lines": [[m, p, *f] for (m, p), f in self.lines.items()],
        }

    def apply(self) -> list[tuple[str, str]]:
        """Apply the collected lot operations; the (kind, key) change-feed rows they make."""
        changes: list[tuple[str, str]] = []
        if self.ops:
            from .lots import LotWork
            from .program import points_program

            work = LotWork(self.s, points_program(self.s, self.chain_id))
            # the stored lots of the members a spend or refund takes from (a credit needs none)
            work.load({op[1] for op in self.ops if op[0] in ("spend", "take_back", "restore") and op[2]})
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
            self.lot_owners.update(work.owners)
        return changes
