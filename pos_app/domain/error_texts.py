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
    # offline caps (issue 22: every spend of points and stored value, gifts included)
    "offline_caps.points_per_day": ("该会员今天在本机已用积分将超过离线上限 {limit} 分（还可用 {left} 分），请待总部确认余额后再用",
                                    "Points spent here today would pass the offline limit of {limit} ({left} left) "
                                    "until headquarters confirms the balance"),
    "offline_caps.stored_value_per_day": ("该会员今天在本机已用储值将超过离线上限 ¥{limit_yuan}（还可用 ¥{left_yuan}），"
                                          "请待总部确认余额后再用",
                                          "Stored value spent here today would pass the offline limit of "
                                          "¥{limit_yuan} (¥{left_yuan} left) until headquarters confirms the balance"),
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
