"""The message channel: one interface; Aliyun and Tencent requests built by their official SDKs
from settings (no network reaches the vendors here: the requests are checked as built); consent
and daily send limits honoured; a failing provider marks the message failed, with a code."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from hq.messaging import OutboxProvider, SendFailed, SmsSettings, deliver, queue
from hq.messaging.channel import AliyunSms, TencentSms, channel_from
from hq.models import Member, Message

SETTINGS = dict(
    sign_name="邻家便利",
    access_key_id="id",
    access_key_secret="secret",
    sdk_app_id="1400000000",
    templates={"expiry_reminder": {"code": "SMS_123456789", "params": ["points", "date"]}},
)


def test_aliyun_request_carries_the_sign_and_template_from_settings():
    req = AliyunSms(SmsSettings(provider="aliyun", **SETTINGS)).request(
        "13800000001", "expiry_reminder", {"points": 120, "date": "2026-02-03"}
    )
    assert (req.phone_numbers, req.sign_name, req.template_code) == ("13800000001", "邻家便利", "SMS_123456789")
    assert json.loads(req.template_param) == {"points": "120", "date": "2026-02-03"}


def test_tencent_request_carries_the_template_parameters_in_their_order():
    req = TencentSms(SmsSettings(provider="tencent", **SETTINGS)).request(
        "13800000001", "expiry_reminder", {"date": "2026-02-03", "points": 120}
    )
    assert req.PhoneNumberSet == ["+8613800000001"] and req.SmsSdkAppId == "1400000000"
    assert (req.SignName, req.TemplateId, req.TemplateParamSet) == ("邻家便利", "SMS_123456789", ["120", "2026-02-03"])


def test_a_purpose_without_a_template_is_refused_with_a_code():
    with pytest.raises(SendFailed) as missing:
        AliyunSms(SmsSettings(provider="aliyun", **SETTINGS)).request("13800000001", "birthday_notice", {})
    assert missing.value.code == "message.template_missing"


def test_the_secret_never_shows_in_the_settings_repr():
    assert "secret" not in repr(SmsSettings(provider="aliyun", **SETTINGS))


def test_settings_pick_the_provider():
    assert isinstance(channel_from(SmsSettings()), OutboxProvider)
    assert isinstance(channel_from(SmsSettings(provider="tencent", **SETTINGS)), TencentSms)


def test_consent_and_the_daily_limit_are_honoured_and_each_message_is_decided_once(chain, hq, clock):
    chain.register("M1", "13800000001")
    chain.register("M2", "13800000002")
    with hq.tx() as s:
        s.get(Member, "M2").consent = False
    now = clock()
    with hq.tx() as s:
        got = [queue(s, "M1", "expiry_reminder", f"p{n}", {"points": 1}, now, limit_per_day=2) for n in range(3)]
        got.append(queue(s, "M1", "expiry_reminder", "p0", {"points": 1}, now, limit_per_day=2))  # again
        got.append(queue(s, "M2", "expiry_reminder", "p0", {"points": 1}, now))
    assert got == [True, True, False, False, False]
    with hq.tx() as s:
        assert sorted((m.member_id, m.period, m.status, m.detail) for m in s.scalars(select(Message))) == [
            ("M1", "p0", "queued", ""),
            ("M1", "p1", "queued", ""),
            ("M1", "p2", "refused", "message.limit_reached"),
            ("M2", "p0", "refused", "message.no_consent"),
        ]


def test_a_provider_that_cannot_be_reached_marks_the_message_failed(chain, hq, clock):
    chain.register("M1", "13800000001")
    with hq.tx() as s:
        queue(s, "M1", "expiry_reminder", "p0", {"points": 120, "date": "2026-02-03"}, clock())
    provider = AliyunSms(SmsSettings(provider="aliyun", endpoint="127.0.0.1:9", **SETTINGS))  # nothing listens
    assert deliver(hq, provider) == 1
    with hq.tx() as s:
        (m,) = s.scalars(select(Message))
        assert (m.status, m.provider, m.detail) == ("failed", "aliyun", "message.send_failed")
