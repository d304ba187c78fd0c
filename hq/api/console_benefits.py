"""Console page of the benefits on triggers and the member app's earning tasks (issue 18): the
welcome pack, post-purchase coupon, birthday gift, member-day gift and tier-upgrade gifts (points
and/or a coupon template, valid N days), the sign-in streak amounts, the referral rewards of both
sides and the profile-completion points. Marketing and chain admins edit it (`benefits.manage`);
a save is checked whole, stored in the chain's lifecycle settings and audited
(hq/lifecycle/config.py). Each benefit is then given once per member and period (hq/lifecycle/benefits.py)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from pos_app.domain.errors import DomainError
from pos_app.domain.money import parse_yuan

from ..i18n import describe_error, translate
from ..lifecycle import config as benefit_config
from ..lifecycle.earning import PROFILE_FIELDS
from ..services import audit
from ..services.auth import StaffUser
from .deps import CurrentStaff, HQDep, client_of, permit
from .render import render, request_lang

router = APIRouter(prefix="/console", include_in_schema=False)
SIMPLE = ("welcome", "post_purchase", "birthday", "member_day")


def _page(
    request: Request,
    hq,
    staff: StaffUser,
    config: dict[str, Any] | None = None,
    flash: str = "",
    flash_kind: str = "ok",
    status_code: int = 200,
) -> Response:
    shown = benefit_config.read(hq, staff.chain_id)
    if config is not None:  # a refused form: shown as typed
        shown.update(config)
    return render(
        request,
        "console/benefits.html",
        {
            "c": shown,
            "simple": SIMPLE,
            "profile_fields": PROFILE_FIELDS,
            "flash": flash,
            "flash_kind": flash_kind,
            "can_manage": staff.can("benefits.manage"),
        },
        status_code=status_code,
    )


@router.get("/benefits", dependencies=[permit("benefits.view")])
def benefits_page(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    return _page(request, hq, staff)


def _whole(text: str, default: int = 0) -> Any:
    """A whole number typed in the form; the text itself when it is not one (the check refuses it
    with the field's own message)."""
    text = (text or "").strip().replace(",", "")
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        return text[:20]


def _spec(form, prefix: str, min_spend: bool = False) -> dict[str, Any] | None:
    """One benefit's fields (points, template, valid days); None when it gives nothing (off)."""
    points = _whole(form.get(f"{prefix}.points", ""))
    template = (form.get(f"{prefix}.template") or "").strip()[:32] or None
    if not points and template is None:
        return None
    spec: dict[str, Any] = {"points": points, "valid_days": _whole(form.get(f"{prefix}.days", ""), 30)}
    if template:
        spec["coupon_template"] = template
    if min_spend:
        try:
            spec["min_spend_fen"] = parse_yuan(form.get(f"{prefix}.min_yuan") or "0")
        except DomainError:
            spec["min_spend_fen"] = 0
    return spec


def parse(form, tier_codes: list[str]) -> dict[str, Any]:
    """The configuration the form describes (benefits and earning keys), unchecked."""
    benefits: dict[str, Any] = {}
    for name in SIMPLE:
        spec = _spec(form, name, min_spend=name == "post_purchase")
        if spec:
            benefits[name] = spec
    gifts = {code: spec for code in tier_codes if (spec := _spec(form, f"tier.{code}"))}
    if gifts:
        benefits["tier_upgrade"] = gifts
    amounts = [_whole(a) for a in (form.get("sign_in_points") or "").replace("，", ",").split(",") if a.strip()]
    return {
        "benefits": benefits,
        "sign_in_points": amounts,
        "sign_in_after": (form.get("sign_in_after") or "cap")[:8],
        "referral_points": {
            "inviter": _whole(form.get("referral.inviter", "")),
            "invitee": _whole(form.get("referral.invitee", "")),
        },
        "profile_points": {
            "points": _whole(form.get("profile.points", "")),
            "fields": [f[:16] for f in form.getlist("profile.fields")][: len(PROFILE_FIELDS)],
        },
    }


@router.post("/benefits", dependencies=[permit("benefits.manage")])
async def benefits_save(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    lang = request_lang(request)
    form = await request.form()
    tier_codes = [code for code, _ in benefit_config.read(hq, staff.chain_id)["tiers"]]
    config = parse(form, tier_codes)
    actor = audit.Actor(staff.chain_id, staff.id, staff.display_name, client_of(request))
    try:
        benefit_config.save(hq, staff.chain_id, config, actor)
    except DomainError as error:
        benefit = str(error.params.get("benefit", ""))
        if benefit:  # the benefit by its name in the page's language
            name, _, tier = benefit.partition(":")
            error.params["benefit"] = translate(f"benefits.name.{name}", lang) + (f" {tier}" if tier else "")
        return _page(request, hq, staff, config, describe_error(error, lang), "error", 422)
    return _page(request, hq, staff, flash=translate("benefits.saved", lang))
