"""The member app's sign-in code reaches the member through the SMS provider HQ is configured
with (`pos-hq sms FILE`), not a log line: HQ served as deployed (`python -m hq serve`) sends it
through Aliyun's official SDK to a stand-in of Aliyun's endpoint on 127.0.0.1, the code the
"vendor" received signs the member in. With no provider configured, or a provider that refuses,
the app is told so in Chinese (503), not "sent"; neither the phone nor the code is logged."""

from __future__ import annotations

import json
from datetime import datetime

import requests

from hq.__main__ import main as pos_hq
from hq.service import HQ
from tests.sync.conftest import aliyun_settings, configure_sms

PHONE = "13900002222"


def chains(url: str) -> None:
    hq = HQ(url, datetime.now)
    hq.create_chain("甲连锁", "alpha")
    hq.create_chain("乙连锁", "beta")
    hq.close()


def test_the_code_goes_through_the_configured_provider_and_signs_the_member_in(sqlite_url, served, sms_vendor, capsys):
    chains(sqlite_url)
    configure_sms(sqlite_url, aliyun_settings(sms_vendor))
    shown = capsys.readouterr().out
    assert '"provider": "aliyun"' in shown and "never-shown" not in shown  # the secret is not printed
    server = served(sqlite_url)
    r = requests.post(server.base + "/v1/member/sms", json={"phone": PHONE})
    assert r.status_code == 200, r.text
    (sent,) = sms_vendor.requests
    assert (sent["PhoneNumbers"], sent["SignName"], sent["TemplateCode"]) == (PHONE, "邻家便利", "SMS_900001")
    code = json.loads(sent["TemplateParam"])["code"]
    assert len(code) == 6 and code.isdigit()
    # the route takes the chain the app names: an unknown one is refused, a known one joins
    r = requests.post(server.base + "/v1/member/session", json={"phone": PHONE, "code": code, "chain_id": "gamma"})
    assert r.status_code == 404 and "No chain gamma" in r.json()["detail"]
    r = requests.post(server.base + "/v1/member/session", json={"phone": PHONE, "code": code, "chain_id": "beta"})
    assert r.status_code == 200 and r.json()["created"], r.text
    me = requests.get(server.base + "/v1/member/me", headers={"Authorization": "Bearer " + r.json()["token"]})
    assert me.status_code == 200
    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert PHONE not in log and code not in log


def test_without_a_provider_the_app_is_told_the_code_cannot_be_sent(sqlite_url, served):
    chains(sqlite_url)
    server = served(sqlite_url)
    r = requests.post(server.base + "/v1/member/sms", json={"phone": PHONE})
    assert r.status_code == 503 and r.json()["code"] == "member.sms_unavailable"
    assert "短信" in r.json()["message"]
    r = requests.post(server.base + "/v1/member/sms", json={"phone": PHONE}, headers={"Accept-Language": "en-GB"})
    assert r.status_code == 503 and "SMS code cannot be sent" in r.json()["message"]
    assert PHONE not in server.log.read_text(encoding="utf-8", errors="replace")


def test_a_provider_refusal_or_a_missing_template_is_reported_not_sent(sqlite_url, served, sms_vendor):
    chains(sqlite_url)
    configure_sms(sqlite_url, aliyun_settings(sms_vendor, templates={}))
    server = served(sqlite_url)
    r = requests.post(server.base + "/v1/member/sms", json={"phone": PHONE})
    assert r.status_code == 503 and r.json()["code"] == "message.template_missing" and not sms_vendor.requests
    configure_sms(sqlite_url, aliyun_settings(sms_vendor))  # read at each send: no restart needed
    sms_vendor.answer = {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "limit", "RequestId": "r2"}
    r = requests.post(server.base + "/v1/member/sms", json={"phone": PHONE})
    assert r.status_code == 503 and r.json()["code"] == "message.send_failed", r.text
    assert "isv.BUSINESS_LIMIT_CONTROL" in r.json()["message"] and len(sms_vendor.requests) == 1


def test_bad_sms_settings_are_refused_and_change_nothing(sqlite_url, tmp_path, sms_vendor, capsys):
    chains(sqlite_url)
    configure_sms(sqlite_url, aliyun_settings(sms_vendor))
    bad = tmp_path / "bad.json"
    bad.write_text('{"provider": "carrier-pigeon", "access_key_secret": "never-shown"}', encoding="utf-8")
    capsys.readouterr()
    assert pos_hq(["--db", sqlite_url, "sms", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "provider" in err and "never-shown" not in err and "Traceback" not in err
    assert pos_hq(["--db", sqlite_url, "sms"]) == 0
    assert '"provider": "aliyun"' in capsys.readouterr().out  # unchanged


def test_the_sign_in_page_says_in_chinese_that_no_code_can_be_sent(sqlite_url, served, browser, tmp_path):
    chains(sqlite_url)
    server = served(sqlite_url)
    page = browser.new_page(locale="zh-CN", viewport={"width": 390, "height": 844})
    page.goto(server.base + "/m/sign-in?chain=alpha")
    page.fill("#phone", PHONE)
    page.click("#send")
    toast = page.locator("#toast")
    toast.wait_for(state="visible")
    assert "暂时无法发送短信验证码" in toast.inner_text()
    page.screenshot(path=str(tmp_path / "m-sign-in-no-sms.png"))
    page.close()
