"""`python -m bench receipt`: (1) build + render + encode a 30-line member receipt - from a priced
cart to the ESC/POS bytes - against the floor of python-escpos writing the same 30 pre-formatted
lines, a native QR and a cut with no document or layout around it; (2) member-code verification
(parse, key lookup, window, replay, Ed25519) against the floor of the bare Ed25519 verify."""

from __future__ import annotations

import random
from datetime import datetime

from escpos.printer import Dummy

from bench.stats import summary, time_calls
from hardware import member_code
from hardware.escpos_render import render
from hardware.receipt import layout, plain_text
from pos_app.domain import CartLine, Member, PricingOptions, TenderKind, price_cart, promotion_from_row
from pos_app.domain.demo import TIERS
from pos_app.services.checkout import CompletedSale, Tender
from pos_app.services.members import MemberView
from pos_app.services.receipts import sale_receipt
from pos_app.services.till import StoreInfo

NAMES = [
    "农夫山泉 饮用天然水 550ml",
    "可口可乐 330ml",
    "五常大米 5kg",
    "金龙鱼 花生油 5L",
    "蒙牛 纯牛奶 250ml*24",
    "奥利奥 夹心饼干 388g",
    "海天 生抽 1.9L",
    "Nescafé 雀巢咖啡 1+2",
    "清风 抽纸 3层 130抽*6",
    "苹果 红富士",
]


def completed_sale(lines: int = 30) -> tuple[StoreInfo, CompletedSale]:
    rng = random.Random(3)
    cart = [
        CartLine(str(i), f"p{i}", rng.choice(NAMES), rng.randint(150, 9900), rng.randint(1, 3), f"c{i % 5}")
        for i in range(lines)
    ]
    promotions = [
        promotion_from_row(
            "PR02",
            "第二件半价",
            "nth_discount",
            {"product_ids": [f"p{i}" for i in range(0, lines, 3)], "n": 2, "percent_off": 50},
        )
    ]
    priced = price_cart(
        cart,
        now=datetime(2026, 11, 23, 12),
        member=Member("M1", TIERS[2], None, 50000),
        promotions=promotions,
        options=PricingOptions(rounding="jiao"),
        redeem_points=2000,
    )
    view = MemberView("M00000001", "王小明", "138****1234", TIERS[2].code, "金卡", 48000, 300, 20000, 0)
    store = StoreInfo(
        "示例超市 人民路店", "S001", "001", "1号机", "谢谢惠顾，欢迎再来！", "https://m.example.cn/r/{receipt}"
    )
    sale = CompletedSale(
        "s1",
        "R00126112300001",
        datetime(2026, 11, 23, 12),
        "张三",
        priced,
        (Tender(TenderKind.CASH, priced.payable_fen, cash_given_fen=priced.payable_fen + 500),),
        500,
        view,
    )
    return store, sale


def main(argv: list[str]) -> dict:
    n = 100 if "--quick" in argv else 2000
    store, sale = completed_sale()

    def app():
        return render(sale_receipt(store, sale))

    text_lines = [
        line for line in plain_text(layout(sale_receipt(store, sale), 58)).split("\n") if not line.startswith("[")
    ]
    text_lines = text_lines[:30]

    def floor():
        printer = Dummy()
        for line in text_lines:
            printer._raw(line.encode("gb18030") + b"\n")
        printer.qr("https://m.example.cn/r/R00126112300001", native=True)
        printer.cut()
        return printer.output

    receipt = summary(time_calls(app, n))
    bare = summary(time_calls(floor, n))
    size = len(app())

    key = member_code.demo_private_key("M00000001")
    public = member_code.public_key_bytes(key)
    now = 1_795_400_000
    code = member_code.make_code(key, "M00000001", now)
    keys = {"M00000001": public}
    used: set[str] = set()
    _, _, step, _ = code.split(".")
    parsed = member_code.parse(code)
    assert parsed is not None, "the bench's own member code does not parse"
    signature = parsed[2]
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    verifier = Ed25519PublicKey.from_public_bytes(public)
    message = f"MT1.M00000001.{step}".encode()

    def verify():
        check = member_code.verify(code, keys.get, now, used.__contains__)
        assert check.ok
        return check

    verify_app = summary(time_calls(verify, n))
    verify_floor = summary(time_calls(lambda: verifier.verify(signature, message), n))

    print(f"receipt: {n} x build + render + encode a {len(sale.priced.lines)}-line member receipt ({size} bytes)")
    print(f"  app   p50 {receipt['p50_ms']:.3f} ms  p99 {receipt['p99_ms']:.3f} ms  (target p99 <= 20 ms)")
    print(
        f"  floor p50 {bare['p50_ms']:.3f} ms  p99 {bare['p99_ms']:.3f} ms  (python-escpos, 30 bare lines + QR + cut)"
    )
    print(f"member code: {n} verifications")
    print(f"  app   p50 {verify_app['p50_ms']:.4f} ms  p99 {verify_app['p99_ms']:.4f} ms  (target p99 <= 1 ms)")
    print(f"  floor p50 {verify_floor['p50_ms']:.4f} ms  (bare Ed25519 verify)")
    return {
        "bench": "receipt",
        "n": n,
        **receipt,
        "floor_p50_ms": bare["p50_ms"],
        "ratio": round(receipt["p50_ms"] / bare["p50_ms"], 2),
        "verify_p50_ms": verify_app["p50_ms"],
        "verify_p99_ms": verify_app["p99_ms"],
        "verify_floor_p50_ms": verify_floor["p50_ms"],
        "verify_ratio": round(verify_app["p50_ms"] / verify_floor["p50_ms"], 2),
    }
