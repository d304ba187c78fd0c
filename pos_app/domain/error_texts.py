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
    # ---- scanning, tenders and member identification (issue 16, branch t16-scan) ----
    "scan.empty": ("扫码内容为空", "Empty scan"),
    "scan.unreadable": ("无法识别的扫码（{error}）", "Unreadable scan ({error})"),
    "scan.too_long": ("扫码内容过长（超过 {max_length} 个字符），不是任何已知条码",
                      "Scan is too long to be any code we know (over {max_length} characters)"),
    "scan.not_a_code": ("不是商品、会员、优惠券或小票条码", "Not a product, member, coupon or receipt code"),
    "scan.check_digit": ("条码校验位错误，请重新扫描", "Wrong check digit: scan it again"),
    "scan.gs1_unreadable": ("无法读取的 GS1 条码，请重新扫描或扫描商品条码",
                            "A GS1 code that cannot be read: scan it again or scan the item's barcode"),
    "scan.gs1_no_gtin": ("此 GS1 条码不含商品编号 (01)，请扫描商品条码",
                         "This GS1 code has no product number (01): scan the item's barcode"),
    "scan.gs1_outer_pack": ("这是整箱/外包装条码，请扫描单件商品的条码",
                            "This is a case or outer-pack code: scan the single item's barcode"),
    "scan.pay_code": ("这是顾客的{wallet_name}付款码，不是商品：请在付款时使用",
                      "This is the customer's {wallet_name} payment code, not an item: use it when paying"),
    "scan.pay_code_in_payment": ("已读入顾客的{wallet_name}付款码作为参考号：按 {key} 收款",
                                 "The customer's {wallet_name} payment code is in the reference: press {key} to take it"),
    "scan.reference_in_payment": ("已读入付款参考号：按 F3/F4/F5 选择收款方式",
                                  "The payment reference was read: press F3, F4 or F5 for the tender"),
    "scan.finish_payment_first": ("请先完成付款，再扫描商品", "Finish the payment first, then scan more items"),
    "scan.dialog_open": ("请先关闭当前窗口再扫码", "Close the open window first, then scan"),
    "scan.item_expired": ("此商品已于 {expiry} 过期，不能销售", "This item expired on {expiry}: it cannot be sold"),
    "scan.weight_missing": ("称重商品需要带重量的条码", "A weighed item needs a label with its weight"),
    "tender.too_large": ("金额 {amount_yuan} 不可能是顾客实际给付的：最多 {limit_yuan}",
                         "No customer hands over {amount_yuan}: at most {limit_yuan}"),
    "tender.reference_too_long": ("参考号过长（最多 {max_length} 个字符）", "The payment reference is too long (at most {max_length} characters)"),
    "tender.not_an_amount": ("不是金额：请输入元，例如 20 或 15.50", "Not an amount: type yuan, such as 20 or 15.50"),
    "member.unverified_spend": ("仅凭会员号/卡号/手机号只能积分和享受会员价；使用积分、储值或会员券需会员出示动态码，或经理授权",
                                "A member found by id, card or phone may earn points and get member prices only; to spend "
                                "points, stored value or member coupons scan their member code, or ask a manager to approve"),
    "member.bad_identification": ("未知的会员识别方式", "Unknown way of identifying a member"),
    "member.no_member": ("请先关联会员", "Attach a member first"),
    "internal.unexpected": ("出现意外错误，本次操作未保存。请重试或联系技术支持",
                            "Something unexpected went wrong; nothing was saved. Try again or call support"),
}


WALLETS = {"wechat": ("微信", "WeChat Pay"), "alipay": ("支付宝", "Alipay")}


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
    if "wallet" in values:             # a payment code's wallet, named in the reader's language
        values["wallet_name"] = WALLETS.get(values["wallet"], (values["wallet"],) * 2)[0 if lang.startswith("zh") else 1]
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template
