"""SMS settings: the provider and its credentials, the sign name, and per purpose the vendor's
template (code or id) with the order of its parameters. Kept as data (HQ's `hq_settings` row
`sms`, JSON, written by the console or `pos-hq`), validated here; code never names a template."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class SmsTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=1, max_length=64)  # Aliyun "SMS_123456789" / Tencent "1234567"
    params: list[str] = []  # parameter names, in the template's order


class SmsSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    provider: Literal["outbox", "aliyun", "tencent"] = "outbox"
    access_key_id: str = ""  # Aliyun AccessKey / Tencent SecretId
    access_key_secret: str = Field(default="", repr=False)  # never in a log or a repr
    region: str = "ap-guangzhou"  # Tencent region; Aliyun uses its endpoint
    endpoint: str = "dysmsapi.aliyuncs.com"
    # Aliyun's scheme: https; http only for a gateway on the chain's own network (and the tests'
    # stand-in vendor on 127.0.0.1) — requests are signed either way, the secret is never sent
    protocol: Literal["https", "http"] = "https"
    sdk_app_id: str = ""  # Tencent SmsSdkAppId
    sign_name: str = ""
    templates: dict[str, SmsTemplate] = {}  # purpose -> template
