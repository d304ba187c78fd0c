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

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..base import HQError, digest
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


def note_contact(hq: HQ, token: str | None, user_agent: str | None) -> None:
    """Remember that the till of `token` was heard from now (and its version): written only when
    the last note is a minute old or the version changed, so a busy till costs one write a minute.
    What this process last saw noted is kept in memory (`hq.contacts`, per token hash), so that a
    till heard again within the minute costs no database work at all (issue 22's soak: this was a
    second transaction on every push and pull)."""
    if not token:
        return
    now, version, key = hq.clock(), app_version(user_agent), digest(token)
    seen = hq.contacts.get(key)
    if seen is not None and seen[0] > now - CONTACT_EVERY and seen[1] == version:
        return
    with hq.tx() as s:
        till_id = s.scalar(select(TillRow.id).where(TillRow.token_hash == key))
        if till_id is None:
            return
        known = s.execute(
            select(TillContact.last_contact, TillContact.app_version).where(TillContact.till_id == till_id)
        ).first()
        if known is not None and known.last_contact > now - CONTACT_EVERY and known.app_version == version:
            hq.contacts[key] = (known.last_contact, version)
            return
        upsert = (pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert)(TillContact)
        s.execute(
            upsert.values(till_id=till_id, last_contact=now, app_version=version).on_conflict_do_update(
                index_elements=[TillContact.till_id], set_={"last_contact": now, "app_version": version}
            )
        )
    hq.contacts[key] = (now, version)


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
