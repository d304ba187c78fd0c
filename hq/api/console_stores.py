"""Console pages for stores and tills (create a store, issue an enrolment code, revoke a till;
each till's last contact, app version and event lag) and the reconciliation queue (resolve each
item with a decision and a note; counts by store and kind)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from ..i18n import describe_error, translate
from ..services import reconciliation as recon_service
from ..services import stores as store_service
from ..services.auth import ConsoleError, StaffUser
from .deps import CurrentStaff, HQDep, client_of, permit
from .render import render, request_lang

router = APIRouter(prefix="/console", include_in_schema=False)


def _stores_page(
    request: Request, hq, staff: StaffUser, flash: str = "", flash_kind: str = "ok", status_code: int = 200
) -> Response:
    return render(
        request,
        "console/stores.html",
        {
            "stores": store_service.stores(hq, staff),
            "now": hq.clock(),
            "flash": flash,
            "flash_kind": flash_kind,
            "can_create": staff.can("stores.manage"),
        },
        status_code=status_code,
    )


@router.get("/stores", dependencies=[permit("stores.view")])
def stores(request: Request, hq: HQDep, staff: CurrentStaff) -> Response:
    return _stores_page(request, hq, staff)


def _refused(request: Request, hq, staff: StaffUser, error: ConsoleError) -> Response:
    return _stores_page(request, hq, staff, describe_error(error, request_lang(request)), "error", error.status)


@router.post("/stores", dependencies=[permit("stores.manage")])
def create_store(
    request: Request,
    hq: HQDep,
    staff: CurrentStaff,
    code: Annotated[str, Form(max_length=16)],
    name: Annotated[str, Form(max_length=64)],
) -> Response:
    try:
        store_service.create_store(hq, staff, code, name, client_of(request))
    except ConsoleError as error:
        return _refused(request, hq, staff, error)
    return _stores_page(
        request, hq, staff, translate("stores.created", request_lang(request), code=code.strip().upper())
    )


@router.post("/stores/{store_code}/tills", dependencies=[permit("tills.manage")])
def issue_code(
    request: Request, hq: HQDep, staff: CurrentStaff, store_code: str, till_code: Annotated[str, Form(max_length=8)]
) -> Response:
    try:
        code = store_service.issue_enrolment_code(hq, staff, store_code, till_code, client_of(request))
    except ConsoleError as error:
        return _refused(request, hq, staff, error)
    return _stores_page(
        request,
        hq,
        staff,
        translate("stores.code_issued", request_lang(request), store=store_code, till=till_code.strip(), code=code),
        "warn",
    )


@router.post("/tills/{till_id}/revoke", dependencies=[permit("tills.manage")])
def revoke(
    request: Request, hq: HQDep, staff: CurrentStaff, till_id: str, reason: Annotated[str, Form(max_length=200)] = ""
) -> Response:
    try:
        store_service.revoke_till(hq, staff, till_id, reason, client_of(request))
    except ConsoleError as error:
        return _refused(request, hq, staff, error)
    return _stores_page(request, hq, staff, translate("stores.revoked", request_lang(request)))


# ---- reconciliation queue -------------------------------------------------------------------------


def _queue_page(
    request: Request,
    hq,
    staff: StaffUser,
    state: str = "open",
    kind: str = "",
    store: str = "",
    flash: str = "",
    flash_kind: str = "ok",
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "console/reconciliation.html",
        {
            "items": recon_service.queue(hq, staff, state=state, kind=kind, store=store),
            "counts": recon_service.counts(hq, staff),
            "decisions": recon_service.DECISIONS,
            "filters": {"state": state, "kind": kind, "store": store},
            "flash": flash,
            "flash_kind": flash_kind,
            "can_resolve": staff.can("reconciliation.resolve"),
        },
        status_code=status_code,
    )


@router.get("/reconciliation", dependencies=[permit("reconciliation.view")])
def queue(
    request: Request,
    hq: HQDep,
    staff: CurrentStaff,
    state: Annotated[str, Query(pattern="^(open|resolved|all)$")] = "open",
    kind: Annotated[str, Query(max_length=32)] = "",
    store: Annotated[str, Query(max_length=16)] = "",
) -> Response:
    return _queue_page(request, hq, staff, state, kind, store)


@router.post("/reconciliation/{item_id}", dependencies=[permit("reconciliation.resolve")])
def resolve(
    request: Request,
    hq: HQDep,
    staff: CurrentStaff,
    item_id: int,
    decision: Annotated[str, Form(max_length=32)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    lang = request_lang(request)
    try:
        recon_service.resolve(hq, staff, item_id, decision, note, client_of(request))
    except ConsoleError as error:
        return _queue_page(
            request, hq, staff, flash=describe_error(error, lang), flash_kind="error", status_code=error.status
        )
    return _queue_page(request, hq, staff, flash=translate("recon.resolved", lang, id=item_id))
