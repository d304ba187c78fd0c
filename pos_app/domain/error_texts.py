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
    # ---- receipts, returns, overrides (issue 16: journal, chain-wide returns, overrides) ----
    "journal.not_found": ("没有这个小票号的小票记录", "No receipt with that number in the receipt journal"),
    "returns.not_here_standalone": ("这张小票不是本收银台开的。本收银台未连接总部，只能退本收银台的小票：请到原门店退货",
                                    "This receipt was not issued at this till, and this till has no HQ connection: "
                                    "only its own receipts can be returned here. Return it where it was bought"),
    "returns.hq_unreachable": ("这张小票不是本收银台开的，需要总部提供原销售记录，但现在连不上总部：请联网后再试，或到原门店退货",
                               "This receipt is from another till: headquarters must supply the sale, but it cannot "
                               "be reached now. Try again once online, or return it where it was bought"),
    "returns.not_in_chain": ("总部也没有这张小票的销售记录（或原收银台尚未同步）：请核对小票号",
                             "Headquarters has no sale with this receipt number either (or its till has not "
                             "synced yet): check the number"),
    "override.reason_needed": ("请填写原因", "Give a reason"),
    "override.reason_too_long": ("原因最多 {most} 个字", "The reason is at most {most} characters"),
    "override.price_range": ("新价格须低于原价 {most_yuan} 元", "The new price must be below the price of {most_yuan}"),
    "override.bad_price": ("价格必须是不小于零的金额", "The price must be an amount of zero or more"),
    "override.above_price": ("改价不能高于原价", "A price override cannot raise the price"),
    "discount.bad_value": ("折扣须为 1–50% 或 0.01–1000.00 元之一", "The discount is 1-50 % or 0.01-1000.00 yuan, one of them"),
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
