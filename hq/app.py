"""HQ over HTTP: the FastAPI app, assembled from the routers in hq/api (tills, members, admin,
console) around `hq.service.HQ` and `hq.members.MemberAPI`.

Every JSON route but `/health` needs a credential: a till token (`Authorization: Bearer`), the
admin token (`X-Admin-Token`), or a member session (`Authorization: Bearer` from the member
API's sign-in); their errors are `{"detail": "..."}` with a 4xx status and nothing is written.
The console (/console) takes only its session cookie: a GET without one is sent to sign in, any
other refusal is a page naming the reason in the reader's language.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol import VERSION

from . import pool
from .api import (
    admin,
    admin_rules_members,
    console,
    console_benefits,
    console_jobs,
    console_mall,
    console_members,
    console_rules,
    console_segments,
    console_staff,
    console_stores,
    member_app,
    member_mall,
    members,
    tills,
)
from .api.render import render, request_lang
from .base import HQError
from .i18n import describe_error, translate
from .limits import MAX_BODY, BodyLimit
from .members import ChannelSms, MemberAPI
from .metrics import Metrics
from .service import HQ
from .services.auth import ConsoleError, NotSignedIn
from .settings import Settings

STATIC = Path(__file__).resolve().parent / "static"


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


# JSON routes that carry their credential in the body (or need none)
PUBLIC = {
    "/health",
    "/openapi.json",
    "/docs",
    "/docs/oauth2-redirect",
    "/redoc",
    "/v1/enrol",
    "/v1/member/sms",
    "/v1/member/session",
}


def _is_console(path: str) -> bool:
    return path == "/console" or path.startswith("/console/")


CONSOLE_HEADERS = (
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        b"script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'",
    ),
    (b"referrer-policy", b"same-origin"),
)
MISSING_CREDENTIALS = "Missing credentials: a till token, member session or admin token"


class Gate:
    """The outermost check of every request, as a plain ASGI middleware (Starlette's
    `@app.middleware("http")` ran each request through extra tasks and streams, a good part of
    a till's push or pull): an API route other than the public ones without any credential is
    401 before anything else runs; each request is counted by route; console pages get their
    framing, content-security and referrer headers."""

    def __init__(self, app, metrics: Metrics):
        self.app, self.metrics = app, metrics

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        pool.request_arrived()  # how long it queues before its first transaction: hq/pool.py
        path: str = scope["path"]
        if (path.startswith("/v1/") or path == "/metrics") and path not in PUBLIC:
            names = {name for name, value in scope["headers"] if value}
            if b"authorization" not in names and b"x-admin-token" not in names:
                self.metrics.errors["401"] += 1
                await JSONResponse({"detail": MISSING_CREDENTIALS}, status_code=401)(scope, receive, send)
                return
        self.metrics.requests[path if path.count("/") <= 3 else path.rsplit("/", 1)[0]] += 1
        if not _is_console(path):
            await self.app(scope, receive, send)
            return

        async def send_framed(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or ())
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in CONSOLE_HEADERS if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_framed)


def create_app(
    hq: HQ, admin_token: str | None = None, member_api: MemberAPI | None = None, settings: Settings | None = None
) -> FastAPI:
    settings = settings or Settings()
    if admin_token is not None:
        settings = settings.model_copy(update={"admin_token": admin_token})
    app = FastAPI(
        title="MemberTill HQ",
        version=str(VERSION),
        description="Headquarters member cloud: till sync (enrol, push, pull), admin, member API. "
        "The staff console is at /console.",
    )
    metrics = Metrics(settings.metrics_dir)
    app.state.hq, app.state.metrics, app.state.settings = hq, metrics, settings
    app.state.member_api = member_api or MemberAPI(hq, ChannelSms(hq), chain_id=settings.member_chain)
    app.state.member_limit = RateLimit(30, 60)
    app.state.sign_in_limit = RateLimit(30, 60)  # console sign-ins per client address
    # the body is limited as it streams (chunked bodies too), for every route: hq/limits.py
    # a saturated or absent database is 503 + Retry-After, never a bare 500: hq/pool.py
    pool.install(app, count=lambda status: metrics.errors.__setitem__(status, metrics.errors[status] + 1))
    app.add_middleware(
        BodyLimit, limit=MAX_BODY, on_refused=lambda: metrics.errors.__setitem__("413", metrics.errors["413"] + 1)
    )

    @app.exception_handler(HQError)
    async def hq_error(_request: Request, exc: HQError):
        metrics.errors[str(exc.status)] += 1
        return JSONResponse({"detail": exc.detail}, status_code=exc.status)

    @app.exception_handler(ConsoleError)
    async def console_error(request: Request, exc: ConsoleError):
        metrics.errors[str(exc.status)] += 1
        if isinstance(exc, NotSignedIn) and _is_console(request.url.path):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            sign_in = f"/console/sign-in?next={quote(target)}"
            if "hx-request" in request.headers:  # htmx: the whole page goes to sign in
                return Response(status_code=401, headers={"HX-Redirect": sign_in})
            if request.method == "GET":
                return RedirectResponse(sign_in, status_code=303)
        message = describe_error(exc, request_lang(request))
        if not _is_console(request.url.path):
            return JSONResponse({"detail": message}, status_code=exc.status)
        return render(request, "console/error.html", {"message": message}, status_code=exc.status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        metrics.errors[str(exc.status_code)] += 1
        if _is_console(request.url.path) and exc.status_code == 404:
            return render(
                request,
                "console/error.html",
                {"message": translate("error.not_found", request_lang(request))},
                status_code=404,
            )
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        metrics.errors["422"] += 1
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        msg = first.get("msg", "invalid")
        if "version" in where:
            msg = f"Unsupported protocol version: this HQ speaks version {VERSION}"
        text = f"{where}: {msg}" if where else msg
        if _is_console(request.url.path):
            return render(request, "console/error.html", {"message": text}, status_code=422)
        return JSONResponse({"detail": text}, status_code=422)

    app.add_middleware(Gate, metrics=metrics)

    @app.get("/health")
    async def health() -> dict:  # on the event loop: no thread, no database, answers a saturated HQ
        return {"ok": True, "version": VERSION}

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/console", status_code=303)

    app.include_router(tills.router)
    app.include_router(admin.router)
    app.include_router(admin_rules_members.router)
    app.include_router(members.router)
    app.include_router(member_mall.router)
    app.include_router(console.router)
    app.include_router(console_staff.router)
    app.include_router(console_stores.router)
    app.include_router(console_rules.router)
    app.include_router(console_members.router)
    app.include_router(console_jobs.router)
    app.include_router(console_benefits.router)
    app.include_router(console_mall.router)
    app.include_router(console_segments.router)
    member_app.mount(app)  # the member's H5 app under /m (issue 20)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
