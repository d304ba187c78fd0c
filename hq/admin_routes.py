"""Machine-to-machine admin routes for rule publishing and member administration (JSON, the
admin token): the same services the console's pages use (hq/services/rules.py,
hq/services/member_admin.py). Mounted by `hq.app.create_app` behind its admin-token check."""
from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field

from .services.member_admin import MemberAdmin
from .services.rules import RulePublishing


class RuleBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    row: dict[str, Any]


class AdjustBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(max_length=200)
    points: int = 0
    principal_fen: int = 0
    bonus_fen: int = 0
    by: str = Field(default="admin token", max_length=64)


def router(hq) -> APIRouter:
    r = APIRouter(prefix="/v1/admin")
    rules, members = RulePublishing(hq), MemberAdmin(hq)

    @r.put("/rules/{chain_id}/drafts/{kind}")
    def save_draft(chain_id: str, kind: str, body: RuleBody) -> dict:
        return {"draft": rules.save_draft(chain_id, kind, body.row, "admin token")}

    @r.post("/rules/{chain_id}/publish")
    def publish(chain_id: str, note: Annotated[str, Query(max_length=200)] = "") -> dict:
        return asdict(rules.publish(chain_id, "admin token", note))

    @r.post("/rules/{chain_id}/versions/{number}/restore")
    def restore(chain_id: str, number: int) -> dict:
        return asdict(rules.restore(chain_id, number, "admin token"))

    @r.get("/rules/{chain_id}/versions")
    def versions(chain_id: str) -> list[dict]:
        return [asdict(v) for v in rules.versions(chain_id)]

    @r.get("/members/{chain_id}")
    def search(chain_id: str, q: Annotated[str, Query(max_length=40)]) -> list[dict]:
        return [asdict(h) for h in members.search(chain_id, q)]

    @r.get("/members/{chain_id}/{member_id}")
    def page(chain_id: str, member_id: str) -> JSONResponse:
        return JSONResponse(_jsonable(asdict(members.page(chain_id, member_id))))

    @r.post("/members/{chain_id}/{member_id}/adjustments")
    def adjust(chain_id: str, member_id: str, body: AdjustBody) -> dict:
        return _jsonable(asdict(members.adjust(chain_id, member_id, body.by, body.reason, points=body.points,
                                               principal_fen=body.principal_fen, bonus_fen=body.bonus_fen)))

    @r.get("/members/{chain_id}/{member_id}/export")
    def export(chain_id: str, member_id: str, format: Annotated[str, Query(pattern="^(json|csv)$")] = "json"):
        if format == "csv":
            return PlainTextResponse(members.export_csv(chain_id, member_id), media_type="text/csv; charset=utf-8")
        return members.export(chain_id, member_id)

    return r


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
