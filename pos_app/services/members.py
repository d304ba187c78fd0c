"""Members at the counter: find (by id, card, phone; masked lists), register, top up, gifts."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from pos_app.domain import Member, TenderKind, privacy
from pos_app.domain.points import PointsLot, consume, expiring_within
from pos_app.domain.stored_value import StoredValue, TopUpPlan, best_plan
from pos_app.domain.stored_value import top_up as sv_top_up
from pos_app.store.ids import new_id
from pos_app.store.models import MemberRow

from . import offline_caps
from .auth import CashierInfo
from .errors import InvalidInput, NotFound, PermissionDenied
from .till import Till

PHONE = re.compile(r"^1[3-9]\d{9}$")


mask_phone = privacy.mask_phone  # 138****5678 (screens, receipts, logs; what the till keeps)


@dataclass(frozen=True)
class MemberView:
    id: str
    name: str  # masked (张*): the till keeps no full name
    masked_phone: str
    tier_code: str
    tier_name: str
    points: int
    expiring_points: int
    principal_fen: int
    bonus_fen: int
    provisional: bool = False
    pending_gifts: int = 0  # points-mall gifts waiting to be handed over (services/mall.py)

    @property
    def stored_value_fen(self) -> int:
        return self.principal_fen + self.bonus_fen


def take_from_lots(uow, member_id: str, points: int, today: date) -> list[tuple[str, int]]:
    """Spend `points` from the member's lots at this till, oldest first.

    The balance that allows the spend is the ledger's (HQ-confirmed + unsynced entries); the lots
    replicated here may cover less of it (lots HQ has not sent yet), so this takes what the local
    lots hold and HQ, which holds every lot, settles the rest when the event arrives.
    """
    lots = [PointsLot(l.id, l.earned_on, l.points, l.remaining, l.expires_on) for l in uow.ledgers.lots(member_id)]
    taken = lots_to_take(lots, points, today)
    uow.ledgers.take_from_lots(taken)
    return taken


def lots_to_take(lots: list[PointsLot], points: int, today: date) -> list[tuple[str, int]]:
    """[(lot id, points)] paying `points` from the usable lots, oldest first, as far as they go."""
    covered = min(points, sum(l.remaining for l in lots if l.usable(today)))
    return consume(lots, covered, today) if covered > 0 else []


def member_view(till: Till, uow, row: MemberRow) -> MemberView:
    lots = [PointsLot(l.id, l.earned_on, l.points, l.remaining, l.expires_on) for l in uow.ledgers.lots(row.id)]
    principal, bonus = uow.ledgers.stored_value(row)
    from dataclasses import replace

    from .mall import pending_count

    return replace(
        view_of(till, row, uow.ledgers.points_balance(row, till.now().date()), lots, principal, bonus),
        pending_gifts=pending_count(uow, row.id),
    )


def view_of(till: Till, member, points: int, lots: list[PointsLot], principal_fen: int, bonus_fen: int) -> MemberView:
    """The member as screens and receipts show them, from their balances and lots (`member`: anything
    with id, masked_name, masked_phone, tier_code and provisional)."""
    tier = till.rules.tiers.get(member.tier_code)
    return MemberView(
        member.id,
        member.masked_name,
        member.masked_phone,
        member.tier_code,
        tier.name if tier else member.tier_code,
        points,
        expiring_within(lots, till.now().date(), 30),
        principal_fen,
        bonus_fen,
        member.provisional,
    )


def domain_member(till: Till, uow, row: MemberRow) -> Member:
    return Member(
        row.id,
        till.rules.tiers[row.tier_code],
        privacy.month_day(row.birth_md),
        uow.ledgers.points_balance(row, till.now().date()),
    )


def phone_key(uow) -> bytes | None:
    """The chain's phone look-up key (pos_app/domain/privacy.py): HQ's, which an enrolled till
    receives as the setting `phone_key`; a till that is not enrolled (standalone, demo) makes its
    own on first use (written with the caller's transaction). None: enrolled, HQ's not here yet."""
    raw = uow.rules.setting("phone_key")
    if raw:
        return bytes.fromhex(raw)
    if (uow.rules.setting("sync") or {}).get("token"):
        return None
    key = secrets.token_bytes(32)
    uow.rules.set_setting("phone_key", key.hex())
    return key


def rows_by_phone(uow, phone: str) -> list[MemberRow]:
    """Members with this full phone number: found by its keyed hash; while the till has no key,
    the members whose masked phone matches (a short list the cashier picks from)."""
    phone = phone.strip()
    if not PHONE.match(phone):
        return []
    key = phone_key(uow)
    if key is None:
        return uow.members.by_masked_phone(mask_phone(phone), phone[-4:])
    row = uow.members.by_phone_hash(privacy.phone_hash(key, phone))
    return [row] if row else []


def by_phone(uow, phone: str) -> MemberRow | None:
    """The member with this full phone (exactly one, or None)."""
    rows = rows_by_phone(uow, phone)
    return rows[0] if len(rows) == 1 else None


def find_row(uow, query: str) -> MemberRow | None:
    """By member id (M...), card number, or full phone."""
    query = query.strip()
    return uow.members.by_id(query) or uow.members.by_card(query) or by_phone(uow, query)


# ---- identification policy (docs/architecture.md, "Member identification policy") ----------
# How the member of a sale was identified. Only a verified identity may SPEND (points, stored
# value, member coupons): a rotating member code checked offline (Ed25519), or a manager's
# override for this one sale (audited). Anything printed on a card or readable in a screenshot
# (member id, card number) or said aloud (phone) earns points and shows tier prices only.
IDENTIFIED_BY = ("member_code", "card", "phone", "id", "override")
VERIFIED = frozenset({"member_code", "override"})


def may_spend(identified_by: str | None) -> bool:
    """Whether a member identified this way may spend points, stored value or member coupons."""
    return identified_by in VERIFIED


def identify_row(uow, query: str) -> tuple[MemberRow | None, str]:
    """The member and how `query` found them: "id", "card" or "phone" (never verified)."""
    query = query.strip()
    for how, find in (("id", uow.members.by_id), ("card", uow.members.by_card), ("phone", lambda q: by_phone(uow, q))):
        row = find(query)
        if row is not None:
            return row, how
    return None, ""


def fetch_from_hq(till: Till, query: str) -> bool:
    """A member this till does not hold, asked for at HQ (fetch on demand; this store follows
    them from then on, docs/sync.md "Members at a store"). False when the till is standalone or
    HQ has no such member. HQ unreachable: refused with `member.unseen_offline`, which says what
    the counter can do offline (register the phone: earn now, spend once HQ has confirmed)."""
    ask = getattr(till, "member_from_hq", None)
    if ask is None:
        return False
    try:
        return bool(ask(query))
    except Exception:  # offline, timed out, HQ failing: nothing was changed here
        raise NotFound("member.unseen_offline") from None


def look_up(till: Till, query: str) -> list[MemberView]:
    """A full phone, its last four digits, a card number or a member id -> masked results; a
    full phone, card or id this till does not hold is asked for at HQ."""
    digits = query.strip()
    if not digits:
        raise InvalidInput("member.query_format")
    for attempt in range(2):
        with till.uow() as uow:
            rows = (
                uow.members.search_last4(digits)
                if digits.isdigit() and len(digits) == 4
                else rows_by_phone(uow, digits)
                if digits.isdigit() and len(digits) == 11
                else []
            )
            if not rows:
                row = find_row(uow, digits)
                rows = [row] if row else []
            if rows or attempt or (digits.isdigit() and len(digits) == 4):
                views = [member_view(till, uow, r) for r in rows]
                uow.commit()  # a standalone till's first look-up may have made its phone key
                return views
        if not fetch_from_hq(till, digits):  # not held here: HQ knows them? (then followed)
            return []
    return []


def register(
    till: Till, cashier: CashierInfo, phone: str, name: str, birthday: date | None, consent: bool
) -> MemberView:
    """Register at the counter (provisional until HQ confirms; works offline)."""
    phone = phone.strip()
    name = name.strip()
    if not PHONE.match(phone):
        raise InvalidInput("member.phone_format")
    if not consent:
        raise InvalidInput("member.consent_needed")
    if len(name) > 32:
        raise InvalidInput("member.name_too_long")
    now = till.now()
    if birthday is not None and not date(1900, 1, 1) <= birthday <= now.date():
        raise InvalidInput("member.birthday_invalid")
    with till.uow() as uow:
        key = phone_key(uow)
        if key is not None and by_phone(uow, phone):
            raise InvalidInput("member.phone_taken")  # without HQ's key yet, HQ merges the two (alias)
        tier = min(till.rules.tiers.values(), key=lambda t: t.rank)
        member_id = f"T{new_id()}"
        kept = privacy.minimised(key, phone, name, birthday)
        kept["masked_name"] = kept["masked_name"] or mask_phone(phone)
        row = MemberRow(
            id=member_id,
            card_no=None,
            **{**kept, "phone_hash": kept["phone_hash"] or privacy.placeholder_hash(member_id)},
            tier_code=tier.code,
            consent=True,
            consent_at=now,
            provisional=True,
            hq_points=0,
            hq_principal_fen=0,
            hq_bonus_fen=0,
            public_key=None,
            created_at=now,
        )
        uow.members.add(row)
        uow.flush()
        # the full values go to HQ (it keeps the member); the till drops them once HQ has the
        # event (Outbox.ack_up_to), and the file is encrypted meanwhile (store/cipher.py)
        uow.outbox.append(
            "member_registered",
            {
                "member_id": row.id,
                "phone": phone,
                "name": name or mask_phone(phone),
                "birthday": birthday.isoformat() if birthday else None,
                "consent_at": now.isoformat(),
                "cashier_id": cashier.id,
            },
            now,
        )
        view = member_view(till, uow, row)
        uow.commit()
    return view


@dataclass(frozen=True)
class TopUpResult:
    member: MemberView
    paid_fen: int
    bonus_fen: int
    plan_name: str
    tender: str
    reference: str
    receipt_no: str
    at: datetime


def top_up(
    till: Till, cashier: CashierInfo, member_id: str, pay_fen: int, tender: str, reference: str = ""
) -> TopUpResult:
    """Stored-value top-up with the best qualifying plan; one transaction with its outbox event."""
    if not isinstance(pay_fen, int) or pay_fen <= 0 or pay_fen > 10_000_00:
        raise InvalidInput("top_up.out_of_range", max_fen=1000000)
    if tender not in (TenderKind.CASH, TenderKind.WECHAT, TenderKind.ALIPAY, TenderKind.CARD):
        raise InvalidInput("top_up.unknown_kind")
    if tender != TenderKind.CASH and not reference:
        raise InvalidInput("tender.reference_missing")
    now = till.now()
    from .shifts import open_shift_row

    with till.uow() as uow:
        row = uow.members.by_id(member_id)
        if row is None:
            raise NotFound("member.not_found")
        shift = open_shift_row(uow)
        plans = [TopUpPlan(p.id, p.name, p.pay_fen, p.bonus_fen) for p in uow.rules.plans()]
        principal, bonus = uow.ledgers.stored_value(row)
        _, split = sv_top_up(StoredValue(principal, bonus), pay_fen, plans)
        plan = best_plan(plans, pay_fen)
        receipt_no = uow.sales.next_receipt_no(till.store.receipt_prefix, now.date())
        sale_id = new_id()
        # a top-up is recorded like a sale of kind "top_up": one receipt, one payment, in the shift
        uow.sales.add_top_up(
            sale_id,
            receipt_no,
            shift.id,
            cashier.id,
            row.id,
            now,
            pay_fen,
            tender,
            reference,
            {"bonus_fen": split.bonus_fen, "plan": plan.name if plan else ""},
            cash=tender == TenderKind.CASH,
        )
        uow.ledgers.add_stored_value(row.id, now, split.principal_fen, split.bonus_fen, "top_up", receipt_no)
        uow.outbox.append(
            "top_up",
            {
                "member_id": row.id,
                "receipt_no": receipt_no,
                "tender": tender,
                "reference": reference,
                "principal_fen": split.principal_fen,
                "bonus_fen": split.bonus_fen,
                "plan_id": plan.id if plan else None,
                "shift_id": shift.id,
                "cashier_id": cashier.id,
            },
            now,
        )
        uow.flush()
        view = member_view(till, uow, row)
        uow.commit()
    return TopUpResult(view, pay_fen, split.bonus_fen, plan.name if plan else "", tender, reference, receipt_no, now)


@dataclass(frozen=True)
class GiftResult:
    member: MemberView
    gift_name: str
    points: int
    at: datetime


def redeem_gift(
    till: Till, cashier: CashierInfo, member_id: str, gift_id: str, *, identified_by: str | None = None
) -> GiftResult:
    """Spend points on a gift (oldest lots first); refused cleanly when the balance is short, and
    unless the member's identity was verified (`identified_by` "member_code" or "override")."""
    if not may_spend(identified_by):
        raise PermissionDenied("member.unverified_spend")
    now = till.now()
    with till.uow() as uow:
        row = uow.members.by_id(member_id)
        gift = next((g for g in uow.rules.gifts() if g.id == gift_id), None)
        if row is None or gift is None:
            raise NotFound("gift.not_found")
        balance = uow.ledgers.points_balance(row, now.date())
        if balance < gift.points:
            raise InvalidInput("gift.not_enough_points", gift=gift.name, need=gift.points, have=balance)
        # the same offline cap as every other spend of points (issue 22, defect 4)
        offline_caps.check(
            till.store.offline_caps, *offline_caps.spent_today(uow, row.id, now.date()), points=gift.points
        )
        taken = take_from_lots(uow, row.id, gift.points, now.date())
        uow.ledgers.add_points(row.id, now, -gift.points, "gift", gift.id)
        uow.audit.append("redeem_gift", cashier.id, now, {"member_id": row.id, "gift": gift.id, "points": gift.points})
        uow.outbox.append(
            "points_redeemed",
            {"member_id": row.id, "gift_id": gift.id, "points": gift.points, "lots": taken, "cashier_id": cashier.id},
            now,
        )
        uow.flush()
        view = member_view(till, uow, row)
        uow.commit()
    return GiftResult(view, gift.name, gift.points, now)


EDITABLE = ("name", "birthday", "phone", "consent")


def edit_member(till: Till, cashier: CashierInfo, member_id: str, fields: dict) -> MemberView:
    """Edit a member's profile at the till (works offline). HQ merges edits per field by their
    hybrid-logical-clock stamp, so the latest edit of each field wins wherever it was made."""
    from pos_app.domain import hlc

    unknown = set(fields) - set(EDITABLE)
    if unknown or not fields:
        raise InvalidInput("member.field_not_editable")
    if "name" in fields and not 0 < len(str(fields["name"]).strip()) <= 32:
        raise InvalidInput("member.name_too_long")
    if "phone" in fields and not PHONE.match(str(fields["phone"])):
        raise InvalidInput("member.phone_format")
    if "birthday" in fields and fields["birthday"] is not None:
        try:
            born = date.fromisoformat(str(fields["birthday"]))
        except ValueError:
            raise InvalidInput("member.birthday_invalid") from None
        if not date(1900, 1, 1) <= born <= till.now().date():
            raise InvalidInput("member.birthday_invalid")
    now = till.now()
    with till.uow() as uow:
        row = uow.members.by_id(member_id)
        if row is None:
            raise NotFound("member.not_found")
        key = phone_key(uow)
        if "phone" in fields and key is not None and (other := by_phone(uow, fields["phone"])) and other.id != row.id:
            raise InvalidInput("member.phone_taken")
        node = (till.store.code + till.store.till_code)[-8:]
        stamp = hlc.tick(uow.rules.setting("hlc"), int(now.timestamp() * 1000), node)
        uow.rules.set_setting("hlc", stamp)
        for field, value in fields.items():  # the till keeps the minimised values only
            if field == "birthday":
                row.birth_md = privacy.birth_md(value)
            elif field == "phone":
                row.masked_phone, row.phone_last4 = mask_phone(value), value[-4:]
                row.phone_hash = privacy.phone_hash(key, value) if key else privacy.placeholder_hash(row.id)
            elif field == "name":
                row.masked_name = privacy.mask_name(str(value))
            else:
                setattr(row, field, value)
        uow.audit.append("edit_member", cashier.id, now, {"member_id": member_id, "fields": sorted(fields)})
        uow.outbox.append(
            "member_edited", {"member_id": member_id, "fields": fields, "hlc": stamp, "cashier_id": cashier.id}, now
        )
        uow.flush()
        view = member_view(till, uow, row)
        uow.commit()
    return view


def counter_lists(till: Till) -> dict[str, list]:
    """The small lists the member dialogs offer, read once per session: top-up plans (name, pay,
    bonus) and gifts (id, name, points)."""
    with till.uow() as uow:
        return {
            "plans": [(p.name, p.pay_fen, p.bonus_fen) for p in uow.rules.plans()],
            "gifts": [(g.id, g.name, g.points) for g in uow.rules.gifts()],
        }
