"""Console page of the scheduled jobs (issue 18): each job's runs (period, status, rows touched,
chunks, runs, duration, failure) and re-running a period, which is idempotent (hq/jobs/runs.py).
A re-run runs in the request (a period of a large chain takes a minute: the page waits)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from ..i18n import describe_error, translate
from ..jobs import lifecycle_jobs  # noqa: F401 (registers the jobs)
from ..jobs.runs import JOBS, JobError, job_runs, run_job
from ..segments import analytics, campaigns, facts  # noqa: F401 (registers issue 19's jobs)
from ..services import audit
from ..services.auth import StaffUser
from .deps import CurrentStaff, HQDep, client_of, permit
from .render import render, request_lang

router = APIRouter(prefix="/console", include_in_schema=False)


def _page(
    request: Request,
    hq,
    staff: StaffUser,
    job: str = "",
    flash: str = "",
    flash_kind: str = "ok",
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "console/jobs.html",
        {
            "runs": job_runs(hq, job or None),
            "jobs": sorted(JOBS),
            "job": job,
            "today": hq.clock().date(),
            "flash": flash,
            "flash_kind": flash_kind,
            "can_rerun": staff.can("jobs.rerun"),
        },
        status_code=status_code,
    )


@router.get("/jobs", dependencies=[permit("jobs.view")])
def jobs(request: Request, hq: HQDep, staff: CurrentStaff, job: Annotated[str, Query(max_length=32)] = "") -> Response:
    return _page(request, hq, staff, job if job in JOBS else "")


@router.post("/jobs/rerun", dependencies=[permit("jobs.rerun")])
def rerun(
    request: Request,
    hq: HQDep,
    staff: CurrentStaff,
    job: Annotated[str, Form(max_length=32)],
    period: Annotated[str, Form(max_length=16)],
) -> Response:
    lang = request_lang(request)
    try:
        result = run_job(hq, job, period.strip(), rerun=True)
    except JobError as error:
        return _page(request, hq, staff, flash=describe_error(error, lang), flash_kind="error", status_code=422)
    with hq.tx() as s:
        audit.record(
            s,
            audit.Actor(staff.chain_id, staff.id, staff.display_name, client_of(request)),
            "job.rerun",
            f"{job} {result.period}",
            after={"status": result.status, "rows": result.rows},
            now=hq.clock(),
        )
    return _page(
        request,
        hq,
        staff,
        job,
        translate(
            "jobs.rerun_done",
            lang,
            job=translate(f"jobs.name.{job}", lang),
            period=result.period,
            status=result.status,
            rows=result.rows,
        ),
    )
