"""Console pages of the points mall and of coupon issuing (issue 18, items 4 and 5).

* `/console/mall` (`mall.view`): the items (points, stock, limit per member, coupon template),
  the orders (filtered by status); with `mall.manage` an item is added or changed (stock set) and a
  pending order cancelled (its points back to their lots). Audited: `mall.item_saved`,
  `mall.order_cancelled`.
* `/console/coupons` (`mall.view`): each coupon template with its coupons issued, budget
  (`issue_limit`) and what is left, and the stores it is restricted to; with `coupons.issue` a
  template's coupons go to one member, to a list of members (ids, one a line), or out as
  single-use codes (shown to print or send). Audited: `coupons.issued` (template, how, count —
  no member's personal data). The points → coupon offers members exchange in the app are listed
  there too; with `mall.manage` one is added, changed or withdrawn (audited `mall.offer_saved`,
  `mall.offer_removed`).
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response
from sqlalchemy import func, select

from pos_app.domain.errors import DomainError

from ..i18n import describe_error, translate
from ..lifecycle import mall
from ..lifecycle.coupons import issue_codes, issue_to_members
from ..models import CatalogueRow, Coupon
from ..services import audit
from ..services.auth import StaffUser
from .deps import CurrentStaff, HQDep, client_of, permit
from .render import render, request_lang

router = APIRouter(prefix="/console", include_in_schema=False)
STATUSES = ("pending", "handed_over", "cancelled", "issued")
MAX_LIST = 1000  # members one issue may name


def _actor(request: Request, staff: StaffUser) -> audit.Actor:
    return audit.Actor(staff.chain_id, staff.id, staff.display_name, client_of(request))


def _mall_page(
    request: Request,
    hq,
    staff: StaffUser,
    status: str = "",
    flash: str = "",
    flash_kind: str = "ok",
    form: dict | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "console/mall.html",
        {
            "items": mall.items(hq, staff.chain_id),
            "orders": mall.orders(hq, staff.chain_id, status=status or None),
            "statuses": STATUSES,
            "status": status,
            "templates": _templates(hq, staff.chain_id),
            "can_manage": staff.can("mall.manage"),
            "form": form or {},
            "flash": flash,
            "flash_kind": flash_kind,
        },
        status_code=status_code,
    )


@router.get("/mall", dependencies=[permit("mall.view")])
def mall_page(
    request: Request, hq: HQDep, staff: CurrentStaff, status: Annotated[str, Query(max_length=16)] = ""
) -> Response:
    return _mall_page(request, hq, staff, status if status in STATUSES else "")


@router.post("/mall/items", dependencies=[permit("mall.manage")])
def save_item(
    request: Request,
    hq: HQDep,
    staff: CurrentStaff,
    id: Annotated[str, Form(max_length=64)],
    kind: Annotated[str, Form(max_length=16)],
    name: Annotated[str, Form(max_length=128)],
    points: Annotated[str, Form(max_length=16)],
    stock: Annotated[str, Form(max_length=16)],
    per_member_limit: Annotated[str, Form(max_length=16)] = "0",
    coupon_template: Annotated[str, Form(max_length=64)] = "",
    valid_days: Annotated[str, Form(max_length=16)] = "30",
    active: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    lang = request_lang(request)
    form = dict(
        id=id,
        kind=kind,
        name=name,
        points=points,
        stock=stock,
        per_member_limit=per_member_limit or "0",
        coupon_template=coupon_template,
        valid_days=valid_days or "30",
        active=active,
    )
    try:
        saved = mall.save_item(hq, staff.chain_id, form)
    except DomainError as error:
        return _mall_page(
            request, hq, staff, flash=describe_error(error, lang), flash_kind="error", form=form, status_code=422
        )
    with hq.tx() as s:
        audit.record(s, _actor(request, staff), "mall.item_saved", saved["id"], after=saved, now=hq.clock())
    return _mall_page(request, hq, staff, flash=translate("mall.saved", lang, name=saved["name"]))


@router.post("/mall/orders/cancel", dependencies=[permit("mall.manage")])
def cancel_order(
    request: Request, hq: HQDep, staff: CurrentStaff, order_id: Annotated[str, Form(max_length=40)]
) -> Response:
    lang = request_lang(request)
    try:
        done = mall.cancel(hq, staff.chain_id, order_id, by=f"staff:{staff.username}")
    except DomainError as error:
        return _mall_page(request, hq, staff, flash=describe_error(error, lang), flash_kind="error", status_code=422)
    with hq.tx() as s:
        audit.record(
            s,
            _actor(request, staff),
            "mall.order_cancelled",
            order_id,
            after={"item": done["item_id"], "points": done["points"]},
            now=hq.clock(),
        )
    return _mall_page(
        request, hq, staff, flash=translate("mall.cancelled", lang, name=done["item_name"], points=done["points"])
    )


# ---- coupon templates: issue counts, budget, issuing ------------------------------------------
def _templates(hq, chain_id: str) -> list[dict]:
    """Each published coupon template with coupons issued, its budget and what is left of it."""
    with hq.tx() as s:
        issued = dict(
            s.execute(
                select(Coupon.template_id, func.count()).where(Coupon.chain_id == chain_id).group_by(Coupon.template_id)
            ).all()
        )
        used = dict(
            s.execute(
                select(Coupon.template_id, func.count())
                .where(Coupon.chain_id == chain_id, Coupon.status == "used")
                .group_by(Coupon.template_id)
            ).all()
        )
        out = []
        for row in s.scalars(
            select(CatalogueRow)
            .where(
                CatalogueRow.chain_id == chain_id,
                CatalogueRow.kind == "coupon_templates",
                CatalogueRow.store_code == "",
            )
            .order_by(CatalogueRow.key)
        ):
            params = row.data.get("params") or {}
            limit = params.get("issue_limit")
            n = int(issued.get(row.key, 0))
            out.append(
                {
                    "id": row.key,
                    "name": row.data.get("name", row.key),
                    "kind": row.data.get("kind", ""),
                    "issued": n,
                    "used": int(used.get(row.key, 0)),
                    "limit": limit,
                    "left": None if limit is None else max(0, int(limit) - n),
                    "stores": list(params.get("store_codes") or []),
                }
            )
        return out


def _coupons_page(
    request: Request,
    hq,
    staff: StaffUser,
    flash: str = "",
    flash_kind: str = "ok",
    codes: list[str] | None = None,
    form: dict | None = None,
    status_code: int = 200,
    offer_form: dict | None = None,
) -> Response:
    return render(
        request,
        "console/coupons.html",
        {
            "templates": _templates(hq, staff.chain_id),
            "can_issue": staff.can("coupons.issue"),
            "offers": mall.exchange_offers(hq, staff.chain_id),
            "can_manage": staff.can("mall.manage"),
            "codes": codes or [],
            "form": form or {},
            "offer_form": offer_form or {},
            "flash": flash,
            "flash_kind": flash_kind,
        },
        status_code=status_code,
    )


@router.get("/coupons", dependencies=[permit("mall.view")])
def coupons_page(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    return _coupons_page(request, hq, staff)


@router.post("/coupons/issue", dependencies=[permit("coupons.issue")])
def issue(
    request: Request,
    hq: HQDep,
    staff: CurrentStaff,
    template_id: Annotated[str, Form(max_length=64)],
    how: Annotated[str, Form(max_length=16)],
    members: Annotated[str, Form(max_length=50_000)] = "",
    count: Annotated[str, Form(max_length=8)] = "",
    valid_days: Annotated[str, Form(max_length=8)] = "30",
) -> Response:
    lang = request_lang(request)
    form = dict(template_id=template_id, how=how, members=members, count=count, valid_days=valid_days)
    try:
        days = int(valid_days) if valid_days.strip().isdigit() else 0
        if how == "codes":
            n = int(count) if count.strip().isdigit() else 0
            codes = issue_codes(hq, staff.chain_id, template_id, n, valid_days=days)
            target = {"codes": len(codes)}
        elif how == "members":
            ids = [m for m in re.split(r"[\s,，;；]+", members.strip()) if m]
            if not ids or len(ids) > MAX_LIST:
                raise DomainError("coupons.members_invalid", max=MAX_LIST)
            codes = issue_to_members(hq, staff.chain_id, template_id, list(dict.fromkeys(ids)), valid_days=days)
            target = {"members": len(codes)}
        else:
            raise DomainError("coupons.how_invalid")
    except DomainError as error:
        return _coupons_page(
            request, hq, staff, flash=describe_error(error, lang), flash_kind="error", form=form, status_code=422
        )
    with hq.tx() as s:
        audit.record(
            s,
            _actor(request, staff),
            "coupons.issued",
            template_id[:32],
            after={"how": how, "count": len(codes), "valid_days": days, **target},
            now=hq.clock(),
        )
    return _coupons_page(
        request,
        hq,
        staff,
        flash=translate("coupons.issued", lang, count=len(codes), template=template_id[:32]),
        codes=codes if how == "codes" else [],
    )


@router.post("/coupons/offers", dependencies=[permit("mall.manage")])
def save_offer(
    request: Request,
    hq: HQDep,
    staff: CurrentStaff,
    id: Annotated[str, Form(max_length=64)],
    name: Annotated[str, Form(max_length=128)],
    points: Annotated[str, Form(max_length=16)],
    coupon_template: Annotated[str, Form(max_length=64)],
    valid_days: Annotated[str, Form(max_length=16)] = "30",
) -> Response:
    """Add or change a points → coupon offer of the member app."""
    lang = request_lang(request)
    form = dict(id=id, name=name, points=points, coupon_template=coupon_template, valid_days=valid_days or "30")
    try:
        saved, before = mall.save_exchange_offer(hq, staff.chain_id, form)
    except DomainError as error:
        return _coupons_page(
            request, hq, staff, flash=describe_error(error, lang), flash_kind="error", offer_form=form, status_code=422
        )
    with hq.tx() as s:
        audit.record(
            s, _actor(request, staff), "mall.offer_saved", saved["id"], before=before, after=saved, now=hq.clock()
        )
    return _coupons_page(request, hq, staff, flash=translate("mall.saved", lang, name=saved["name"]))


@router.post("/coupons/offers/remove", dependencies=[permit("mall.manage")])
def remove_offer(
    request: Request, hq: HQDep, staff: CurrentStaff, offer_id: Annotated[str, Form(max_length=64)]
) -> Response:
    """Withdraw an offer; coupons members already bought with it stay theirs."""
    lang = request_lang(request)
    try:
        removed = mall.remove_exchange_offer(hq, staff.chain_id, offer_id)
    except DomainError as error:
        return _coupons_page(request, hq, staff, flash=describe_error(error, lang), flash_kind="error", status_code=422)
    with hq.tx() as s:
        audit.record(s, _actor(request, staff), "mall.offer_removed", removed["id"], before=removed, now=hq.clock())
    return _coupons_page(request, hq, staff, flash=translate("mall.offer_removed_flash", lang, name=removed["name"]))
