"""The console's points-mall page in a real browser (Chromium, Playwright): marketing adds a gift
through the form, sees it with its stock, a member's pending order appears and is cancelled with
the button; a screenshot of the page for the docs (MEMBERTILL_SCREENSHOTS, as the other browser
tests)."""

from __future__ import annotations

from hq.lifecycle import mall

from .test_console_browser import open_page, sign_in


def test_marketing_runs_the_points_mall_in_the_browser(console_hq, browser, shots):
    context, page = open_page(browser)
    sign_in(page, console_hq.base, "mkt")
    page.click("nav.main a[href='/console/mall']")
    page.wait_for_url(console_hq.base + "/console/mall")
    assert "商城里还没有商品" in page.inner_text("main")
    form = page.locator("#item-form")
    form.locator("input[name=id]").fill("TOWEL")
    form.locator("input[name=name]").fill("纯棉毛巾")
    form.locator("input[name=points]").fill("200")
    form.locator("input[name=stock]").fill("50")
    form.locator("input[name=per_member_limit]").fill("2")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#item-TOWEL")
    assert "已保存“纯棉毛巾”" in page.inner_text(".flash")
    form = page.locator("#item-form")
    form.locator("input[name=id]").fill("CUP")
    form.locator("input[name=name]").fill("保温杯")
    form.locator("input[name=points]").fill("800")
    form.locator("input[name=stock]").fill("0")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#item-CUP")
    assert "已兑完" in page.inner_text("#item-CUP")
    hq = console_hq.hq()
    try:
        order = mall.redeem(hq, console_hq.chain_id, "M00000005", "TOWEL", "browser-test-1")
        other = mall.redeem(hq, console_hq.chain_id, "M00000005", "TOWEL", "browser-test-2")
    finally:
        hq.close()
    page.goto(console_hq.base + "/console/mall")
    towel = page.inner_text("#item-TOWEL")
    assert "纯棉毛巾" in towel and "48" in towel and "礼品（门店领取）" in towel
    assert "待领取" in page.inner_text(f"#order-{order['id']}")
    page.screenshot(path=shots / "hq-30-points-mall.png", full_page=True)
    page.locator(f"#order-{other['id']} button").click()
    page.wait_for_selector(".flash")
    assert "积分已退回原批次" in page.inner_text(".flash")
    assert "已取消" in page.inner_text(f"#order-{other['id']}")
    assert page.locator(f"#order-{other['id']} button").count() == 0
    assert "49" in page.inner_text("#item-TOWEL")
    page.click("nav.main a[href='/console/coupons']")
    page.wait_for_selector("#coupon-templates")
    page.select_option("#issue-form select[name=how]", "codes")
    page.fill("#issue-form input[name=count]", "3")
    page.click("#issue-form button[type=submit]")
    page.wait_for_selector("#issued-codes")
    assert len(page.input_value("#issued-codes").split()) == 3
    page.screenshot(path=shots / "hq-31-coupons-issued.png", full_page=True)
    offer = page.locator("#offer-form")  # a points → coupon offer for the member app
    offer.locator("input[name=id]").fill("X100")
    offer.locator("input[name=name]").fill("100积分换券")
    offer.locator("input[name=points]").fill("0")
    offer.locator("button[type=submit]").click()
    page.wait_for_selector(".flash")
    assert "所需积分须在 1 到 10000000 之间" in page.inner_text(".flash")
    assert page.locator("#offer-X100").count() == 0
    page.locator("#offer-form input[name=points]").fill("100")
    page.locator("#offer-form button[type=submit]").click()
    page.wait_for_selector("#offer-X100")
    assert "100积分换券" in page.inner_text("#offer-X100") and "30 天" in page.inner_text("#offer-X100")
    page.screenshot(path=shots / "hq-32-coupon-offers.png", full_page=True)
    hq = console_hq.hq()
    try:
        assert [o["id"] for o in mall.exchange_offers(hq, console_hq.chain_id)] == ["X100"]
    finally:
        hq.close()
    page.locator("#offer-X100 button").click()
    page.wait_for_selector(".flash")
    assert "已下架“100积分换券”" in page.inner_text(".flash") and page.locator("#offer-X100").count() == 0
    context.close()
