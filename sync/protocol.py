"""The wire protocol between tills and HQ: versioned pydantic schemas shared by both sides.

Version 1. Every request but enrolment carries `Authorization: Bearer <till token>`; every body
carries `version`, and HQ refuses versions it does not speak with 400 and a clear message.

* `POST /v1/enrol` - a till trades a one-time enrolment code for its till id and token.
* `POST /v1/push` - outbox events in seq order. HQ stores each event once (unique event id),
  applies its effects in the same transaction, and answers with `acked_seq`, the highest
  contiguous per-till sequence it holds. An event whose seq is beyond `acked_seq + 1` is not
  stored: `gap_from` says where the till must resend from.
* `GET /v1/pull?cursor=N&limit=M` - changes after HQ's change sequence N, oldest first, one page;
  the till applies a page and stores `cursor` in one transaction; `more` says whether to ask
  again. `till_seq` is this till's contiguous seq HQ had applied when the page was read: member
  balances in the page include exactly this till's events up to it.
* `GET /v1/snapshot` then `GET /v1/snapshot/{kind}?after=K&limit=M` - how a new till (cursor 0)
  loads the chain at once instead of replaying the change feed row by row: the first call gives
  the change feed's high-water mark, then each kind in `SNAPSHOT_KINDS` comes in pages of rows
  ordered by key, as columns + rows (lists, not dicts: a third of the bytes, no per-row
  validation). After the last page the till stores that mark as its cursor and pulls the changes
  made meanwhile (re-applying a row is harmless: changes carry the current data).
"""

from __future__ import annotations

import math
from datetime import datetime
from functools import cache
from typing import Annotated, Any, Final, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator
from pydantic_core import to_json

VERSION: Final = 1
MAX_BATCH = 500
MAX_PAGE = 5000
MAX_SNAPSHOT_PAGE = 20000
# what a snapshot holds, in the order a till applies it (referenced rows first)
SNAPSHOT_KINDS = (
    "categories",
    "tiers",
    "products",
    "barcodes",
    "promotions",
    "coupon_templates",
    "topup_plans",
    "gifts",
    "settings",
    "cashiers",
    "members",
    "points_lots",
    "member_coupons",
    "mall_orders",
)
# caps on what one event may carry (HQ's columns and what a real sale needs, with room to spare):
# a field past its cap is a 422 naming the event and the field, never a database error
MAX_ID = 40  # member, sale, refund ids (HQ's id columns)
MAX_REF = 48  # receipt numbers, gift ids (HQ's ledger `ref` column)
MAX_CODE = 32  # coupon codes (HQ's coupons.code)
MAX_COUPONS = 20  # coupons one sale may use
MAX_TENDERS = 20  # tenders of one sale or refund
MAX_LINES = 1000  # lines of one sale or refund (they ride along for HQ's records)
MAX_EVENT_BYTES = 256 * 1024  # one event's payload as JSON
EventKind = Literal[
    "sale",
    "refund",
    "member_registered",
    "member_edited",
    "top_up",
    "points_redeemed",
    "points_adjusted",
    "coupon_used",
    "shift_closed",
    "rule_rejected",
    "mall_order_handed_over",
]
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)


Identification = Literal["member_code", "card", "phone", "id", "override"]
IDENTIFICATIONS: tuple[str, ...] = get_args(Identification)
VERIFIED_IDENTIFICATIONS = ("member_code", "override")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EnrolRequest(Strict):
    version: Literal[1] = VERSION
    code: str = Field(min_length=6, max_length=64)
    device: str = Field(default="", max_length=64)


class EnrolResponse(Strict):
    version: Literal[1] = VERSION
    till_id: str
    token: str
    store_code: str
    store_name: str
    till_code: str


class Event(Strict):
    event_id: str = Field(min_length=8, max_length=40)
    seq: int = Field(ge=1)
    kind: EventKind
    at: datetime
    payload: dict[str, Any] = Field(max_length=64)
    # the payload as JSON, encoded once as the event is validated (its size is checked on it):
    # HQ stores these bytes (`payload_json`) instead of encoding the payload again
    _encoded: tuple[dict[str, Any], bytes] | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _payload_size(self) -> Event:
        encoded = to_json(self.payload)
        if len(encoded) > MAX_EVENT_BYTES:
            raise ValueError(f"payload larger than {MAX_EVENT_BYTES // 1024} KB")
        self._encoded = (self.payload, encoded)
        return self

    def payload_json(self) -> bytes:
        """The payload as JSON: the bytes encoded at validation while the payload is the same
        object (an event built by `model_construct`, or whose payload was replaced, is encoded
        now). Not to be used after changing the payload dict in place."""
        encoded = self._encoded
        if encoded is None or encoded[0] is not self.payload:
            return to_json(self.payload)
        return encoded[1]


class PushRequest(Strict):
    version: Literal[1] = VERSION
    events: list[Event] = Field(max_length=MAX_BATCH)


class PushResponse(Strict):
    version: Literal[1] = VERSION
    acked_seq: int
    gap_from: int | None = None
    duplicates: int = 0


class Change(Strict):
    seq: int
    kind: str  # the till table it updates (products, members, ...) or "alias"
    key: str
    data: dict[str, Any] | None  # None: deleted


class PullResponse(Strict):
    version: Literal[1] = VERSION
    changes: list[Change]
    cursor: int
    more: bool
    till_seq: int


class SnapshotStart(Strict):
    version: Literal[1] = VERSION
    cursor: int  # the change feed's high-water mark as the snapshot began
    kinds: list[str]  # SNAPSHOT_KINDS, in order


class SnapshotPage(Strict):
    version: Literal[1] = VERSION
    kind: str
    columns: list[str]
    rows: list[list[Any]]  # one list per row, values in `columns` order
    after: str | None  # the key to ask after for the next page; None: the kind is done


class MemberLookupRequest(Strict):
    """A member the counter does not hold, asked for online (hq/feed.py): a member id, a card
    number, a full phone or a member code. In the body, so no phone lands in an access log."""

    version: Literal[1] = VERSION
    query: str = Field(min_length=1, max_length=200)


class MemberLookupResponse(Strict):
    """The member in the till's row shapes (members, member_coupons, points_lots); the till's
    store follows them from now on."""

    version: Literal[1] = VERSION
    member: dict[str, Any]
    coupons: list[dict[str, Any]]
    lots: list[dict[str, Any]]


class Problem(Strict):
    detail: str


# ---- event payloads (what HQ needs of each kind; tills may send more) ------------------------
class Payload(BaseModel):
    model_config = ConfigDict(extra="allow")


class StoredValueSplit(Payload):
    principal_fen: int = Field(ge=0)
    bonus_fen: int = Field(ge=0)


Id = Annotated[str, Field(min_length=1, max_length=MAX_ID)]
Ref = Annotated[str, Field(max_length=MAX_REF)]
Code = Annotated[str, Field(min_length=1, max_length=MAX_CODE)]


class SalePayload(Payload):
    sale_id: Id
    receipt_no: Ref
    member_id: Id | None = None
    payable_fen: int = Field(ge=0)
    points_earned: int = Field(ge=0, default=0)
    points_spent: int = Field(ge=0, default=0)
    stored_value: StoredValueSplit | None = None
    coupons: list[Code] = Field(default=[], max_length=MAX_COUPONS)
    # the payments and lines ride along for HQ's records (not read by HQ): only their number is capped
    payments: list[dict[str, Any]] = Field(default=[], max_length=MAX_TENDERS)
    lines: list[dict[str, Any]] = Field(default=[], max_length=MAX_LINES)
    # how the till identified the member (the identification policy, docs/architecture.md):
    # member_code | card | phone | id | override. None: no member, or a till older than the field.
    identified_by: Identification | None = None


class RefundTender(Payload):
    tender: str = Field(max_length=16)
    amount_fen: int = Field(ge=0)
    principal_fen: int = Field(ge=0, default=0)
    bonus_fen: int = Field(ge=0, default=0)


class RefundPayload(Payload):
    refund_id: Id
    receipt_no: Ref
    sale_id: Id
    member_id: Id | None = None
    tenders: list[RefundTender] = Field(default=[], max_length=MAX_TENDERS)
    points_restored: int = Field(ge=0, default=0)
    points_reversed: int = Field(ge=0, default=0)
    coupons_restored: list[Code] = Field(default=[], max_length=MAX_COUPONS)
    lines: list[dict[str, Any]] = Field(default=[], max_length=MAX_LINES)


class TopUpPayload(Payload):
    member_id: Id
    receipt_no: Ref
    principal_fen: int = Field(ge=0)
    bonus_fen: int = Field(ge=0)


class PointsPayload(Payload):
    member_id: Id
    points: int


class MemberRegisteredPayload(Payload):
    member_id: Id
    phone: str = Field(pattern=r"^1\d{10}$")
    name: str = Field(max_length=64)
    birthday: str | None = Field(default=None, max_length=10)
    consent_at: str | None = Field(default=None, max_length=40)
    hlc: str | None = Field(default=None, max_length=64)


class MemberEditedPayload(Payload):
    member_id: Id
    fields: dict[str, Any] = Field(max_length=8)
    hlc: str = Field(max_length=64)


class MallHandOverPayload(Payload):
    """A points-mall gift handed over at the till (the order HQ sent in the feed, kind mall_orders)."""

    order_id: Id
    member_id: Id
    cashier_id: str | None = Field(default=None, max_length=MAX_ID)


EDITABLE_FIELDS = ("name", "birthday", "phone", "consent", "custom")
PAYLOADS: dict[str, type[Payload]] = {
    "sale": SalePayload,
    "refund": RefundPayload,
    "top_up": TopUpPayload,
    "points_redeemed": PointsPayload,
    "points_adjusted": PointsPayload,
    "member_registered": MemberRegisteredPayload,
    "member_edited": MemberEditedPayload,
    "coupon_used": Payload,
    "shift_closed": Payload,
    "rule_rejected": Payload,
    "mall_order_handed_over": MallHandOverPayload,
}


def built_payload(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """An event's payload as the till sends it, built through the kind's model (the same one HQ
    validates with): a payload HQ would refuse fails here, at the till, in the use case's
    transaction, instead of waiting in the outbox. The fields given (extras included) come back as
    JSON values; defaults the till did not set are left for HQ's model to fill."""
    return _payload_model(kind).model_validate(fields).model_dump(mode="json", exclude_unset=True)


def payload_json(kind: str, fields: dict[str, Any], **records: list[dict[str, Any]]) -> str:
    """`built_payload`'s result as the JSON text the outbox stores, in one pass: validated by the
    same model and serialised straight from it (without building built_payload's dict and walking
    it again: a sale's 30 lines cost 3x as much that way).

    `records`: fields the model types as lists of records of anything that ride along for HQ's
    records (a sale's `lines`), given apart: their number is checked against the model's bounds
    (a number outside them goes through the model as that many empty records, which it refuses
    naming the field) and they are encoded as they are, after the other fields - walking 30 lines
    through the model and its serialiser took more of a sale's time than the rest of the payload.
    The same JSON value as built_payload's with `records` among `fields`; only the order of the
    keys differs."""
    model = _payload_model(kind)
    if not records:
        return model.model_validate(fields).model_dump_json(exclude_unset=True)
    bounds = _record_bounds(model)
    given = fields
    for name, rows in records.items():
        if name not in bounds or name in fields:
            raise ValueError(f"{name!r} is not a field of {kind!r} records, or is given twice")
        if not isinstance(rows, list) or not set(map(type, rows)) <= {dict}:
            raise ValueError(f"{name!r} must be a list of dicts")
        low, high = bounds[name]
        if not low <= len(rows) <= high:
            given = {**given, name: [{}] * len(rows)}
    head = model.model_validate(given).model_dump_json(exclude_unset=True, exclude=set(records))
    tail = ",".join(f'"{name}":{to_json(rows).decode()}' for name, rows in records.items())
    return f"{head[:-1]},{tail}}}" if head != "{}" else f"{{{tail}}}"


@cache
def _record_bounds(model: type[Payload]) -> dict[str, tuple[float, float]]:
    """The model's fields of records (lists of dicts of anything) and the numbers of records each
    takes: within them, the records need not go through the model (a required field: never)."""
    bounds: dict[str, tuple[float, float]] = {}
    for name, field in model.model_fields.items():
        if field.annotation == list[dict[str, Any]]:
            # Field(min_length=..., max_length=...) as metadata (annotated_types' MinLen, MaxLen)
            low = max((m.min_length for m in field.metadata if hasattr(m, "min_length")), default=0)
            high = min((m.max_length for m in field.metadata if hasattr(m, "max_length")), default=math.inf)
            bounds[name] = (math.inf, -math.inf) if field.is_required() else (low, high)
    return bounds


def _payload_model(kind: str) -> type[Payload]:
    model = PAYLOADS.get(kind)
    if model is None:
        raise ValueError(f"no payload model for event kind {kind!r}")
    return model
