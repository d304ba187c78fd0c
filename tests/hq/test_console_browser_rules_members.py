"""Rule publishing and members in a real browser (Playwright driving /usr/bin/chromium against a
served HQ): marketing writes a promotion in the form, a bad price is refused next to its field,
the preview prices a sample cart in place (htmx), the promotion is published and an earlier
version restored; finance finds a member by the live search, opens the page and asks for an
adjustment above the limit that only the chain admin's approval applies. Screenshots as
test_console_browser.py's (MEMBERTILL_SCREENSHOTS=docs/screenshots to refresh the docs)."""

from __future__ import annotations

from hq.models import Member

from .test_console_browser import open_page, sign_in


def test_a_promotion_is_refused_then_drafted_previewed_published_and_restored_in_the_browser(
    console_hq, browser, shots
):
    context, page = open_page(browser)
    base = console_hq.base
    sign_in(page, base, "mkt")
    page.goto(base + "/console/rules")
    page.click("text=+ 限时特价")
    page.fill("input[name=id]", "PR90")
    page.fill("input[name=name]", "可乐限时特价")
    page.fill("input[name=product_ids]", "P000001")
    page.fill("input[name=price_fen]", "-1")
    page.click("#save-draft")
    error = page.locator("label.bad .field-error")
    assert "特价" in error.inner_text() and "金额" in error.inner_text()  # the field, by its label
    page.screenshot(path=shots / "hq-21-rule-refused.png", full_page=True)
    page.fill("input[name=price_fen]", "2.50")
    page.click("#save-draft")
    page.wait_for_selector("text=草稿 PR90 已保存")
    page.evaluate("window.stillHere = true")
    page.locator("#preview input[name=product_id]").first.fill("P000001")
    page.locator("#preview input[name=qty]").first.fill("2")
    page.click("#preview button.primary")
    page.wait_for_selector("#preview-payable")
    # 2 x 2.50 with the draft, then the published second-item-half-price (-1.25), rounded down to the jiao
    assert page.inner_text("#preview-payable") == "3.70"
    assert "可乐限时特价" in page.inner_text("#preview-result") and page.evaluate("window.stillHere") is True
    page.screenshot(path=shots / "hq-22-rules-preview.png", full_page=True)
    page.fill("#publish input[name=note]", "周末可乐特价")
    page.click("#publish-button")
    page.wait_for_selector("text=已发布第 1 版")
    page.goto(base + "/console/rules/promotions/PR90/edit")
    page.fill("input[name=price_fen]", "2.00")
    page.click("#save-draft")
    page.click("#publish-button")
    page.wait_for_selector("text=已发布第 2 版")
    page.locator("#version-1 button").click()
    page.wait_for_selector("text=已将第 1 版恢复为第 3 版")
    page.screenshot(path=shots / "hq-20-rules.png", full_page=True)
    page.goto(base + "/console/rules/promotions/PR90/edit")
    assert page.input_value("input[name=price_fen]") == "2.50"
    context.close()


def test_a_member_is_found_opened_and_adjusted_with_a_second_person_s_approval(console_hq, browser, shots):
    hq = console_hq.hq()
    with hq.tx() as s:
        m = s.get(Member, "M00000005")
    hq.close()
    base = console_hq.base
    context, page = open_page(browser)
    sign_in(page, base, "fin")
    page.goto(base + "/console/members")
    page.evaluate("window.stillHere = true")
    page.fill("input[name=q]", m.phone[-4:])  # live search, no submit
    page.wait_for_selector("#hit-table a[href='/console/members/M00000005']")
    assert page.evaluate("window.stillHere") is True and m.phone not in page.inner_text("#hits")
    page.screenshot(path=shots / "hq-23-members-search.png", full_page=True)
    page.click("#hit-table a[href='/console/members/M00000005']")
    page.wait_for_selector("#points-ledger")
    page.select_option("#adjust-form select[name=what]", "points")
    page.fill("#adjust-form input[name=amount]", "5000")
    page.fill("#adjust-form input[name=reason]", "客诉补偿")
    page.click("#adjust-form button.primary")
    page.wait_for_selector("text=等待另一位员工审批")
    assert int(page.inner_text("#points-balance").replace(",", "")) == m.points
    page.screenshot(path=shots / "hq-25-member-adjust-waiting.png", full_page=True)
    context.close()
    context, page = open_page(browser)
    sign_in(page, base, "admin")
    page.goto(base + "/console/members/M00000005")
    page.locator("button:has-text('审批通过')").click()
    page.wait_for_selector("text=已审批生效")
    assert int(page.inner_text("#points-balance").replace(",", "")) == m.points + 5000
    page.screenshot(path=shots / "hq-24-member.png", full_page=True)
    context.close()
