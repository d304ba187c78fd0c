"""The console in a real browser: Playwright driving Debian's chromium (launched by path; `dev.py
test` installs it), against a real HQ process. Each role signs in through the form and is shown,
and allowed, only its pages; htmx and the language switch work; every page is photographed.

Screenshots go to a temporary folder, or to MEMBERTILL_SCREENSHOTS (docs/screenshots when the
docs are refreshed: `MEMBERTILL_SCREENSHOTS=docs/screenshots pytest tests/hq/test_console_browser.py`).
"""

from __future__ import annotations

import re

from .conftest import CHROMIUM, PASSWORD, STAFF  # noqa: F401 (browser, shots: conftest fixtures)

LAPTOP = {"width": 1366, "height": 860}
TABLET = {"width": 820, "height": 1180}

PAGES = {
    "/console": "首页",
    "/console/account": "我的账号",
    "/console/stores": "门店与收银机",
    "/console/reconciliation": "对账队列",
    "/console/staff": "员工账号",
    "/console/audit": "审计日志",
    "/console/rules": "规则发布",
    "/console/members": "会员",
    "/console/jobs": "定时任务运行记录",
    "/console/benefits": "会员权益与积分任务",
    "/console/mall": "积分商城",
    "/console/coupons": "发券",
    "/console/segments": "会员分群",
    "/console/campaigns": "营销活动",
    "/console/analytics": "会员分析",
}
(
    HOME,
    ACCOUNT,
    STORES,
    RECON,
    STAFF_PAGE,
    AUDIT,
    RULES,
    MEMBERS,
    JOBS,
    BENEFITS,
    MALL,
    COUPONS,
    SEGMENTS,
    CAMPAIGNS,
    ANALYTICS,
) = PAGES
# what each role may open (written out here, not read from the permission table it checks)
ALLOWED = {
    "admin": set(PAGES),
    "mkt": {HOME, ACCOUNT, STORES, RULES, MEMBERS, JOBS, BENEFITS, MALL, COUPONS, SEGMENTS, CAMPAIGNS, ANALYTICS},
    "fin": {HOME, ACCOUNT, STORES, RECON, RULES, MEMBERS, JOBS, BENEFITS, MALL, COUPONS, CAMPAIGNS, ANALYTICS},
    "mgr1": {HOME, ACCOUNT, STORES, RECON, MEMBERS},
    "mgr2": {HOME, ACCOUNT, STORES, RECON, MEMBERS},
    "aud": {
        HOME,
        ACCOUNT,
        STORES,
        RECON,
        STAFF_PAGE,
        AUDIT,
        RULES,
        MEMBERS,
        JOBS,
        BENEFITS,
        MALL,
        COUPONS,
        SEGMENTS,
        CAMPAIGNS,
        ANALYTICS,
    },
}


def open_page(browser, viewport=LAPTOP):
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, page


def sign_in(page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(base + "/console")
    assert page.url.startswith(base + "/console/sign-in")  # sent to sign in first
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/console")


def test_each_role_is_shown_and_allowed_only_its_pages(console_hq, browser):
    for username in STAFF:
        context, page = open_page(browser)
        sign_in(page, console_hq.base, username)
        nav = set(page.locator("nav.main a").evaluate_all("links => links.map(a => a.getAttribute('href'))"))
        assert nav == ALLOWED[username] - {ACCOUNT}, username
        for path, heading in PAGES.items():
            response = page.goto(console_hq.base + path)
            if path in ALLOWED[username]:
                assert response.status == 200, (username, path)
                assert heading in page.locator("h1").first.inner_text() or path == HOME, (username, path)
            else:
                assert response.status == 403, (username, path)
                assert "您的角色没有此权限" in page.inner_text("main"), (username, path)
        context.close()


def test_the_session_cookie_is_httponly_and_scripts_cannot_read_it(console_hq, browser):
    context, page = open_page(browser)
    sign_in(page, console_hq.base, "admin")
    cookie = next(c for c in context.cookies() if c["name"] == "hq_session")
    assert cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Strict"
    assert "hq_session" not in page.evaluate("document.cookie")
    context.close()


def test_a_wrong_password_shows_the_reason_and_english_is_complete(console_hq, browser, shots):
    context, page = open_page(browser)
    sign_in_url = console_hq.base + "/console/sign-in"
    page.goto(sign_in_url)
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "not the password")
    page.click("button[type=submit]")
    assert "用户名、密码或动态验证码不正确" in page.inner_text(".flash.error")
    page.screenshot(path=shots / "hq-01-sign-in-refused.png")
    page.click("text=English")
    assert page.locator("h1").inner_text() == "Sign in to the HQ console"
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(console_hq.base + "/console")
    assert "Hello, ADMIN" in page.inner_text("h1")
    text = page.inner_text("body")
    assert not re.search(r"[\u4e00-\u9fff]", text.replace("中文", "")), text  # no Chinese left but the switch
    page.screenshot(path=shots / "hq-10-home-english.png", full_page=True)
    context.close()


def test_the_audit_filter_updates_the_table_in_place(console_hq, browser):
    context, page = open_page(browser)
    sign_in(page, console_hq.base, "admin")
    page.goto(console_hq.base + AUDIT)
    page.evaluate("window.stillHere = true")  # gone if the page reloads
    page.fill("input[name=who]", "nobody")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("text=没有符合条件的记录。")
    assert page.evaluate("window.stillHere") is True and "who=nobody" in page.url
    page.fill("input[name=who]", "admin")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("#audit-rows table")
    assert page.locator("#audit-rows tbody tr").count() >= 1 and page.evaluate("window.stillHere") is True
    context.close()


def test_revoking_a_till_in_the_browser(console_hq, browser):
    context, page = open_page(browser)
    sign_in(page, console_hq.base, "mgr1")
    page.goto(console_hq.base + STORES)
    row = page.locator("#till-S001-002")
    row.locator("input[name=reason]").fill("设备报修")
    row.locator("button.danger").click()
    page.wait_for_selector("text=收银机已停用")
    assert "已停用" in page.locator("#till-S001-002").inner_text()
    context.close()


def test_screenshots_of_every_console_page(console_hq, browser, shots):
    """Every page, as a chain admin at laptop width, a few at tablet width, and the refusal page."""
    context, page = open_page(browser)
    page.goto(console_hq.base + "/console/sign-in")
    page.screenshot(path=shots / "hq-00-sign-in.png")
    sign_in(page, console_hq.base, "admin")
    page.wait_for_selector("#chart svg")  # ECharts drew the chart
    page.screenshot(path=shots / "hq-02-home.png", full_page=True)
    for name, path in (
        ("hq-03-stores", STORES),
        ("hq-04-reconciliation", RECON),
        ("hq-05-staff", STAFF_PAGE),
        ("hq-06-audit", AUDIT),
        ("hq-07-account", ACCOUNT),
    ):
        page.goto(console_hq.base + path)
        page.screenshot(path=shots / f"{name}.png", full_page=True)
    context.close()
    context, page = open_page(browser, TABLET)
    sign_in(page, console_hq.base, "mgr1")
    page.screenshot(path=shots / "hq-11-home-tablet-store-manager.png", full_page=True)
    page.goto(console_hq.base + STORES)
    page.screenshot(path=shots / "hq-12-stores-tablet.png", full_page=True)
    page.goto(console_hq.base + AUDIT)
    page.screenshot(path=shots / "hq-13-refused-tablet.png", full_page=True)
    context.close()
    names = sorted(p.name for p in shots.glob("hq-*.png"))
    assert {"hq-00-sign-in.png", "hq-02-home.png", "hq-06-audit.png", "hq-13-refused-tablet.png"} <= set(names)


def test_the_scheduled_jobs_page_reruns_a_period_in_chinese_and_english(console_hq, browser, tmp_path):
    """Issue 18's page (added by the lifecycle branch, here to share the session's one chromium)."""
    import os
    from pathlib import Path

    from hq.jobs import lifecycle_jobs  # noqa: F401
    from hq.jobs.runs import run_job

    hq = console_hq.hq()
    run_job(hq, "points_expiry", "2026-12-13")
    run_job(hq, "tier_review", "2026-12-13")
    hq.close()
    shots = Path(os.environ.get("MEMBERTILL_SCREENSHOTS") or tmp_path)
    context, page = open_page(browser)
    sign_in(page, console_hq.base, "admin")
    page.click("nav.main >> text=定时任务")
    page.select_option("form[action='/console/jobs/rerun'] select[name=job]", "points_expiry")
    page.fill("form[action='/console/jobs/rerun'] input[name=period]", "2026-12-13")
    page.click("form[action='/console/jobs/rerun'] button")
    assert "已重新运行" in page.inner_text(".flash")
    assert page.locator("#job-runs tbody tr").count() == 1  # the re-run job's runs
    page.goto(console_hq.base + "/console/jobs")
    assert page.locator("#job-runs tbody tr").count() == 2 and "等级复核" in page.inner_text("#job-runs")
    page.screenshot(path=str(shots / "hq-jobs.png"), full_page=True)
    page.click("text=English")
    assert page.locator("h1").inner_text() == "Scheduled job runs" and "Points expiry" in page.inner_text("#job-runs")
    page.screenshot(path=str(shots / "hq-jobs-en.png"), full_page=True)
    context.close()


def test_the_benefits_page_configures_a_welcome_pack_in_chinese_and_english(console_hq, browser, shots):
    """Issue 18's benefits page (branch earn): marketing sets a welcome pack and the sign-in streak;
    a wrong number is refused in words, the form keeps what was typed."""
    context, page = open_page(browser)
    sign_in(page, console_hq.base, "mkt")
    page.click("nav.main >> text=权益与积分任务")
    page.fill("input[name='welcome.points']", "很多")
    page.click("button.primary")
    assert "开卡礼" in page.inner_text(".flash.error")
    assert page.input_value("input[name='welcome.points']") == "很多"
    page.fill("input[name='welcome.points']", "100")
    page.select_option("select[name='welcome.template']", "CT03")
    page.fill("input[name='tier.gold.points']", "500")
    page.fill("input[name=sign_in_points]", "5, 5, 10, 10, 15, 15, 30")
    page.check("input[name='profile.fields'][value=birthday]")
    page.fill("input[name='profile.points']", "50")
    page.click("button.primary")
    assert "已保存" in page.inner_text(".flash")
    assert page.input_value("input[name='welcome.points']") == "100"
    page.screenshot(path=str(shots / "hq-benefits.png"), full_page=True)
    page.click("text=English")
    assert page.locator("h1").inner_text() == "Member benefits and earning tasks"
    assert "Welcome pack" in page.inner_text("#benefits")
    page.screenshot(path=str(shots / "hq-benefits-en.png"), full_page=True)
    context.close()
