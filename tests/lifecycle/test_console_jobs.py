"""The console's scheduled-jobs page over real HTTP: each job's runs (period, rows touched,
duration, failures) and re-running a period, which changes nothing twice and is audited."""

from __future__ import annotations

from hq.jobs import lifecycle_jobs  # noqa: F401
from hq.jobs.runs import run_job
from tests.hq.conftest import console_hq, console_template  # noqa: F401 (fixtures)
from tests.sync.conftest import served, sqlite_url  # noqa: F401


def test_the_jobs_page_lists_each_run_and_a_rerun_changes_nothing_and_is_audited(console_hq):
    hq = console_hq.hq()
    first = run_job(hq, "points_expiry", "2026-12-13")  # the demo's first lots lapse that day
    hq.close()
    assert first.rows > 0
    admin = console_hq.signed_in("admin")
    page = admin.get("/console/jobs").text
    row = page.split('id="run-points_expiry-2026-12-13"')[1].split("</tr>")[0]
    assert "积分过期" in row and "完成" in row and f">{first.rows:,}<" in row
    r = admin.post(
        "/console/jobs/rerun", data={"csrf_token": admin.csrf(page), "job": "points_expiry", "period": "2026-12-13"}
    )
    assert r.status_code == 200 and f"累计处理 {first.rows:,} 行".replace(",", "") in r.text.replace(",", "")
    row = r.text.split('id="run-points_expiry-2026-12-13"')[1].split("</tr>")[0]
    assert ">2<" in row  # two runs, the same rows
    hq = console_hq.hq()
    with hq.tx() as s:
        from sqlalchemy import select

        from hq.models import AuditEntry

        (entry,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "job.rerun"))
        assert entry.target == "points_expiry 2026-12-13" and entry.after["rows"] == first.rows
    hq.close()


def test_a_bad_period_is_refused_with_a_clear_message_and_runs_nothing(console_hq):
    admin = console_hq.signed_in("admin")
    page = admin.get("/console/jobs").text
    r = admin.post(
        "/console/jobs/rerun", data={"csrf_token": admin.csrf(page), "job": "points_expiry", "period": "13/12/2026"}
    )
    assert r.status_code == 422 and "不是有效日期" in r.text and "Traceback" not in r.text
    assert "还没有任务运行记录" in r.text


def test_only_a_chain_admin_reruns_and_a_store_manager_does_not_see_jobs(console_hq):
    marketing = console_hq.signed_in("mkt")
    page = marketing.get("/console/jobs")
    assert page.status_code == 200 and 'action="/console/jobs/rerun"' not in page.text
    r = marketing.post(
        "/console/jobs/rerun",
        data={"csrf_token": marketing.csrf(page.text), "job": "tier_review", "period": "2026-12-01"},
    )
    assert r.status_code == 403
    assert console_hq.signed_in("mgr1").get("/console/jobs").status_code == 403
