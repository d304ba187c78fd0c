"""Machine-to-machine admin API (`X-Admin-Token`): metrics, catalogue rows, reconciliation list,
till revocation. People use the console instead; the console never accepts this token."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field

from sync.protocol import MAX_PAGE

from .deps import AdminToken, HQDep
from .errors import ERRORS

router = APIRouter(tags=["admin"], dependencies=[AdminToken], responses=ERRORS)


class CatalogueRows(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rows: list[dict[str, Any]] = Field(max_length=MAX_PAGE)
    key: str = "id"
    store_code: str = ""


@router.get("/metrics", response_class=PlainTextResponse)
def get_metrics(request: Request) -> str:
    return request.app.state.metrics.text()


@router.put("/v1/admin/catalogue/{chain_id}/{kind}")
def put_catalogue(chain_id: str, kind: str, body: CatalogueRows, hq: HQDep) -> dict:
    hq.upsert_catalogue(chain_id, kind, body.rows, body.key, body.store_code)
    return {"ok": True, "rows": len(body.rows)}


@router.get("/v1/admin/reconciliation")
def reconciliation(hq: HQDep) -> list[dict]:
    return [
        {
            "id": r.id,
            "kind": r.kind,
            "member_id": r.member_id,
            "ref": r.ref,
            "till_id": r.till_id,
            "event_id": r.event_id,
            "detail": r.detail,
            "created_at": r.created_at.isoformat(),
        }
        for r in hq.reconciliation()
    ]


@router.post("/v1/admin/tills/{till_id}/revoke")
def revoke(till_id: str, hq: HQDep, reason: Annotated[str, Query(max_length=200)] = "revoked by HQ") -> dict:
    hq.revoke_till(till_id, reason)
    return {"ok": True}
