"""The console's rule publishing pages: the rules by kind with their drafts, a form per rule (not
raw JSON: amounts in yuan, lists comma-separated, ladders one step a line), the preview of a
sample cart priced with the drafts (htmx), publish, the versions and their restore.

The form is turned into the till's row here (`form_row`), then the service checks it (field by
field, then with the till's own pricing code); a refusal re-renders the form with the message
next to the field it names, in the reader's language, and nothing is stored.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from ..i18n import describe_error, translate
from ..services import rules as rule_service
from ..services.rules import Field, RulePublishing, RuleRefused, fields_of, key_field, refuse
from .deps import CurrentStaff, HQDep, client_of, permit
from .render import render, request_lang

router = APIRouter(prefix="/console/rules", include_in_schema=False)

KINDS = ("promotions", "coupon_templates", "tiers", "topup_plans", "gifts", "settings")
SUBKINDS = {"promotions": rule_service.PROMOTION_KINDS, "coupon_templates": rule_service.COUPON_KINDS}
SETTINGS = rule_service.PROGRAM_SETTINGS
WEEKDAYS = range(7)


# ---- form <-> row ----------------------------------------------------------------------------------


def _yuan(text: str, field: str, where: dict) -> int:
    try:
        value = Decimal(text.strip().replace("，", "").replace(",", ""))
    except InvalidOperation:
        raise refuse("rules.not_a_number", **dict(where, field=field)) from None
    if value != value.quantize(Decimal("0.01")) or not value.is_finite():
        raise refuse("rules.not_a_number", **dict(where, field=field))
    return int(value * 100)


def _whole(text: str, field: str, where: dict) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise refuse("rules.not_a_number", **dict(where, field=field)) from None


def _pairs(text: str, field: str, where: dict, first, second) -> list:
    out = []
    for line in text.replace("，", ",").splitlines():
        parts = [p for p in line.replace(",", " ").split() if p]
        if not parts:
            continue
        if len(parts) != 2:
            raise refuse("rules.not_a_number", **dict(where, field=field))
        out.append([first(parts[0], field, where), second(parts[1], field, where)])
    return out


def _form_value(f: Field, raw: str | None, where: dict) -> Any:
    """A form input as the row's JSON value; None when left empty (the service's default)."""
    if f.type == "bool":
        return raw is not None and raw not in ("", "0", "off")
    if raw is None or raw.strip() == "":
        return [] if f.type in ("ids",) else None
    raw = raw.strip()
    if f.type == "text" or f.type == "choice":
        return raw
    if f.type == "fen":
        return _yuan(raw, f.name, where)
    if f.type in ("percent", "int", "weekday"):
        return _whole(raw, f.name, where)
    if f.type == "ids":
        return [p.strip() for p in raw.replace("，", ",").replace(" ", ",").split(",") if p.strip()]
    if f.type == "when":
        return raw
    if f.type == "ladder":
        return _pairs(raw, f.name, where, _yuan, _yuan)
    if f.type == "bands":
        return _pairs(raw, f.name, where, _yuan, _whole)
    if f.type == "prices":
        return dict(_pairs(raw, f.name, where, lambda t, *_: t, _yuan))
    raise AssertionError(f.type)


def form_fields(kind: str, sub: str | None) -> tuple[tuple[Field, ...], tuple[Field, ...]]:
    """(columns, parameters) the form for this kind (and promotion / coupon kind) shows."""
    if kind == "settings":
        return (), fields_of(kind, sub)
    columns = tuple(f for f in fields_of(kind) if f.name != "kind")
    params = fields_of(kind, sub) if kind in SUBKINDS else ()
    return columns, params


def form_row(kind: str, sub: str | None, form: dict[str, str], key: str | None) -> dict[str, Any]:
    """The till's row from the submitted form (values typed; the service checks them)."""
    where = {"kind": kind, "key": (key or form.get(key_field(kind)) or "?")[:64]}
    columns, params = form_fields(kind, sub)
    if kind == "settings":
        value = {}
        for f in params:
            v = _form_value(f, form.get(f.name), where)
            if v is not None or f.type == "weekday":
                value[f.name] = v
        return {"key": sub, "value": value}
    row: dict[str, Any] = {}
    for f in columns:
        v = _form_value(f, form.get(f.name), where)
        if v is not None or f.type == "when":
            row[f.name] = v
    if key is not None:
        row[key_field(kind)] = key
    if kind in SUBKINDS:
        row["kind"] = sub
        row["params"] = {}
        for f in params:
            v = _form_value(f, form.get(f.name), where)
            if v is not None and v != []:
                row["params"][f.name] = v
    return row


def _yuan_text(fen: int | None) -> str:
    return "" if fen is None else f"{fen // 100}.{fen % 100:02d}"


def form_values(kind: str, row: dict[str, Any] | None) -> dict[str, str]:
    """A stored row shown in the form (yuan, comma lists, a step a line)."""
    if not row:
        return {}
    flat = dict(row.get("value") or {}) if kind == "settings" else {**row, **(row.get("params") or {})}
    out: dict[str, str] = {}
    sub = row.get("key") if kind == "settings" else row.get("kind")
    columns, params = form_fields(kind, sub if (kind == "settings" or sub in SUBKINDS.get(kind, ())) else None)
    for f in columns + params:
        v = flat.get(f.name)
        if v is None:
            out[f.name] = ""
        elif f.type == "fen":
            out[f.name] = _yuan_text(v)
        elif f.type == "bool":
            out[f.name] = "1" if v else ""
        elif f.type == "ids":
            out[f.name] = ", ".join(v)
        elif f.type == "when":
            out[f.name] = str(v)[:16]
        elif f.type == "ladder":
            out[f.name] = "\n".join(f"{_yuan_text(a)} {_yuan_text(b)}" for a, b in v)
        elif f.type == "bands":
            out[f.name] = "\n".join(f"{_yuan_text(a)} {b}" for a, b in v)
        elif f.type == "prices":
            out[f.name] = "\n".join(f"{p} {_yuan_text(fen)}" for p, fen in v.items())
        else:
            out[f.name] = str(v)
    return out


def default_text(f: Field) -> str:
    """What a new rule's form shows in a field: the service's default."""
    if f.type == "bool":
        return "1" if f.default else ""
    if f.default is None or f.default == [] or (f.type == "fen" and f.default == 0):
        return ""
    return _yuan_text(f.default) if f.type == "fen" else str(f.default)


def summary(kind: str, row: dict[str, Any] | None) -> str:
    """One line saying what a rule does (the list's second column)."""
    if not row:
        return ""
    p = row.get("params") or {}
    if kind == "promotions":
        bits = []
        for name in ("price_fen", "bundle_price_fen"):
            if name in p:
                bits.append(f"¥{_yuan_text(p[name])}")
        if "percent_off" in p:
            bits.append(f"-{p['percent_off']}%")
        if p.get("product_ids"):
            bits.append(",".join(p["product_ids"][:3]) + ("…" if len(p["product_ids"]) > 3 else ""))
        if p.get("prices"):
            bits.append(" ".join(f"{k}:¥{_yuan_text(v)}" for k, v in list(p["prices"].items())[:3]))
        return " · ".join(bits)
    if kind == "coupon_templates":
        bits = []
        if p.get("ladder"):
            bits.append(" / ".join(f"满{_yuan_text(a)}减{_yuan_text(b)}" for a, b in p["ladder"]))
        if "percent" in p:
            bits.append(f"-{p['percent']}%")
        if "amount_fen" in p:
            bits.append(f"¥{_yuan_text(p['amount_fen'])}")
        if "product_id" in p:
            bits.append(p["product_id"])
        return " · ".join(bits)
    if kind == "tiers":
        return f"#{row.get('rank')} · -{row.get('discount_percent', 0)}% · ×{row.get('points_multiplier_pct', 100)}%"
    if kind == "topup_plans":
        return f"¥{_yuan_text(row.get('pay_fen'))} + ¥{_yuan_text(row.get('bonus_fen'))}"
    if kind == "gifts":
        return f"{row.get('points')}"
    return ""


def rule_error_text(error, lang: str) -> str:
    """A refusal in the reader's words: the field and the kind by their form labels (the API's
    text names them by their row keys)."""
    from pos_app.domain.errors import DomainError

    from ..i18n import MESSAGES

    params = dict(error.params)
    code = "rules.not_yuan" if error.code == "rules.not_fen" else error.code  # the form takes yuan
    for param, prefix in (("field", "rules.field."), ("kind", "rules.kind.")):
        label = f"{prefix}{params.get(param)}"
        if label in MESSAGES:
            params[param] = translate(label, lang)
    return describe_error(DomainError(code, **params), lang)


# ---- pages ---------------------------------------------------------------------------------------


def _overview(
    request: Request,
    hq,
    staff,
    kind: str = "promotions",
    flash: str = "",
    flash_kind: str = "ok",
    status_code: int = 200,
    preview: dict | None = None,
) -> Response:
    service = RulePublishing(hq)
    chain = staff.chain_id
    published = service.rules(chain)
    drafts = {(d.kind, d.key): d for d in service.drafts(chain)}
    keys = sorted({k for (kk, k) in published if kk == kind} | {k for (kk, k) in drafts if kk == kind})
    rows = []
    for key in keys:
        row = published.get((kind, key))
        draft = drafts.get((kind, key))
        shown = (draft.data if draft and draft.data is not None else row) or {}
        rows.append(
            {
                "key": key,
                "name": shown.get("name") or key,
                "summary": summary(kind, shown),
                "sub": shown.get("kind") if kind in SUBKINDS else None,
                "published": row is not None,
                "draft": draft,
                "deleting": draft is not None and draft.data is None,
                "active": shown.get("active", True),
            }
        )
    return render(
        request,
        "console/rules.html",
        {
            "kind": kind,
            "kinds": KINDS,
            "rows": rows,
            "subkinds": SUBKINDS.get(kind, ()),
            "settings_keys": SETTINGS,
            "pending": service.pending(chain),
            "drafts": list(drafts.values()),
            "versions": service.versions(chain)[:20],
            "flash": flash,
            "flash_kind": flash_kind,
            "tiers": sorted(k for (kk, k) in published if kk == "tiers"),
            "templates": sorted(k for (kk, k) in published if kk == "coupon_templates"),
            "preview": preview
            or {
                "lines": [
                    {"product_id": "P000001", "qty": "2"},
                    {"product_id": "", "qty": "1"},
                    {"product_id": "", "qty": "1"},
                ]
            },
            "can_edit": staff.can("rules.edit"),
            "can_publish": staff.can("rules.publish"),
        },
        status_code=status_code,
    )


@router.get("", dependencies=[permit("rules.view")])
def rules_page(request: Request, hq: HQDep, staff: CurrentStaff, kind: str = "promotions") -> Response:
    return _overview(request, hq, staff, kind if kind in KINDS else "promotions")


def _form(
    request: Request,
    hq,
    staff,
    kind: str,
    key: str | None,
    sub: str | None,
    values: dict[str, str],
    error: RuleRefused | None = None,
    status_code: int = 200,
) -> Response:
    lang = request_lang(request)
    columns, params = form_fields(kind, sub)
    values = {**{f.name: default_text(f) for f in columns + params}, **values}
    return render(
        request,
        "console/rule_form.html",
        {
            "kind": kind,
            "key": key,
            "sub": sub,
            "subkinds": SUBKINDS.get(kind, ()),
            "columns": columns,
            "params": params,
            "values": values,
            "key_field": key_field(kind),
            "weekdays": WEEKDAYS,
            "error": rule_error_text(error.error, lang) if error else "",
            "error_field": error.field if error else "",
            "can_edit": staff.can("rules.edit"),
        },
        status_code=status_code,
    )


@router.get("/{kind}/new", dependencies=[permit("rules.edit")])
def new_rule(request: Request, hq: HQDep, staff: CurrentStaff, kind: str, sub: str = "") -> Response:
    if kind not in KINDS or kind == "settings":
        return RedirectResponse("/console/rules", status_code=303)
    sub = sub if sub in SUBKINDS.get(kind, ()) else (SUBKINDS[kind][0] if kind in SUBKINDS else None)
    return _form(request, hq, staff, kind, None, sub, {})


@router.get("/{kind}/{key}/edit", dependencies=[permit("rules.view")])
def edit_rule(request: Request, hq: HQDep, staff: CurrentStaff, kind: str, key: str, sub: str = "") -> Response:
    if kind not in KINDS:
        return RedirectResponse("/console/rules", status_code=303)
    service = RulePublishing(hq)
    row = service.rules(staff.chain_id, with_drafts=True).get((kind, key))
    if kind == "settings":
        if key not in SETTINGS:
            return RedirectResponse("/console/rules?kind=settings", status_code=303)
        return _form(request, hq, staff, kind, key, key, form_values(kind, row or {"key": key, "value": {}}))
    if row is None:
        return RedirectResponse(f"/console/rules?kind={kind}", status_code=303)
    sub = sub if sub in SUBKINDS.get(kind, ()) else row.get("kind") if kind in SUBKINDS else None
    return _form(request, hq, staff, kind, key, sub, form_values(kind, row))


@router.post("/{kind}/save", dependencies=[permit("rules.edit")])
async def save_rule(request: Request, hq: HQDep, staff: CurrentStaff, kind: str) -> Response:
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    key = form.get("_key") or None
    sub = form.get("_sub") or None
    if (
        kind not in KINDS
        or (kind in SUBKINDS and sub not in SUBKINDS[kind])
        or (kind == "settings" and sub not in SETTINGS)
    ):
        return RedirectResponse("/console/rules", status_code=303)
    try:
        row = form_row(kind, sub, form, key if kind != "settings" else None)
        saved = RulePublishing(hq).save_draft(staff.chain_id, kind, row, staff.actor(client_of(request)))
    except RuleRefused as error:
        return _form(
            request,
            hq,
            staff,
            kind,
            key,
            sub,
            {k: v for k, v in form.items() if not k.startswith("_")},
            error,
            error.status,
        )
    lang = request_lang(request)
    return _overview(
        request,
        hq,
        staff,
        kind,
        translate("rules.draft_saved_flash", lang, rule=saved.get(key_field(kind)) or sub or ""),
    )


@router.post("/{kind}/{key}/delete", dependencies=[permit("rules.edit")])
def delete_rule(request: Request, hq: HQDep, staff: CurrentStaff, kind: str, key: str) -> Response:
    lang = request_lang(request)
    try:
        RulePublishing(hq).draft_deletion(staff.chain_id, kind, key, staff.actor(client_of(request)))
    except RuleRefused as error:
        return _overview(
            request,
            hq,
            staff,
            kind if kind in KINDS else "promotions",
            rule_error_text(error.error, lang),
            "error",
            error.status,
        )
    return _overview(request, hq, staff, kind, translate("rules.deletion_drafted", lang, rule=key))


@router.post("/{kind}/{key}/discard", dependencies=[permit("rules.edit")])
def discard_draft(request: Request, hq: HQDep, staff: CurrentStaff, kind: str, key: str) -> Response:
    RulePublishing(hq).discard_draft(staff.chain_id, kind, key, staff.actor(client_of(request)))
    return _overview(
        request, hq, staff, kind if kind in KINDS else "promotions", translate("common.done", request_lang(request))
    )


@router.post("/publish", dependencies=[permit("rules.publish")])
def publish(
    request: Request,
    hq: HQDep,
    staff: CurrentStaff,
    note: Annotated[str, Form(max_length=200)] = "",
    kind: Annotated[str, Form(max_length=32)] = "promotions",
) -> Response:
    lang = request_lang(request)
    kind = kind if kind in KINDS else "promotions"
    try:
        version = RulePublishing(hq).publish(staff.chain_id, staff.actor(client_of(request)), note)
    except RuleRefused as error:
        return _overview(request, hq, staff, kind, rule_error_text(error.error, lang), "error", error.status)
    return _overview(request, hq, staff, kind, translate("rules.published_flash", lang, number=version.number))


@router.post("/versions/{number}/restore", dependencies=[permit("rules.publish")])
def restore(request: Request, hq: HQDep, staff: CurrentStaff, number: int) -> Response:
    lang = request_lang(request)
    try:
        version = RulePublishing(hq).restore(staff.chain_id, number, staff.actor(client_of(request)))
    except RuleRefused as error:
        return _overview(request, hq, staff, "promotions", rule_error_text(error.error, lang), "error", error.status)
    return _overview(
        request, hq, staff, "promotions", translate("rules.restored_flash", lang, number=version.number, source=number)
    )


@router.post("/preview", dependencies=[permit("rules.view")])
async def preview(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    """The sample cart priced with the drafts (an htmx fragment; the whole page without htmx)."""
    form = await request.form()
    lang = request_lang(request)
    lines, cart = [], []
    where = {"kind": "preview", "key": "cart"}
    result, error = None, ""
    try:
        for product, qty in zip(form.getlist("product_id"), form.getlist("qty")):
            product, qty = str(product).strip(), str(qty).strip()
            lines.append({"product_id": product, "qty": qty})
            if product:
                cart.append((product, _whole(qty or "1", "qty", where)))
        tier = str(form.get("tier_code") or "") or None
        coupon = str(form.get("coupon_template") or "")
        service = RulePublishing(hq)
        priced = service.preview(
            staff.chain_id,
            cart,
            tier_code=tier,
            coupon_templates=[coupon] if coupon else [],
            with_drafts=form.get("published_only") != "1",
        )
        result = {"priced": priced, "tier": tier, "coupon": coupon}
    except RuleRefused as refused:
        error = rule_error_text(refused.error, lang)
    context = {"result": result, "error": error, "preview": {"lines": lines or [{"product_id": "", "qty": "1"}]}}
    if request.headers.get("hx-request"):
        return render(request, "console/rule_preview.html", context, status_code=200 if not error else 422)
    return _overview(request, hq, staff, "promotions", preview=context["preview"] | context)
