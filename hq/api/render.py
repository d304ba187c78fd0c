"""Rendering the console's pages: one Jinja2 environment (hq/templates), the language from the
`hq_lang` cookie, the navigation the signed-in person may use, their CSRF token.

Other console pages add their navigation entry to `NAV` (path, text key, permission); an entry
whose path no route serves is not shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.routing import iter_route_contexts
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context

from ..i18n import LANGS, MESSAGES, action_text, lang_of, translate, translator
from ..services.auth import StaffUser
from .deps import LANG_COOKIE

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))

# (path, text key, permission): the console's main navigation, in this order
NAV: list[tuple[str, str, str]] = [
    ("/console", "nav.home", "console.view"),
    ("/console/rules", "nav.rules", "rules.view"),
    ("/console/members", "nav.members", "members.view"),
    ("/console/stores", "nav.stores", "stores.view"),
    ("/console/reconciliation", "nav.reconciliation", "reconciliation.view"),
    ("/console/jobs", "nav.jobs", "jobs.view"),
    ("/console/benefits", "nav.benefits", "benefits.view"),
    ("/console/mall", "nav.mall", "mall.view"),
    ("/console/coupons", "nav.coupons", "mall.view"),
    ("/console/segments", "nav.segments", "segments.view"),
    ("/console/campaigns", "nav.campaigns", "campaigns.view"),
    ("/console/analytics", "nav.analytics", "analytics.view"),
    ("/console/staff", "nav.staff", "staff.view"),
    ("/console/audit", "nav.audit", "audit.view"),
]


def request_lang(request: Request) -> str:
    return lang_of(request.cookies.get(LANG_COOKIE), request.app.state.settings.default_lang)


def _served(request: Request) -> set[str]:
    paths = getattr(request.app.state, "console_paths", None)
    if paths is None:
        paths = {r.path for r in iter_route_contexts(request.app.routes) if "GET" in (r.methods or ())}
        request.app.state.console_paths = paths
    return paths


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    staff: StaffUser | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    lang = request_lang(request)
    staff = staff or getattr(request.state, "staff", None)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    nav = []
    if staff is not None:
        served = _served(request)
        for path, key, permission in NAV:
            if path in served and staff.can(permission):
                active = request.url.path == path or (path != "/console" and request.url.path.startswith(path + "/"))
                nav.append({"path": path, "key": key, "active": active})
    ctx = {
        "request": request,
        "lang": lang,
        "langs": LANGS,
        "t": translator(lang),
        "staff": staff,
        "csrf_token": staff.csrf_token if staff else "",
        "nav": nav,
        "here": here,
    }
    ctx.update(context or {})
    response = TEMPLATES.TemplateResponse(request, template, ctx, status_code=status_code, headers=headers)
    response.headers.setdefault("Cache-Control", "no-store")
    return response


@pass_context
def _kind_text(ctx, kind: str) -> str:
    key = f"recon.kind.{kind}"
    return translate(key, ctx["lang"]) if key in MESSAGES else kind


@pass_context
def _action_text(ctx, action: str) -> str:
    return action_text(action, ctx["lang"])


def duration_text(seconds: int, lang: str) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return translate(f"dur.{unit}", lang, n=seconds // size)
    return translate("dur.s", lang, n=max(0, int(seconds)))


@pass_context
def _duration(ctx, seconds: int | None) -> str:
    return "—" if seconds is None else duration_text(int(seconds), ctx["lang"])


@pass_context
def _ago(ctx, when) -> str:
    """How long ago `when` was, by the page's `now` (HQ's clock)."""
    if when is None:
        return translate("stores.never", ctx["lang"])
    seconds = int((ctx["now"] - when).total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return translate(f"stores.ago_{unit}", ctx["lang"], n=seconds // size)
    return translate("stores.ago_s", ctx["lang"], n=max(0, seconds))


def changes(before: dict | None, after: dict | None) -> list[tuple[str, object, object]]:
    """(key, before, after) for each field an audit entry changed (all of `after` when new)."""
    before, after = before or {}, after or {}
    return [(k, before.get(k), after.get(k)) for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]


TEMPLATES.env.globals["changes"] = changes
TEMPLATES.env.filters["duration"] = _duration
TEMPLATES.env.filters["ago"] = _ago
TEMPLATES.env.filters["kind_text"] = _kind_text
TEMPLATES.env.filters["action_text"] = _action_text
TEMPLATES.env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
