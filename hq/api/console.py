"""The console's pages (server-rendered, htmx for partial updates): sign-in and out, language,
home. Every page but sign-in and the language switch declares its permission with `Permit`;
routers stay thin: parse, authorise, call one service, render.

Other areas' pages live in their own routers under /console and use the same pieces:
`dependencies=[permit("x")]` or `CurrentStaff` + `authorize`, `render(request, template, ctx)`,
templates that extend "base.html", texts in hq/i18n.py.
"""
from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from ..i18n import LANGS, translate
from ..services import auth, overview as overview_service
from ..services.auth import PERMISSIONS
from .deps import LANG_COOKIE, SESSION_COOKIE, CurrentStaff, HQDep, SettingsDep, client_of, permit
from .render import render, request_lang

router = APIRouter(prefix="/console", include_in_schema=False)

SIGNIN_CSRF_COOKIE = "hq_signin_csrf"


def safe_next(value: str | None) -> str:
    """Only a console path of this HQ (no scheme, no host, no `//`): never an open redirect."""
    if not value:
        return "/console"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not value.startswith("/console") or value.startswith("//") or "\\" in value:
        return "/console"
    return value


def _cookie(response: Response, settings, name: str, value: str, max_age: int | None = None) -> None:
    response.set_cookie(name, value, max_age=max_age, httponly=True, secure=settings.cookie_secure,
                        samesite="strict", path="/")


@router.get("/sign-in")
def sign_in_page(request: Request, settings: SettingsDep, next: str = "", signed_out: str = "") -> Response:
    # the sign-in form's own CSRF token: a double-submit cookie (there is no session yet)
    token = secrets.token_urlsafe(24)
    lang = request_lang(request)
    response = render(request, "console/sign_in.html",
                      {"signin_csrf": token, "next": safe_next(next), "username": "", "error": "",
                       "flash": translate("signin.signed_out", lang) if signed_out else ""}, staff=None)
    _cookie(response, settings, SIGNIN_CSRF_COOKIE, token, max_age=3600)
    return response


@router.post("/sign-in")
def sign_in(request: Request, hq: HQDep, settings: SettingsDep, username: Annotated[str, Form(max_length=64)],
            password: Annotated[str, Form(max_length=256)], csrf_token: Annotated[str, Form(max_length=64)] = "",
            otp: Annotated[str, Form(max_length=8)] = "", next: Annotated[str, Form(max_length=500)] = "") -> Response:
    expected = request.cookies.get(SIGNIN_CSRF_COOKIE, "")
    lang = request_lang(request)
    if not expected or not secrets.compare_digest(expected.encode(), csrf_token.encode()):
        error = auth.Forbidden("console.csrf")
        return _sign_in_again(request, settings, username, error, next, lang)
    try:
        signed = auth.sign_in(hq, settings, username, password, otp, client=client_of(request),
                              replaces=request.cookies.get(SESSION_COOKIE))
    except auth.ConsoleError as error:
        return _sign_in_again(request, settings, username, error, next, lang)
    response = RedirectResponse(safe_next(next), status_code=303)
    _cookie(response, settings, SESSION_COOKIE, signed.token, max_age=settings.session_hours * 3600)
    response.delete_cookie(SIGNIN_CSRF_COOKIE, path="/")
    return response


def _sign_in_again(request: Request, settings, username: str, error: auth.ConsoleError, next: str, lang: str) -> Response:
    from ..i18n import describe_error
    token = secrets.token_urlsafe(24)
    response = render(request, "console/sign_in.html",
                      {"signin_csrf": token, "next": safe_next(next), "username": username[:64],
                       "error": describe_error(error, lang)}, staff=None, status_code=error.status)
    _cookie(response, settings, SIGNIN_CSRF_COOKIE, token, max_age=3600)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/sign-out", dependencies=[permit("console.view")])
def sign_out(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    auth.sign_out(hq, staff, request.cookies.get(SESSION_COOKIE), client_of(request))
    response = RedirectResponse("/console/sign-in?signed_out=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/lang/{lang}")
def switch_language(lang: str, request: Request, settings: SettingsDep, next: str = "") -> Response:
    """The language is a cookie (a preference of this browser, no server state)."""
    response = RedirectResponse(safe_next(next), status_code=303)
    if lang in LANGS:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, httponly=True, secure=settings.cookie_secure,
                            samesite="lax", path="/")
    return response


@router.get("", dependencies=[permit("console.view")])
def home(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    figures = overview_service.overview(hq, staff)
    permissions = [p for p in PERMISSIONS if staff.can(p)]
    return render(request, "console/home.html", {"overview": figures, "permissions": permissions})

