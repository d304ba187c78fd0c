"""HQ over HTTP: FastAPI routes around `hq.service.HQ` and `hq.members.MemberAPI`.

Every route but `/health` needs a credential: a till token (`Authorization: Bearer`), the admin
token (`X-Admin-Token`), or a member session (`Authorization: Bearer` from the member API's
sign-in). Errors are `{"detail": "..."}` with a 4xx status; nothing is written on an error.
"""

import os
import secrets
import threading
import time
from collections import defaultdict, deque
from typing import Annotated, Any, Callable

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from sync.protocol import (MAX_PAGE, MAX_SNAPSHOT_PAGE, VERSION, EnrolRequest, EnrolResponse, Problem, PullResponse,
                           PushRequest, PushResponse, SnapshotPage, SnapshotStart)

from . import pool
from .limits import MAX_BODY, BodyLimit
from .metrics import Metrics
from .members import MemberAPI
from .service import HQ, HQError


class RateLimit:
    """A sliding window per key (member API: per phone and per client address). Routes run on a
    thread pool: one lock around it. Keys idle for a whole window are dropped whenever the table
    has doubled since the last sweep, so that a stream of new phones or addresses cannot grow it
    without end."""

    def __init__(self, limit: int, seconds: float, clock: Callable[[], float] = time.monotonic):
        self.limit, self.seconds, self.clock = limit, seconds, clock
        self.hits: dict[str, deque] = defaultdict(deque)
        self.sweep_at = 1024
        self.lock = threading.Lock()

    def check(self, key: str) -> None:
        with self.lock:
            now = self.clock()
            hits = self.hits[key]
            while hits and now - hits[0] > self.seconds:
                hits.popleft()
            if len(hits) >= self.limit:
                raise HQError(429, "Too many requests: try again in a minute")
            hits.append(now)
            if len(self.hits) > self.sweep_at:
                for idle in [k for k, h in self.hits.items() if now - h[-1] > self.seconds]:
                    del self.hits[idle]
                self.sweep_at = max(1024, 2 * len(self.hits))


class CatalogueRows(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rows: list[dict[str, Any]] = Field(max_length=MAX_PAGE)
    key: str = "id"
    store_code: str = ""


def create_app(hq: HQ, admin_token: str | None = None, member_api: MemberAPI | None = None) -> FastAPI:
    app = FastAPI(title="MemberTill HQ", version=str(VERSION),
                  description="Headquarters member cloud: till sync (enrol, push, pull), admin, member API.")
    metrics = Metrics()
    admin_token = admin_token or os.environ.get("MEMBERTILL_HQ_ADMIN_TOKEN") or ""
    members = member_api or MemberAPI(hq)
    member_limit = RateLimit(30, 60)
    app.state.hq, app.state.metrics = hq, metrics
    # the body is limited as it streams (chunked bodies too), for every route: hq/limits.py
    # a saturated or absent database is 503 + Retry-After, never a bare 500: hq/pool.py
    pool.install(app, count=lambda status: metrics.errors.__setitem__(status, metrics.errors[status] + 1))
    app.add_middleware(BodyLimit, limit=MAX_BODY, on_refused=lambda: metrics.errors.__setitem__(
        "413", metrics.errors["413"] + 1))

    @app.exception_handler(HQError)
    async def hq_error(_request: Request, exc: HQError):
        metrics.errors[str(exc.status)] += 1
        return JSONResponse({"detail": exc.detail}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError):
        metrics.errors["422"] += 1
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        msg = first.get("msg", "invalid")
        if "version" in where:
            msg = f"Unsupported protocol version: this HQ speaks version {VERSION}"
        return JSONResponse({"detail": f"{where}: {msg}" if where else msg}, status_code=422)

    public = {"/health", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc", "/v1/enrol",
              "/v1/member/sms", "/v1/member/session"}

    @app.middleware("http")
    async def limits(request: Request, call_next):
        if request.url.path not in public and not (request.headers.get("authorization")
                                                   or request.headers.get("x-admin-token")):
            metrics.errors["401"] += 1
            return JSONResponse({"detail": "Missing credentials: a till token, member session or admin token"},
                                status_code=401)
        route = request.url.path
        metrics.requests[route if route.count("/") <= 3 else route.rsplit("/", 1)[0]] += 1
        return await call_next(request)

    def till(authorization: Annotated[str | None, Header()] = None) -> str | None:
        """The till token; push and pull check it in their own transaction."""
        return authorization[7:] if authorization and authorization.startswith("Bearer ") else None

    def admin(x_admin_token: Annotated[str | None, Header()] = None) -> None:
        if not admin_token or not secrets.compare_digest((x_admin_token or "").encode(), admin_token.encode()):
            raise HQError(401, "Admin token missing or wrong")

    def member(authorization: Annotated[str | None, Header()] = None) -> str:
        token = authorization[7:] if authorization and authorization.startswith("Bearer ") else None
        return members.session_member(token)

    errors = {401: {"model": Problem}, 403: {"model": Problem}, 409: {"model": Problem}, 422: {"model": Problem}}

    @app.get("/health")
    def health() -> dict:
        return {"ok": True, "version": VERSION}

    @app.get("/metrics", response_class=PlainTextResponse, dependencies=[Depends(admin)], responses=errors)
    def get_metrics() -> str:
        return metrics.text()

    @app.post("/v1/enrol", response_model=EnrolResponse, responses=errors)
    def enrol(body: EnrolRequest) -> EnrolResponse:
        return hq.enrol(body)

    @app.post("/v1/push", response_model=PushResponse, responses=errors)
    def push(body: PushRequest, token: Annotated[str | None, Depends(till)]) -> PushResponse:
        answer = hq.push_as(token, body)
        metrics.events += len(body.events) - answer.duplicates
        return answer

    @app.get("/v1/pull", response_model=PullResponse, responses=errors)
    def pull(token: Annotated[str | None, Depends(till)], cursor: Annotated[int, Query(ge=0)] = 0,
             limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1000) -> Response:
        # as the snapshot pages: serialised once by pydantic-core, not dumped and re-validated
        return Response(hq.pull_as(token, cursor, limit).model_dump_json(), media_type="application/json")

    @app.get("/v1/snapshot", response_model=SnapshotStart, responses=errors)
    def snapshot(token: Annotated[str | None, Depends(till)]) -> SnapshotStart:
        return hq.snapshot_start(token)

    @app.get("/v1/snapshot/{kind}", response_model=SnapshotPage, responses=errors)
    def snapshot_page(kind: str, token: Annotated[str | None, Depends(till)],
                      after: Annotated[str, Query(max_length=64)] = "",
                      limit: Annotated[int, Query(ge=1, le=MAX_SNAPSHOT_PAGE)] = 5000) -> Response:
        # pages are large: serialised once, by pydantic-core, not dumped and re-validated
        return Response(hq.snapshot_page(token, kind, after, limit).model_dump_json(), media_type="application/json")

    # ---- admin ----------------------------------------------------------------------------------
    @app.put("/v1/admin/catalogue/{chain_id}/{kind}", dependencies=[Depends(admin)], responses=errors)
    def put_catalogue(chain_id: str, kind: str, body: CatalogueRows) -> dict:
        hq.upsert_catalogue(chain_id, kind, body.rows, body.key, body.store_code)
        return {"ok": True, "rows": len(body.rows)}

    @app.get("/v1/admin/reconciliation", dependencies=[Depends(admin)], responses=errors)
    def reconciliation() -> list[dict]:
        return [{"id": r.id, "kind": r.kind, "member_id": r.member_id, "ref": r.ref, "till_id": r.till_id,
                 "event_id": r.event_id, "detail": r.detail, "created_at": r.created_at.isoformat()}
                for r in hq.reconciliation()]

    @app.post("/v1/admin/tills/{till_id}/revoke", dependencies=[Depends(admin)], responses=errors)
    def revoke(till_id: str, reason: Annotated[str, Query(max_length=200)] = "revoked by HQ") -> dict:
        hq.revoke_till(till_id, reason)
        return {"ok": True}

    # ---- member API (for the member's phone app) -------------------------------------------------
    class PhoneBody(BaseModel):
        model_config = ConfigDict(extra="forbid")
        phone: str = Field(pattern=r"^1\d{10}$")

    class VerifyBody(PhoneBody):
        code: str = Field(pattern=r"^\d{6}$")
        name: str = Field(default="", max_length=32)
        referral_code: str = Field(default="", max_length=16)

    class KeyBody(BaseModel):
        model_config = ConfigDict(extra="forbid")
        public_key: str = Field(pattern=r"^[0-9a-f]{64}$")

    def limited(request: Request, key: str) -> None:
        member_limit.check(key)
        member_limit.check(f"ip:{request.client.host if request.client else '-'}")

    @app.post("/v1/member/sms", responses=errors, dependencies=[])
    def sms(body: PhoneBody, request: Request) -> dict:
        limited(request, body.phone)
        members.send_code(body.phone)
        return {"ok": True}

    @app.post("/v1/member/session", responses=errors)
    def session(body: VerifyBody, request: Request) -> dict:
        limited(request, body.phone)
        return members.sign_in_with_code(body.phone, body.code, body.name, body.referral_code)

    @app.get("/v1/member/me", responses=errors)
    def me(member_id: Annotated[str, Depends(member)]) -> dict:
        return members.profile(member_id)

    @app.get("/v1/member/points", responses=errors)
    def points(member_id: Annotated[str, Depends(member)]) -> list[dict]:
        return members.points_history(member_id)

    @app.get("/v1/member/coupons", responses=errors)
    def coupons(member_id: Annotated[str, Depends(member)]) -> list[dict]:
        return members.coupons(member_id)

    @app.get("/v1/member/stored-value", responses=errors)
    def stored_value(member_id: Annotated[str, Depends(member)]) -> dict:
        return members.stored_value(member_id)

    @app.put("/v1/member/key", responses=errors)
    def register_key(body: KeyBody, member_id: Annotated[str, Depends(member)]) -> dict:
        members.register_key(member_id, body.public_key)
        return {"ok": True}

    @app.post("/v1/member/sign-in", responses=errors)
    def daily(member_id: Annotated[str, Depends(member)], request: Request) -> dict:
        limited(request, member_id)
        return members.daily_sign_in(member_id)

    return app

