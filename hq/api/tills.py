"""The tills' API: enrol with a one-time code, push events, pull the change feed, load a snapshot."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from sync.protocol import (MAX_PAGE, MAX_SNAPSHOT_PAGE, EnrolRequest, EnrolResponse, PullResponse, PushRequest,
                           PushResponse, SnapshotPage, SnapshotStart)

from ..services.stores import note_contact
from .deps import HQDep, TillToken
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
def pull(token: TillToken, hq: HQDep, request: Request, cursor: Annotated[int, Query(ge=0)] = 0,
         limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1000) -> Response:
    # as the snapshot pages: serialised once by pydantic-core, not dumped and re-validated
    page = hq.pull_as(token, cursor, limit).model_dump_json()
    note_contact(hq, token, request.headers.get("user-agent"))         # the console's "last contact"
    return Response(page, media_type="application/json")


@router.get("/snapshot", response_model=SnapshotStart)
def snapshot(token: TillToken, hq: HQDep) -> SnapshotStart:
    return hq.snapshot_start(token)


@router.get("/snapshot/{kind}", response_model=SnapshotPage)
def snapshot_page(kind: str, token: TillToken, hq: HQDep, after: Annotated[str, Query(max_length=64)] = "",
                  limit: Annotated[int, Query(ge=1, le=MAX_SNAPSHOT_PAGE)] = 5000) -> Response:
    # pages are large: serialised once, by pydantic-core, not dumped and re-validated
    return Response(hq.snapshot_page(token, kind, after, limit).model_dump_json(), media_type="application/json")
