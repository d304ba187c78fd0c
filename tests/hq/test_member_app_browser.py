"""The member's H5 app (/m, issue 20) in a real browser: Playwright driving Debian's chromium in a
phone viewport with touch, against a real HQ served over HTTP on 127.0.0.1 (uvicorn in a thread of
this process, so that its clock can be moved on a day at a time) and a real till (its SQLite file,
its services, its sync over HTTP).

One member's walk: registered offline at the till, signs in with the SMS code, shows the card; the
QR code is read from the page's pixels (zxing) and scanned at the till, which attaches the member
and earns points that the app's history shows after the push; the same code is refused when
replayed and a minute later; with the browser offline the code still rotates and verifies; a week
of daily sign-ins; a gift redeemed in the mall and collected at the till; a friend invited; the
profile's birthday changed once a year; export and deletion with the console's effect.

Screenshots of every page go to MEMBERTILL_SCREENSHOTS (docs/screenshots when the docs are
refreshed), as tests/hq/test_console_browser.py does.
"""

from __future__ import annotations

import io
import json
import threading
import time
from datetime import datetime, timedelta

import pytest
import requests
import uvicorn
from sqlalchemy import select

from hq.app import create_app
from hq.demo import load_demo
from hq.lifecycle import mall
from hq.lifecycle.coupons import issue_to_members
from hq.members import LogSms, MemberAPI
from hq.models import Member, PointsEntry, Setting
from hq.service import HQ
from pos_app.services import (
    InvalidInput,
    SaleSession,
    Tender,
    Till,
    complete_sale,
    login,
    open_shift,
    register,
    top_up,
)
from pos_app.services.mall import hand_over, pending_orders
from pos_app.store import Database
from sync.till import TillSync
from sync.transport import HttpTransport
from tests.sync.conftest import free_port

PHONE_VIEW = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
}
COLA = "6901939621257"
PHONE = "13912340001"  # registered offline at the till
FRIEND = "13912340002"
PAGE_ERRORS: list[str] = []  # uncaught errors in any page: none is expected


class Clock:
    """Real time moved on by `offset` (HQ's days of sign-in; the till's minute later)."""

    def __init__(self):
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now() + self.offset


class ThreadServer:
    """create_app(hq) under uvicorn on a free port, in a thread of this process."""

    def __init__(self, app):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> ThreadServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "HQ did not start"
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def world(tmp_path):
    hq_clock, till_clock = Clock(), Clock()
    hq = HQ(f"sqlite:///{tmp_path / 'hq.sqlite3'}", hq_clock)
    chain = load_demo(hq, datetime.now(), stores=("S001",), products=60, members=40)
    mall.save_item(
        hq, chain, {"id": "TOWEL", "kind": "gift", "name": "毛巾", "points": 50, "stock": 5, "per_member_limit": 2}
    )
    with hq.tx() as s:  # a points → coupon offer beside the chain's settings
        row = s.get(Setting, f"lifecycle:{chain}")
        settings = json.loads(row.value) if row else {}
        settings["points_exchange"] = [
            {"id": "X20", "name": "20积分换满100减10", "points": 20, "coupon_template": "CT01", "valid_days": 30}
        ]
        s.merge(Setting(key=f"lifecycle:{chain}", value=json.dumps(settings)))
    code = hq.create_till("S001", "001")[1]
    sms = LogSms()
    server = ThreadServer(create_app(hq, member_api=MemberAPI(hq, sms=sms))).start()
    till = Till(Database(tmp_path / "till.sqlite3"), till_clock)
    sync = TillSync(till, HttpTransport(server.base, timeout=(2.0, 10.0)))
    sync.enrol(code)
    sync.pull_all()
    till.member_from_hq = sync.member_from_hq  # as pos_app/boot.py wires it
    yield {
        "hq": hq,
        "server": server,
        "till": till,
        "sync": sync,
        "sms": sms,
        "hq_clock": hq_clock,
        "till_clock": till_clock,
    }
    server.stop()
    till.db.close()
    hq.close()


def sms_code(sms: LogSms, phone: str) -> str:
    return sms.sent[phone].split("验证码 ")[1][:6]


def phone_page(browser):
    context = browser.new_context(**PHONE_VIEW)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.on("console", lambda m: print("console:", m.type, m.text))  # shown when a test fails
    page.on("pageerror", lambda e: PAGE_ERRORS.append(f"{e.name}: {e.message}"))
    return context, page


def shot(page, shots, name: str) -> None:
    page.wait_for_timeout(150)
    page.screenshot(path=str(shots / f"m-{name}.png"), full_page=True)


def sign_in(page, base: str, sms: LogSms, phone: str, query: str = "") -> None:
    page.goto(f"{base}/m/sign-in{query}")
    page.fill("#phone", phone)
    page.tap("#send")
    page.locator("#toast:not([hidden]):not(.bad)").wait_for()
    page.fill("#code", sms_code(sms, phone))
    page.tap("#go")
    page.wait_for_url(base + "/m/card")
    page.wait_for_selector("#qr[data-code]")
    page.wait_for_selector("body[data-key=registered]")


def read_qr(page, selector: str = "#qr") -> str:
    """The code as a scanner reads it: decoded from the page's pixels, not from its DOM."""
    import zxingcpp
    from PIL import Image

    image = Image.open(io.BytesIO(page.locator(selector).screenshot()))
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1, "the page shows no readable QR code"
    return found[0].text


def till_sale(till, cashier, code: str, cans: int = 10):
    sale = SaleSession(till, cashier)
    for _ in range(cans):
        sale.scan(COLA)
    view = sale.attach_member_code(code)
    return sale, view


def test_a_member_walks_through_the_app_and_the_till(world, browser, shots):
    PAGE_ERRORS.clear()
    base, sms, till, sync = world["server"].base, world["sms"], world["till"], world["sync"]
    cashier = login(till, "1111")
    open_shift(till, cashier, 50000)
    offline_member = register(till, cashier, PHONE, "王小明", None, True).id
    sync.push_all()  # HQ learns the phone registered at the till

    context, page = phone_page(browser)
    page.clock.install(time=datetime.now())
    page.goto(base + "/m")
    page.wait_for_url(base + "/m/sign-in")  # no session: sent to sign in
    shot(page, shots, "sign-in")
    page.fill("#phone", "1391234")
    page.tap("#send")
    assert "11 位手机号" in page.inner_text("#toast")  # refused in the page, nothing sent
    assert PHONE not in sms.sent
    page.fill("#phone", PHONE)
    page.tap("#send")
    page.locator("#toast:not([hidden]):not(.bad)").wait_for()
    page.fill("#code", "000000" if sms_code(sms, PHONE) != "000000" else "111111")
    page.tap("#go")
    page.locator("#toast", has_text="验证码不正确").wait_for()
    page.fill("#code", sms_code(sms, PHONE))
    page.tap("#go")
    page.wait_for_url(base + "/m/card")
    page.wait_for_selector("#qr[data-code]")
    page.wait_for_selector("body[data-key=registered]")
    with world["hq"].tx() as s:  # the offline registration, found by its phone
        member = s.scalar(select(Member).where(Member.phone == PHONE))
        member_id, key = member.id, member.public_key
    assert page.inner_text(".who small").endswith(member_id) and "0001" in page.inner_text(".who small")
    assert member_id == offline_member  # first sign-in: the member made at the till
    assert key and len(key) == 64  # the browser's key, registered
    assert page.get_attribute("body", "data-ed25519") == "webcrypto"  # no JS Ed25519 fetched: first load stays small
    assert page.inner_text("#points") == "0"
    shot(page, shots, "card")

    # ---- the till scans the code from the screen ----
    sync.pull_all()  # the key reaches the till that follows the member
    code = read_qr(page)
    assert code == page.get_attribute("#qr", "data-code") and code.startswith(f"MT1.{member_id}.")
    sale, view = till_sale(till, cashier, code)
    assert view.member.id == member_id and view.identified_by == "member_code"
    done = complete_sale(sale, [Tender("cash", view.priced.payable_fen, cash_given_fen=view.priced.payable_fen)])
    with pytest.raises(InvalidInput) as replayed:
        till_sale(till, cashier, code)
    assert replayed.value.code == "member_code.replayed"
    world["till_clock"].offset = timedelta(seconds=91)  # a screenshot shown a minute and a half later
    with pytest.raises(InvalidInput) as late:
        till_sale(till, cashier, code)
    assert late.value.code == "member_code.expired"
    world["till_clock"].offset = timedelta()
    top_up(till, cashier, member_id, 10000, "cash")  # stored value, for the wallet page
    sync.push_all()
    issue_to_members(world["hq"], "demo", "CT01", [member_id], valid_days=30)
    issue_to_members(world["hq"], "demo", "CT02", [member_id], valid_days=30)
    with world["hq"].tx() as s:
        earned = s.scalar(
            select(PointsEntry.delta).where(PointsEntry.member_id == member_id, PointsEntry.kind == "earn")
        )
    assert earned and earned > 0
    page.goto(base + "/m/points")
    page.wait_for_selector("#history li")
    history = page.inner_text("#history")
    assert f"+{earned}" in history and "消费得积分" in history and "S001" in history
    assert page.inner_text("#balance") == str(earned)
    shot(page, shots, "points")

    # ---- offline: the card opens from the service worker and the code still rotates and verifies ----
    page.goto(base + "/m/card")
    page.wait_for_selector("#qr[data-code]")
    assert page.evaluate(
        "Promise.race([navigator.serviceWorker.ready.then(() => true), "
        "new Promise(done => setTimeout(() => done(false), 15000))])"
    )
    page.reload()  # now controlled by the service worker
    page.wait_for_selector("#qr[data-code]")
    context.set_offline(True)
    page.reload()
    page.wait_for_selector("#qr[data-code]")
    first = page.get_attribute("#qr", "data-code")
    page.clock.fast_forward(31_000)
    world["till_clock"].offset = timedelta(seconds=31)
    page.wait_for_selector(f"#qr:not([data-code='{first}'])")
    rotated = read_qr(page)
    assert rotated != first and rotated != code
    sale, view = till_sale(till, cashier, rotated)
    assert view.member.id == member_id
    sale.void_sale("9999")
    context.set_offline(False)

    # ---- a week of daily sign-ins (HQ's clock moved on a day at a time) ----
    page.goto(base + "/m/checkin")
    expected = [5, 5, 10, 10, 15, 15, 30]
    for day, points in enumerate(expected, start=1):
        page.wait_for_selector("#sign")
        assert f"{points} 积分" in page.inner_text("#sign")
        page.tap("#sign")
        page.wait_for_selector(f"#streak:text-is('{day}')")
        assert page.is_disabled("#sign")
        if day < 7:
            assert f"明天签到可得 {expected[day]} 积分" in page.inner_text("#tomorrow")
            world["hq_clock"].offset += timedelta(days=1)
            page.reload()
    shot(page, shots, "checkin")
    balance = earned + sum(expected)

    # ---- the mall: a gift redeemed in the app, collected at the till ----
    page.goto(base + "/m/mall")
    page.wait_for_selector("button[data-item=TOWEL]")
    assert page.inner_text("#balance") == str(balance)
    page.tap("button[data-item=TOWEL]")
    page.tap("button[data-item=TOWEL]")  # the second tap confirms
    page.wait_for_selector("#orders li[data-status=pending]")
    assert page.inner_text("#balance") == str(balance - 50)
    shot(page, shots, "mall")
    order_id = page.get_attribute("#orders li", "data-order")
    sync.pull_all()
    assert [o.id for o in pending_orders(till, member_id)] == [order_id]
    hand_over(till, cashier, member_id, order_id)
    sync.push_all()
    page.reload()
    page.wait_for_selector("#orders li[data-status=handed_over]")
    assert "已领取 · S001" in page.inner_text("#orders")
    page.tap("button[data-offer=X20]")
    page.tap("button[data-offer=X20]")  # points → a coupon, confirmed
    page.wait_for_selector("#orders li[data-status=issued]")
    assert page.inner_text("#balance") == str(balance - 70)
    balance -= 20

    # ---- invite a friend: the link carries the inviter, both sides are rewarded ----
    page.goto(base + "/m/invite")
    page.wait_for_selector("#link")
    link = page.input_value("#link")
    assert read_qr(page, "#invite-qr") == link  # the QR code a friend scans carries the inviter
    assert "200 积分" in page.inner_text("#rewards")
    shot(page, shots, "invite")
    friend_context, friend = phone_page(browser)
    friend.goto(link)
    assert page.inner_text("#refcode") in friend.inner_text("#invited")
    sign_in(friend, base, sms, FRIEND, query="?" + link.split("?", 1)[1])
    friend_context.close()
    page.goto(base + "/m/points")
    page.wait_for_selector("#history li")
    assert "邀请好友奖励" in page.inner_text("#history") and page.inner_text("#balance") == str(balance - 50 + 200)

    # ---- the other pages, each looked at ----
    for name, ready in (("coupons", ".coupon"), ("wallet", "#total"), ("receipts", "main ul"), ("tier", "#tiername")):
        page.goto(f"{base}/m/{name}")
        page.wait_for_selector(ready)
        shot(page, shots, name)
        text = page.inner_text("main")
        if name == "coupons":
            assert "可使用 3" in text and "满 ¥100.00 减 ¥10.00" in text and "10% 折扣，最高减 ¥20.00" in text
        if name == "wallet":
            with world["hq"].tx() as s:
                m = s.get(Member, member_id)
                principal, bonus = m.principal_fen, m.bonus_fen
            assert (
                principal == 10000
                and page.inner_text("#total") == f"¥{(principal + bonus) // 100}.{(principal + bonus) % 100:02d}"
            )
            assert page.inner_text("#principal") == "¥100.00" and "充值" in text
        if name == "tier":
            assert "近 12 个月消费" in text
    page.goto(base + "/m/receipts")
    page.wait_for_selector("main ul")
    assert done.receipt_no in page.inner_text("main") and "¥100.00" in page.inner_text("main")  # the top-up

    # ---- profile: the birthday once a year ----
    page.goto(base + "/m/profile")
    page.wait_for_selector("#birthday")
    page.fill("#name", "王小明")
    page.fill("#birthday", "1990-05-04")
    page.tap("#save")
    page.wait_for_selector("#birthday[disabled]")
    shot(page, shots, "profile")
    token = page.evaluate("localStorage.getItem('mt.token')")
    again = requests.put(
        base + "/v1/member/app/profile",
        json={"birthday": "1991-05-04"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert again.status_code == 409 and again.json()["code"] == "birthday_locked"
    with world["hq"].tx() as s:
        assert s.get(Member, member_id).birthday == "1990-05-04"

    # ---- export and delete, as the console does ----
    page.goto(base + "/m/privacy")
    page.wait_for_selector("#export")
    shot(page, shots, "privacy")
    with page.expect_download() as download:
        page.tap("#export")
    with open(download.value.path(), encoding="utf-8") as f:
        exported = json.load(f)
    assert exported["member"]["id"] == member_id and exported["member"]["phone"] == PHONE
    assert sum(e["delta"] for e in exported["points_ledger"]) == balance - 50 + 200
    assert len(exported["sign_ins"]) == 7
    page.tap("#delete")
    page.tap("#delete")  # the second tap confirms
    page.wait_for_url(base + "/m/sign-in?deleted=1")
    assert "已注销" in page.inner_text("main")
    with world["hq"].tx() as s:
        gone = s.get(Member, member_id)
        assert (gone.name, gone.public_key, gone.birthday) == ("已注销", None, None) and gone.phone != PHONE
        assert gone.points == balance - 50 + 200  # the books are kept
    assert (
        requests.get(base + "/v1/member/app/card", headers={"Authorization": f"Bearer {token}"}, timeout=10).status_code
        == 401
    )
    assert page.evaluate("document.cookie") == "" and page.evaluate("localStorage.getItem('mt.token')") is None
    context.close()
    assert PAGE_ERRORS == []


def test_english_is_complete_and_hostile_input_changes_nothing(world, browser, shots):
    PAGE_ERRORS.clear()
    base, sms = world["server"].base, world["sms"]
    context, page = phone_page(browser)
    page.goto(base + "/m/sign-in?lang=en")
    assert page.inner_text("h1") == "Sign in / join"
    sign_in(page, base, sms, FRIEND)
    assert "Show this code at the till." in page.inner_text("main")
    shot(page, shots, "card-en")
    token = page.evaluate("localStorage.getItem('mt.token')")
    auth = {"Authorization": f"Bearer {token}"}
    for body in (
        {"birthday": "2999-01-01"},
        {"birthday": "yesterday"},
        {"gender": "robot"},
        {"name": "x" * 65},
        {"email": "nope"},
        {"points": 5},
    ):
        r = requests.put(base + "/v1/member/app/profile", json=body, headers=auth, timeout=10)
        assert r.status_code == 422 and "Traceback" not in r.text and FRIEND not in r.text, body
    assert (
        requests.post(base + "/v1/member/app/delete", json={"confirm": False}, headers=auth, timeout=10).status_code
        == 422
    )
    assert requests.get(base + "/v1/member/app/card", headers=auth, timeout=10).json()["name"] == "会员0002"
    page.goto(base + "/m/privacy")
    page.wait_for_selector("#consent:checked")
    page.tap("#consent")  # no more messages, please
    page.locator("#toast:not([hidden]):not(.bad)").wait_for()
    assert requests.get(base + "/v1/member/app/profile", headers=auth, timeout=10).json()["consent"] is False
    assert requests.get(base + "/m/nothing", timeout=10).status_code == 404
    for path in ("/v1/member/app/card", "/v1/member/app/points", "/v1/member/app/export"):
        assert requests.get(base + path, timeout=10).status_code == 401
    context.close()
    assert PAGE_ERRORS == []


NO_ED25519 = """(() => {  // an older WeChat webview: WebCrypto without Ed25519
  const subtle = crypto.subtle;
  for (const name of ['generateKey', 'sign', 'importKey']) {
    const real = subtle[name].bind(subtle);
    subtle[name] = (alg, ...rest) => ((alg && (alg.name || alg)) === 'Ed25519'
      ? Promise.reject(new DOMException('Algorithm: Unrecognized name', 'NotSupportedError'))
      : real(alg, ...rest));
  }
})();"""


def test_without_webcrypto_ed25519_the_vendored_library_signs_a_code_the_till_accepts(world, browser, shots):
    PAGE_ERRORS.clear()
    base, sms, till, sync = world["server"].base, world["sms"], world["till"], world["sync"]
    cashier = login(till, "1111")
    open_shift(till, cashier, 50000)
    context, page = phone_page(browser)
    context.add_init_script(NO_ED25519)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    sign_in(page, base, sms, FRIEND)
    assert page.get_attribute("body", "data-ed25519") == "js"  # the fallback made the key
    assert base + "/static/vendor/noble-ed25519-3.2.0.js" in fetched
    shot(page, shots, "card-js-ed25519")
    sync.pull_all()  # the key registered from the page reaches the till
    code = read_qr(page)
    assert code == page.get_attribute("#qr", "data-code")
    sale, view = till_sale(till, cashier, code)
    assert view.identified_by == "member_code" and view.member.id == code.split(".")[1]
    with pytest.raises(InvalidInput) as replayed:
        till_sale(till, cashier, code)
    assert replayed.value.code == "member_code.replayed"
    page.reload()  # the key kept in IndexedDB signs again after a reload
    page.wait_for_selector("#qr[data-code]")
    assert page.get_attribute("body", "data-ed25519") == "js"
    context.close()
    assert PAGE_ERRORS == []
