"""Stores and tills as the console shows them: create a store, issue a till's one-time enrolment
code, revoke a till; each till's last contact, app version and how late its events arrive.

Contact is noted by the tills' router after a push or pull (`note_contact`): one small write a
minute per till at most, in a table of its own, so the push's hot row is not touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, String, bindparam, select

from ..base import HQError, dialect_insert, digest
from ..models import EventRow, Store, TillContact, TillRow
from . import audit
from .auth import Conflict, Invalid, NotFound, StaffUser, authorize

if TYPE_CHECKING:
    from ..service import HQ

CONTACT_EVERY = timedelta(seconds=60)
LAG_WINDOW = 50  # the till's last N events HQ holds
STORE_CODE = re.compile(r"^[A-Za-z0-9_-]{1,16}$")
TILL_CODE = re.compile(r"^[A-Za-z0-9_-]{1,8}$")
USER_AGENT = re.compile(r"MemberTill-till/([0-9A-Za-z.+_-]{1,32})")


def app_version(user_agent: str | None) -> str:
    match = USER_AGENT.search(user_agent or "")
    return match.group(1) if match else ""


_contacts = TillContact.__table__


def _note(dialect: str):
    """One statement: the till of a token hash noted as heard at :now with :version, unless its
    note is newer than :cutoff with the same version (then nothing is written)."""
    up = dialect_insert(dialect, _contacts).from_select(
        ["till_id", "last_contact", "app_version"],
        select(TillRow.id, bindparam("now", type_=DateTime), bindparam("version", type_=String)).where(
            TillRow.token_hash == bindparam("key")
        ),
    )
    return up.on_conflict_do_update(
        index_elements=[_contacts.c.till_id],
        set_={"last_contact": up.excluded.last_contact, "app_version": up.excluded.app_version},
        where=(_contacts.c.last_contact <= bindparam("cutoff", type_=DateTime))
        | (_contacts.c.app_version != up.excluded.app_version),
    )


_NOTE = {name: _note(name) for name in ("postgresql", "sqlite")}


def note_contact(hq: HQ, token: str | None, user_agent: str | None) -> None:
    """Remember that the till of `token` was heard from now (and its version): written only when
    the last note is a minute old or the version changed, so a busy till costs one write a minute.
    One conditional upsert (issue 22's soak: it was two reads and a write in a second transaction
    on every push and pull); and what this process last noted is kept in memory (`hq.contacts`,
    per token hash), so that a till heard again by the same worker within the minute costs no
    database work at all."""
    if not token:
        return
    now, version, key = hq.clock(), app_version(user_agent), digest(token)
    seen = hq.contacts.get(key)
    if seen is not None and seen[0] > now - CONTACT_EVERY and seen[1] == version:
        return
    with hq.tx() as s:
        wrote = (
            s.connection()
            .execute(
                _NOTE[s.get_bind().dialect.name], dict(key=key, now=now, version=version, cutoff=now - CONTACT_EVERY)
            )
            .rowcount
        )
    # nothing written: a note of the last minute is there (look again in half a minute)
    hq.contacts[key] = (now if wrote else now - CONTACT_EVERY / 2, version)


@dataclass(frozen=True)
class TillView:
    id: str
    code: str
    enrolled: bool
    revoked_at: datetime | None
    revoked_reason: str
    acked_seq: int
    last_contact: datetime | None
    app_version: str
    lag_seconds: int | None  # the longest a recent event took from the till to HQ


@dataclass(frozen=True)
class StoreView:
    id: str
    code: str
    name: str
    tills: list[TillView]


def stores(hq: HQ, staff: StaffUser) -> list[StoreView]:
    """The stores this person may see, each with its tills."""
    authorize(staff, "stores.view")
    with hq.tx() as s:
        q = select(Store).where(Store.chain_id == staff.chain_id).order_by(Store.code)
        if staff.store_scope is not None:
            q = q.where(Store.code.in_(staff.store_scope))
        rows = list(s.scalars(q))
        tills = list(
            s.execute(
                select(TillRow, TillContact.last_contact, TillContact.app_version)
                .outerjoin(TillContact, TillContact.till_id == TillRow.id)
                .where(TillRow.store_id.in_([r.id for r in rows]))
                .order_by(TillRow.code)
            )
        )
        out = {r.id: StoreView(r.id, r.code, r.name, []) for r in rows}
        for till, contact, version in tills:
            last_push = till.last_seen
            seen = max([d for d in (contact, last_push) if d is not None], default=None)
            out[till.store_id].tills.append(
                TillView(
                    till.id,
                    till.code,
                    till.token_hash is not None,
                    till.revoked_at,
                    till.revoked_reason,
                    till.acked_seq,
                    seen,
                    version or "",
                    _lag(s, till.id, till.acked_seq),
                )
            )
        return list(out.values())


def _lag(s, till_id: str, acked_seq: int) -> int | None:
    """The longest time one of the till's last LAG_WINDOW events took to reach HQ (index
    (till_id, seq)); None before its first event."""
    if not acked_seq:
        return None
    rows = s.execute(
        select(EventRow.at, EventRow.received_at).where(
            EventRow.till_id == till_id, EventRow.seq > acked_seq - LAG_WINDOW, EventRow.seq <= acked_seq
        )
    ).all()
    if not rows:
        return None
    return max(0, *(int((received - at).total_seconds()) for at, received in rows))


def create_store(hq: HQ, staff: StaffUser, code: str, name: str, client: str = "") -> str:
    authorize(staff, "stores.manage")
    code, name = code.strip().upper(), name.strip()
    if not STORE_CODE.match(code):
        raise Invalid("store.bad_code")
    if not 1 <= len(name) <= 64:
        raise Invalid("store.bad_name")
    try:
        store_id = hq.create_store(staff.chain_id, code, name)
    except HQError as error:
        if error.status == 409:
            raise Conflict("store.code_taken", code=code) from None
        raise
    with hq.tx() as s:
        audit.record(s, staff.actor(client), "store.created", code, after={"code": code, "name": name}, now=hq.clock())
    return store_id


def _store_of(s, staff: StaffUser, store_code: str) -> Store:
    store = s.scalar(select(Store).where(Store.code == store_code, Store.chain_id == staff.chain_id))
    if store is None:
        raise NotFound("store.not_found", code=store_code[:16])
    return store


def issue_enrolment_code(hq: HQ, staff: StaffUser, store_code: str, till_code: str, client: str = "") -> str:
    """A one-time code for a new till, or to enrol an existing till again (shown once, valid 7 days)."""
    authorize(staff, "tills.manage", store_code)
    till_code = till_code.strip()
    if not TILL_CODE.match(till_code):
        raise Invalid("till.bad_code")
    with hq.tx() as s:
        store = _store_of(s, staff, store_code)
        revoked = s.scalar(select(TillRow.revoked_at).where(TillRow.store_id == store.id, TillRow.code == till_code))
        if revoked is not None:
            raise Conflict("till.revoked_new_code", till=till_code)
    till_id, code = hq.create_till(store_code, till_code)
    with hq.tx() as s:
        audit.record(
            s,
            staff.actor(client),
            "till.code_issued",
            f"{store_code}/{till_code}",
            after={"till_id": till_id},
            now=hq.clock(),
        )
    return code


def revoke_till(hq: HQ, staff: StaffUser, till_id: str, reason: str, client: str = "") -> None:
    """The till's token stops working at once (a stolen till). A revoked till stays revoked: a
    replacement is enrolled under a new till code."""
    reason = reason.strip()[:200]
    if not reason:
        raise Invalid("till.reason_needed")
    with hq.tx() as s:
        row = s.execute(
            select(TillRow, Store.code)
            .join(Store, Store.id == TillRow.store_id)
            .where(TillRow.id == till_id, Store.chain_id == staff.chain_id)
        ).first()
        if row is None:
            raise NotFound("till.not_found")
        till, store_code = row
        authorize(staff, "tills.manage", store_code)
        if till.revoked_at is not None:
            raise Conflict("till.already_revoked")
        till.revoked_at, till.revoked_reason = hq.clock(), reason
        audit.record(
            s,
            staff.actor(client),
            "till.revoked",
            f"{store_code}/{till.code}",
            before={"revoked": False},
            after={"revoked": True, "reason": reason},
            now=hq.clock(),
        )
