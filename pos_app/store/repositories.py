"""Repositories: named queries over the till database, so services never write SQL.

Every repository works inside the unit of work's session (one transaction per use case).
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from pos_app.domain import open_cart, privacy

from .ids import new_id
from .models import (
    AuditEntry,
    Barcode,
    Cashier,
    CouponTemplateRow,
    Gift,
    MemberCoupon,
    MemberRow,
    OpenCart,
    OutboxEvent,
    PaymentRow,
    PointsEntry,
    PointsLotRow,
    Product,
    PromotionRow,
    SaleLineRow,
    SaleRow,
    Setting,
    StoredValueEntry,
    SuspendedSale,
    SyncState,
    TierRow,
    TopUpPlanRow,
    UsedMemberCode,
)


def _builtin_sha256() -> Callable[[bytes], Any]:
    """Python's own SHA-256 (the same digest as hashlib's OpenSSL one): for the few hundred bytes
    an audit entry hashes, OpenSSL's setup is most of the cost (bench checkout, in place: ~35 us a
    sale against ~16)."""
    for name in ("_sha256", "_sha2"):  # CPython 3.11, 3.12+
        try:
            return importlib.import_module(name).sha256
        except ImportError:
            continue
    return hashlib.sha256


_sha256 = _builtin_sha256()

_BY_BARCODE = (
    select(*Product.__table__.c)
    .join(Barcode.__table__, Barcode.product_id == Product.id)
    .where(Barcode.code == bindparam("code"), Product.active.is_(True))
)


def _write(session: Session, statement, rows: list[dict] | None = None) -> None:
    """A table-level INSERT/UPDATE on the session's connection, in its transaction: in the
    database at once, with no ORM object or flush (`rows`: one executemany)."""
    session.connection().execute(statement, rows)


_lots = PointsLotRow.__table__
_TAKE_FROM_LOT = (
    update(_lots).where(_lots.c.id == bindparam("lot")).values(remaining=_lots.c.remaining + bindparam("n"))
)

_open = OpenCart.__table__
_SAVE_OPEN = sqlite_insert(_open)
_SAVE_OPEN = _SAVE_OPEN.on_conflict_do_update(
    index_elements=[_open.c.till_id],
    set_={"cart": _SAVE_OPEN.excluded.cart, "updated_at": _SAVE_OPEN.excluded.updated_at},
)
_DROP_OPEN = delete(_open).where(_open.c.till_id == bindparam("till_id"))


class Products:
    def __init__(self, session: Session):
        self.s = session

    def by_id(self, product_id: str) -> Product | None:
        return self.s.get(Product, product_id)

    def by_barcode(self, code: str) -> Product | None:
        """The active product with this barcode (read with Core: a scan must not wait for the ORM;
        the Product returned is a plain copy, not attached to the session)."""
        row = self.s.connection().execute(_BY_BARCODE, {"code": code}).first()
        return None if row is None else Product(**row._mapping)

    def search(self, text: str, limit: int = 30) -> list[Product]:
        """Name contains `text`, or pinyin initials / full pinyin start with it (kkkl -> 可口可乐).

        Pinyin prefixes use the index (a range scan); Chinese text falls back to a name scan.
        """
        text = text.strip().lower()
        if not text:
            return []
        active = Product.active.is_(True)
        if text.isascii() and text.isalnum():
            upper = text[:-1] + chr(ord(text[-1]) + 1)
            found = list(
                self.s.scalars(
                    select(Product)
                    .where(active, Product.initials >= text, Product.initials < upper)
                    .order_by(Product.initials, Product.id)
                    .limit(limit)
                )
            )
            if len(found) < limit:
                seen = {p.id for p in found}
                more = self.s.scalars(
                    select(Product)
                    .where(active, Product.pinyin >= text, Product.pinyin < upper)
                    .order_by(Product.pinyin, Product.id)
                    .limit(limit)
                )
                found += [p for p in more if p.id not in seen][: limit - len(found)]
            return found
        pattern = "%" + text.replace("%", r"\%").replace("_", r"\_") + "%"
        return list(
            self.s.scalars(
                select(Product).where(active, Product.name.like(pattern, escape="\\")).order_by(Product.id).limit(limit)
            )
        )


class Rules:
    """Promotions, coupon templates, tiers, plans, gifts and the settings that hold programs."""

    def __init__(self, session: Session):
        self.s = session

    def promotions(self) -> Sequence[PromotionRow]:
        return self.s.scalars(select(PromotionRow).where(PromotionRow.active.is_(True))).all()

    def coupon_template(self, template_id: str) -> CouponTemplateRow | None:
        return self.s.get(CouponTemplateRow, template_id)

    def tiers(self) -> Sequence[TierRow]:
        return self.s.scalars(select(TierRow).order_by(TierRow.rank)).all()

    def tier(self, code: str) -> TierRow | None:
        return self.s.get(TierRow, code)

    def plans(self) -> Sequence[TopUpPlanRow]:
        return self.s.scalars(select(TopUpPlanRow).order_by(TopUpPlanRow.pay_fen)).all()

    def coupon_templates(self) -> Sequence[CouponTemplateRow]:
        return self.s.scalars(select(CouponTemplateRow)).all()

    def gifts(self) -> Sequence[Gift]:
        return self.s.scalars(select(Gift).order_by(Gift.points)).all()

    def setting(self, key: str, default: Any = None) -> Any:
        row = self.s.get(Setting, key)
        return default if row is None else row.value

    def set_setting(self, key: str, value: Any) -> None:
        row = self.s.get(Setting, key)
        if row is None:
            self.s.add(Setting(key=key, value=value))
        else:
            row.value = value


class Members:
    def __init__(self, session: Session):
        self.s = session

    def by_id(self, member_id: str) -> MemberRow | None:
        return self.s.get(MemberRow, member_id)

    def by_phone_hash(self, phone_hash: str) -> MemberRow | None:
        """The member whose phone has this keyed hash (pos_app/domain/privacy.py)."""
        return self.s.scalar(select(MemberRow).where(MemberRow.phone_hash == phone_hash))

    def by_masked_phone(self, masked: str, last4: str, limit: int = 20) -> list[MemberRow]:
        """Members whose phone shows as `masked` (138****5678): the look-up of a full number while
        the till has no look-up key yet (several members may match; the cashier picks)."""
        return list(
            self.s.scalars(
                select(MemberRow)
                .where(MemberRow.phone_last4 == last4, MemberRow.masked_phone == masked)
                .order_by(MemberRow.id)
                .limit(limit)
            )
        )

    def by_card(self, card_no: str) -> MemberRow | None:
        return self.s.scalar(select(MemberRow).where(MemberRow.card_no == card_no))

    def search_last4(self, digits: str, limit: int = 20) -> list[MemberRow]:
        """Members whose phone ends in these four digits (several may match)."""
        return list(
            self.s.scalars(select(MemberRow).where(MemberRow.phone_last4 == digits).order_by(MemberRow.id).limit(limit))
        )

    def first_of_tier(self, tier_code: str, min_points: int = 0, with_stored_value: bool = False) -> str | None:
        """The lowest member id of a tier holding at least `min_points` (and stored value)."""
        query = select(MemberRow.id).where(MemberRow.tier_code == tier_code, MemberRow.hq_points >= min_points)
        if with_stored_value:
            query = query.where(MemberRow.hq_principal_fen > 0)
        return self.s.scalar(query.order_by(MemberRow.id))

    def add(self, row: MemberRow) -> None:
        self.s.add(row)

    def coupons(self, member_id: str) -> list[MemberCoupon]:
        return list(
            self.s.scalars(
                select(MemberCoupon).where(MemberCoupon.member_id == member_id, MemberCoupon.status == "issued")
            )
        )

    def coupon(self, code: str) -> MemberCoupon | None:
        return self.s.get(MemberCoupon, code)


class Ledgers:
    """Points and stored value: lots, append-only ledgers, balances derived from them."""

    def __init__(self, session: Session):
        self.s = session

    def points_balance(self, member: MemberRow, today: date | None = None) -> int:
        """HQ's figure + this till's unsynced entries; with `today`, less the points of lots that
        lapsed by then (an expired lot is never spendable here, even before HQ's expiry job ran:
        once it has, HQ's figure and the lot's remaining both say so)."""
        pending = self.s.execute(
            select(func.coalesce(func.sum(PointsEntry.delta), 0)).where(
                PointsEntry.member_id == member.id, PointsEntry.synced.is_(False)
            )
        ).scalar_one()
        lapsed = 0
        if today is not None:
            lapsed = self.s.execute(
                select(func.coalesce(func.sum(_lots.c.remaining), 0)).where(
                    _lots.c.member_id == member.id, _lots.c.expires_on.is_not(None), _lots.c.expires_on <= today
                )
            ).scalar_one()
        return member.hq_points + int(pending) - int(lapsed)

    def stored_value(self, member: MemberRow) -> tuple[int, int]:
        principal, bonus = self.s.execute(
            select(
                func.coalesce(func.sum(StoredValueEntry.principal_fen), 0),
                func.coalesce(func.sum(StoredValueEntry.bonus_fen), 0),
            ).where(StoredValueEntry.member_id == member.id, StoredValueEntry.synced.is_(False))
        ).one()
        return member.hq_principal_fen + int(principal), member.hq_bonus_fen + int(bonus)

    def lots(self, member_id: str) -> list:
        """The member's lots, oldest first, as plain rows read now (never stale session objects:
        take_from_lots changes them by statement)."""
        return list(
            self.s.execute(
                select(*_lots.c).where(_lots.c.member_id == member_id).order_by(_lots.c.earned_on, _lots.c.id)
            )
        )

    # Ledger writes are single INSERT/UPDATE statements, in the database at once (no ORM objects
    # to flush later): a sale writes several, and the outbox stamps them by query.
    def add_points(self, member_id: str, at: datetime, delta: int, kind: str, ref: str) -> None:
        if delta:
            _write(
                self.s,
                insert(PointsEntry.__table__).values(member_id=member_id, at=at, delta=delta, kind=kind, ref=ref),
            )

    def add_lot(self, member_id: str, earned_on: date, expires_on: date | None, points: int, source: str) -> str:
        lot_id = new_id()
        _write(
            self.s,
            insert(_lots).values(
                id=lot_id,
                member_id=member_id,
                earned_on=earned_on,
                expires_on=expires_on,
                points=points,
                remaining=points,
                source=source,
            ),
        )
        return lot_id

    def take_from_lots(self, taken: Iterable[tuple[str, int]], sign: int = -1) -> None:
        changes = [{"lot": lot_id, "n": sign * points} for lot_id, points in taken]
        if changes:
            _write(self.s, _TAKE_FROM_LOT, changes)

    def add_stored_value(self, member_id: str, at: datetime, principal: int, bonus: int, kind: str, ref: str) -> None:
        _write(
            self.s,
            insert(StoredValueEntry.__table__).values(
                member_id=member_id, at=at, principal_fen=principal, bonus_fen=bonus, kind=kind, ref=ref
            ),
        )

    def spent_since(self, member_id: str, start: datetime) -> tuple[int, int]:
        """(points, stored value in fen) the member spent at this till since `start` that HQ has
        not confirmed yet (the offline caps' figures; sale_book reads the same in a sale)."""
        points = self.s.scalar(
            select(func.coalesce(func.sum(PointsEntry.delta), 0)).where(
                PointsEntry.member_id == member_id,
                PointsEntry.delta < 0,
                PointsEntry.at >= start,
                PointsEntry.synced.is_(False),
            )
        )
        fen = self.s.scalar(
            select(func.coalesce(func.sum(StoredValueEntry.principal_fen + StoredValueEntry.bonus_fen), 0)).where(
                StoredValueEntry.member_id == member_id,
                StoredValueEntry.kind == "spend",
                StoredValueEntry.at >= start,
                StoredValueEntry.synced.is_(False),
            )
        )
        return -int(points or 0), -int(fen or 0)

    def points_history(self, member_id: str, limit: int = 50) -> list[PointsEntry]:
        return list(
            self.s.scalars(
                select(PointsEntry)
                .where(PointsEntry.member_id == member_id)
                .order_by(PointsEntry.id.desc())
                .limit(limit)
            )
        )


def receipt_number(till_prefix: str, day: date, seq: int) -> str:
    """R + the till's prefix + yymmdd + 5-digit daily sequence.

    The prefix is `StoreInfo.receipt_prefix`, store code + "-" + till code, so numbers are unique
    across the chain (two stores' till 001 used to both issue R00126112300001):
    e.g. RS001-00126112300001. Numbers made before (R + 14 digits) stay valid and are found as
    they are."""
    return f"R{till_prefix}{day.year % 100:02d}{day.month:02d}{day.day:02d}{seq:05d}"  # strftime: 3x the time


class Sales:
    def __init__(self, session: Session):
        self.s = session

    def by_receipt_no(self, receipt_no: str) -> SaleRow | None:
        return self.s.scalar(select(SaleRow).where(SaleRow.receipt_no == receipt_no))

    def lines(self, sale_id: str) -> list[SaleLineRow]:
        return list(
            self.s.scalars(select(SaleLineRow).where(SaleLineRow.sale_id == sale_id).order_by(SaleLineRow.line_no))
        )

    def refunds_of(self, sale_id: str) -> list[SaleRow]:
        return list(
            self.s.scalars(
                select(SaleRow).where(SaleRow.original_sale_id == sale_id).order_by(SaleRow.created_at, SaleRow.id)
            )
        )

    def add_top_up(
        self,
        sale_id: str,
        receipt_no: str,
        shift_id: str,
        cashier_id: str,
        member_id: str,
        at: datetime,
        pay_fen: int,
        tender: str,
        reference: str,
        details: dict[str, Any],
        cash: bool,
    ) -> None:
        """A stored-value top-up, recorded like a sale of kind "top_up": one receipt, one payment,
        in the shift (`cash`: the payment was cash, so the cash given is the amount)."""
        self.s.add(
            SaleRow(
                id=sale_id,
                receipt_no=receipt_no,
                kind="top_up",
                original_sale_id=None,
                shift_id=shift_id,
                cashier_id=cashier_id,
                approved_by=None,
                member_id=member_id,
                created_at=at,
                subtotal_fen=pay_fen,
                discount_fen=0,
                points_offset_fen=0,
                points_spent=0,
                rounding_fen=0,
                payable_fen=pay_fen,
                points_earned=0,
                details=details,
            )
        )
        self.s.flush()
        self.s.add(
            PaymentRow(
                sale_id=sale_id,
                tender=tender,
                amount_fen=pay_fen,
                reference=reference,
                cash_given_fen=pay_fen if cash else 0,
            )
        )

    def next_receipt_no(self, till_prefix: str, day: date) -> str:
        """The next receipt number of the day (`receipt_number`; `till_prefix`:
        `StoreInfo.receipt_prefix`)."""
        key = f"receipt_seq:{day.isoformat()}"
        row = self.s.get(SyncState, key)
        seq = 1 if row is None else int(row.value) + 1
        if row is None:
            self.s.add(SyncState(key=key, value=str(seq)))
        else:
            row.value = str(seq)
        return receipt_number(till_prefix, day, seq)


class Outbox:
    """Events for HQ with a per-till sequence 1, 2, 3 ... written in the caller's transaction."""

    def __init__(self, session: Session):
        self.s = session

    def append(self, kind: str, payload: dict[str, Any], now: datetime) -> OutboxEvent:
        from sync.protocol import built_payload  # pydantic's models: not loaded before the till has shown

        payload = built_payload(kind, payload)  # through sync.protocol's model of the kind
        seq = (self.s.scalar(select(func.max(OutboxEvent.seq))) or 0) + 1
        values = dict(seq=seq, event_id=new_id(), kind=kind, payload=payload, created_at=now, acked=False)
        self.s.flush()  # any ledger entry still pending as an object goes in first
        _write(self.s, insert(OutboxEvent.__table__).values(**values))
        # the ledger entries written in this transaction are reported by this event (every use case
        # that writes ledger entries appends exactly one event, after them)
        for entry in (PointsEntry, StoredValueEntry):
            self.s.execute(
                update(entry).where(entry.outbox_seq.is_(None), entry.synced.is_(False)).values(outbox_seq=seq)
            )
        return OutboxEvent(**values)

    def add_prepared(self, events: Iterable[dict[str, Any]]) -> None:
        """Events already numbered and stamped elsewhere (`seq`, `event_id`, `kind`, `payload`,
        `at` as an ISO string): the benches load a week of selling this way."""
        self.s.add_all(
            OutboxEvent(
                seq=e["seq"],
                event_id=e["event_id"],
                kind=e["kind"],
                payload=e["payload"],
                created_at=datetime.fromisoformat(e["at"]),
            )
            for e in events
        )

    def next_batch(self, limit: int = 100) -> list[OutboxEvent]:
        return list(
            self.s.scalars(
                select(OutboxEvent).where(OutboxEvent.acked.is_(False)).order_by(OutboxEvent.seq).limit(limit)
            )
        )

    def ack_up_to(self, seq: int) -> None:
        """Mark events HQ holds; a member registration or edit then drops the full phone, name and
        birthday it carried (pos_app/domain/privacy.py: the till keeps only the masked values)."""
        personal = list(
            self.s.execute(
                select(OutboxEvent.seq, OutboxEvent.kind, OutboxEvent.payload).where(
                    OutboxEvent.seq <= seq,
                    OutboxEvent.acked.is_(False),
                    OutboxEvent.kind.in_(privacy.PERSONAL_EVENT_KINDS),
                )
            )
        )
        self.s.execute(update(OutboxEvent).where(OutboxEvent.seq <= seq).values(acked=True))
        for event_seq, kind, payload in personal:
            self.s.execute(
                update(OutboxEvent).where(OutboxEvent.seq == event_seq).values(payload=privacy.scrubbed(kind, payload))
            )

    def waiting(self) -> int:
        return int(
            self.s.scalar(select(func.count()).select_from(OutboxEvent).where(OutboxEvent.acked.is_(False))) or 0
        )


def entry_hash(
    prev_hash: str, at: datetime, cashier_id: str, approved_by: str | None, action: str, details: dict[str, Any]
) -> str:
    body = _AUDIT_JSON.encode([prev_hash, at.isoformat(), cashier_id, approved_by, action, details])
    return _sha256(body.encode("utf-8")).hexdigest()


# json.dumps with these options makes a new encoder per call: one, made once, writes the same text
_AUDIT_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


GENESIS = "0" * 64


class Audit:
    """Append-only, hash-chained audit log of protected actions."""

    def __init__(self, session: Session):
        self.s = session

    def append(
        self, action: str, cashier_id: str, now: datetime, details: dict[str, Any], approved_by: str | None = None
    ) -> AuditEntry:
        last = self.s.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
        prev = last.hash if last else GENESIS
        values = dict(
            at=now,
            cashier_id=cashier_id,
            approved_by=approved_by,
            action=action,
            details=details,
            prev_hash=prev,
            hash=entry_hash(prev, now, cashier_id, approved_by, action, details),
        )
        _write(self.s, insert(AuditEntry.__table__).values(**values))  # at once: the next one chains to it
        return AuditEntry(**values)

    def verify(self) -> tuple[bool, int | None, int]:
        """(chain intact, id of the first bad entry or None, entries checked)."""
        prev = GENESIS
        count = 0
        for entry in self.s.scalars(select(AuditEntry).order_by(AuditEntry.id)):
            count += 1
            expected = entry_hash(prev, entry.at, entry.cashier_id, entry.approved_by, entry.action, entry.details)
            if entry.prev_hash != prev or entry.hash != expected:
                return False, entry.id, count
            prev = entry.hash
        return True, None, count


class Carts:
    """The open sale (survives restart) and suspended sales (挂单), as the domain's typed cart
    (pos_app/domain/open_cart.py); stored as its JSON."""

    def __init__(self, session: Session):
        self.s = session

    def load_open(self, till_id: str) -> open_cart.OpenCart | None:
        row = self.s.get(OpenCart, till_id)
        return None if row is None else open_cart.OpenCart.from_json(row.cart)

    def save_open(self, till_id: str, cart: open_cart.OpenCart | None, now: datetime) -> None:
        """Write (or clear) the open cart in one statement, without reading it first."""
        if cart is None:
            self.s.connection().execute(_DROP_OPEN, {"till_id": till_id})
        else:
            self.s.connection().execute(_SAVE_OPEN, {"till_id": till_id, "cart": cart.to_json(), "updated_at": now})

    def suspend(self, cart: open_cart.OpenCart, cashier_id: str, label: str, now: datetime) -> str:
        sid = new_id()
        self.s.add(SuspendedSale(id=sid, created_at=now, cashier_id=cashier_id, label=label, cart=cart.to_json()))
        return sid

    def suspended(self) -> list[tuple[str, str, open_cart.OpenCart]]:
        """(id, label, cart) of the parked sales, oldest first."""
        return [
            (row.id, row.label, open_cart.OpenCart.from_json(row.cart))
            for row in self.s.scalars(select(SuspendedSale).order_by(SuspendedSale.created_at))
        ]

    def take_suspended(self, sid: str) -> open_cart.OpenCart | None:
        row = self.s.get(SuspendedSale, sid)
        if row is None:
            return None
        cart = open_cart.OpenCart.from_json(row.cart)
        self.s.delete(row)
        return cart


class Cashiers:
    def __init__(self, session: Session):
        self.s = session

    def all_active(self) -> list[Cashier]:
        return list(self.s.scalars(select(Cashier).where(Cashier.active.is_(True)).order_by(Cashier.id)))

    def by_id(self, cashier_id: str) -> Cashier | None:
        return self.s.get(Cashier, cashier_id)


class MemberCodes:
    def __init__(self, session: Session):
        self.s = session

    def seen(self, code_hash: str) -> bool:
        return self.s.get(UsedMemberCode, code_hash) is not None

    def remember(self, code_hash: str, now: datetime) -> None:
        self.s.add(UsedMemberCode(code_hash=code_hash, used_at=now))
