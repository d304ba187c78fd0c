"""The one table of error texts: every error code raised under pos_app/ has its zh_CN and
English text here (a test walks every code raised and fails on a missing one).

Templates use `str.format` fields named as the error's params; amounts in fen are passed as
`*_fen` params and shown as yuan by `describe` (a field `{x_yuan}` is filled from `x_fen`).
"""
from __future__ import annotations

from typing import Any, Protocol

LANGS = ("zh_CN", "en")

# code: (zh_CN, English)
TEXTS: dict[str, tuple[str, str]] = {
    "legacy.text": ("{text}", "{text}"),
    "internal.unexpected": ("出现意外错误，本次操作未保存。请重试或联系技术支持",
                            "Something unexpected went wrong; nothing was saved. Try again or call support"),
    # ---- member lifecycle at HQ (issue 18: hq/lifecycle, hq/jobs, hq/messaging) ----
    "benefit.malformed": ("权益“{benefit}”的配置格式不正确", "The benefit {benefit} is not configured correctly"),
    "benefit.unknown": ("没有名为“{benefit}”的权益类型", "There is no benefit called {benefit}"),
    "benefit.points_invalid": ("权益“{benefit}”的积分必须是 0 到 1000000 之间的整数",
                               "The points of benefit {benefit} must be a whole number from 0 to 1000000"),
    "benefit.unknown_template": ("权益“{benefit}”引用的券模板 {template} 不存在",
                                 "Benefit {benefit} names coupon template {template}, which does not exist"),
    "benefit.valid_days_invalid": ("权益“{benefit}”的有效天数必须是 1 到 3660 之间的整数",
                                   "The validity of benefit {benefit} must be 1 to 3660 days"),
    "benefit.empty": ("权益“{benefit}”既没有积分也没有券", "Benefit {benefit} gives neither points nor a coupon"),
    "job.unknown": ("没有名为“{job}”的定时任务", "There is no scheduled job called {job}"),
    "job.period_invalid": ("任务周期“{period}”不是有效日期（YYYY-MM-DD）",
                           "The period {period} is not a date (YYYY-MM-DD)"),
    "message.no_consent": ("会员未同意接收消息", "The member has not agreed to receive messages"),
    "message.limit_reached": ("今日发给该会员的消息已达上限 {limit} 条",
                              "Today's limit of {limit} messages to this member is reached"),
    "message.template_missing": ("短信模板“{purpose}”未在设置中配置",
                                 "No SMS template is configured for {purpose}"),
    "message.provider_unknown": ("未知的短信服务商“{provider}”", "Unknown SMS provider {provider}"),
    "message.send_failed": ("短信服务商 {provider} 未能发送（{reason}）", "The SMS provider {provider} did not send ({reason})"),
}


class _Coded(Protocol):
    code: str
    params: dict[str, Any]


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    fen = abs(int(fen))
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def describe(error: _Coded, lang: str = "zh_CN") -> str:
    """The person-readable text of a coded error in `lang` (zh_CN default, English otherwise)."""
    pair = TEXTS.get(error.code)
    if pair is None:
        pair = TEXTS["internal.unexpected"]
    template = pair[0] if lang.startswith("zh") else pair[1]
    values = dict(error.params)
    for key, value in error.params.items():
        if key.endswith("_fen") and isinstance(value, int):
            values[key[:-4] + "_yuan"] = _yuan(value)
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template
