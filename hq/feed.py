"""The member part of the change feed goes to the stores that need it (issue 22).

A store *follows* a member (table `store_members`, its catchment) once the member was registered
or seen there (an event of one of its tills named them: `follow` in every push) or looked up
online at one of its counters (`look_up`, which answers with the member's rows at once). A
member's change (kinds MEMBER_KINDS) is written once per following store, with that store's
code, instead of once chain-wide; catalogue, rules and coupon-template changes stay chain-wide
(store code ''). A pull reads its store's rows and the chain-wide ones, so each sale's change is
read by the tills of the few stores that know the member, not by every till of the chain.

Who follows whom is read after the writer holds the member's row: a look-up takes the row FOR
SHARE after adding its store, so either the look-up waits for a push and reads what the push
wrote, or the push waits for the look-up and, reading the followers afterwards (a new
statement: READ COMMITTED), writes a change row for the new store too. The rows go in through
the same `changes` table and its commit-order lock (migration 0004), last in the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from .base import HQError, among, bulk_upsert, resolve
from .models import ChangeRow, Coupon, Member, MemberAlias, PointsLot, StoreMember

MEMBER_KINDS = frozenset({"members", "member_coupons", "points_lots", "aliases"})


def follow(
    s: Session, chain_id: str, store_code: str, member_ids: Iterable[str], now: datetime, how: str = "seen"
) -> None:
    """The store follows these members from now on (already following: nothing changes). In
    member id order, so that two transactions adding the same rows never wait in a cycle."""
    ids = sorted({m for m in member_ids if m})
    if not ids or not store_code:
        return
    bulk_upsert(
        s,
        StoreMember.__table__,
        [dict(member_id=m, store_code=store_code, chain_id=chain_id, since=now, how=how) for m in ids],
        [StoreMember.member_id, StoreMember.store_code],
    )


def _owners(
    s: Session, pairs: list[tuple[str, str]], known: dict[tuple[str, str], str] | None = None
) -> dict[tuple[str, str], str | None]:
    """(kind, key) -> the member it belongs to (None: nobody's, e.g. a coupon not yet given);
    `known`: owners the caller knows (read no further)."""
    known = known or {}
    keys: dict[str, list[str]] = {}
    for kind, key in pairs:
        if (kind, key) not in known:
            keys.setdefault(kind, []).append(key)
    out: dict[tuple[str, str], str | None] = {("members", k): k for k in keys.get("members", ())}
    out.update(known)
    pending = {
        (type(o), getattr(o, "code", None) or getattr(o, "id", None) or getattr(o, "alias_id", None)): o
        for o in s.new
        if isinstance(o, (Coupon, PointsLot, MemberAlias))
    }
    for kind, model, key_col in (
        ("member_coupons", Coupon, Coupon.code),
        ("points_lots", PointsLot, PointsLot.id),
        ("aliases", MemberAlias, MemberAlias.alias_id),
    ):
        wanted = sorted(set(keys.get(kind, ())))
        for i in range(0, len(wanted), 5000):
            chunk = wanted[i : i + 5000]
            out.update(
                ((kind, k), m)
                for k, m in s.connection().execute(select(key_col, model.member_id).where(among(s, key_col, chunk)))
            )
        for k in wanted:
            if (kind, k) not in out and (model, k) in pending:
                out[(kind, k)] = pending[(model, k)].member_id
    return out


def fan_out(s: Session, rows: list[dict], known: dict[tuple[str, str], str] | None = None) -> list[dict]:
    """Change rows (chain_id, store_code, kind, key) as they go into the feed: a member's change
    (store code '') becomes one row per store following the member, none when no store does; a
    coupon of nobody's stays chain-wide; every other row is left as it is (the rows given are
    reused: a member's change to one store is its row with the store's code). `known`: (kind, key)
    -> member for the rows whose owner the caller knows (a push's new lots), not read again."""
    mine = [r for r in rows if r["kind"] in MEMBER_KINDS and not r.get("store_code")]
    if not mine:
        return rows
    owners = _owners(s, [(r["kind"], r["key"]) for r in mine], known)
    aliases = {r["key"] for r in mine if r["kind"] == "aliases"}
    members = sorted({m for m in owners.values() if m} | aliases)
    stores: dict[str, list[str]] = {}
    for i in range(0, len(members), 5000):
        chunk = members[i : i + 5000]
        for member_id, store_code in (
            s.connection()
            .execute(
                select(StoreMember.member_id, StoreMember.store_code).where(among(s, StoreMember.member_id, chunk))
            )
            .all()
        ):
            stores.setdefault(member_id, []).append(store_code)
    out = [r for r in rows if not (r["kind"] in MEMBER_KINDS and not r.get("store_code"))]
    ordered: dict[str, list[str]] = {}  # owner -> its stores in order (a member and its lots share them)
    for r in mine:
        owner = owners.get((r["kind"], r["key"]))
        if owner is None:
            out.append(dict(r, store_code=""))
            continue
        if r["kind"] != "aliases":
            codes_of = ordered.get(owner)
            if codes_of is None:
                codes_of = ordered[owner] = sorted(set(stores.get(owner, ())))
            if len(codes_of) == 1:  # (most members: one store) the row itself, not a copy
                r["store_code"] = codes_of[0]
                out.append(r)
            else:
                out += [{**r, "store_code": code} for code in codes_of]
            continue
        # an alias: the stores that knew it as a member get the merge too, and follow the member kept
        codes = set(stores.get(owner, ()))
        extra = set(stores.get(r["key"], ())) - codes
        for code in sorted(extra):
            follow(s, r["chain_id"], code, [owner], datetime.now())
        codes |= extra
        if extra:
            out += [dict(chain_id=r["chain_id"], store_code=code, kind="members", key=owner) for code in sorted(extra)]
        out += [dict(r, store_code=code) for code in sorted(codes)]
    return out


def scope_member_changes(session: Session, flush_context, instances) -> None:
    """before_flush on HQ's sessions: ChangeRow objects added for member kinds are fanned out to
    the member's stores (see fan_out), so every writer of the feed scopes members alike."""
    new = [o for o in session.new if isinstance(o, ChangeRow) and o.kind in MEMBER_KINDS and not o.store_code]
    if not new:
        return
    with session.no_autoflush:
        rows = fan_out(session, [dict(chain_id=o.chain_id, store_code="", kind=o.kind, key=o.key) for o in new])
    for o in new:
        session.expunge(o)
    session.add_all([ChangeRow(**r) for r in rows])


def install(*sessionmakers) -> None:
    for maker in sessionmakers:
        if not event.contains(maker, "before_flush", scope_member_changes):
            event.listen(maker, "before_flush", scope_member_changes)


# ---- an online look-up at the counter ---------------------------------------------------------
def look_up(s: Session, chain_id: str, store_code: str, query: str, now: datetime) -> dict:
    """The member a till's counter asks for (member id, card number, full phone, or a member
    code's id), who this store follows from now on: {member, coupons, lots} in the till's row
    shapes, read after the member's row is held FOR SHARE (see the module's docstring)."""
    from . import snapshot

    query = query.strip()
    if query.upper().startswith("MT1."):  # a member code: its member id (the till checks it)
        query = query.split(".")[1] if query.count(".") >= 3 else ""
    if not query:
        raise HQError(422, "Empty member query")
    member_id = s.scalar(select(Member.id).where(Member.chain_id == chain_id, Member.id == resolve(s, query)))
    if member_id is None:
        member_id = s.scalar(select(Member.id).where(Member.chain_id == chain_id, Member.card_no == query)) or s.scalar(
            select(Member.id).where(Member.chain_id == chain_id, Member.phone == query)
        )
    if member_id is None:
        raise HQError(404, "No such member in this chain")
    follow(s, chain_id, store_code, [member_id], now, how="lookup")
    row = (
        s.connection()
        .execute(select(*snapshot.MEMBER_SELECT).where(Member.id == member_id).with_for_update(read=True, of=Member))
        .first()
    )
    coupons = [
        dict(zip(snapshot.COUPON_COLUMNS, r))
        for r in s.connection().execute(select(*snapshot.COUPON_SELECT).where(Coupon.member_id == member_id))
    ]
    from .lifecycle.lots import LOT_COLUMNS

    lots = [
        {c: (v.isoformat() if hasattr(v, "isoformat") else v) for c, v in zip(LOT_COLUMNS, r)}
        for r in s.connection().execute(
            select(*[getattr(PointsLot, c) for c in LOT_COLUMNS]).where(
                PointsLot.member_id == member_id, PointsLot.remaining > 0
            )
        )
    ]
    return {"member": snapshot.member_dict(snapshot.phone_key(s, chain_id), row), "coupons": coupons, "lots": lots}
