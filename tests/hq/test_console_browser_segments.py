"""Issue 19 in a real browser (Playwright driving Debian's chromium against a real HQ process):
marketing builds a segment in the editor (the live count answers as conditions change), saves
it, launches a coupon campaign to it, and sees the control group and the results with their
confidence interval; the analytics page draws its charts (ECharts, vendored) with each chart's
numbers one click away. Screenshots of every page (MEMBERTILL_SCREENSHOTS=docs/screenshots)."""

from __future__ import annotations

import csv
import re
from datetime import datetime, timedelta

import openpyxl
from sqlalchemy import select

from hq.jobs.runs import run_job
from hq.models import MemberDay
from hq.models_segments import CampaignMember, MemberFact
from hq.segments import alerts, facts, synthetic

from .conftest import CHROMIUM  # noqa: F401
from .test_console_browser import open_page, sign_in


def _history(console_hq) -> None:
    """Half a year of purchases for the chain's members (events + rollups), then the nightly job."""
    hq = console_hq.hq()
    today = datetime.now().date()
    synthetic.history(hq, console_hq.chain_id, today - timedelta(days=180), 180, seed=5)
    facts.refresh(hq, today)
    hq.close()


def _cell(value):
    """A CSV or XLSX cell as a comparable figure: numbers as numbers (XLSX keeps 8.0 as 8)."""
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(value)
    except ValueError:
        return value


def _count_other_than(page, before: int) -> int:
    """Wait for the live count to answer a number other than `before` (the page's CSP forbids
    the eval a predicate function would need)."""
    for _ in range(100):
        count = page.locator("#live-count")
        digits = re.sub(r"\D", "", count.inner_text())
        if count.get_attribute("data-kind") == "ok" and digits and int(digits) != before:
            return int(digits)
        page.wait_for_timeout(100)
    raise AssertionError(f"the live count stayed at {before}")


def test_marketing_builds_a_segment_launches_a_campaign_and_reads_its_results(console_hq, browser, shots):
    _history(console_hq)
    context, page = open_page(browser)
    sign_in(page, console_hq.base, "mkt")
    page.goto(console_hq.base + "/console/segments")
    assert "RFM：重要价值客户" in page.inner_text("#segment-list")
    assert "忠诚会员" in page.inner_text("#tag-counts")
    page.fill("input[name=name]", "近30天活跃高消费")
    page.select_option("select[name=f0]", "recency_days")
    page.select_option("select[name=o0]", "lte")
    page.fill("input[name=v0]", "30")
    page.wait_for_selector("#live-count[data-kind=ok]", state="attached")
    first = int(re.sub(r"\D", "", page.inner_text("#live-count")))
    page.select_option("select[name=f1]", "monetary_365")
    page.select_option("select[name=o1]", "gte")
    page.fill("input[name=v1]", "1000")
    narrowed = _count_other_than(page, first)
    assert 0 < narrowed < first
    page.fill("input[name=v2]", "x")  # a bad value: a clear message, nothing changes
    page.select_option("select[name=f2]", "points")
    page.wait_for_selector("#live-count[data-kind=error]", state="attached")
    assert "条件的值不对" in page.inner_text("#live-count")
    page.select_option("select[name=f2]", "")
    page.wait_for_selector("#live-count[data-kind=ok]", state="attached")
    page.screenshot(path=str(shots / "segments.png"), full_page=True)
    page.click("#segment-form button[type=submit]")
    page.wait_for_selector("text=已保存分群")
    row = page.locator("#segment-list tr", has_text="近30天活跃高消费")
    assert int(re.sub(r"\D", "", row.locator("td.num").inner_text())) == narrowed
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\d \d\d:\d\d", row.locator("td.muted").inner_text().strip()
    )  # counted when saved

    page.goto(console_hq.base + "/console/campaigns")
    page.fill("#campaign-form input[name=name]", "回头客满减券")
    page.select_option("#campaign-form select[name=segment_id]", label="近30天活跃高消费")
    page.select_option("#campaign-form select[name=action]", "coupon")
    page.fill("#campaign-form input[name=holdout_pct]", "20")
    page.screenshot(path=str(shots / "campaigns.png"), full_page=True)
    page.click("#campaign-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/console/campaigns/[^/]+$"))
    treat = int(re.sub(r"\D", "", page.locator("#group-treat td.num").first.inner_text()))
    control = int(re.sub(r"\D", "", page.locator("#group-control td.num").first.inner_text()))
    assert treat + control == narrowed and control > 0 and treat > control
    lift = page.inner_text("#campaign-lift")
    assert f"核销 0 / {treat} 张" in lift and "95% 置信区间" in lift
    campaign_id = page.url.rsplit("/", 1)[1]
    hq = console_hq.hq()  # purchases after the launch, as ingest rolls them up
    with hq.tx() as s:
        rows = s.execute(
            select(CampaignMember.member_id, CampaignMember.grp)
            .where(CampaignMember.campaign_id == campaign_id)
            .order_by(CampaignMember.member_id)
        ).all()
        bought = [m for m, g in rows if g == "treat"][:10] + [m for m, g in rows if g == "control"][:1]
        for m in bought:
            s.merge(MemberDay(member_id=m, day=datetime.now().date(), spend_fen=3000, points_earned=30, sales=1))
    hq.close()
    page.reload()
    assert page.locator("#group-treat td.num").nth(1).inner_text() == "10"
    assert page.locator("#group-treat td.num").nth(2).inner_text() == "¥300.00"
    assert page.locator("#group-control td.num").nth(2).inner_text() == "¥30.00"
    for group, n, spend_fen in (("treat", treat, 30000), ("control", control, 3000)):  # to the nearest fen
        per_member = (2 * spend_fen + n) // (2 * n)
        shown = page.locator(f"#group-{group} td.num").nth(3).inner_text()
        assert shown == f"¥{per_member // 100}.{per_member % 100:02d}", (group, n, shown)
    assert "对照组 20%" in page.inner_text("main")
    page.screenshot(path=str(shots / "campaign_results.png"), full_page=True)

    page.goto(console_hq.base + "/console/analytics")
    page.wait_for_selector("#chart-members canvas", state="attached")
    assert "高价值会员久未到店" in page.inner_text("#alerts")
    stored = int(re.sub(r"\D", "", page.locator("#alerts h3").first.inner_text().split("：", 1)[1]))
    charts = ("members", "cohorts", "tiers", "repurchase", "tickets", "frequency", "categories", "liability")
    for chart in charts:
        assert page.locator(f"#chart-{chart} canvas").count() == 1, chart
    assert not page.locator("#table-members").is_visible()
    page.click("#card-members summary")  # the numbers, one click away
    assert page.locator("#table-members").is_visible()
    assert page.locator("#table-members tbody tr").count() == 12
    page.click("#card-tickets summary")
    ticket_rows = page.locator("#table-tickets tbody tr")
    assert ticket_rows.count() == 7
    members = sum(int(ticket_rows.nth(i).locator("td").nth(2).inner_text()) for i in range(7))
    assert members > 0  # every member who bought in the year, in one bucket
    page.click("#card-repurchase summary")
    assert page.locator("#table-repurchase tbody tr").count() == 12

    # the alerts: subscribe, the morning job puts the day's alerts in the notification list
    assert not page.is_checked("#alerts-subscribe input[name=subscribe]")
    page.check("#alerts-subscribe input[name=subscribe]")
    page.click("#alerts-subscribe button[type=submit]")
    page.wait_for_selector("text=已订阅预警通知")
    assert page.is_checked("#alerts-subscribe input[name=subscribe]")
    hq = console_hq.hq()
    today = datetime.now().date()
    with hq.tx() as s:  # a valuable member slipping away (one who was not)
        f = s.scalars(
            select(MemberFact).where(MemberFact.chain_id == console_hq.chain_id, MemberFact.m_score < 4).limit(1)
        ).one()
        f.m_score, f.frequency_365, f.usual_gap_days, f.last_visit = 5, 30, 5, today - timedelta(days=40)
    slipping, _ = alerts.slipping_members(hq, console_hq.chain_id, today)
    run_job(hq, "analytics_alerts", today.isoformat(), rerun=True)
    page.goto(console_hq.base + "/console/analytics")
    page.wait_for_selector("#chart-members canvas", state="attached")
    assert f"{today.isoformat()}：高价值会员久未到店 {slipping:,} 人" in page.inner_text("#alerts-notes")
    # the page's list is the nightly job's (a read of every member's facts): as of its run
    assert slipping == stored + 1 and f"：{stored:,} 人" in page.locator("#alerts h3").first.inner_text()
    run_job(hq, "analytics_figures", today.isoformat(), rerun=True)
    hq.close()
    page.reload()
    page.wait_for_selector("#chart-members canvas", state="attached")
    assert f"：{slipping:,} 人" in page.locator("#alerts h3").first.inner_text()
    page.click("#card-tickets summary")
    page.click("#card-categories summary")
    page.screenshot(path=str(shots / "analytics.png"), full_page=True)

    with page.expect_download() as download:
        page.click("#card-tiers a[href*=export]")
    assert download.value.suggested_filename == "tiers.csv"
    for chart in ("tickets", "categories", "repurchase"):  # the XLSX holds the CSV's figures
        with page.expect_download() as download:
            page.click(f"#card-{chart} a[href*=export]:not(.xlsx)")
        with open(download.value.path(), encoding="utf-8-sig") as f:
            csv_rows = list(csv.reader(f))
        with page.expect_download() as download:
            page.click(f"#card-{chart} a.xlsx")
        assert download.value.suggested_filename == f"{chart}.xlsx"
        with open(download.value.path(), "rb") as f:
            sheet = openpyxl.load_workbook(f).active
        xlsx_rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        assert len(csv_rows) > 2 and xlsx_rows == [[_cell(v) for v in row] for row in csv_rows], chart
        # figures as numbers, not text (names, such as a category's, stay text)
        numeric = [re.fullmatch(r"-?\d+(\.\d+)?", text) is not None for text in csv_rows[1]]
        assert any(numeric) and [isinstance(c.value, (int, float)) for c in sheet[2]] == numeric, chart
    context.close()
