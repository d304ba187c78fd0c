"""The console's member pages: live search (htmx), the member page (profile, tier history, points
lots and ledger with sources, stored value, coupons, receipts across stores), adjustments with a
reason and a second person's approval above the chain's limit, merge, PIPL export and deletion.
Phones are shown masked; the full data leaves only through the audited export."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from ..i18n import MESSAGES, describe_error, translate
from ..services.member_admin import MemberAdmin, Refused, refuse
from .deps import CurrentStaff, HQDep, client_of, permit
from .render import render, request_lang

router = APIRouter(prefix="/console/members", include_in_schema=False)
SOURCES = frozenset(k for k in MESSAGES if k.startswith(("members.source.", "members.coupon.")))


def _search_page(
    request: Request, hq, staff, q: str = "", flash: str = "", flash_kind: str = "ok", status_code: int = 200
) -> Response:
    service = MemberAdmin(hq)
    hits, error = [], ""
    if q.strip():
        try:
            hits = service.search(staff.chain_id, q)
        except Refused as refused:
            error = describe_error(refused.error, request_lang(request))
    context = {
        "q": q,
        "hits": hits,
        "error": error,
        "flash": flash,
        "flash_kind": flash_kind,
        "pending": service.pending(staff.chain_id) if staff.can("members.approve") else [],
        "limits": service.limits(staff.chain_id),
        "can_limits": staff.can("members.limits"),
    }
    return render(request, "console/members.html", context, status_code=status_code)


@router.get("", dependencies=[permit("members.view")])
def members_page(
    request: Request, hq: HQDep, staff: CurrentStaff, q: Annotated[str, Query(max_length=40)] = ""
) -> Response:
    return _search_page(request, hq, staff, q)


@router.get("/search", dependencies=[permit("members.view")])
def search(request: Request, hq: HQDep, staff: CurrentStaff, q: Annotated[str, Query(max_length=40)] = "") -> Response:
    """The live search's result rows (htmx), or the whole page."""
    if not request.headers.get("hx-request"):
        return _search_page(request, hq, staff, q)
    hits, error = [], ""
    if q.strip():
        try:
            hits = MemberAdmin(hq).search(staff.chain_id, q)
        except Refused as refused:
            error = describe_error(refused.error, request_lang(request))
    return render(request, "console/member_hits.html", {"q": q, "hits": hits, "error": error})


def _member_page(
    request: Request,
    hq,
    staff,
    member_id: str,
    flash: str = "",
    flash_kind: str = "ok",
    status_code: int = 200,
    error_field: str = "",
) -> Response:
    service = MemberAdmin(hq)
    try:
        page = service.page(staff.chain_id, member_id)
    except Refused as refused:
        return _search_page(
            request, hq, staff, "", describe_error(refused.error, request_lang(request)), "error", refused.status
        )
    return render(
        request,
        "console/member.html",
        {
            "m": page,
            "flash": flash,
            "flash_kind": flash_kind,
            "error_field": error_field,
            "limits": page.limits,
            "sources": SOURCES,
            "can": {p: staff.can(f"members.{p}") for p in ("adjust", "approve", "merge", "export", "delete")},
        },
        status_code=status_code,
    )


@router.get("/{member_id}", dependencies=[permit("members.view")])
def member_page(request: Request, hq: HQDep, staff: CurrentStaff, member_id: str) -> Response:
    return _member_page(request, hq, staff, member_id)


def _amount(what: str, text: str) -> dict[str, int]:
    """The adjustment's amount: whole points, or yuan (two decimals) of principal or bonus."""
    text = text.strip().replace(",", "").replace("，", "")
    try:
        if what == "points":
            return {"points": int(text)}
        value = Decimal(text)
        if value != value.quantize(Decimal("0.01")):
            raise InvalidOperation
        return {f"{what}_fen": int(value * 100)}
    except (InvalidOperation, ValueError):
        raise refuse("members.adjust_not_whole", field="amount") from None


@router.post("/{member_id}/adjust", dependencies=[permit("members.adjust")])
def adjust(
    request: Request,
    hq: HQDep,
    staff: CurrentStaff,
    member_id: str,
    what: Annotated[str, Form(pattern="^(points|principal|bonus)$")],
    amount: Annotated[str, Form(max_length=16)],
    reason: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    lang = request_lang(request)
    try:
        done = MemberAdmin(hq).adjust(
            staff.chain_id, member_id, staff.actor(client_of(request)), reason, **_amount(what, amount)
        )
    except Refused as refused:
        return _member_page(
            request,
            hq,
            staff,
            member_id,
            describe_error(refused.error, lang),
            "error",
            refused.status,
            refused.field or "",
        )
    key = "members.adjust_applied" if done.status == "applied" else "members.adjust_waiting"
    return _member_page(
        request,
        hq,
        staff,
        member_id,
        translate(key, lang, number=done.id),
        "ok" if done.status == "applied" else "warn",
    )


@router.post("/adjustments/{adjustment_id}/approve", dependencies=[permit("members.approve")])
def approve(
    request: Request, hq: HQDep, staff: CurrentStaff, adjustment_id: int, back: Annotated[str, Form(max_length=40)] = ""
) -> Response:
    return _decide(request, hq, staff, adjustment_id, back, approve=True)


@router.post("/adjustments/{adjustment_id}/reject", dependencies=[permit("members.approve")])
def reject(
    request: Request, hq: HQDep, staff: CurrentStaff, adjustment_id: int, back: Annotated[str, Form(max_length=40)] = ""
) -> Response:
    return _decide(request, hq, staff, adjustment_id, back, approve=False)


def _decide(request: Request, hq, staff, adjustment_id: int, back: str, approve: bool) -> Response:
    lang = request_lang(request)
    service = MemberAdmin(hq)
    try:
        done = (service.approve if approve else service.reject)(
            staff.chain_id, adjustment_id, staff.actor(client_of(request))
        )
    except Refused as refused:
        flash, kind, status = describe_error(refused.error, lang), "error", refused.status
    else:
        flash, kind, status = translate(f"members.adjustment_{done.status}", lang, number=done.id), "ok", 200
    if back:
        return _member_page(request, hq, staff, back, flash, kind, status)
    return _search_page(request, hq, staff, "", flash, kind, status)


@router.post("/{member_id}/merge", dependencies=[permit("members.merge")])
def merge(
    request: Request,
    hq: HQDep,
    staff: CurrentStaff,
    member_id: str,
    drop_id: Annotated[str, Form(max_length=40)],
    reason: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    lang = request_lang(request)
    try:
        kept = MemberAdmin(hq).merge(
            staff.chain_id, member_id, drop_id.strip(), staff.actor(client_of(request)), reason
        )
    except Refused as refused:
        return _member_page(
            request,
            hq,
            staff,
            member_id,
            describe_error(refused.error, lang),
            "error",
            refused.status,
            "drop_id" if refused.field in ("drop_id", "member_id") else refused.field or "",
        )
    return _member_page(request, hq, staff, kept.id, translate("members.merged_flash", lang, other=drop_id.strip()))


@router.get("/{member_id}/export.json", dependencies=[permit("members.export")])
def export_json(request: Request, hq: HQDep, staff: CurrentStaff, member_id: str) -> Response:
    try:
        data = MemberAdmin(hq).export(staff.chain_id, member_id, staff.actor(client_of(request)))
    except Refused as refused:
        return _search_page(
            request, hq, staff, "", describe_error(refused.error, request_lang(request)), "error", refused.status
        )
    return Response(
        json.dumps(data, ensure_ascii=False, indent=1),
        media_type="application/json; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="member-{data["member"]["id"]}.json"',
            "Cache-Control": "no-store",
        },
    )


@router.get("/{member_id}/export.csv", dependencies=[permit("members.export")])
def export_csv(request: Request, hq: HQDep, staff: CurrentStaff, member_id: str) -> Response:
    try:
        text = MemberAdmin(hq).export_csv(staff.chain_id, member_id, staff.actor(client_of(request)))
    except Refused as refused:
        return _search_page(
            request, hq, staff, "", describe_error(refused.error, request_lang(request)), "error", refused.status
        )
    return Response(
        "\ufeff" + text,
        media_type="text/csv; charset=utf-8",  # BOM: Excel opens it as UTF-8
        headers={
            "Content-Disposition": f'attachment; filename="member-{member_id[:40]}.csv"',
            "Cache-Control": "no-store",
        },
    )


@router.post("/{member_id}/delete", dependencies=[permit("members.delete")])
def delete(
    request: Request, hq: HQDep, staff: CurrentStaff, member_id: str, confirm: Annotated[str, Form(max_length=40)] = ""
) -> Response:
    lang = request_lang(request)
    if confirm.strip() != member_id:
        return _member_page(
            request, hq, staff, member_id, translate("members.delete_confirm_needed", lang), "error", 422, "confirm"
        )
    try:
        MemberAdmin(hq).anonymise(staff.chain_id, member_id, staff.actor(client_of(request)))
    except Refused as refused:
        return _member_page(request, hq, staff, member_id, describe_error(refused.error, lang), "error", refused.status)
    return _member_page(request, hq, staff, member_id, translate("members.deleted_flash", lang))


@router.post("/limits", dependencies=[permit("members.limits")])
def limits(
    request: Request,
    hq: HQDep,
    staff: CurrentStaff,
    points: Annotated[str, Form(max_length=12)],
    stored_value: Annotated[str, Form(max_length=16)],
) -> Response:
    lang = request_lang(request)
    try:
        fen = _amount("principal", stored_value)["principal_fen"]
        whole = _amount("points", points)["points"]
        MemberAdmin(hq).set_limits(staff.chain_id, whole, fen, staff.actor(client_of(request)))
    except Refused as refused:
        return _search_page(request, hq, staff, "", describe_error(refused.error, lang), "error", refused.status)
    return _search_page(request, hq, staff, "", translate("common.done", lang))
