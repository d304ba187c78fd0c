"""The member's own mobile web app (H5, issue 20), served by HQ under /m.

Pages: one small Jinja shell (hq/templates/m/app.html) per page, the page's texts in the reader's
language (zh_CN by default, `?lang=en` or the `hq_lang` cookie), the script and styles from
hq/static/m (vendored QR encoder, no framework, no CDN). The shell holds no member data: the script
reads the member's session token (localStorage) and calls the member API (hq/api/members.py,
hq/api/member_mall.py and the `/v1/member/app/*` routes here), so a page is the same for everyone
and the service worker (/m/sw.js) can keep the card working with the phone offline.

The JSON routes here reuse the console's functions so that the member sees what staff see and an
export or a deletion has the same effect as the console's (hq/services/member_admin.py).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select

from pos_app.domain import hlc

from ..base import HQError
from ..i18n import MESSAGES, lang_of
from ..lifecycle.lots import expiry_schedule
from ..lifecycle.program import lifecycle_settings
from ..lifecycle.program import tiers as chain_tiers
from ..lifecycle.tiers import tier_progress
from ..members import REFERRAL_POINTS, SIGN_IN_POINTS
from ..models import (
    CatalogueRow,
    ChangeRow,
    Coupon,
    EventRow,
    Member,
    PointsEntry,
    SignIn,
    Store,
    TillRow,
)
from ..services.member_admin import PAGE_ROWS, MemberAdmin, mask_phone
from .deps import LANG_COOKIE, CurrentMember, HQDep, MemberAPIDep
from .members import limited
from .render import TEMPLATES

STATIC = Path(__file__).resolve().parent.parent / "static" / "m"
PAGES = (
    "card",
    "sign-in",
    "points",
    "coupons",
    "wallet",
    "receipts",
    "checkin",
    "invite",
    "tier",
    "mall",
    "profile",
    "privacy",
)
BIRTHDAY_EVERY_DAYS = 365  # the birthday may be changed once a year (it drives the birthday gift)
BY = "member app"  # who the audit log names for the member's own export and deletion

pages = APIRouter(include_in_schema=False)
router = APIRouter(prefix="/v1/member/app", tags=["member app"])


# ---- pages -------------------------------------------------------------------------------------


def page_lang(request: Request) -> str:
    wanted = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    return lang_of(wanted, request.app.state.settings.default_lang)


def texts(lang: str) -> dict[str, str]:
    """The app's texts (`m.*` keys of hq/i18n.py) in one language, for the page's script."""
    i = 0 if lang == "zh_CN" else 1
    return {k[2:]: v[i] for k, v in MESSAGES.items() if k.startswith("m.")}


@pages.get("/m")
def m_root() -> RedirectResponse:
    return RedirectResponse("/m/card", status_code=303)


@pages.get("/m/sw.js")
def service_worker() -> FileResponse:
    return FileResponse(
        STATIC / "sw.js",
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/m/"},
    )


@pages.get("/m/manifest.webmanifest")
def manifest(request: Request) -> Response:
    t = texts(page_lang(request))
    body = {
        "name": t["app.name"],
        "short_name": t["app.short"],
        "start_url": "/m/card",
        "scope": "/m/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#c8102e",
        "icons": [{"src": "/static/m/icon.svg", "sizes": "any", "type": "image/svg+xml"}],
    }
    return Response(json.dumps(body, ensure_ascii=False), media_type="application/manifest+json")


INLINE = ("vendor/qrcode-generator-2.0.4.js", "m/app.js")  # the card's scripts, in its HTML
CARD_TEXTS = {"app", "nav", "common", "title", "card", "err"}  # the texts the card page uses (its HTML stays small)
SESSION_COOKIE = "mt_session"  # the app's session, also as a cookie (path /m) so the card's HTML carries its data


@lru_cache(maxsize=1)
def inline_assets() -> tuple[str, str, str]:
    """(css, scripts, CSP hashes) of the card page: inline, so that its first load is one round
    trip (a cheap phone on a slow network); the CSP allows exactly these scripts by hash."""
    root = STATIC.parent
    css = (root / "m" / "app.css").read_text(encoding="utf-8")
    scripts = [(root / name).read_text(encoding="utf-8") for name in INLINE]
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(js.encode()).digest()).decode()}'" for js in scripts)
    return css, "".join(f"<script>{js}</script>" for js in scripts), hashes


def _json_in_html(value) -> str:
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


@pages.get("/m/{page}")
def m_page(page: str, request: Request, hq: HQDep, members: MemberAPIDep) -> Response:
    lang = page_lang(request)
    t = texts(lang)
    if page not in PAGES:
        return HTMLResponse(f"<p>{t['error.no_page']}</p><p><a href='/m/card'>{t['nav.card']}</a></p>", status_code=404)
    context = {
        "page": page,
        "lang": lang,
        "t": t,
        "texts_json": _json_in_html(t),
        "html_lang": "zh-CN" if lang == "zh_CN" else "en",
        "inline": None,
        "card_json": "",
    }
    scripts = "'self'"
    if page == "card":
        context["texts_json"] = _json_in_html({k: v for k, v in t.items() if k.split(".")[0] in CARD_TEXTS})
        css, inline, hashes = inline_assets()
        context["inline"] = {"css": css, "scripts": inline}
        scripts = f"'self' {hashes}"  # 'self': /static/m/ed25519.js, added only without WebCrypto Ed25519
        token = request.cookies.get(SESSION_COOKIE)
        if token:
            try:
                context["card_json"] = _json_in_html(card_data(hq, members, members.session_member(token)))
            except HQError:
                pass  # signed out or deleted: the page's script asks again, and is sent to sign in
    html = TEMPLATES.get_template("m/app.html").render(context).encode()
    headers = {
        "Cache-Control": "private, no-cache",
        "Vary": "Accept-Encoding, Cookie",
        "Content-Security-Policy": (
            f"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            f"script-src {scripts}; worker-src 'self'; frame-ancestors 'none'"
        ),
    }
    if "gzip" in request.headers.get("accept-encoding", ""):
        html = gzip.compress(html, 6)
        headers["Content-Encoding"] = "gzip"
    response = Response(html, media_type="text/html; charset=utf-8", headers=headers)
    if request.query_params.get("lang"):
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax")
    return response


# ---- JSON for the pages --------------------------------------------------------------------------


def _member(s, member_id: str) -> Member:
    m = s.get(Member, member_id)
    if m is None:
        raise HQError(401, "Session unknown or expired: sign in again")
    return m


def _chain(hq, member_id: str) -> str:
    with hq.tx() as s:
        return _member(s, member_id).chain_id


def _tier_names(s, chain_id: str) -> dict[str, str]:
    return {code: t.name for code, t in chain_tiers(s, chain_id).items()}


@router.get("/card")
def card(member_id: CurrentMember, hq: HQDep, members: MemberAPIDep) -> dict:
    return card_data(hq, members, member_id)


def card_data(hq, members, member_id: str) -> dict:
    """What the card shows (kept by the page for offline use): tier, points, stored value, the
    device key HQ holds (the page registers its own when they differ), the next points to lapse."""
    today = hq.clock().date()
    with hq.tx() as s:  # read only: the referral code is made by the invite page
        m = _member(s, member_id)
        schedule = expiry_schedule(s, member_id, today)
        return {
            "id": m.id,
            "name": m.name,
            "phone": mask_phone(m.phone),
            "tier": m.tier_code,
            "tier_name": _tier_names(s, m.chain_id).get(m.tier_code, m.tier_code),
            "points": m.points,
            "stored_value_fen": m.principal_fen + m.bonus_fen,
            "principal_fen": m.principal_fen,
            "bonus_fen": m.bonus_fen,
            "public_key": m.public_key or "",
            "next_expiry": ({"on": schedule[0][0].isoformat(), "points": schedule[0][1]} if schedule else None),
            "today": today.isoformat(),
        }


@router.get("/points")
def points(member_id: CurrentMember, hq: HQDep) -> dict:
    """Balance, what lapses when, and the newest 200 entries with each one's source (the store
    whose till sent it, as the console's ledger shows it), the balance after each."""
    with hq.tx() as s:
        m = _member(s, member_id)
        schedule = expiry_schedule(s, member_id, hq.clock().date())
        rows = s.execute(
            select(PointsEntry.at, PointsEntry.delta, PointsEntry.kind, PointsEntry.ref, Store.code, Store.name)
            .outerjoin(EventRow, EventRow.event_id == PointsEntry.event_id)
            .outerjoin(TillRow, TillRow.id == EventRow.till_id)
            .outerjoin(Store, Store.id == TillRow.store_id)
            .where(PointsEntry.member_id == member_id)
            .order_by(PointsEntry.at.desc(), PointsEntry.id.desc())
            .limit(PAGE_ROWS)
        ).all()
        balance = m.points
    history, after = [], balance
    for at, delta, kind, ref, code, name in rows:  # newest first: balances walk back
        history.append(
            {
                "at": at.isoformat(timespec="minutes"),
                "delta": delta,
                "kind": kind,
                "ref": ref,
                "store": f"{code} {name}" if code else "",
                "balance_after": after,
            }
        )
        after -= delta
    return {"balance": balance, "expiry": [{"on": d.isoformat(), "points": p} for d, p in schedule], "history": history}


@router.get("/coupons")
def coupons(member_id: CurrentMember, hq: HQDep) -> dict:
    """The wallet in three lists: usable, used, expired; where and on what each applies."""
    now = hq.clock()
    with hq.tx() as s:
        chain_id = _member(s, member_id).chain_id
        mine = list(
            s.scalars(
                select(Coupon)
                .where(Coupon.member_id == member_id)
                .order_by(Coupon.valid_to.desc(), Coupon.code)
                .limit(PAGE_ROWS)
            )
        )
        wanted = {c.template_id for c in mine}
        templates: dict[str, Any] = (
            dict(
                s.execute(
                    select(CatalogueRow.key, CatalogueRow.data).where(
                        CatalogueRow.chain_id == chain_id,
                        CatalogueRow.store_code == "",
                        CatalogueRow.kind == "coupon_templates",
                        CatalogueRow.key.in_(wanted),
                    )
                ).all()  # rows, not the Result: dict() of a Result reads it as a mapping
            )
            if wanted
            else {}
        )
    out: dict[str, list] = {"usable": [], "used": [], "expired": []}
    for c in mine:
        t = templates.get(c.template_id) or {}
        params = t.get("params") or {}
        where = (
            "used"
            if c.status == "used"
            else ("expired" if c.status != "issued" or (c.valid_to and c.valid_to < now) else "usable")
        )
        out[where].append(
            {
                "code": c.code,
                "name": t.get("name", c.template_id),
                "kind": t.get("kind", ""),
                "ladder": params.get("ladder") or [],
                "amount_fen": params.get("amount_fen"),
                "percent": params.get("percent"),
                "cap_fen": params.get("cap_fen"),
                "stores": params.get("store_codes") or [],
                "valid_to": c.valid_to.date().isoformat() if c.valid_to else None,
            }
        )
    return out


@router.get("/wallet")
def wallet(member_id: CurrentMember, hq: HQDep) -> dict:
    chain_id = _chain(hq, member_id)
    page = MemberAdmin(hq).page(chain_id, member_id)
    return {
        "principal_fen": page.principal_fen,
        "bonus_fen": page.bonus_fen,
        "total_fen": page.principal_fen + page.bonus_fen,
        "ledger": [
            {
                "at": e.at.isoformat(timespec="minutes"),
                "principal_fen": e.principal_fen,
                "bonus_fen": e.bonus_fen,
                "kind": e.kind,
                "ref": e.ref,
                "store": e.store,
                "balance_fen": e.principal_after_fen + e.bonus_after_fen,
            }
            for e in page.stored_value_ledger
        ],
    }


@router.get("/receipts")
def receipts(member_id: CurrentMember, hq: HQDep) -> list[dict]:
    chain_id = _chain(hq, member_id)
    page = MemberAdmin(hq).page(chain_id, member_id)
    return [
        {
            "at": r.at.isoformat(timespec="minutes"),
            "kind": r.kind,
            "receipt_no": r.receipt_no,
            "store": r.store,
            "amount_fen": r.amount_fen,
        }
        for r in page.receipts
    ]


@router.get("/checkin")
def checkin(member_id: CurrentMember, hq: HQDep) -> dict:
    """This month's sign-ins, the streak, and what signing in tomorrow would give."""
    from ..lifecycle.earning import sign_in_points

    today = hq.clock().date()
    first = today.replace(day=1)
    with hq.tx() as s:
        m = _member(s, member_id)
        settings = lifecycle_settings(s, m.chain_id)
        amounts = tuple(settings.get("sign_in_points") or SIGN_IN_POINTS)
        after = settings.get("sign_in_after", "cap")
        rows = {
            r.day: r
            for r in s.scalars(
                select(SignIn).where(
                    SignIn.member_id == member_id,
                    SignIn.day >= min(first, today - timedelta(days=1)).isoformat(),
                    SignIn.day <= today.isoformat(),
                )
            )
        }
    done = rows.get(today.isoformat())
    last = done or rows.get((today - timedelta(days=1)).isoformat())
    streak = last.streak if last else 0
    return {
        "today": today.isoformat(),
        "signed_today": done is not None,
        "streak": streak,
        "today_points": done.points if done else sign_in_points(amounts, after, streak + 1),
        "tomorrow_points": sign_in_points(amounts, after, (streak + 1) if done else 1),
        "days": [{"day": d, "points": r.points} for d, r in sorted(rows.items()) if d >= first.isoformat()],
    }


@router.get("/invite")
def invite(member_id: CurrentMember, hq: HQDep, members: MemberAPIDep, request: Request) -> dict:
    code = members.profile(member_id)["referral_code"]
    with hq.tx() as s:
        m = _member(s, member_id)
        reward = lifecycle_settings(s, m.chain_id).get("referral_points") or {}
        invited = s.scalar(select(func.count()).select_from(Member).where(Member.referred_by == member_id)) or 0
    return {
        "referral_code": code,
        "link": f"{str(request.base_url).rstrip('/')}/m/sign-in?ref={code}",
        "inviter_points": int(reward.get("inviter", REFERRAL_POINTS)),
        "invitee_points": int(reward.get("invitee", 0)),
        "invited": invited,
    }


@router.get("/tier")
def tier(member_id: CurrentMember, hq: HQDep) -> dict:
    with hq.tx() as s:
        m = _member(s, member_id)
        progress = tier_progress(s, m.chain_id, member_id, hq.clock().date())
        names = _tier_names(s, m.chain_id)
        ladder = sorted(chain_tiers(s, m.chain_id).values(), key=lambda t: t.rank)
    return {
        **progress,
        "tier_name": names.get(progress["tier"], progress["tier"]),
        "next_tier_name": names.get(progress["next_tier"] or "", ""),
        "tiers": [
            {
                "code": t.code,
                "name": t.name,
                "min_spend_12m_fen": t.min_spend_12m_fen,
                "discount_percent": t.discount_percent,
                "points_multiplier_pct": t.points_multiplier_pct,
            }
            for t in ladder
        ],
    }


def _birthday_locked_until(m: Member) -> str | None:
    changed = (m.custom or {}).get("birthday_changed_on")
    if not changed:
        return None
    until = date.fromisoformat(changed) + timedelta(days=BIRTHDAY_EVERY_DAYS)
    return until.isoformat()


@router.get("/profile")
def profile(member_id: CurrentMember, hq: HQDep) -> dict:
    with hq.tx() as s:
        m = _member(s, member_id)
        custom = m.custom or {}
        locked = _birthday_locked_until(m)
        return {
            "name": m.name,
            "birthday": m.birthday or "",
            "gender": custom.get("gender", ""),
            "email": custom.get("email", ""),
            "address": custom.get("address", ""),
            "consent": bool(m.consent),
            "birthday_locked_until": locked if locked and locked > hq.clock().date().isoformat() else None,
        }


class ProfileBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(default="", max_length=64)
    birthday: str = Field(default="", max_length=10)
    gender: Literal["", "male", "female", "other"] = ""
    email: str = Field(default="", max_length=128)
    address: str = Field(default="", max_length=128)


@router.put("/profile")
def save_profile(body: ProfileBody, member_id: CurrentMember, hq: HQDep, members: MemberAPIDep, request: Request):
    """The member's profile (MemberAPI.update_profile: checks, profile points once). A birthday may
    be set, or changed, once a year: a second change within BIRTHDAY_EVERY_DAYS is refused and
    nothing is saved."""
    limited(request, member_id)
    values = body.model_dump()
    today = hq.clock().date()
    with hq.tx() as s:
        m = _member(s, member_id)
        old_birthday = m.birthday or ""
        locked = _birthday_locked_until(m)
    if not values["name"].strip():
        values.pop("name")
    birthday_changes = values["birthday"] != old_birthday and bool(values["birthday"])
    if not values["birthday"]:
        values.pop("birthday")  # a birthday once given is not taken back here
        birthday_changes = False
    elif not birthday_changes:
        values.pop("birthday")
    if birthday_changes and locked and locked > today.isoformat():
        return JSONResponse(
            {"detail": "birthday: it may be changed once a year", "code": "birthday_locked", "until": locked},
            status_code=409,
        )
    result = members.update_profile(member_id, values)
    if birthday_changes:
        with hq.tx() as s:
            m = s.get_one(Member, member_id, with_for_update=True)
            m.custom = dict(m.custom or {}, birthday_changed_on=today.isoformat())
    return result


class ConsentBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    consent: bool


@router.put("/consent")
def consent(body: ConsentBody, member_id: CurrentMember, hq: HQDep, request: Request) -> dict:
    """Consent to marketing messages (hq/messaging/queue.py refuses to queue without it)."""
    limited(request, member_id)
    now = hq.clock()
    with hq.tx() as s:
        m = s.get_one(Member, member_id, with_for_update=True)
        m.consent, m.consent_at = body.consent, now if body.consent else None
        m.clocks = dict(m.clocks or {}, consent=hlc.format_hlc(int(now.timestamp() * 1000), 0, "hq"))
        s.flush()
        s.add(ChangeRow(chain_id=m.chain_id, store_code="", kind="members", key=m.id))
    return {"consent": body.consent}


@router.get("/export")
def export(member_id: CurrentMember, hq: HQDep, request: Request) -> Response:
    """Everything HQ holds about the member (PIPL), the console's export (audited the same way)."""
    limited(request, member_id)
    data = MemberAdmin(hq).export(_chain(hq, member_id), member_id, BY)
    return Response(
        json.dumps(data, ensure_ascii=False, indent=1),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="member-{member_id}.json"'},
    )


class DeleteBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    confirm: Literal[True]


@router.post("/delete")
def delete_account(body: DeleteBody, member_id: CurrentMember, hq: HQDep, request: Request) -> dict:
    """Delete my account (PIPL): the console's anonymisation, the same effect (sessions end too)."""
    limited(request, member_id)
    MemberAdmin(hq).anonymise(_chain(hq, member_id), member_id, BY)
    return {"deleted": True}


def mount(app) -> None:
    """The app's pages and JSON routes (hq/app.py calls this once)."""
    app.include_router(pages)
    app.include_router(router)
