"""The member API behind the member's phone app: sign in with phone + SMS code, profile, points
history, coupons, stored value, member-code key registration, daily sign-in, referral codes.

The sign-in code is sent by an `SmsSender`: `ChannelSms` (what `create_app` wires) sends it
through the SMS provider HQ's settings name, template purpose `sign_in_code` with parameter
`code`; `LogSms` (tests) keeps the text in memory and logs that it was sent, never the code.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pos_app.domain import hlc
from pos_app.domain.errors import DomainError

from .base import CodedRefusal
from .messaging import OutboxProvider, SendFailed, channel_from, stored_settings
from .models import Chain, ChangeRow, Coupon, Member, MemberSession, PointsEntry, SignIn, SmsCode
from .service import HQ, HQError, digest, new_id, registered_meanwhile

log = logging.getLogger(__name__)
# defaults of the chain's earning rules (lifecycle settings `sign_in_points`, `referral_points`)
SIGN_IN_POINTS = (5, 5, 10, 10, 15, 15, 30)  # day 1..7 of a streak, then 30 a day
REFERRAL_POINTS = 200
CODE_ATTEMPTS = 5  # wrong guesses an SMS code survives


SIGN_IN_PURPOSE = "sign_in_code"  # the SMS template's purpose in the `sms` setting; parameter `code`


class SmsSender(Protocol):
    def send_code(self, phone: str, code: str) -> None: ...


class LogSms:
    """Sends nothing: keeps each phone's last text in memory (tests read the code from it)."""

    def __init__(self):
        self.sent: dict[str, str] = {}

    def send_code(self, phone: str, code: str) -> None:
        self.sent[phone] = f"【会员】验证码 {code}，5分钟内有效。"
        log.info("SMS to %s****%s sent", phone[:3], phone[-4:])


class ChannelSms:
    """The sign-in code through the provider HQ's `sms` setting names (read at each send, so a
    change made in HQ applies at once). With no provider configured (the outbox) a code cannot
    reach the member: refused 503 `member.sms_unavailable` rather than "sent"; a provider's
    refusal is 503 with its code. Logs carry neither the phone nor the code."""

    def __init__(self, hq: HQ):
        self.hq = hq

    def send_code(self, phone: str, code: str) -> None:
        with self.hq.tx() as s:
            channel = channel_from(stored_settings(s))
        if isinstance(channel, OutboxProvider):
            log.warning("sign-in code not sent: no SMS provider is configured (hq_settings 'sms')")
            raise CodedRefusal(DomainError("member.sms_unavailable"), 503)
        try:
            channel.send(phone, SIGN_IN_PURPOSE, {"code": code})
        except SendFailed as exc:
            log.warning("sign-in code not sent: %s", exc.code)
            raise CodedRefusal(exc, 503) from None


class MemberAPI:
    def __init__(self, hq: HQ, sms: SmsSender | None = None, chain_id: str = ""):
        """`chain_id`: the chain members sign up to when a request names none (empty: HQ's only chain)."""
        self.hq, self.sms, self.chain_id = hq, sms or LogSms(), chain_id

    def _chain(self, s: Session, requested: str) -> str:
        """The chain a sign-up joins: the one the request names, else this API's default, else HQ's
        only chain. A chain HQ does not hold is refused (it used to fail on the foreign key)."""
        wanted = requested or self.chain_id
        if wanted:
            if s.get(Chain, wanted) is None:
                raise HQError(404, f"No chain {wanted}")
            return wanted
        chains = list(s.scalars(select(Chain.id).limit(2)))
        if len(chains) != 1:
            raise HQError(
                422,
                "chain_id: name the chain to sign up to (this HQ holds "
                f"{'several chains' if chains else 'no chain yet'})",
            )
        return chains[0]

    def send_code(self, phone: str) -> None:
        code = f"{secrets.randbelow(10**6):06d}"
        with self.hq.tx() as s:
            s.merge(
                SmsCode(
                    phone=phone,
                    code_hash=digest(phone + code),
                    expires_at=self.hq.clock() + timedelta(minutes=5),
                    attempts=0,
                )
            )
        self.sms.send_code(phone, code)

    def sign_in_with_code(
        self, phone: str, code: str, name: str = "", referral_code: str = "", chain_id: str = ""
    ) -> dict:
        try:
            return self._sign_in(phone, code, name, referral_code, chain_id)
        except IntegrityError as exc:
            if not registered_meanwhile(exc):  # a till's push registered the phone meanwhile:
                raise  # run again, the member is found (code unspent)
            return self._sign_in(phone, code, name, referral_code, chain_id)

    def _sign_in(self, phone: str, code: str, name: str, referral_code: str, chain_id: str) -> dict:
        now = self.hq.clock()
        with self.hq.tx() as s:
            chain = self._chain(s, chain_id)
            # locked: guesses at two workers at once are counted one after the other
            entry = s.get(SmsCode, phone, with_for_update=True)
            if entry is None or entry.expires_at < now or entry.attempts >= CODE_ATTEMPTS:
                raise HQError(401, "The code has expired: ask for a new one")
            if entry.code_hash == digest(phone + code):
                s.delete(entry)
                return self._signed_in(s, chain, phone, name, referral_code, now)
            entry.attempts += 1  # a wrong guess counts: committed as the block ends, then refused
        raise HQError(401, "Wrong code")

    def _signed_in(self, s: Session, chain_id: str, phone: str, name: str, referral_code: str, now: datetime) -> dict:
        """The member of the phone in `chain_id` (registered now if new) and a new session for it."""
        member = s.scalar(select(Member).where(Member.chain_id == chain_id, Member.phone == phone))
        created = member is None
        if created:
            member = Member(
                id=f"M{new_id().replace('-', '')[:15].upper()}",
                chain_id=chain_id,
                phone=phone,
                card_no=None,
                name=name or f"会员{phone[-4:]}",
                birthday=None,
                tier_code="regular",
                consent=True,
                consent_at=now,
                custom={},
                public_key=None,
                points=0,
                principal_fen=0,
                bonus_fen=0,
                clocks={},
                referral_code=None,
                referred_by=None,
                created_at=now,
            )
            s.add(member)
            s.flush()
            if referral_code:
                # locked now, before the change row below takes the feed's lock (migration
                # 0004): the feed's lock is always the last one a transaction takes
                referrer = s.scalar(
                    select(Member).where(Member.referral_code == referral_code.upper()).with_for_update()
                )
                if referrer is not None and referrer.chain_id == chain_id:
                    from .lifecycle.program import lifecycle_settings

                    reward = lifecycle_settings(s, chain_id).get("referral_points") or {}
                    member.referred_by = referrer.id
                    self._points(s, referrer, int(reward.get("inviter", REFERRAL_POINTS)), "referral", member.id, now)
                    # the invitee is rewarded too (issue 18: they got nothing)
                    self._points(s, member, int(reward.get("invitee", 0)), "referred", referrer.id, now)
            from .lifecycle.benefits import on_registration

            welcome = on_registration(s, chain_id, member.id, now)
            s.flush()
            s.add_all([ChangeRow(chain_id=chain_id, store_code="", kind=kind, key=key) for kind, key in welcome])
            s.add(ChangeRow(chain_id=chain_id, store_code="", kind="members", key=member.id))
        token = secrets.token_urlsafe(32)
        s.add(MemberSession(token_hash=digest(token), member_id=member.id, created_at=now))
        return {"token": token, "member_id": member.id, "created": created}

    def session_member(self, token: str | None) -> str:
        if not token:
            raise HQError(401, "Sign in first")
        with self.hq.tx() as s:
            session = s.get(MemberSession, digest(token))
            if session is None:
                raise HQError(401, "Session unknown or expired: sign in again")
            return session.member_id

    def profile(self, member_id: str) -> dict:
        with self.hq.tx() as s:
            m = s.get(Member, member_id)
            if not m.referral_code:
                # locked and read again: two first views at once give the member one code, not two
                m = s.get(Member, member_id, with_for_update=True, populate_existing=True)
                while not m.referral_code:  # 8 hex digits: with a million codes, some repeat
                    code = secrets.token_hex(4).upper()
                    if s.scalar(select(Member.id).where(Member.referral_code == code)) is None:
                        m.referral_code = code
            return {
                "id": m.id,
                "name": m.name,
                "phone": f"{m.phone[:3]}****{m.phone[-4:]}",
                "tier": m.tier_code,
                "points": m.points,
                "stored_value_fen": m.principal_fen + m.bonus_fen,
                "referral_code": m.referral_code,
                "has_device_key": bool(m.public_key),
            }

    def points_history(self, member_id: str, limit: int = 100) -> list[dict]:
        with self.hq.tx() as s:
            rows = s.scalars(
                select(PointsEntry)
                .where(PointsEntry.member_id == member_id)
                .order_by(PointsEntry.id.desc())
                .limit(limit)
            )
            return [{"at": r.at.isoformat(), "delta": r.delta, "kind": r.kind, "ref": r.ref} for r in rows]

    def coupons(self, member_id: str) -> list[dict]:
        with self.hq.tx() as s:
            rows = s.scalars(select(Coupon).where(Coupon.member_id == member_id).order_by(Coupon.code))
            return [
                {
                    "code": c.code,
                    "template_id": c.template_id,
                    "status": c.status,
                    "valid_to": c.valid_to.isoformat() if c.valid_to else None,
                }
                for c in rows
            ]

    def stored_value(self, member_id: str) -> dict:
        with self.hq.tx() as s:
            m = s.get(Member, member_id)
            return {
                "principal_fen": m.principal_fen,
                "bonus_fen": m.bonus_fen,
                "total_fen": m.principal_fen + m.bonus_fen,
            }

    def register_key(self, member_id: str, public_key_hex: str) -> None:
        with self.hq.tx() as s:
            m = s.get(Member, member_id, with_for_update=True)
            m.public_key = public_key_hex
            m.clocks = dict(m.clocks or {}, public_key=hlc.format_hlc(int(self.hq.clock().timestamp() * 1000), 0, "hq"))
            s.add(ChangeRow(chain_id=m.chain_id, store_code="", kind="members", key=m.id))

    def daily_sign_in(self, member_id: str) -> dict:
        now = self.hq.clock()
        today = now.date()
        with self.hq.tx() as s:
            if s.get(SignIn, (member_id, today.isoformat())) is not None:
                raise HQError(409, "Already signed in today")
            yesterday = s.get(SignIn, (member_id, (today - timedelta(days=1)).isoformat()))
            streak = yesterday.streak + 1 if yesterday else 1
            member = s.get(Member, member_id, with_for_update=True)
            from .lifecycle.earning import sign_in_points
            from .lifecycle.program import lifecycle_settings

            settings = lifecycle_settings(s, member.chain_id)
            points = sign_in_points(
                tuple(settings.get("sign_in_points") or SIGN_IN_POINTS), settings.get("sign_in_after", "cap"), streak
            )
            s.add(SignIn(member_id=member_id, day=today.isoformat(), streak=streak, points=points))
            self._points(s, member, points, "sign_in", today.isoformat(), now)
            s.add(ChangeRow(chain_id=member.chain_id, store_code="", kind="members", key=member.id))
            return {"streak": streak, "points": points, "balance": member.points}

    def update_profile(self, member_id: str, values: dict[str, str]) -> dict:
        """The member completes their profile (name, birthday, gender, address, e-mail; gender,
        address and e-mail are kept in `custom`). When every field the chain's `profile_points`
        names is filled, the profile-completion points are given, once per member ever (the
        benefit grant's unique key): saving the profile again gives nothing."""
        from .lifecycle.benefits import grant
        from .lifecycle.earning import PROFILE_FIELDS, profile_complete
        from .lifecycle.program import lifecycle_settings

        unknown = sorted(set(values) - set(PROFILE_FIELDS))
        if unknown:
            raise HQError(422, f"Unknown profile field: {unknown[0][:32]}")
        values = {k: str(v or "").strip() for k, v in values.items()}
        _check_profile(values, self.hq.clock().date())
        now = self.hq.clock()
        with self.hq.tx() as s:
            member = s.get(Member, member_id, with_for_update=True)
            stamp = hlc.format_hlc(int(now.timestamp() * 1000), 0, "hq")
            clocks, custom = dict(member.clocks or {}), dict(member.custom or {})
            for field, value in values.items():
                if field in ("name", "birthday"):
                    setattr(member, field, value or (None if field == "birthday" else member.name))
                    clocks[field] = stamp
                else:
                    custom[field] = value
                    clocks["custom"] = stamp
            member.clocks, member.custom = clocks, custom
            filled = {"name": member.name, "birthday": member.birthday, **custom}
            rule = lifecycle_settings(s, member.chain_id).get("profile_points") or {}
            changes: list[tuple[str, str]] = []
            if rule.get("points") and profile_complete(rule.get("fields") or [], filled):
                changes = grant(s, member.chain_id, member.id, "profile", "", {"points": int(rule["points"])}, now)
            s.flush()
            s.add_all(
                [
                    ChangeRow(chain_id=member.chain_id, store_code="", kind=k, key=key)
                    for k, key in dict.fromkeys([*changes, ("members", member.id)])
                ]
            )
            return {"points": member.points, "profile_points": int(rule["points"]) if changes else 0}

    @staticmethod
    def _points(s, member: Member, delta: int, kind: str, ref: str, now: datetime) -> None:
        """Credit points (the member locked): a ledger entry and a lot with the programme's expiry."""
        if delta <= 0:
            return
        from .lifecycle.lots import LotWork
        from .lifecycle.program import points_program

        s.add(PointsEntry(member_id=member.id, delta=delta, kind=kind, ref=ref, event_id=None, at=now))
        member.points += delta
        work = LotWork(s, points_program(s, member.chain_id))
        work.credit(member.id, delta, now.date(), kind, ref=ref)
        lots = work.flush()
        s.flush()  # the feed's lock (ChangeRow) is the last a transaction takes
        s.add_all(
            [ChangeRow(chain_id=member.chain_id, store_code="", kind="points_lots", key=lot_id) for lot_id in lots]
        )


def _check_profile(values: dict[str, str], today) -> None:
    """Refuse a profile value that does not fit (clear message, nothing stored)."""
    from datetime import date

    limits = {"name": 64, "gender": 8, "address": 128, "email": 128, "birthday": 10}
    for field, value in values.items():
        if len(value) > limits[field]:
            raise HQError(422, f"{field}: at most {limits[field]} characters")
    if values.get("birthday"):
        try:
            born = date.fromisoformat(values["birthday"])
        except ValueError:
            raise HQError(422, "birthday: a date as YYYY-MM-DD") from None
        if not date(1900, 1, 1) <= born <= today:
            raise HQError(422, "birthday: a date between 1900-01-01 and today")
    if values.get("gender") and values["gender"] not in ("male", "female", "other"):
        raise HQError(422, "gender: male, female or other")
    if values.get("email") and "@" not in values["email"]:
        raise HQError(422, "email: an e-mail address")
