"""Console pages of issue 19: segments (editor with a live count, the built-in RFM groups, tags),
campaigns (create and launch to a segment, results against the control group) and analytics
(ECharts, vendored; each chart's numbers one click away; CSV and XLSX export; the alerts'
subscription checkbox and the staff member's notification list). Everything reads the facts
and rollups (hq/segments), never the events.

* `/console/segments` (`segments.view`; saving `segments.manage`), `POST /console/segments/count`
  (htmx: the live count of the form's conditions).
* `/console/campaigns`, `/console/campaigns/{id}` (`campaigns.view`; launching `campaigns.manage`).
* `/console/analytics`, `/console/analytics/export?chart=&format=csv|xlsx`,
  `POST /console/analytics/alerts` (subscribe; `analytics.view`).
Audited: `segments.saved`, `campaigns.created`, `campaigns.launched`, `tags.added`, `tags.removed`.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from pos_app.domain.errors import DomainError

from ..i18n import describe_error, translate
from ..segments import alerts, analytics, campaigns, conditions, segments, tags
from ..segments.facts import RFM_GROUPS
from ..services import audit
from ..services.auth import StaffUser
from .deps import CurrentStaff, HQDep, client_of, permit
from .render import render, request_lang

router = APIRouter(prefix="/console", include_in_schema=False)
ROWS = 5
OPS = ("gte", "lte", "eq", "ne", "gt", "lt", "between", "in", "has", "has_not")
CHARTS = ("members", "cohorts", "tiers", "repurchase", "tickets", "frequency", "categories", "liability")


def _actor(request: Request, staff: StaffUser) -> audit.Actor:
    return audit.Actor(staff.chain_id, staff.id, staff.display_name, client_of(request))


def _value(field: str, op: str, raw: str):
    """A form value as the tree holds it: yuan -> fen for money, integers, lists for in/between."""
    spec = conditions.FIELDS.get(field)
    raw = (raw or "").strip()
    if spec is None:
        raise conditions.SegmentError("segment.unknown_field", field=field[:32])

    def number(text: str) -> int:
        try:
            d = Decimal(text)
        except InvalidOperation:
            raise conditions.SegmentError("segment.value_invalid") from None
        if spec.kind == "money":
            d = d * 100
        if d != d.to_integral_value() or abs(d) > 10**15:
            raise conditions.SegmentError("segment.value_invalid")
        return int(d)

    if op == "between":
        parts = [p for p in raw.replace("~", ",").replace("-", ",").split(",") if p.strip()]
        if len(parts) != 2:
            raise conditions.SegmentError("segment.value_invalid")
        return [number(p.strip()) for p in parts]
    if op == "in":
        return [p.strip() for p in raw.replace("，", ",").split(",") if p.strip()]
    if spec.kind in ("int", "money", "days_since"):
        return number(raw)
    if spec.kind == "bool":
        return raw.lower() in ("1", "true", "yes", "是", "y")
    return raw


async def _tree(request: Request) -> dict:
    form = await request.form()
    items = []
    for i in range(ROWS):
        field = str(form.get(f"f{i}") or "")
        if not field:
            continue
        op = str(form.get(f"o{i}") or "")
        if field == "tag" and op not in ("has", "has_not"):
            op = "has"
        items.append({"field": field, "op": op, "value": _value(field, op, str(form.get(f"v{i}") or ""))})
    return {"match": "any" if form.get("match") == "any" else "all", "items": items}


def _segments_page(
    request: Request, hq, staff: StaffUser, flash: str = "", flash_kind: str = "ok", status_code: int = 200
) -> Response:
    return render(
        request,
        "console/segments.html",
        {
            "segments": segments.list_segments(hq, staff.chain_id),
            "fields": list(conditions.FIELDS),
            "ops": OPS,
            "rows": range(ROWS),
            "tag_counts": tags.tag_counts(hq, staff.chain_id),
            "can_manage": staff.can("segments.manage"),
            "flash": flash,
            "flash_kind": flash_kind,
        },
        status_code=status_code,
    )


@router.get("/segments", dependencies=[permit("segments.view")])
def segments_page(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    return _segments_page(request, hq, staff)


@router.post("/segments/count", dependencies=[permit("segments.view")])
async def live_count(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    lang = request_lang(request)
    try:
        n = conditions.count(hq, staff.chain_id, await _tree(request))
        text, kind = translate("segments.count", lang, count=f"{n:,}"), "ok"
    except DomainError as error:
        text, kind = describe_error(error, lang), "error"
    return Response(
        f'<span id="live-count" class="badge {kind}" data-kind="{kind}">{_esc(text)}</span>', media_type="text/html"
    )


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@router.post("/segments", dependencies=[permit("segments.manage")])
async def save(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    lang = request_lang(request)
    form = await request.form()
    try:
        tree = await _tree(request)
        segments.save_segment(hq, _actor(request, staff), str(form.get("name") or "")[:80], tree)
    except DomainError as error:
        return _segments_page(request, hq, staff, describe_error(error, lang), "error", 422)
    return _segments_page(request, hq, staff, translate("segments.saved", lang, name=str(form.get("name"))[:64]))


@router.post("/segments/tags", dependencies=[permit("segments.manage")])
async def tag_members(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    lang = request_lang(request)
    form = await request.form()
    ids = str(form.get("members") or "")[:40000].split()
    tag = str(form.get("tag") or "")[:64]
    try:
        if form.get("remove"):
            n = tags.remove_manual(hq, _actor(request, staff), ids, tag)
        else:
            n = tags.add_manual(hq, _actor(request, staff), ids, tag)
    except DomainError as error:
        return _segments_page(request, hq, staff, describe_error(error, lang), "error", 422)
    return _segments_page(request, hq, staff, translate("segments.tagged", lang, tag=tag, count=n))


# ---- campaigns ------------------------------------------------------------------------------------
def _campaigns_page(
    request: Request, hq, staff: StaffUser, flash: str = "", flash_kind: str = "ok", status_code: int = 200
) -> Response:
    from .console_mall import _templates

    return render(
        request,
        "console/campaigns.html",
        {
            "campaigns": campaigns.list_campaigns(hq, staff.chain_id),
            "segments": segments.list_segments(hq, staff.chain_id, counts=False),
            "templates": _templates(hq, staff.chain_id),
            "can_manage": staff.can("campaigns.manage"),
            "flash": flash,
            "flash_kind": flash_kind,
        },
        status_code=status_code,
    )


@router.get("/campaigns", dependencies=[permit("campaigns.view")])
def campaigns_page(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    return _campaigns_page(request, hq, staff)


@router.post("/campaigns", dependencies=[permit("campaigns.manage")])
async def launch(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    lang = request_lang(request)
    form = {k: str(v)[:200] for k, v in (await request.form()).items()}
    action = form.get("action", "")
    try:
        cid = campaigns.create(
            hq,
            _actor(request, staff),
            name=form.get("name", ""),
            segment_id=form.get("segment_id", ""),
            action=action,
            params={
                "template_id": form.get("template_id"),
                "valid_days": form.get("valid_days"),
                "points": form.get("points"),
                "text": form.get("text"),
            },
            holdout_pct=form.get("holdout_pct", "10"),
            budget=form.get("budget") or 0,
            per_member_limit=form.get("per_member_limit") or 1,
            measure_days=form.get("measure_days") or 30,
            trigger=form.get("trigger", "once"),
        )
        campaigns.launch(hq, _actor(request, staff), cid)
    except DomainError as error:
        return _campaigns_page(request, hq, staff, describe_error(error, lang), "error", 422)
    return Response(status_code=303, headers={"Location": f"/console/campaigns/{cid}"})


@router.get("/campaigns/{campaign_id}", dependencies=[permit("campaigns.view")])
def campaign_page(request: Request, hq: HQDep, staff: CurrentStaff, campaign_id: str) -> Response:
    lang = request_lang(request)
    try:
        r = campaigns.results(hq, staff.chain_id, campaign_id[:40])
    except DomainError as error:
        return _campaigns_page(request, hq, staff, describe_error(error, lang), "error", 404)
    return render(request, "console/campaign.html", {"r": r, "c": r.campaign})


# ---- analytics ------------------------------------------------------------------------------------
def _figures(hq, chain_id: str, today) -> dict:
    """The figures as the nightly job stored them (computed now when it has not run yet): the
    charts, the liability and the members slipping away (each a read of every member's facts)."""
    return analytics.figures(hq, chain_id, today)


@router.get("/analytics", dependencies=[permit("analytics.view")])
def analytics_page(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    return _analytics_page(request, hq, staff)


@router.post("/analytics/alerts", dependencies=[permit("analytics.view")])
async def alerts_subscription(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    on = bool((await request.form()).get("subscribe"))
    alerts.subscribe(hq, staff.chain_id, staff.id, on)
    return _analytics_page(
        request, hq, staff, translate("alerts.subscribed" if on else "alerts.unsubscribed", request_lang(request))
    )


def _analytics_page(request: Request, hq, staff: StaffUser, flash: str = "") -> Response:
    today = hq.clock().date()
    figures = _figures(hq, staff.chain_id, today)
    slipping = figures["slipping"]
    return render(
        request,
        "console/analytics.html",
        {
            "figures": figures,
            "figures_json": json.dumps(figures, ensure_ascii=False),
            "as_of": figures["day"],
            "liability": figures["totals"],
            "charts": CHARTS,
            "rfm_groups": RFM_GROUPS,
            "slipping": (slipping["count"], slipping["members"]),
            "return_jumps": alerts.return_jumps(hq, today),
            "subscribed": alerts.subscribed(hq, staff.chain_id, staff.id),
            "notes": alerts.notifications(hq, staff.id),
            "flash": flash,
        },
    )


@router.get("/analytics/export", dependencies=[permit("analytics.view")])
def export(
    request: Request,
    hq: HQDep,
    staff: CurrentStaff,
    chart: Annotated[str, Query(max_length=16)] = "members",
    format: Annotated[str, Query(max_length=8)] = "csv",
) -> Response:
    if chart not in CHARTS:
        chart = "members"
    rows = _figures(hq, staff.chain_id, hq.clock().date())[chart]
    if format == "xlsx":
        return Response(
            analytics.to_xlsx(rows, chart),
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f'attachment; filename="{chart}.xlsx"'},
        )
    return Response(
        "\ufeff" + analytics.to_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{chart}.csv"'},
    )
