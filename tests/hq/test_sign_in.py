"""Staff sign-in to the console over real HTTP: the session cookie's flags, a wrong password,
lockout, session fixation, CSRF, TOTP, sign-out."""

from __future__ import annotations

import re
from datetime import datetime

import pyotp

from hq.models import Staff
from hq.services import staff as staff_service
from hq.services.auth import staff_user

from .conftest import PASSWORD


def test_a_page_without_a_session_sends_the_browser_to_sign_in(console_hq):
    r = console_hq.client().get("/console?x=1")
    assert r.status_code == 303 and r.headers["location"] == "/console/sign-in?next=/console%3Fx%3D1"


def test_signing_in_sets_a_secure_httponly_samesite_session_cookie(console_hq):
    c = console_hq.client()
    r = c.sign_in("admin")
    assert r.status_code == 303 and r.headers["location"] == "/console"
    cookie = next(h for h in r.raw.headers.getlist("Set-Cookie") if h.startswith("hq_session="))
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=strict" in cookie
    home = c.get("/console")
    assert home.status_code == 200 and "您好，ADMIN" in home.text


def test_a_wrong_password_is_refused_in_chinese_and_english(console_hq):
    c = console_hq.client()
    r = c.sign_in("admin", "not the password")
    assert r.status_code == 401 and "用户名、密码或动态验证码不正确" in r.text and "hq_session" not in c.cookies
    c.get("/console/lang/en")
    r = c.sign_in("nobody", "not the password")
    assert r.status_code == 401 and "Wrong username, password or authenticator code" in r.text


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(console_hq):
    c = console_hq.client()
    for _ in range(4):
        assert c.sign_in("fin", "wrong password").status_code == 401
    r = c.sign_in("fin", "wrong password")
    assert r.status_code == 401 and "账号已锁定" in r.text
    r = c.sign_in("fin", PASSWORD)
    assert r.status_code == 401 and "账号已锁定" in r.text
    assert console_hq.client().sign_in("mkt").status_code == 303  # others are not affected


def test_a_session_id_planted_before_sign_in_is_worthless_after_it(console_hq):
    """Session fixation: whatever session cookie the browser brings to the sign-in, the signed-in
    session gets a new id, and the old one (even a real session's) is ended."""
    victim = console_hq.signed_in("admin")
    old = victim.cookies["hq_session"]
    victim.cookies["hq_session"] = old  # signs in again with it
    assert victim.sign_in("admin").status_code == 303
    assert victim.cookies["hq_session"] != old
    attacker = console_hq.client()
    attacker.cookies["hq_session"] = old
    assert attacker.get("/console").status_code == 303  # to sign-in: not a session
    planted = console_hq.client()
    planted.cookies["hq_session"] = "attacker-chosen-value"
    assert planted.sign_in("admin").status_code == 303
    assert planted.cookies["hq_session"] != "attacker-chosen-value"


def test_a_form_without_the_sessions_csrf_token_is_refused(console_hq):
    c = console_hq.signed_in("admin")
    r = c.post("/console/sign-out", data={})
    assert r.status_code == 403 and "页面已过期" in r.text
    r = c.post("/console/sign-out", data={"csrf_token": "forged"})
    assert r.status_code == 403
    other = console_hq.signed_in("mkt")
    r = c.post("/console/sign-out", data={"csrf_token": other.page_csrf()})  # another session's token
    assert r.status_code == 403
    assert c.get("/console").status_code == 200  # still signed in
    r = c.post("/console/sign-out", headers={"X-CSRF-Token": c.page_csrf()})  # as htmx sends it
    assert r.status_code == 303 and c.get("/console").status_code == 303


def test_the_sign_in_form_itself_needs_its_csrf_cookie(console_hq):
    c = console_hq.client()
    r = c.post("/console/sign-in", data={"username": "admin", "password": PASSWORD, "csrf_token": "x"})
    assert r.status_code == 403 and "hq_session" not in c.cookies


def test_an_account_with_totp_needs_the_authenticators_code(console_hq):
    hq = console_hq.hq()
    secret = staff_service.new_totp_secret()
    with hq.tx() as s:
        row = s.query(Staff).filter_by(username="aud").one()
        user = staff_user(row)
    staff_service.enable_totp(hq, user, secret, pyotp.TOTP(secret).now())
    hq.close()
    c = console_hq.client()
    assert c.sign_in("aud").status_code == 401  # password alone
    assert c.sign_in("aud", otp="000000" if pyotp.TOTP(secret).now() != "000000" else "111111").status_code == 401
    assert c.sign_in("aud", otp=pyotp.TOTP(secret).at(datetime.now())).status_code == 303


def test_signing_out_ends_the_session(console_hq):
    c = console_hq.signed_in("mgr1")
    token = c.cookies["hq_session"]
    r = c.post("/console/sign-out", data={"csrf_token": c.page_csrf()})
    assert r.status_code == 303 and "hq_session" not in c.cookies
    c.cookies["hq_session"] = token
    assert c.get("/console").status_code == 303


def test_an_htmx_request_without_a_session_sends_the_whole_page_to_sign_in(console_hq):
    r = console_hq.client().get("/console/audit?who=x", headers={"HX-Request": "true"})
    assert r.status_code == 401 and r.headers["HX-Redirect"] == "/console/sign-in?next=/console/audit%3Fwho%3Dx"


def test_sign_ins_from_one_address_are_rate_limited_across_accounts(console_hq):
    """Password spraying (one guess at many accounts) is not stopped by per-account lockout."""
    c = console_hq.client()
    answers = [c.sign_in(f"user{n}", "Spring2026!!").status_code for n in range(31)]
    assert answers[:30] == [401] * 30 and answers[30] == 429
    assert "登录尝试过于频繁" in c.sign_in("admin").text


def test_turning_on_totp_from_my_account_then_signing_in_with_it(console_hq):
    c = console_hq.signed_in("mgr2")
    page = c.get("/console/account").text
    secret = re.search(r'name="secret" value="([A-Z2-7]+)"', page).group(1)
    assert 'src="data:image/png;base64,' in page  # the QR code, made here
    r = c.post("/console/account/totp", data={"csrf_token": c.csrf(page), "secret": secret, "code": "12345"})
    assert r.status_code == 422 and "验证码不正确" in r.text
    r = c.post(
        "/console/account/totp", data={"csrf_token": c.csrf(page), "secret": secret, "code": pyotp.TOTP(secret).now()}
    )
    assert r.status_code == 303 and "已启用" in c.get("/console/account").text
    assert console_hq.client().sign_in("mgr2").status_code == 401
    assert console_hq.client().sign_in("mgr2", otp=pyotp.TOTP(secret).now()).status_code == 303


def test_changing_my_password_needs_the_current_one(console_hq):
    c = console_hq.signed_in("mkt")
    page = c.get("/console/account").text
    r = c.post(
        "/console/account/password",
        data={"csrf_token": c.csrf(page), "current": "not-it-at-all", "new": "another-pass-2026"},
    )
    assert r.status_code == 422 and "当前密码不正确" in r.text
    r = c.post("/console/account/password", data={"csrf_token": c.csrf(page), "current": PASSWORD, "new": "short"})
    assert r.status_code == 422 and "密码至少需要 10 个字符" in r.text
    r = c.post(
        "/console/account/password", data={"csrf_token": c.csrf(page), "current": PASSWORD, "new": "another-pass-2026"}
    )
    assert r.status_code == 200 and "密码已修改" in r.text
    assert console_hq.client().sign_in("mkt").status_code == 401
    assert console_hq.client().sign_in("mkt", "another-pass-2026").status_code == 303


def test_a_deactivated_account_is_signed_out_and_cannot_sign_in(console_hq):
    aud = console_hq.signed_in("aud")
    admin = console_hq.signed_in("admin")
    page = admin.get("/console/staff").text
    aud_id = re.search(r'id="staff-aud".*?action="/console/staff/([0-9a-f-]{36})"', page, re.S).group(1)
    r = admin.post(
        f"/console/staff/{aud_id}",
        data={"csrf_token": admin.csrf(page), "role": "auditor", "display_name": "AUD", "stores": ""},
    )  # active unticked
    assert r.status_code == 200
    assert aud.get("/console").status_code == 303
    assert console_hq.client().sign_in("aud").status_code == 401


def test_a_totp_code_signs_in_once(console_hq):
    """A code seen over someone's shoulder (or replayed) within its 30 seconds is refused."""
    hq = console_hq.hq()
    secret = staff_service.new_totp_secret()
    with hq.tx() as s:
        user = staff_user(s.query(Staff).filter_by(username="fin").one())
    staff_service.enable_totp(hq, user, secret, pyotp.TOTP(secret).now())
    hq.close()
    code = pyotp.TOTP(secret).now()
    assert console_hq.client().sign_in("fin", otp=code).status_code == 303
    assert console_hq.client().sign_in("fin", otp=code).status_code == 401  # its step is spent
