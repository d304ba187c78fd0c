"""The tills' API: enrol with a one-time code, push events, pull the change feed, load a snapshot,
fetch another till's sale for a return, look a member up at the counter."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi import Path as FastPath
from fastapi.responses import Response

from sync.protocol import (
    MAX_PAGE,
    MAX_SNAPSHOT_PAGE,
    EnrolRequest,
    EnrolResponse,
    MemberLookupRequest,
    MemberLookupResponse,
    PullResponse,
    PushRequest,
    PushResponse,
    SnapshotPage,
    SnapshotStart,
)

from ..receipts import sale_for_return
from ..services.stores import note_contact
from ..snapshot import page_json
from .deps import CurrentTill, HQDep, TillToken
from .errors import ERRORS

router = APIRouter(prefix="/v1", tags=["tills"], responses=ERRORS)


@router.post("/enrol", response_model=EnrolResponse)
def enrol(body: EnrolRequest, hq: HQDep) -> EnrolResponse:
    return hq.enrol(body)


@router.post("/push", response_model=PushResponse)
def push(body: PushRequest, token: TillToken, hq: HQDep, request: Request) -> PushResponse:
    answer = hq.push_as(token, body)
    request.app.state.metrics.events += len(body.events) - answer.duplicates
    note_contact(hq, token, request.headers.get("user-agent"))
    return answer


@router.get("/pull", response_model=PullResponse)
def pull(
    token: TillToken,
    hq: HQDep,
    request: Request,
    cursor: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1000,
) -> Response:
    # as the snapshot pages: serialised once by pydantic-core, not dumped and re-validated
    page = hq.pull_as(token, cursor, limit).model_dump_json()
    note_contact(hq, token, request.headers.get("user-agent"))  # the console's "last contact"
    return Response(page, media_type="application/json")


@router.get("/snapshot", response_model=SnapshotStart)
def snapshot(token: TillToken, hq: HQDep) -> SnapshotStart:
    return hq.snapshot_start(token)


@router.get("/snapshot/{kind}", response_model=SnapshotPage)
def snapshot_page(
    kind: str,
    token: TillToken,
    hq: HQDep,
    after: Annotated[str, Query(max_length=64)] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_SNAPSHOT_PAGE)] = 5000,
) -> Response:
    # pages are large: serialised once, by pydantic-core, not dumped and re-validated, their rows
    # as the database cursor gave them (hq/snapshot.py: page_json)
    return Response(page_json(hq.snapshot_page(token, kind, after, limit)), media_type="application/json")


@router.get("/receipts/{receipt_no}")
def receipt_for_return(receipt_no: Annotated[str, FastPath(max_length=40)], token: TillToken, hq: HQDep) -> dict:
    """A sale of any store of the chain, for a return at this till (hq/receipts.py)."""
    return sale_for_return(hq, token, receipt_no)


@router.post("/members/lookup", response_model=MemberLookupResponse)
def member_lookup(_till: CurrentTill, body: MemberLookupRequest, token: TillToken, hq: HQDep) -> MemberLookupResponse:
    """A member this till's store does not follow yet, found online at the counter: the member's
    rows now, and their changes in this store's feed from now on (hq/feed.py). The credential is
    checked before the body, so a caller without one learns nothing about the body's shape."""
    return MemberLookupResponse(**hq.member_lookup(token, body.query))
