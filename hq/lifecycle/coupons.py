"""Coupons issued from HQ (C1, issue 18): to one member or a list, as single-use codes (no member:
printed or sent), and points exchanged for a coupon (an offer of the chain's settings, e.g. 100
points for a 满50减10 coupon). A template may set `issue_limit` (its budget: coupons ever issued);
the count is read under the template's catalogue row lock, so two issues at once cannot pass it.
Every issued coupon reaches tills with the next pull (member_coupons)."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import func, insert, literal, select

from pos_app.domain.errors import DomainError

from ..ingest import bulk_insert
from ..models import CatalogueRow, ChangeRow, Coupon, Member
from .program import lifecycle_settings


class CouponIssueError(DomainError):
    """An issue or exchange refused (code coupon.*)."""


def _template(s, chain_id: str, template_id: str) -> dict:
    row = s.scalar(
        select(CatalogueRow)
        .where(
            CatalogueRow.chain_id == chain_id,
            CatalogueRow.kind == "coupon_templates",
            CatalogueRow.key == template_id,
            CatalogueRow.store_code == "",
        )
        .with_for_update()
    )
    if row is None:
        raise CouponIssueError("coupon.unknown_template", template=template_id[:32])
    return row.data


def _check(s, chain_id: str, template_id: str, count: int, valid_days: int) -> None:
    """The issue of `count` coupons allowed: valid days, the template (locked), its budget."""
    if not 1 <= valid_days <= 3660:
        raise CouponIssueError("coupon.valid_days_invalid")
    data = _template(s, chain_id, template_id)
    limit = (data.get("params") or {}).get("issue_limit")
    if limit is not None:
        issued = s.scalar(
            select(func.count())
            .select_from(Coupon)
            .where(Coupon.chain_id == chain_id, Coupon.template_id == template_id)
        )
        if issued + count > int(limit):
            raise CouponIssueError(
                "coupon.budget_exhausted", template=template_id[:32], left=max(0, int(limit) - issued)
            )


def _issue(s, chain_id: str, template_id: str, members: list[str | None], valid_days: int, now: datetime) -> list[str]:
    _check(s, chain_id, template_id, len(members), valid_days)
    codes = [f"C{secrets.token_hex(7).upper()}" for _ in members]
    s.flush()
    valid_to = now + timedelta(days=valid_days)
    bulk_insert(
        s,
        Coupon,
        [
            dict(
                code=code,
                chain_id=chain_id,
                member_id=member_id,
                template_id=template_id,
                valid_from=now,
                valid_to=valid_to,
                status="issued",
                used_sale_id=None,
            )
            for code, member_id in zip(codes, members)
        ],
    )  # COPY on PostgreSQL: 100k at once
    _to_feed(s, chain_id, codes, members)
    return codes


def _to_feed(s, chain_id: str, codes: list[str], members: list[str | None]) -> None:
    """The coupons' feed rows as hq/feed.fan_out makes them: a member's coupon to each store
    following the member (none when no store does), a coupon of nobody's chain-wide. The owners
    are known here: one INSERT … SELECT over store_members per chunk, not a look-up of 100k
    owners and then of their stores (15 s of a 100k-coupon campaign at 1M members)."""
    from ..base import among
    from ..models import StoreMember

    nobodys = [c for c, m in zip(codes, members) if m is None]
    if nobodys:
        bulk_insert(
            s, ChangeRow, [dict(chain_id=chain_id, store_code="", kind="member_coupons", key=c) for c in nobodys]
        )
    owned = sorted(c for c, m in zip(codes, members) if m is not None)
    for i in range(0, len(owned), 50_000):
        chunk = owned[i : i + 50_000]
        s.execute(
            insert(ChangeRow).from_select(
                ["chain_id", "store_code", "kind", "key"],
                select(literal(chain_id), StoreMember.store_code, literal("member_coupons"), Coupon.code)
                .join(StoreMember, StoreMember.member_id == Coupon.member_id)
                .where(among(s, Coupon.code, chunk))
                .order_by(Coupon.code, StoreMember.store_code),
            )
        )


# a new coupon's code in SQL: 14 hex digits of an md5 of a random UUID (gen_random_uuid: 122 bits
# from the server's strong random source), as `secrets.token_hex(7)` makes them in Python
SQL_CODE = "'C' || upper(left(md5(gen_random_uuid()::text), 14))"


def issue_staged(s, chain_id: str, template_id: str, stage: str, count: int, valid_days: int, now: datetime) -> None:
    """PostgreSQL, set-based: the coupons of a staging table's rows `(member_id, code)` whose code
    is set (`count` of them, their codes made by SQL_CODE), in the caller's transaction — one
    INSERT … SELECT for the coupons, one for their feed rows (each coupon to every store
    following its member, as `_to_feed`), no row through Python (a campaign's 100k coupons at
    1M members). The template's budget holds as in `issue_within`."""
    from sqlalchemy import text

    _check(s, chain_id, template_id, count, valid_days)
    s.flush()
    params = {"chain": chain_id, "template": template_id, "now": now, "to": now + timedelta(days=valid_days)}
    s.execute(
        text(
            f"""INSERT INTO coupons (code, chain_id, member_id, template_id, valid_from, valid_to, status)
                SELECT code, :chain, member_id, :template, :now, :to, 'issued' FROM {stage} WHERE code IS NOT NULL"""
        ),
        params,
    )
    s.execute(
        text(
            f"""INSERT INTO changes (chain_id, store_code, kind, key)
                SELECT :chain, sm.store_code, 'member_coupons', st.code
                FROM {stage} st JOIN store_members sm ON sm.member_id = st.member_id
                WHERE st.code IS NOT NULL"""
        ),  # in no order: a sort of every (coupon, store) was a third of this statement at 200k members
        params,
    )


def issue_to_members(hq, chain_id: str, template_id: str, member_ids: list[str], valid_days: int = 30) -> list[str]:
    """One coupon of the template to each member of the list (one member: a list of one)."""
    with hq.tx() as s:
        known = set(s.scalars(select(Member.id).where(Member.chain_id == chain_id, Member.id.in_(member_ids))))
        missing = [m for m in member_ids if m not in known]
        if missing:
            raise CouponIssueError("coupon.unknown_member", count=len(missing))
        return _issue(s, chain_id, template_id, list(member_ids), valid_days, hq.clock())


def issue_within(
    s, chain_id: str, template_id: str, member_ids: list[str], valid_days: int, now: datetime
) -> list[str]:
    """One coupon of the template to each member of the list, in the caller's transaction (the
    members are known to it: a campaign's snapshot); the template's budget holds."""
    return _issue(s, chain_id, template_id, list(member_ids), valid_days, now)


def issue_codes(hq, chain_id: str, template_id: str, count: int, valid_days: int = 30) -> list[str]:
    """`count` single-use codes of the template held by no member (printed or sent; used once at any till)."""
    if not 1 <= count <= 100_000:
        raise CouponIssueError("coupon.count_invalid")
    with hq.tx() as s:
        return _issue(s, chain_id, template_id, [None] * count, valid_days, hq.clock())


def exchange_points(hq, chain_id: str, member_id: str, offer_id: str, request_key: str | None = None) -> str:
    """Spend the offer's points (oldest usable lots first) for one coupon of its template; the
    coupon's code. Idempotent by `request_key` (the member app sends one per tap): the same key
    answers the coupon it bought the first time. The exchange is a mall order of kind `exchange`."""
    from ..base import new_id
    from ..models_mall import MallOrder
    from .mall import MallError, earlier_order, locked_member, spend_points

    now = hq.clock()
    request_key = request_key or f"exchange:{secrets.token_hex(8)}"
    with hq.tx() as s:
        offers = {o["id"]: o for o in lifecycle_settings(s, chain_id).get("points_exchange") or []}
        offer = offers.get(offer_id)
        if offer is None:
            raise CouponIssueError("coupon.unknown_offer", offer=offer_id[:32])
        try:
            locked_member(s, chain_id, member_id)
        except MallError:
            raise CouponIssueError("coupon.unknown_member", count=1) from None
        before = earlier_order(s, member_id, request_key)
        if before is not None:
            if before.kind != "exchange" or before.item_id != offer_id:
                raise CouponIssueError("coupon.request_key_reused")
            return before.coupon_code
        points = int(offer["points"])
        order_id = new_id()
        try:
            spend_points(s, chain_id, member_id, points, f"exchange:{order_id}", "exchange", now)
        except MallError:
            raise CouponIssueError("coupon.points_short", points=points) from None  # rolled back with the takes
        (code,) = _issue(s, chain_id, offer["coupon_template"], [member_id], int(offer.get("valid_days", 30)), now)
        name = str(offer.get("name") or offer_id)[:64]
        s.add(
            MallOrder(
                id=order_id,
                chain_id=chain_id,
                member_id=member_id,
                kind="exchange",
                item_id=offer_id[:32],
                item_name=name,
                points=points,
                status="issued",
                coupon_code=code,
                request_key=request_key,
                store_code="",
                till_id=None,
                created_at=now,
                closed_at=now,
                closed_by="member",
            )
        )
        return code
