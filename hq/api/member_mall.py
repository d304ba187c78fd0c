"""The member app's points mall and points → coupon exchange (issue 18, items 4 and 5), under
the member API (`/v1/member/...`, `Authorization: Bearer <member session>` as hq/api/members.py).

JSON in, JSON out. A refusal is `{"detail": <English>, "code": <code>, "message": <text in the
request's Accept-Language, Chinese by default>}` with 404 (unknown item, order or offer), 409
(out of stock, limit reached, points short, order no longer pending) or 422 (malformed input).

Every purchase carries a `request_key` the app makes once per tap (8–64 of `A-Za-z0-9_.:-`, e.g.
a UUID): sending the same key again — a retry after a lost answer — returns the order (or the
coupon) the first request made and spends nothing more.

* `GET  /v1/member/mall/items` — the mall: `[{id, kind: gift|coupon, name, points, stock,
  per_member_limit, coupon_template, valid_days}]`, cheapest first.
* `POST /v1/member/mall/orders` `{item_id, request_key}` — redeem one unit: the order
  `{id, kind, item_id, item_name, points, status, coupon_code, store_code, created_at, closed_at}`;
  a gift is `pending` until handed over at a store (`handed_over`, `store_code` says where), a
  coupon item is `issued` with its `coupon_code`.
* `GET  /v1/member/mall/orders` — the member's orders, newest first (exchanges included).
* `POST /v1/member/mall/cancel` `{order_id}` — cancel a pending order: the points go back to the
  lots they came from (their original expiry), the unit back to stock; the order, `cancelled`.
* `GET  /v1/member/exchange/offers` — points → coupon offers `[{id, name, points, coupon_template,
  valid_days}]` (the chain's `points_exchange` setting, e.g. 100 points for a 满50减10 coupon).
* `POST /v1/member/exchange` `{offer_id, request_key}` — `{coupon_code}`; the points come from the
  oldest usable lots.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from pos_app.domain.error_texts import describe
from pos_app.domain.errors import DomainError

from ..lifecycle import mall
from ..lifecycle.coupons import exchange_points
from ..lifecycle.program import lifecycle_settings
from ..models import Member
from .deps import CurrentMember, HQDep
from .errors import ERRORS

router = APIRouter(prefix="/v1/member", tags=["members"], responses=ERRORS)

KEY = r"^[A-Za-z0-9_.:-]{8,64}$"
NOT_FOUND = {"mall.item_unknown", "mall.order_unknown", "coupon.unknown_offer", "mall.unknown_member"}
CONFLICT = {
    "mall.out_of_stock",
    "mall.limit_reached",
    "mall.points_short",
    "mall.order_not_pending",
    "coupon.points_short",
    "coupon.budget_exhausted",
    "coupon.request_key_reused",
}


class RedeemBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    item_id: str = Field(min_length=1, max_length=32)
    request_key: str = Field(pattern=KEY)


class CancelBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    order_id: str = Field(min_length=1, max_length=40)


class ExchangeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    offer_id: str = Field(min_length=1, max_length=32)
    request_key: str = Field(pattern=KEY)


def member_chain(hq: HQDep, member_id: CurrentMember) -> tuple[str, str]:
    """(member id, their chain) of the signed-in member."""
    with hq.tx() as s:
        return member_id, s.get_one(Member, member_id).chain_id


Who = Annotated[tuple[str, str], Depends(member_chain)]


def refused(request: Request, error: DomainError, status: int | None = None) -> JSONResponse:
    """A coded refusal as the member app reads it: English detail, the code, and the text in the
    phone's language (Accept-Language; Chinese unless it asks for English)."""
    lang = "en" if request.headers.get("accept-language", "zh").lower().startswith("en") else "zh_CN"
    if status is None:
        status = 404 if error.code in NOT_FOUND else 409 if error.code in CONFLICT else 422
    return JSONResponse(
        {"detail": describe(error, "en"), "code": error.code, "message": describe(error, lang)}, status_code=status
    )


@router.get("/mall/items")
def mall_items(hq: HQDep, who: Who) -> list[dict]:
    return mall.items(hq, who[1], active_only=True)


@router.post("/mall/orders")
def mall_redeem(body: RedeemBody, request: Request, hq: HQDep, who: Who):
    try:
        return mall.redeem(hq, who[1], who[0], body.item_id, body.request_key)
    except DomainError as error:
        return refused(request, error)


@router.get("/mall/orders")
def mall_orders(hq: HQDep, who: Who) -> list[dict]:
    return mall.orders(hq, who[1], member_id=who[0], limit=100)


@router.post("/mall/cancel")
def mall_cancel(body: CancelBody, request: Request, hq: HQDep, who: Who):
    try:
        return mall.cancel(hq, who[1], body.order_id, by="member", member_id=who[0])
    except DomainError as error:
        return refused(request, error)


@router.get("/exchange/offers")
def exchange_offers(hq: HQDep, who: Who) -> list[dict]:
    with hq.tx() as s:
        offers = lifecycle_settings(s, who[1]).get("points_exchange") or []
    return [
        {
            "id": o["id"],
            "name": o.get("name", o["id"]),
            "points": int(o["points"]),
            "coupon_template": o["coupon_template"],
            "valid_days": int(o.get("valid_days", 30)),
        }
        for o in offers
    ]


@router.post("/exchange")
def exchange(body: ExchangeBody, request: Request, hq: HQDep, who: Who):
    try:
        return {"coupon_code": exchange_points(hq, who[1], who[0], body.offer_id, body.request_key)}
    except DomainError as error:
        return refused(request, error)
