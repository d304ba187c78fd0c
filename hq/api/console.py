"""The console's pages (server-rendered, htmx for partial updates): sign-in and out, language,
home, one's own account (staff and audit: console_staff.py). Every page but sign-in and the language switch declares its permission with `Permit`;
routers stay thin: parse, authorise, call one service, render.

Other areas' pages live in their own routers under /console and use the same pieces:
`dependencies=[permit("x")]` or `CurrentStaff` + `authorize`, `render(request, template, ctx)`,
templates that extend "base.html", texts in hq/i18n.py.
"""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from ..base import HQError
from ..i18n import LANGS, describe_error, translate
from ..services import auth
from ..services import overview as overview_service
from ..services import staff as staff_service
from ..services.auth import PERMISSIONS, StaffUser
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
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, secure=settings.cookie_secure, samesite="strict", path="/"
    )


@router.get("/sign-in")
def sign_in_page(request: Request, settings: SettingsDep, next: str = "", signed_out: str = "") -> Response:
    # the sign-in form's own CSRF token: a double-submit cookie (there is no session yet)
    token = secrets.token_urlsafe(24)
    lang = request_lang(request)
    response = render(
        request,
        "console/sign_in.html",
        {
            "signin_csrf": token,
            "next": safe_next(next),
            "username": "",
            "error": "",
            "flash": translate("signin.signed_out", lang) if signed_out else "",
        },
        staff=None,
    )
    _cookie(response, settings, SIGNIN_CSRF_COOKIE, token, max_age=3600)
    return response


@router.post("/sign-in")
def sign_in(
    request: Request,
    hq: HQDep,
    settings: SettingsDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
    csrf_token: Annotated[str, Form(max_length=64)] = "",
    otp: Annotated[str, Form(max_length=8)] = "",
    next: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    expected = request.cookies.get(SIGNIN_CSRF_COOKIE, "")
    lang = request_lang(request)
    if not expected or not secrets.compare_digest(expected.encode(), csrf_token.encode()):
        error = auth.Forbidden("console.csrf")
        return _sign_in_again(request, settings, username, error, next, lang)
    try:  # password spraying across accounts, from one address
        request.app.state.sign_in_limit.check(f"ip:{client_of(request)}")
    except HQError:
        return _sign_in_again(
            request, settings, username, auth.ConsoleError("console.too_many_sign_ins"), next, lang, status=429
        )
    try:
        signed = auth.sign_in(
            hq,
            settings,
            username,
            password,
            otp,
            client=client_of(request),
            replaces=request.cookies.get(SESSION_COOKIE),
        )
    except auth.ConsoleError as error:
        return _sign_in_again(request, settings, username, error, next, lang)
    response = RedirectResponse(safe_next(next), status_code=303)
    _cookie(response, settings, SESSION_COOKIE, signed.token, max_age=settings.session_hours * 3600)
    response.delete_cookie(SIGNIN_CSRF_COOKIE, path="/")
    return response


def _sign_in_again(
    request: Request, settings, username: str, error: auth.ConsoleError, next: str, lang: str, status: int | None = None
) -> Response:
    token = secrets.token_urlsafe(24)
    response = render(
        request,
        "console/sign_in.html",
        {
            "signin_csrf": token,
            "next": safe_next(next),
            "username": username[:64],
            "error": describe_error(error, lang),
        },
        staff=None,
        status_code=status or error.status,
    )
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
        response.set_cookie(
            LANG_COOKIE,
            lang,
            max_age=365 * 24 * 3600,
            httponly=True,
            secure=settings.cookie_secure,
            samesite="lax",
            path="/",
        )
    return response


@router.get("", dependencies=[permit("console.view")])
def home(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    figures = overview_service.overview(hq, staff)
    permissions = [p for p in PERMISSIONS if staff.can(p)]
    return render(request, "console/home.html", {"overview": figures, "permissions": permissions})


# ---- my account: password, TOTP --------------------------------------------------------------------


def _totp_qr(uri: str) -> str:
    """The provisioning URI as a PNG data URI (no third-party QR service)."""
    import base64
    import io

    import qrcode
    from qrcode.image.pil import PilImage

    image = qrcode.make(uri, box_size=5, border=2, image_factory=PilImage)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _account_page(
    request: Request,
    staff: StaffUser,
    flash: str = "",
    flash_kind: str = "ok",
    status_code: int = 200,
    secret: str = "",
) -> Response:
    secret = secret or staff_service.new_totp_secret()
    uri = staff_service.totp_uri(secret, staff.username)
    return render(
        request,
        "console/account.html",
        {
            "flash": flash,
            "flash_kind": flash_kind,
            "totp_secret": secret,
            "totp_qr": "" if staff.has_totp else _totp_qr(uri),
        },
        status_code=status_code,
    )


@router.get("/account", dependencies=[permit("account.manage")])
def account(request: Request, staff: CurrentStaff) -> Response:
    return _account_page(request, staff)


@router.post("/account/password", dependencies=[permit("account.manage")])
def change_password(
    request: Request,
    hq: HQDep,
    staff: CurrentStaff,
    current: Annotated[str, Form(max_length=256)],
    new: Annotated[str, Form(max_length=256)],
) -> Response:
    lang = request_lang(request)
    try:
        staff_service.change_own_password(hq, staff, current, new, client_of(request))
    except auth.ConsoleError as error:
        return _account_page(request, staff, describe_error(error, lang), "error", error.status)
    return _account_page(request, staff, translate("account.password_changed", lang))


@router.post("/account/totp", dependencies=[permit("account.manage")])
def totp_on(
    request: Request,
    hq: HQDep,
    staff: CurrentStaff,
    secret: Annotated[str, Form(max_length=64)],
    code: Annotated[str, Form(max_length=8)],
) -> Response:
    try:
        staff_service.enable_totp(hq, staff, secret, code, client_of(request))
    except auth.ConsoleError as error:
        return _account_page(
            request,
            staff,
            describe_error(error, request_lang(request)),
            "error",
            error.status,
            secret=secret if len(secret) <= 64 else "",
        )
    return RedirectResponse("/console/account", status_code=303)


@router.post("/account/totp/off", dependencies=[permit("account.manage")])
def totp_off(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    staff_service.disable_totp(hq, staff, staff.id, client_of(request))
    return RedirectResponse("/console/account", status_code=303)
