"""Load the demo chain into HQ: the same seeded rows the till's embedded demo store uses
(`demo.chain`), so a demo till enrolled at a demo HQ sees the same products and members."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert

from demo.chain import all_rows

from .models import CatalogueRow, ChangeRow, Coupon, Member, PointsEntry, PointsLot, StoredValueEntry, StoreMember
from .service import HQ, jsonable


def load_demo(
    hq: HQ,
    now: datetime,
    *,
    stores: tuple[str, ...] = ("S001",),
    products: int = 2000,
    members: int = 10000,
    chain_name: str = "邻家便利",
    home_store_only: bool = False,
) -> str:
    """Create the demo chain with `stores`, its catalogue, rules, cashiers and members. Returns the chain id.

    The demo's members are followed by every store (hq/feed.py: their changes reach every till),
    or with `home_store_only` each by one store, in turn (a chain's customers keep to a store)."""
    chain_id = hq.create_chain(chain_name, "demo")
    for n, code in enumerate(stores, start=1):
        hq.create_store(chain_id, code, f"{chain_name} {n}号店")
    followers: dict[str, list[str]] = {}
    with hq.engine.begin() as c:
        for table, rows in all_rows(now, products, members):
            if not rows:
                continue
            if table == "members":
                c.execute(insert(Member), [member(chain_id, r) for r in rows])
                c.execute(
                    insert(PointsEntry),
                    [
                        dict(member_id=r["id"], delta=r["hq_points"], kind="opening", ref="", event_id=None, at=now)
                        for r in rows
                        if r["hq_points"]
                    ],
                )
                c.execute(
                    insert(StoredValueEntry),
                    [
                        dict(
                            member_id=r["id"],
                            principal_fen=r["hq_principal_fen"],
                            bonus_fen=r["hq_bonus_fen"],
                            kind="opening",
                            ref="",
                            event_id=None,
                            at=now,
                        )
                        for r in rows
                        if r["hq_principal_fen"] or r["hq_bonus_fen"]
                    ],
                )
                followers = {
                    r["id"]: [stores[n % len(stores)]] if home_store_only else list(stores) for n, r in enumerate(rows)
                }
                c.execute(
                    insert(StoreMember),
                    [
                        dict(member_id=m, store_code=code, chain_id=chain_id, since=now, how="seen")
                        for m, codes in followers.items()
                        for code in codes
                    ],
                )
                changes = [
                    dict(chain_id=chain_id, store_code=code, kind="members", key=r["id"])
                    for r in rows
                    for code in followers[r["id"]]
                ]
            elif table == "points_lots":  # HQ's own lots table (hq/lifecycle), authoritative
                c.execute(insert(PointsLot), [dict(r, expired=0, ref="") for r in rows])
                changes = [
                    dict(chain_id=chain_id, store_code=code, kind=table, key=r["id"])
                    for r in rows
                    for code in followers.get(r["member_id"], ())
                ]
            elif table == "member_coupons":
                c.execute(insert(Coupon), [dict(chain_id=chain_id, **r) for r in rows])
                changes = [
                    dict(chain_id=chain_id, store_code=code, kind=table, key=r["code"])
                    for r in rows
                    for code in (followers.get(r["member_id"], ()) if r.get("member_id") else ("",))
                ]
            elif table == "settings":
                scoped = []
                for r in rows:
                    if r["key"] == "store":
                        for code in stores:
                            data = dict(r["value"], code=code, name=f"{chain_name} {code}")
                            scoped.append((code, {"key": "store", "value": data}))
                    else:
                        scoped.append(("", r))
                c.execute(
                    insert(CatalogueRow),
                    [
                        dict(chain_id=chain_id, kind=table, key=r["key"], store_code=code, data=jsonable(r))
                        for code, r in scoped
                    ],
                )
                changes = [dict(chain_id=chain_id, store_code=code, kind=table, key=r["key"]) for code, r in scoped]
            else:
                key = {"barcodes": "code", "tiers": "code"}.get(table, "id")
                c.execute(
                    insert(CatalogueRow),
                    [
                        dict(chain_id=chain_id, kind=table, key=str(r[key]), store_code="", data=jsonable(r))
                        for r in rows
                    ],
                )
                changes = [dict(chain_id=chain_id, store_code="", kind=table, key=str(r[key])) for r in rows]
            c.execute(insert(ChangeRow), changes)
    return chain_id


def member(chain_id: str, r: dict) -> dict:
    return dict(
        id=r["id"],
        chain_id=chain_id,
        phone=r["phone"],
        card_no=r["card_no"],
        name=r["name"],
        birthday=r["birthday"].isoformat() if r["birthday"] else None,
        tier_code=r["tier_code"],
        consent=r["consent"],
        consent_at=r["consent_at"],
        custom={},
        public_key=r["public_key"].hex() if r["public_key"] else None,
        points=r["hq_points"],
        principal_fen=r["hq_principal_fen"],
        bonus_fen=r["hq_bonus_fen"],
        clocks={},
        referral_code=None,
        referred_by=None,
        created_at=r["created_at"],
    )
