"""Machine-to-machine admin API (`X-Admin-Token`) for rule publishing and member administration:
the same services the console's pages use (hq/services/rules.py, hq/services/member_admin.py)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field

from ..services.member_admin import MemberAdmin
from ..services.rules import RulePublishing
from .deps import AdminToken, HQDep
from .errors import ERRORS

router = APIRouter(prefix="/v1/admin", tags=["admin"], dependencies=[AdminToken], responses=ERRORS)
BY = "admin token"


class RuleBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    row: dict[str, Any]


class AdjustBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(max_length=200)
    points: int = 0
    principal_fen: int = 0
    bonus_fen: int = 0


@router.put("/rules/{chain_id}/drafts/{kind}")
def save_draft(chain_id: str, kind: str, body: RuleBody, hq: HQDep) -> dict:
    return {"draft": RulePublishing(hq).save_draft(chain_id, kind, body.row, BY)}


@router.post("/rules/{chain_id}/publish")
def publish(chain_id: str, hq: HQDep, note: Annotated[str, Query(max_length=200)] = "") -> dict:
    return jsonable(asdict(RulePublishing(hq).publish(chain_id, BY, note)))


@router.post("/rules/{chain_id}/versions/{number}/restore")
def restore(chain_id: str, number: int, hq: HQDep) -> dict:
    return jsonable(asdict(RulePublishing(hq).restore(chain_id, number, BY)))


@router.get("/rules/{chain_id}/versions")
def versions(chain_id: str, hq: HQDep) -> list:
    return jsonable([asdict(v) for v in RulePublishing(hq).versions(chain_id)])


@router.get("/members/{chain_id}")
def search(chain_id: str, q: Annotated[str, Query(max_length=40)], hq: HQDep) -> list:
    return [asdict(h) for h in MemberAdmin(hq).search(chain_id, q)]


@router.get("/members/{chain_id}/{member_id}")
def page(chain_id: str, member_id: str, hq: HQDep) -> JSONResponse:
    return JSONResponse(jsonable(asdict(MemberAdmin(hq).page(chain_id, member_id))))


@router.post("/members/{chain_id}/{member_id}/adjustments")
def adjust(chain_id: str, member_id: str, body: AdjustBody, hq: HQDep) -> dict:
    return jsonable(
        asdict(
            MemberAdmin(hq).adjust(
                chain_id,
                member_id,
                BY,
                body.reason,
                points=body.points,
                principal_fen=body.principal_fen,
                bonus_fen=body.bonus_fen,
            )
        )
    )


@router.get("/members/{chain_id}/{member_id}/export")
def export(
    chain_id: str, member_id: str, hq: HQDep, format: Annotated[str, Query(pattern="^(json|csv)$")] = "json"
) -> Any:
    if format == "csv":
        return PlainTextResponse(MemberAdmin(hq).export_csv(chain_id, member_id), media_type="text/csv; charset=utf-8")
    return MemberAdmin(hq).export(chain_id, member_id)


def jsonable(value: Any) -> Any:
    """Dataclass dicts for JSON: date-times as ISO text."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
