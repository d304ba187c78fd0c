"""Member administration for HQ staff: search (phone, its last four digits, card, id, name), the
member page's data, adjustments of points and stored value with a reason (a second staff
member's approval above the chain's limit), merging two records of one person, and the PIPL
export (JSON, CSV) and deletion by anonymisation.

Every search path is one indexed look-up (migration 0005): phone (chain, phone) unique, last four
digits (chain, substr(phone, 8, 4)), card (chain, card_no), name prefix (chain, name), id (the
primary key, or an alias). The page reads the member's rows by member id (ledgers, coupons,
adjustments, tier changes) and their receipts through the events' member index.

Ledgers are append-only: an adjustment adds entries; a merge moves the dropped record's entries
to the kept one (sums kept) and leaves an alias, as an offline registration of a known phone
does; anonymisation rewrites the person (name, phone, card, birthday, keys, events' personal
fields) and never a ledger. Errors are `Refused` with a coded DomainError (texts in
pos_app/domain/error_texts.py); no message carries a name or phone.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, delete, func, literal_column, select, update
from sqlalchemy.orm import Session

from pos_app.domain.errors import DomainError
from pos_app.domain.points import expiry_for
from pos_app.domain.rules import PointsProgram

from ..base import CodedRefusal, HQError, resolve
from ..models import (
    CatalogueRow,
    ChangeRow,
    Coupon,
    EventRow,
    Member,
    MemberAdjustment,
    MemberAlias,
    MemberSession,
    MemberTierChange,
    PointsEntry,
    ReconciliationItem,
    Setting,
    SignIn,
    Store,
    StoredValueEntry,
    TillRow,
)
from . import audit
from . import rules as rule_service
from .rules import actor_of

DEFAULT_LIMITS = {"points": 1000, "stored_value_fen": 10000}  # above these, a second person approves
PAGE_ROWS = 200  # ledger lines shown on the member page
RECEIPT_KINDS = ("sale", "refund", "top_up")
PERSONAL_FIELDS = ("phone", "name", "birthday", "card_no")  # scrubbed from events on deletion


class Refused(CodedRefusal):
    """A member operation refused: an HTTP status and a coded DomainError (no personal data)."""


def refuse(code: str, status: int = 422, /, **params: Any) -> Refused:
    return Refused(DomainError(code, **params), status)


def mask_phone(phone: str) -> str:
    """138****5678; a placeholder (an anonymised or freed phone) shows as ***."""
    return f"{phone[:3]}****{phone[-4:]}" if phone.isdigit() and len(phone) >= 7 else "***"


def event_member(s: Session):
    """The member id a till event names, written as migration 0005's index has it (a literal
    key, not a bound parameter: the index is used only for the same expression)."""
    if s.get_bind().dialect.name == "postgresql":
        return EventRow.payload.op("->>")(literal_column("'member_id'"))
    return func.json_extract(EventRow.payload, literal_column("'$.member_id'"))


def last4(s: Session):
    """The phone's last four digits, as migration 0005's index has it (literal arguments)."""
    return func.substr(Member.phone, literal_column("8"), literal_column("4"))


# ---- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberHit:
    id: str
    name: str
    phone: str  # masked
    tier_code: str
    points: int
    stored_value_fen: int


@dataclass(frozen=True)
class TierStep:
    at: datetime
    from_tier: str | None
    to_tier: str
    by: str
    reason: str


@dataclass(frozen=True)
class Lot:
    earned_on: date
    points: int
    remaining: int
    expires_on: date | None
    source: str


@dataclass(frozen=True)
class PointsLine:
    at: datetime
    delta: int
    kind: str  # sale | refund | sign_in | opening | adjust | expiry | ...
    ref: str  # receipt number, adjustment number, day
    store: str  # the store whose till sent it ("" for HQ's own entries)
    balance_after: int


@dataclass(frozen=True)
class StoredValueLine:
    at: datetime
    principal_fen: int
    bonus_fen: int
    kind: str
    ref: str
    store: str
    principal_after_fen: int
    bonus_after_fen: int


@dataclass(frozen=True)
class CouponLine:
    code: str
    template_id: str
    template_name: str
    status: str
    valid_from: datetime | None
    valid_to: datetime | None


@dataclass(frozen=True)
class ReceiptLine:
    at: datetime
    kind: str
    receipt_no: str
    store: str
    amount_fen: int


@dataclass(frozen=True)
class AdjustmentView:
    id: int
    member_id: str
    points: int
    principal_fen: int
    bonus_fen: int
    reason: str
    status: str
    requested_by: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None


@dataclass(frozen=True)
class MemberPage:
    id: str
    name: str
    phone: str  # masked
    card_no: str | None
    birthday: str | None
    consent: bool
    consent_at: datetime | None
    created_at: datetime
    anonymised: bool
    tier_code: str
    tier_name: str
    points: int
    principal_fen: int
    bonus_fen: int
    aliases: tuple[str, ...]
    tier_history: tuple[TierStep, ...]
    lots: tuple[Lot, ...]
    points_ledger: tuple[PointsLine, ...]
    stored_value_ledger: tuple[StoredValueLine, ...]
    coupons: tuple[CouponLine, ...]
    receipts: tuple[ReceiptLine, ...]
    adjustments: tuple[AdjustmentView, ...]
    limits: dict[str, int]  # the chain's approval limits (the adjust form says them)


def _adjustment(a: MemberAdjustment) -> AdjustmentView:
    return AdjustmentView(
        a.id,
        a.member_id,
        a.points,
        a.principal_fen,
        a.bonus_fen,
        a.reason,
        a.status,
        a.requested_by,
        a.requested_at,
        a.decided_by,
        a.decided_at,
    )


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class MemberAdmin:
    """The member use cases for one HQ (`hq.service.HQ`: its engine and clock)."""

    def __init__(self, hq):
        self.hq = hq

    # ---- search -----------------------------------------------------------------------------
    def search(self, chain_id: str, query: str, limit: int = 20) -> list[MemberHit]:
        """Members matching `query`: a whole phone (11 digits), its last four digits, a card
        number (other digits), a member id, or the start of a name."""
        q = (query or "").strip()
        if not q or len(q) > 40:
            raise refuse("members.query_invalid", field="q")
        limit = max(1, min(limit, 100))
        with self.hq.tx() as s:
            base = select(Member).where(Member.chain_id == chain_id)
            if q.isdigit() and len(q) == 11:
                found = list(s.scalars(base.where(Member.phone == q)))
            elif q.isdigit() and len(q) == 4:
                found = list(s.scalars(base.where(last4(s) == q).order_by(Member.id).limit(limit)))
            elif q.isdigit():
                found = list(s.scalars(base.where(Member.card_no == q).order_by(Member.id).limit(limit)))
            else:
                found = []
                member = s.get(Member, resolve(s, q))
                if member is not None and member.chain_id == chain_id:
                    found = [member]
                if not found:
                    found = list(
                        s.scalars(base.where(self._name_prefix(s, q)).order_by(Member.name, Member.id).limit(limit))
                    )
            return [
                MemberHit(m.id, m.name, mask_phone(m.phone), m.tier_code, m.points, m.principal_fen + m.bonus_fen)
                for m in found
            ]

    @staticmethod
    def _name_prefix(s: Session, q: str):
        if s.get_bind().dialect.name == "postgresql":  # text_pattern_ops index: LIKE 'q%'
            pattern = q.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_") + "%"
            return Member.name.like(pattern, escape="\\")
        return and_(Member.name >= q, Member.name < q + "\U0010ffff")

    # ---- the member page ------------------------------------------------------------------------
    def page(self, chain_id: str, member_id: str) -> MemberPage:
        with self.hq.tx() as s:
            m = self._member(s, chain_id, member_id)
            aliases = tuple(s.scalars(select(MemberAlias.alias_id).where(MemberAlias.member_id == m.id)))
            stores = self._stores(s)
            # the chain's tiers, coupon templates and points program in one read
            catalogue: dict[str, dict[str, dict]] = {"tiers": {}, "coupon_templates": {}, "settings": {}}
            for kind, key, data in s.execute(
                select(CatalogueRow.kind, CatalogueRow.key, CatalogueRow.data).where(
                    CatalogueRow.chain_id == chain_id,
                    CatalogueRow.store_code == "",
                    CatalogueRow.kind.in_(("tiers", "coupon_templates", "settings")),
                )
            ):
                if kind != "settings" or key == "points_program":
                    catalogue[kind][key] = data
            tiers = catalogue["tiers"]
            history = tuple(
                TierStep(t.at, t.from_tier, t.to_tier, t.by, t.reason)
                for t in s.scalars(
                    select(MemberTierChange)
                    .where(MemberTierChange.member_id == m.id)
                    .order_by(MemberTierChange.at.desc(), MemberTierChange.id.desc())
                )
            )
            points_rows = s.execute(
                select(
                    PointsEntry.id,
                    PointsEntry.at,
                    PointsEntry.delta,
                    PointsEntry.kind,
                    PointsEntry.ref,
                    TillRow.store_id,
                )
                .outerjoin(EventRow, EventRow.event_id == PointsEntry.event_id)
                .outerjoin(TillRow, TillRow.id == EventRow.till_id)
                .where(PointsEntry.member_id == m.id)
                .order_by(PointsEntry.at, PointsEntry.id)
            ).all()
            sv_rows = s.execute(
                select(
                    StoredValueEntry.at,
                    StoredValueEntry.principal_fen,
                    StoredValueEntry.bonus_fen,
                    StoredValueEntry.kind,
                    StoredValueEntry.ref,
                    TillRow.store_id,
                )
                .outerjoin(EventRow, EventRow.event_id == StoredValueEntry.event_id)
                .outerjoin(TillRow, TillRow.id == EventRow.till_id)
                .where(StoredValueEntry.member_id == m.id)
                .order_by(StoredValueEntry.at.desc(), StoredValueEntry.id.desc())
                .limit(PAGE_ROWS)
            ).all()
            templates = {k: d.get("name", k) for k, d in catalogue["coupon_templates"].items()}
            coupons = tuple(
                CouponLine(
                    c.code,
                    c.template_id,
                    templates.get(c.template_id, c.template_id),
                    c.status,
                    c.valid_from,
                    c.valid_to,
                )
                for c in s.scalars(
                    select(Coupon).where(Coupon.member_id == m.id).order_by(Coupon.valid_to.desc(), Coupon.code)
                )
            )
            ids = [m.id, *aliases]
            receipts = tuple(
                ReceiptLine(
                    at,
                    kind,
                    payload.get("receipt_no", ""),
                    stores.get(store_id, ""),
                    int(
                        payload.get("payable_fen")
                        or payload.get("refund_fen")
                        or payload.get("pay_fen")
                        # a top-up's event carries what was paid as its principal
                        or payload.get("principal_fen")
                        or 0
                    ),
                )
                for at, kind, payload, store_id in s.execute(
                    select(EventRow.at, EventRow.kind, EventRow.payload, TillRow.store_id)
                    .outerjoin(TillRow, TillRow.id == EventRow.till_id)
                    .where(event_member(s).in_(ids), EventRow.kind.in_(RECEIPT_KINDS))
                    .order_by(EventRow.at.desc())
                    .limit(PAGE_ROWS)
                )
            )
            adjustments = tuple(
                _adjustment(a)
                for a in s.scalars(
                    select(MemberAdjustment)
                    .where(MemberAdjustment.member_id == m.id)
                    .order_by(MemberAdjustment.id.desc())
                    .limit(50)
                )
            )
            program = self._program(catalogue["settings"].get("points_program"))
            limits = self._limits(s, chain_id)
        running, ledger = 0, []
        for _, at, delta, kind, ref, store_id in points_rows:
            running += delta
            ledger.append(PointsLine(at, delta, kind, ref, stores.get(store_id, ""), running))
        principal, bonus = m.principal_fen, m.bonus_fen
        sv = []
        for at, p, b, kind, ref, store_id in sv_rows:  # newest first: balances walk back
            sv.append(StoredValueLine(at, p, b, kind, ref, stores.get(store_id, ""), principal, bonus))
            principal, bonus = principal - p, bonus - b
        return MemberPage(
            id=m.id,
            name=m.name,
            phone=mask_phone(m.phone),
            card_no=m.card_no,
            birthday=m.birthday,
            consent=m.consent,
            consent_at=m.consent_at,
            created_at=m.created_at,
            anonymised=bool((m.custom or {}).get("anonymised_at")),
            tier_code=m.tier_code,
            tier_name=(tiers.get(m.tier_code) or {}).get("name", m.tier_code),
            points=m.points,
            principal_fen=m.principal_fen,
            bonus_fen=m.bonus_fen,
            aliases=aliases,
            tier_history=history,
            lots=tuple(lots_from([(at, delta, kind) for _, at, delta, kind, _, _ in points_rows], program)),
            points_ledger=tuple(reversed(ledger[-PAGE_ROWS:])),
            stored_value_ledger=tuple(sv),
            coupons=coupons,
            receipts=receipts,
            adjustments=adjustments,
            limits=limits,
        )

    @staticmethod
    def _member(s: Session, chain_id: str, member_id: str, lock: bool = False) -> Member:
        if not isinstance(member_id, str) or not 0 < len(member_id) <= 40:
            raise refuse("members.not_found", 404, field="member_id")
        m = s.get(Member, member_id, with_for_update=lock)  # an alias has no member row of its own
        if m is None:
            m = s.get(Member, resolve(s, member_id), with_for_update=lock)
        if m is None or m.chain_id != chain_id:
            raise refuse("members.not_found", 404, field="member_id")
        return m

    @staticmethod
    def _stores(s: Session) -> dict[str, str]:
        return {i: f"{c} {n}" for i, c, n in s.execute(select(Store.id, Store.code, Store.name))}

    @staticmethod
    def _program(row: dict | None) -> PointsProgram:
        if not row:
            return PointsProgram()
        try:
            return rule_service.load({("settings", "points_program"): row}).program
        except HQError:
            return PointsProgram()

    # ---- adjustments ----------------------------------------------------------------------------
    def limits(self, chain_id: str) -> dict[str, int]:
        with self.hq.tx() as s:
            return self._limits(s, chain_id)

    @staticmethod
    def _limits(s: Session, chain_id: str) -> dict[str, int]:
        row = s.get(Setting, f"adjust_limits:{chain_id}")
        return dict(DEFAULT_LIMITS, **(json.loads(row.value) if row else {}))

    def set_limits(self, chain_id: str, points: Any, stored_value_fen: Any, by: audit.Actor | str) -> dict[str, int]:
        """The chain's limits: an adjustment above either waits for a second person's approval."""
        for field, value in (("points", points), ("stored_value_fen", stored_value_fen)):
            if not _int(value) or not 0 <= value <= 10**9:
                raise refuse("members.limit_invalid", field=field)
        value = json.dumps({"points": points, "stored_value_fen": stored_value_fen})
        with self.hq.tx() as s:
            row = s.get(Setting, f"adjust_limits:{chain_id}", with_for_update=True)
            before = dict(DEFAULT_LIMITS, **(json.loads(row.value) if row else {}))
            if row is None:
                s.add(Setting(key=f"adjust_limits:{chain_id}", value=value))
            else:
                row.value = value
            audit.record(
                s,
                actor_of(chain_id, by),
                "members.limits_set",
                "adjust_limits",
                before=before,
                after=json.loads(value),
                now=self.hq.clock(),
            )
        return {"points": points, "stored_value_fen": stored_value_fen}

    def adjust(
        self,
        chain_id: str,
        member_id: str,
        by: audit.Actor | str,
        reason: str,
        *,
        points: Any = 0,
        principal_fen: Any = 0,
        bonus_fen: Any = 0,
    ) -> AdjustmentView:
        """Add (or take) points or stored value with a reason. Within the chain's limits it is
        applied at once; above them it waits, applied only when another staff member approves."""
        for field, value in (("points", points), ("principal_fen", principal_fen), ("bonus_fen", bonus_fen)):
            if not _int(value) or abs(value) > 10**9:
                raise refuse("members.adjust_not_whole", field=field)
        if not (points or principal_fen or bonus_fen):
            raise refuse("members.adjust_nothing", field="points")
        reason = (reason or "").strip()
        if not 2 <= len(reason) <= 200:
            raise refuse("members.adjust_reason_required", field="reason")
        actor = actor_of(chain_id, by)
        limits = self.limits(chain_id)
        needs_approval = (
            abs(points) > limits["points"] or abs(principal_fen) + abs(bonus_fen) > limits["stored_value_fen"]
        )
        with self.hq.tx() as s:
            m = self._member(s, chain_id, member_id, lock=True)
            self._check_balances(m, points, principal_fen, bonus_fen)
            row = MemberAdjustment(
                chain_id=chain_id,
                member_id=m.id,
                points=points,
                principal_fen=principal_fen,
                bonus_fen=bonus_fen,
                reason=reason,
                status="pending",
                requested_by=actor.name,
                requested_at=self.hq.clock(),
            )
            s.add(row)
            s.flush()
            before = self._balances(m)
            if not needs_approval:
                self._apply(s, m, row, actor.name)
            audit.record(
                s,
                actor,
                "members.adjusted" if not needs_approval else "members.adjustment_requested",
                f"member/{m.id}",
                before=before,
                after=dict(self._balances(m), adjustment=row.id, reason=reason, status=row.status),
                now=self.hq.clock(),
            )
            return _adjustment(row)

    @staticmethod
    def _balances(m: Member) -> dict[str, int]:
        return {"points": m.points, "principal_fen": m.principal_fen, "bonus_fen": m.bonus_fen}

    def pending(self, chain_id: str) -> list[AdjustmentView]:
        with self.hq.tx() as s:
            return [
                _adjustment(a)
                for a in s.scalars(
                    select(MemberAdjustment)
                    .where(MemberAdjustment.chain_id == chain_id, MemberAdjustment.status == "pending")
                    .order_by(MemberAdjustment.id)
                )
            ]

    def approve(self, chain_id: str, adjustment_id: int, by: audit.Actor | str) -> AdjustmentView:
        """A second staff member approves a waiting adjustment (never the one who asked)."""
        actor = actor_of(chain_id, by)
        with self.hq.tx() as s:
            row = self._waiting(s, chain_id, adjustment_id)
            if row.requested_by == actor.name:
                raise refuse("members.approver_is_requester", 403, field="approver")
            m = self._member(s, chain_id, row.member_id, lock=True)
            self._check_balances(m, row.points, row.principal_fen, row.bonus_fen)
            before = self._balances(m)
            self._apply(s, m, row, actor.name)
            audit.record(
                s,
                actor,
                "members.adjustment_approved",
                f"member/{m.id}",
                before=before,
                after=dict(self._balances(m), adjustment=row.id, requested_by=row.requested_by),
                now=self.hq.clock(),
            )
            return _adjustment(row)

    def reject(self, chain_id: str, adjustment_id: int, by: audit.Actor | str) -> AdjustmentView:
        actor = actor_of(chain_id, by)
        with self.hq.tx() as s:
            row = self._waiting(s, chain_id, adjustment_id)
            row.status, row.decided_by, row.decided_at = "rejected", actor.name, self.hq.clock()
            audit.record(
                s,
                actor,
                "members.adjustment_rejected",
                f"member/{row.member_id}",
                before={"adjustment": row.id, "status": "pending"},
                after={"adjustment": row.id, "status": "rejected"},
                now=self.hq.clock(),
            )
            return _adjustment(row)

    @staticmethod
    def _waiting(s: Session, chain_id: str, adjustment_id: int) -> MemberAdjustment:
        row = s.get(MemberAdjustment, adjustment_id, with_for_update=True) if _int(adjustment_id) else None
        if row is None or row.chain_id != chain_id:
            raise refuse("members.no_such_adjustment", 404, field="adjustment")
        if row.status != "pending":
            raise refuse("members.adjustment_decided", 409, field="adjustment", decision=row.status)
        return row

    @staticmethod
    def _check_balances(m: Member, points: int, principal_fen: int, bonus_fen: int) -> None:
        if m.points + points < 0:
            raise refuse("members.adjust_below_zero", field="points", have=m.points)
        if m.principal_fen + principal_fen < 0:
            raise refuse("members.adjust_below_zero_fen", field="principal_fen", have_fen=m.principal_fen)
        if m.bonus_fen + bonus_fen < 0:
            raise refuse("members.adjust_below_zero_fen", field="bonus_fen", have_fen=m.bonus_fen)

    def _apply(self, s: Session, m: Member, row: MemberAdjustment, by: str) -> None:
        now = self.hq.clock()
        ref = f"ADJ{row.id}"
        if row.points:
            s.add(PointsEntry(member_id=m.id, delta=row.points, kind="adjust", ref=ref, event_id=None, at=now))
            m.points += row.points
        if row.principal_fen or row.bonus_fen:
            s.add(
                StoredValueEntry(
                    member_id=m.id,
                    principal_fen=row.principal_fen,
                    bonus_fen=row.bonus_fen,
                    kind="adjust",
                    ref=ref,
                    event_id=None,
                    at=now,
                )
            )
            m.principal_fen += row.principal_fen
            m.bonus_fen += row.bonus_fen
        row.status, row.decided_by, row.decided_at = "applied", by[:64], now
        s.flush()  # rows first, the change feed's lock last
        s.add(ChangeRow(chain_id=m.chain_id, store_code="", kind="members", key=m.id))

    # ---- tier -------------------------------------------------------------------------------------
    def set_tier(self, chain_id: str, member_id: str, tier_code: str, by: audit.Actor | str, reason: str) -> None:
        """Move a member to a tier by hand (recorded in the tier history)."""
        reason = (reason or "").strip()
        if not 2 <= len(reason) <= 200:
            raise refuse("members.adjust_reason_required", field="reason")
        with self.hq.tx() as s:
            m = self._member(s, chain_id, member_id, lock=True)
            if s.get(CatalogueRow, (chain_id, "tiers", str(tier_code)[:64], "")) is None:
                raise refuse("members.no_such_tier", field="tier_code")
            if m.tier_code == tier_code:
                return
            actor = actor_of(chain_id, by)
            s.add(
                MemberTierChange(
                    member_id=m.id,
                    from_tier=m.tier_code,
                    to_tier=tier_code,
                    at=self.hq.clock(),
                    by=actor.name,
                    reason=reason,
                )
            )
            audit.record(
                s,
                actor,
                "members.tier_set",
                f"member/{m.id}",
                before={"tier": m.tier_code},
                after={"tier": tier_code, "reason": reason},
                now=self.hq.clock(),
            )
            m.tier_code = tier_code
            s.flush()
            s.add(ChangeRow(chain_id=chain_id, store_code="", kind="members", key=m.id))

    # ---- merge --------------------------------------------------------------------------------
    def merge(self, chain_id: str, keep_id: str, drop_id: str, by: audit.Actor | str, reason: str) -> MemberHit:
        """Two records of one person become one: the dropped record's ledger entries, coupons,
        adjustments, tier history, sign-ins and aliases move to the kept one (balances added: the
        sums are kept), the dropped id becomes an alias of the kept one (tills move their local
        history when the alias reaches them), and the dropped record is removed."""
        reason = (reason or "").strip()
        if not 2 <= len(reason) <= 200:
            raise refuse("members.adjust_reason_required", field="reason")
        with self.hq.tx() as s:
            keep_id, drop_id = resolve(s, keep_id) or "", resolve(s, drop_id) or ""
            if keep_id == drop_id:
                raise refuse("members.merge_same", field="drop_id")
            first, second = sorted([keep_id, drop_id])  # locked in id order: no deadlock
            self._member(s, chain_id, first, lock=True)
            self._member(s, chain_id, second, lock=True)
            keep, drop = s.get(Member, keep_id), s.get(Member, drop_id)
            now = self.hq.clock()
            actor = actor_of(chain_id, by)
            before = {"kept": dict(self._balances(keep), id=keep.id), "dropped": dict(self._balances(drop), id=drop.id)}
            for model in (PointsEntry, StoredValueEntry, MemberAdjustment, MemberTierChange, ReconciliationItem):
                s.execute(update(model).where(model.member_id == drop.id).values(member_id=keep.id))
            s.execute(update(Coupon).where(Coupon.member_id == drop.id).values(member_id=keep.id))
            s.execute(update(MemberAlias).where(MemberAlias.member_id == drop.id).values(member_id=keep.id))
            s.execute(update(Member).where(Member.referred_by == drop.id).values(referred_by=keep.id))
            kept_days = set(s.scalars(select(SignIn.day).where(SignIn.member_id == keep.id)))
            s.execute(delete(SignIn).where(SignIn.member_id == drop.id, SignIn.day.in_(kept_days)))
            s.execute(update(SignIn).where(SignIn.member_id == drop.id).values(member_id=keep.id))
            s.execute(delete(MemberSession).where(MemberSession.member_id == drop.id))
            keep.points += drop.points
            keep.principal_fen += drop.principal_fen
            keep.bonus_fen += drop.bonus_fen
            if not keep.card_no and drop.card_no:
                keep.card_no = drop.card_no
            s.add(
                MemberTierChange(
                    member_id=keep.id,
                    from_tier=keep.tier_code,
                    to_tier=keep.tier_code,
                    at=now,
                    by=actor.name,
                    reason=f"merged {drop.id}: {reason}"[:200],
                )
            )
            audit.record(
                s,
                actor,
                "members.merged",
                f"member/{keep.id}",
                before=before,
                after=dict(self._balances(keep), id=keep.id, alias=drop.id, reason=reason),
                now=now,
            )
            s.flush()
            s.delete(drop)
            s.flush()
            s.add(MemberAlias(alias_id=drop.id, member_id=keep.id))
            s.flush()
            s.add_all(
                [
                    ChangeRow(chain_id=chain_id, store_code="", kind="members", key=keep.id),
                    ChangeRow(chain_id=chain_id, store_code="", kind="aliases", key=drop.id),
                ]
            )
            return MemberHit(
                keep.id,
                keep.name,
                mask_phone(keep.phone),
                keep.tier_code,
                keep.points,
                keep.principal_fen + keep.bonus_fen,
            )

    # ---- PIPL: export and deletion ------------------------------------------------------------
    def export(self, chain_id: str, member_id: str, by: audit.Actor | str = "") -> dict[str, Any]:
        """Everything HQ holds about one member, for the member (PIPL): profile (unmasked),
        consent, tier history, ledgers with sources, coupons, receipts, sign-ins, adjustments."""
        page = self.page(chain_id, member_id)
        with self.hq.tx() as s:
            m = self._member(s, chain_id, member_id)
            ids = [m.id, *page.aliases]
            points = [
                dict(at=e.at, delta=e.delta, kind=e.kind, ref=e.ref)
                for e in s.scalars(
                    select(PointsEntry).where(PointsEntry.member_id == m.id).order_by(PointsEntry.at, PointsEntry.id)
                )
            ]
            sv = [
                dict(at=e.at, principal_fen=e.principal_fen, bonus_fen=e.bonus_fen, kind=e.kind, ref=e.ref)
                for e in s.scalars(
                    select(StoredValueEntry)
                    .where(StoredValueEntry.member_id == m.id)
                    .order_by(StoredValueEntry.at, StoredValueEntry.id)
                )
            ]
            receipts = [
                dict(at=at, kind=kind, payload=payload)
                for at, kind, payload in s.execute(
                    select(EventRow.at, EventRow.kind, EventRow.payload)
                    .where(event_member(s).in_(ids), EventRow.kind.in_(RECEIPT_KINDS))
                    .order_by(EventRow.at)
                )
            ]
            sign_ins = [
                dict(day=d.day, streak=d.streak, points=d.points)
                for d in s.scalars(select(SignIn).where(SignIn.member_id == m.id).order_by(SignIn.day))
            ]
            profile = dict(
                id=m.id,
                phone=m.phone,
                card_no=m.card_no,
                name=m.name,
                birthday=m.birthday,
                tier_code=m.tier_code,
                consent=m.consent,
                consent_at=m.consent_at,
                custom=m.custom,
                created_at=m.created_at,
                referral_code=m.referral_code,
                referred_by=m.referred_by,
                points=m.points,
                principal_fen=m.principal_fen,
                bonus_fen=m.bonus_fen,
            )
        if by:
            with self.hq.tx() as s:
                audit.record(
                    s,
                    actor_of(chain_id, by),
                    "members.exported",
                    f"member/{profile['id']}",
                    before=None,
                    after={"sections": ["member", "ledgers", "coupons", "receipts", "sign_ins"]},
                    now=self.hq.clock(),
                )
        out = dict(
            member=profile,
            aliases=list(page.aliases),
            tier_history=[asdict(t) for t in page.tier_history],
            points_ledger=points,
            stored_value_ledger=sv,
            coupons=[asdict(c) for c in page.coupons],
            receipts=receipts,
            sign_ins=sign_ins,
            adjustments=[asdict(a) for a in page.adjustments],
        )
        return json.loads(json.dumps(out, default=_json, ensure_ascii=False))

    def export_csv(self, chain_id: str, member_id: str, by: audit.Actor | str = "") -> str:
        """The same export as one CSV: a `section` column, then the entry's own columns."""
        data = self.export(chain_id, member_id, by)
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(["section", "at", "kind", "ref", "points", "principal_fen", "bonus_fen", "detail"])
        for key, value in data["member"].items():
            w.writerow(
                [
                    "member",
                    "",
                    key,
                    "",
                    "",
                    "",
                    "",
                    ""
                    if value is None
                    else (json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value),
                ]
            )
        for alias in data["aliases"]:
            w.writerow(["alias", "", "", alias, "", "", "", ""])
        for t in data["tier_history"]:
            w.writerow(["tier", t["at"], t["to_tier"], t["from_tier"] or "", "", "", "", t["reason"]])
        for e in data["points_ledger"]:
            w.writerow(["points", e["at"], e["kind"], e["ref"], e["delta"], "", "", ""])
        for e in data["stored_value_ledger"]:
            w.writerow(["stored_value", e["at"], e["kind"], e["ref"], "", e["principal_fen"], e["bonus_fen"], ""])
        for c in data["coupons"]:
            w.writerow(["coupon", c["valid_to"] or "", c["status"], c["code"], "", "", "", c["template_name"]])
        for r in data["receipts"]:
            w.writerow(
                [
                    "receipt",
                    r["at"],
                    r["kind"],
                    r["payload"].get("receipt_no", ""),
                    "",
                    "",
                    "",
                    json.dumps(r["payload"], ensure_ascii=False),
                ]
            )
        for d in data["sign_ins"]:
            w.writerow(["sign_in", d["day"], "sign_in", "", d["points"], "", "", f"streak {d['streak']}"])
        for a in data["adjustments"]:
            w.writerow(
                [
                    "adjustment",
                    a["requested_at"],
                    a["status"],
                    f"ADJ{a['id']}",
                    a["points"],
                    a["principal_fen"],
                    a["bonus_fen"],
                    a["reason"],
                ]
            )
        return out.getvalue()

    def anonymise(self, chain_id: str, member_id: str, by: audit.Actor | str) -> None:
        """Delete a member's person (PIPL) and keep the books: name, phone, card, birthday, custom
        fields, member-code key, referral code, sessions and the personal fields of their events
        go; the ledgers, coupons and receipts stay (their sums unchanged), under the same id."""
        with self.hq.tx() as s:
            m = self._member(s, chain_id, member_id, lock=True)
            ids = [m.id, *s.scalars(select(MemberAlias.alias_id).where(MemberAlias.member_id == m.id))]
            m.name = "已注销"
            m.phone = "~" + hashlib.sha256(m.id.encode()).hexdigest()[:15]
            m.card_no = m.birthday = m.public_key = m.referral_code = None
            m.custom = {"anonymised_at": self.hq.clock().isoformat()}
            m.consent, m.consent_at = False, None
            s.execute(delete(MemberSession).where(MemberSession.member_id == m.id))
            for event in s.scalars(select(EventRow).where(event_member(s).in_(ids))):
                if any(event.payload.get(f) for f in PERSONAL_FIELDS):
                    event.payload = {k: (None if k in PERSONAL_FIELDS else v) for k, v in event.payload.items()}
            for item in s.scalars(select(ReconciliationItem).where(ReconciliationItem.member_id == m.id)):
                item.detail = {k: v for k, v in (item.detail or {}).items() if not k.startswith("phone")}
            audit.record(
                s,
                actor_of(chain_id, by),
                "members.anonymised",
                f"member/{m.id}",
                before={"personal_data": True},
                after={"personal_data": False, **self._balances(m)},
                now=self.hq.clock(),
            )
            s.flush()
            s.add(ChangeRow(chain_id=chain_id, store_code="", kind="members", key=m.id))


def lots_from(entries: list[tuple[datetime, int, str]], program: PointsProgram) -> list[Lot]:
    """The points lots a ledger implies, by the till's rules (`domain.points.expiry_for`): each
    credit is a lot expiring as the chain's program says; each debit takes the oldest lots
    first. Newest lot first."""
    lots: list[list] = []  # [earned_on, points, remaining, expires_on, source]
    for at, delta, kind in entries:
        if delta > 0:
            lots.append([at.date(), delta, delta, expiry_for(program, at.date()), kind])
            continue
        left = -delta
        for lot in lots:
            if left == 0:
                break
            take = min(lot[2], left)
            lot[2] -= take
            left -= take
    return [Lot(*lot) for lot in reversed(lots)]


def _json(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(type(value).__name__)


__all__ = ["DEFAULT_LIMITS", "MemberAdmin", "MemberHit", "MemberPage", "Refused", "lots_from", "mask_phone"]
