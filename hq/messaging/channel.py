"""Message providers behind one interface. A provider gets the phone, the purpose (which
template) and the parameters; it returns the provider's reference or raises `SendFailed`.

Aliyun (alibabacloud-dysmsapi20170525) and Tencent Cloud (tencentcloud-sdk-python-sms): each
builds its SDK's request object (`request(...)`, tested as it is built: no network reaches
the vendors from here) and sends it with the SDK's client.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

from sqlalchemy.orm import Session

from pos_app.domain.errors import DomainError

from ..models import Setting
from .settings import SmsSettings


class SendFailed(DomainError):
    """The provider refused or could not be reached: the message is marked failed, not retried blindly."""


class MessageChannel(Protocol):
    name: str

    def send(self, phone: str, purpose: str, params: dict[str, Any]) -> str: ...


class OutboxProvider:
    """Sends nothing: the message stays in HQ's `messages` table (status `stored`), where tests and
    the console read it, and a chain without SMS can export it."""

    name = "outbox"

    def send(self, phone: str, purpose: str, params: dict[str, Any]) -> str:
        return "stored"


def _template(settings: SmsSettings, purpose: str):
    template = settings.templates.get(purpose)
    if template is None:
        raise SendFailed("message.template_missing", purpose=purpose)
    return template


class AliyunSms:
    """Aliyun SMS (Dysmsapi 2017-05-25, SendSms): TemplateParam is a JSON object of the template's names."""

    name = "aliyun"

    def __init__(self, settings: SmsSettings):
        self.settings = settings
        self._client = None

    def request(self, phone: str, purpose: str, params: dict[str, Any]):
        from alibabacloud_dysmsapi20170525 import models

        template = _template(self.settings, purpose)
        names = template.params or sorted(params)
        return models.SendSmsRequest(
            phone_numbers=phone,
            sign_name=self.settings.sign_name,
            template_code=template.code,
            template_param=json.dumps({n: str(params[n]) for n in names}, ensure_ascii=False),
        )

    def client(self):
        if self._client is None:
            from alibabacloud_dysmsapi20170525.client import Client
            from alibabacloud_tea_openapi import models as open_api

            self._client = Client(
                open_api.Config(
                    access_key_id=self.settings.access_key_id,
                    access_key_secret=self.settings.access_key_secret,
                    endpoint=self.settings.endpoint,
                    protocol=self.settings.protocol,
                )
            )
        return self._client

    def send(self, phone: str, purpose: str, params: dict[str, Any]) -> str:
        try:
            answer = self.client().send_sms(self.request(phone, purpose, params))
        except SendFailed:
            raise
        except Exception as exc:
            raise SendFailed("message.send_failed", provider=self.name, reason=type(exc).__name__) from None
        body = answer.body
        if getattr(body, "code", "") != "OK":
            raise SendFailed("message.send_failed", provider=self.name, reason=str(getattr(body, "code", ""))[:40])
        return str(body.biz_id or "")


class TencentSms:
    """Tencent Cloud SMS (2021-01-11, SendSms): TemplateParamSet is the values in the template's order."""

    name = "tencent"

    def __init__(self, settings: SmsSettings):
        self.settings = settings
        self._client = None

    def request(self, phone: str, purpose: str, params: dict[str, Any]):
        from tencentcloud.sms.v20210111 import models

        template = _template(self.settings, purpose)
        names = template.params or sorted(params)
        req = models.SendSmsRequest()
        req.PhoneNumberSet = [phone if phone.startswith("+") else f"+86{phone}"]
        req.SmsSdkAppId = self.settings.sdk_app_id
        req.SignName = self.settings.sign_name
        req.TemplateId = template.code
        req.TemplateParamSet = [str(params[n]) for n in names]
        return req

    def client(self):
        if self._client is None:
            from tencentcloud.common import credential
            from tencentcloud.sms.v20210111 import sms_client

            self._client = sms_client.SmsClient(
                credential.Credential(self.settings.access_key_id, self.settings.access_key_secret),
                self.settings.region,
            )
        return self._client

    def send(self, phone: str, purpose: str, params: dict[str, Any]) -> str:
        try:
            answer = self.client().SendSms(self.request(phone, purpose, params))
        except SendFailed:
            raise
        except Exception as exc:
            raise SendFailed("message.send_failed", provider=self.name, reason=type(exc).__name__) from None
        status = answer.SendStatusSet[0]
        if status.Code != "Ok":
            raise SendFailed("message.send_failed", provider=self.name, reason=str(status.Code)[:40])
        return str(status.SerialNo or "")


def stored_settings(s: Session) -> SmsSettings:
    """The SMS settings HQ holds (`hq_settings` row `sms`); none stored: the outbox."""
    raw = s.get(Setting, "sms")
    return SmsSettings.model_validate_json(raw.value) if raw else SmsSettings()


def store_settings(s: Session, settings: SmsSettings) -> None:
    """Keep `settings` as HQ's SMS settings (the row `sms`); senders read them at each send."""
    row = s.get(Setting, "sms")
    if row is None:
        s.add(Setting(key="sms", value=settings.model_dump_json()))
    else:
        row.value = settings.model_dump_json()


def channel_from(settings: SmsSettings) -> MessageChannel:
    """The provider the settings name."""
    if settings.provider == "aliyun":
        return AliyunSms(settings)
    if settings.provider == "tencent":
        return TencentSms(settings)
    return OutboxProvider()
