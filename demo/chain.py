"""The demo chain's data, as plain rows per till table (deterministic, seeded).

A realistic Chinese convenience-store chain: >= 2,000 products (valid EAN-13s, Chinese names,
categories, weighed fresh goods), promotions, coupon templates, tiers, the points program, top-up
plans, gifts, members with points lots and coupons, and three demo cashiers: 1111 (cashier),
2222 (supervisor), 9999 (manager). Both the till's embedded demo store (`pos_app.store.demo_data`)
and the demo HQ (`hq.demo`) load these same rows, so a demo till and a demo HQ agree. No database
here: each function yields `(table name, list of row dicts)` batches.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from pos_app.domain.pinyin import full, initials

Rows = Iterator[tuple[str, list[dict]]]

DEMO_CASHIERS = (
    ("1001", "张晓燕", "cashier", "1111"),
    ("1002", "李强", "supervisor", "2222"),
    ("1003", "王经理", "manager", "9999"),
)

CATEGORIES = [
    ("drinks", "饮料", False),
    ("snacks", "休闲零食", False),
    ("instant", "方便速食", False),
    ("dairy", "乳品", False),
    ("grain", "粮油调味", False),
    ("household", "日用百货", False),
    ("care", "个人护理", False),
    ("tobacco", "香烟", True),
    ("alcohol", "酒类", False),
    ("fresh", "生鲜称重", False),
    ("frozen", "冷冻食品", False),
    ("bakery", "面包糕点", False),
]

KNOWN = [  # (name, category, price fen, fixed EAN-13 or None)
    ("可口可乐 330ml", "drinks", 350, "6901939621257"),
    ("百事可乐 330ml", "drinks", 350, None),
    ("农夫山泉 550ml", "drinks", 200, "6921168509256"),
    ("怡宝纯净水 555ml", "drinks", 200, None),
    ("康师傅冰红茶 500ml", "drinks", 350, None),
    ("王老吉凉茶 310ml", "drinks", 450, None),
    ("元气森林白桃气泡水", "drinks", 550, None),
    ("雪碧 330ml", "drinks", 350, None),
    ("康师傅红烧牛肉面", "instant", 550, "6920152400012"),
    ("统一老坛酸菜牛肉面", "instant", 550, None),
    ("今麦郎一菜一面", "instant", 600, None),
    ("乐事薯片 原味 70g", "snacks", 790, None),
    ("奥利奥饼干 116g", "snacks", 890, None),
    ("旺旺雪饼 84g", "snacks", 650, None),
    ("德芙巧克力 43g", "snacks", 990, None),
    ("良品铺子猪肉脯", "snacks", 2590, None),
    ("蒙牛纯牛奶 250ml", "dairy", 350, None),
    ("伊利安慕希酸奶 205g", "dairy", 650, None),
    ("光明鲜牛奶 950ml", "dairy", 1590, None),
    ("五常大米 5kg", "grain", 8990, None),
    ("金龙鱼花生油 1.8L", "grain", 4590, None),
    ("海天酱油 500ml", "grain", 1290, None),
    ("维达抽纸 3包", "household", 1590, None),
    ("蓝月亮洗衣液 1kg", "household", 2990, None),
    ("高露洁牙膏 140g", "care", 1290, None),
    ("海飞丝洗发水 400ml", "care", 4990, None),
    ("中华(硬) 香烟", "tobacco", 4500, None),
    ("玉溪(软) 香烟", "tobacco", 2300, None),
    ("青岛啤酒 500ml", "alcohol", 600, None),
    ("红星二锅头 500ml", "alcohol", 2200, None),
    ("思念水饺 猪肉白菜 500g", "frozen", 1890, None),
    ("桃李面包 醇熟切片", "bakery", 890, None),
]
FRESH = [
    ("红富士苹果", 1290),
    ("香蕉", 690),
    ("西红柿", 590),
    ("黄瓜", 490),
    ("土豆", 390),
    ("五花肉", 2990),
    ("鸡胸肉", 1890),
    ("草鱼", 1590),
]  # price per kg, sold by weight

BRANDS = [
    "康师傅",
    "统一",
    "农夫",
    "伊利",
    "蒙牛",
    "旺旺",
    "达利园",
    "好丽友",
    "三只松鼠",
    "百草味",
    "良品",
    "盼盼",
    "雀巢",
    "娃哈哈",
    "银鹭",
    "维他",
    "洽洽",
    "卫龙",
    "白象",
    "海天",
    "李锦记",
    "心相印",
    "清风",
    "立白",
    "舒肤佳",
    "六神",
    "云南白药",
    "光明",
    "君乐宝",
    "徐福记",
]
KINDS = {
    "drinks": ["绿茶", "乌龙茶", "橙汁", "矿泉水", "苏打水", "椰汁", "功能饮料", "咖啡"],
    "snacks": ["薯片", "饼干", "坚果", "瓜子", "辣条", "果冻", "蛋黄派", "海苔"],
    "instant": ["泡面", "自热火锅", "螺蛳粉", "粉丝", "八宝粥", "火腿肠"],
    "dairy": ["酸奶", "纯牛奶", "奶酪棒", "乳酸菌饮料"],
    "grain": ["大米", "面粉", "挂面", "醋", "料酒", "鸡精"],
    "household": ["纸巾", "垃圾袋", "洗洁精", "保鲜膜", "电池"],
    "care": ["牙刷", "沐浴露", "洗面奶", "护手霜"],
    "alcohol": ["啤酒", "米酒"],
    "frozen": ["汤圆", "水饺", "雪糕", "鸡翅"],
    "bakery": ["吐司", "蛋糕", "面包"],
}
SIZES = ["100g", "150g", "200g", "250ml", "330ml", "500ml", "1L", "1kg", "6连包", "家庭装"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国玉兰萍红梅鑫宇浩然欣怡子涵梓轩雨萱"

TIERS = [
    ("regular", "普通会员", 0, 0, 100, 0),
    ("silver", "银卡会员", 1, 2, 120, 100000),
    ("gold", "金卡会员", 2, 5, 150, 500000),
    ("platinum", "白金会员", 3, 8, 200, 2000000),
]

POINTS_PROGRAM = {
    "points_per_yuan": 1,
    "spend_bands": [[10000, 150], [20000, 200]],
    "member_day_weekday": 2,
    "member_day_multiplier_pct": 200,
    "birthday_multiplier_pct": 200,
    "birthday_bonus_points": 0,
    "non_earning_category_ids": ["tobacco"],
    "redeem_points": 100,
    "redeem_fen": 100,
    "max_offset_percent": 50,
    "expiry": "rolling",
    "expiry_months": 12,
    "expiry_days": 365,
}


def ean13(body12: str) -> str:
    """Append the EAN-13 check digit to 12 digits."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str((10 - total % 10) % 10)


def _products(rng: random.Random, count: int) -> Iterator[tuple[str, str, str, int, str, str | None]]:
    """(id, name, category, price fen, unit, barcode) for `count` products; EAN-13s are unique."""
    n = 0
    for name, category, price, code in KNOWN:
        n += 1
        yield f"P{n:06d}", name, category, price, "each", code or ean13(f"69{n:010d}")
    for i, (name, price) in enumerate(FRESH, start=1):
        n += 1
        yield f"P{n:06d}", name, "fresh", price, "weight", f"PLU{i:05d}"
    kinds = list(KINDS)
    while n < count:
        n += 1
        category = kinds[n % len(kinds)]
        name = f"{rng.choice(BRANDS)}{rng.choice(KINDS[category])} {rng.choice(SIZES)}"
        price = rng.choice([150, 200, 250, 300, 350, 450, 500, 590, 690, 790, 990, 1290, 1590, 1990, 2590, 3990])
        yield f"P{n:06d}", name, category, price, "each", ean13(f"69{n:010d}")


def _phone(rng: random.Random, n: int) -> str:
    return f"1{rng.choice('3456789')}{n:09d}"[:11] if False else f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}"


def catalogue_rows(products: int, seed: int = 2026) -> Rows:
    rng = random.Random(seed)
    yield "categories", ([dict(id=i, name=n, non_earning=ne) for i, n, ne in CATEGORIES])
    rows, codes = [], []
    for pid, name, category, price, unit, code in _products(rng, products):
        rows.append(
            dict(
                id=pid,
                name=name,
                initials=initials(name),
                pinyin=full(name),
                category_id=category,
                price_fen=price,
                unit=unit,
                non_earning=category == "tobacco",
                active=True,
            )
        )
        codes.append(dict(code=code, product_id=pid))
        if len(rows) >= 20000:
            yield "products", (rows)
            yield "barcodes", (codes)
            rows, codes = [], []
    if rows:
        yield "products", (rows)
        yield "barcodes", (codes)


def rules_rows(now: datetime) -> Rows:
    month_start = datetime(now.year, now.month, 1)
    yield (
        "tiers",
        (
            [
                dict(
                    code=a,
                    name=b,
                    rank=r,
                    discount_percent=d,
                    points_multiplier_pct=m,
                    min_spend_12m_fen=s,
                    min_points_12m=0,
                )
                for a, b, r, d, m, s in TIERS
            ]
        ),
    )
    yield (
        "promotions",
        (
            [
                dict(
                    id="PR01",
                    name="可乐第二件半价",
                    kind="nth_discount",
                    params={"product_ids": ["P000001", "P000002", "P000008"], "n": 2, "percent_off": 50},
                    valid_from=None,
                    valid_to=None,
                    priority=10,
                    exclusive=False,
                    active=True,
                ),
                dict(
                    id="PR02",
                    name="大米限时特价",
                    kind="special_price",
                    params={"product_ids": ["P000020"], "price_fen": 7990},
                    valid_from=month_start,
                    valid_to=month_start + timedelta(days=62),
                    priority=10,
                    exclusive=False,
                    active=True,
                ),
                dict(
                    id="PR03",
                    name="泡面买一送一",
                    kind="bogo",
                    params={"product_ids": ["P000009", "P000010"]},
                    valid_from=None,
                    valid_to=None,
                    priority=20,
                    exclusive=True,
                    active=True,
                ),
                dict(
                    id="PR04",
                    name="早餐组合 面包+牛奶 9.9元",
                    kind="bundle",
                    params={"product_ids": ["P000032", "P000017"], "bundle_price_fen": 990},
                    valid_from=None,
                    valid_to=None,
                    priority=30,
                    exclusive=False,
                    active=True,
                ),
                dict(
                    id="PR05",
                    name="会员价 酸奶",
                    kind="member_price",
                    params={"prices": {"P000018": 550}},
                    valid_from=None,
                    valid_to=None,
                    priority=10,
                    exclusive=False,
                    active=True,
                ),
                dict(
                    id="PR06",
                    name="周三会员日 零食9折",
                    kind="member_day",
                    params={"weekday": 2, "percent_off": 10, "category_ids": ["snacks"]},
                    valid_from=None,
                    valid_to=None,
                    priority=40,
                    exclusive=False,
                    active=True,
                ),
            ]
        ),
    )
    yield (
        "coupon_templates",
        (
            [
                dict(
                    id="CT01",
                    name="满100减10/满200减25",
                    kind="spend_save",
                    params={"ladder": [[10000, 1000], [20000, 2500]]},
                    valid_from=None,
                    valid_to=None,
                ),
                dict(
                    id="CT02",
                    name="9折券 最高减20元",
                    kind="percent_off",
                    params={"percent": 10, "cap_fen": 2000},
                    valid_from=None,
                    valid_to=None,
                ),
                dict(
                    id="CT03",
                    name="5元现金券",
                    kind="cash_voucher",
                    params={"amount_fen": 500, "min_spend_fen": 3000, "stackable": True},
                    valid_from=None,
                    valid_to=None,
                ),
                dict(
                    id="CT04",
                    name="免费可乐一瓶",
                    kind="free_item",
                    params={"product_id": "P000001", "stackable": True},
                    valid_from=None,
                    valid_to=None,
                ),
                dict(
                    id="CT05",
                    name="乳品8折券",
                    kind="percent_off",
                    params={"percent": 20, "cap_fen": 1000, "category_ids": ["dairy"], "stackable": True},
                    valid_from=None,
                    valid_to=None,
                ),
            ]
        ),
    )
    yield (
        "topup_plans",
        (
            [
                dict(id="TP200", name="充200送10", pay_fen=20000, bonus_fen=1000),
                dict(id="TP500", name="充500送50", pay_fen=50000, bonus_fen=5000),
                dict(id="TP1000", name="充1000送120", pay_fen=100000, bonus_fen=12000),
            ]
        ),
    )
    yield (
        "gifts",
        (
            [
                dict(id="G01", name="环保购物袋", points=100),
                dict(id="G02", name="纯棉毛巾", points=500),
                dict(id="G03", name="保温杯", points=2000),
            ]
        ),
    )
    yield (
        "settings",
        (
            [
                dict(key="points_program", value=POINTS_PROGRAM),
                dict(key="pricing_options", value={"rounding": "jiao", "tier_discount_on_promoted_lines": False}),
                dict(
                    key="store",
                    value={
                        "name": "邻家便利 人民路店",
                        "code": "S001",
                        "till_code": "001",
                        "till_name": "1号收银台",
                        "footer": "谢谢惠顾，欢迎再来！",
                        "qr": "https://member.example.cn/join?store=S001",
                        "offline_caps": {"points_per_day": 20000, "stored_value_fen_per_day": 100000},
                    },
                ),
                dict(
                    key="weight_barcode", value={"prefix": "20", "plu_digits": 5, "value_digits": 5, "value": "price"}
                ),
            ]
        ),
    )


DEMO_PHONES = 200  # the first members have a demo phone that makes member codes


def _demo_key(member_id: str) -> bytes:
    from hardware.member_code import demo_private_key, public_key_bytes

    return public_key_bytes(demo_private_key(member_id))


def member_rows(count: int, now: datetime, seed: int = 7, with_extras: bool = True) -> Rows:
    rng = random.Random(seed)
    tiers = ["regular"] * 60 + ["silver"] * 25 + ["gold"] * 12 + ["platinum"] * 3
    phones: set[str] = set()
    members, lots, coupons = [], [], []
    for n in range(1, count + 1):
        phone = _phone(rng, n)
        while phone in phones:
            phone = _phone(rng, n)
        phones.add(phone)
        mid = f"M{n:08d}"
        points = rng.choice([0, 120, 480, 860, 1500, 2600, 5200])
        members.append(
            dict(
                id=mid,
                phone=phone,
                phone_last4=phone[-4:],
                card_no=f"8800{n:08d}",
                name=rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else ""),
                birthday=date(rng.randint(1960, 2005), rng.randint(1, 12), rng.randint(1, 28)),
                tier_code=rng.choice(tiers),
                consent=True,
                consent_at=now - timedelta(days=400),
                provisional=False,
                hq_points=points,
                hq_principal_fen=rng.choice([0, 0, 0, 20000, 45000]),
                hq_bonus_fen=0,
                public_key=_demo_key(mid) if n <= DEMO_PHONES else None,
                created_at=now - timedelta(days=rng.randint(30, 900)),
            )
        )
        if points and with_extras:
            old = min(points, 300)
            lots.append(
                dict(
                    id=f"L{n:08d}a",
                    member_id=mid,
                    earned_on=(now - timedelta(days=330)).date(),
                    expires_on=(now + timedelta(days=20)).date(),
                    points=old,
                    remaining=old,
                    source="hq",
                )
            )
            if points > old:
                lots.append(
                    dict(
                        id=f"L{n:08d}b",
                        member_id=mid,
                        earned_on=(now - timedelta(days=60)).date(),
                        expires_on=(now + timedelta(days=300)).date(),
                        points=points - old,
                        remaining=points - old,
                        source="hq",
                    )
                )
        if with_extras and rng.random() < 0.4:
            for t in rng.sample(["CT01", "CT02", "CT03", "CT04", "CT05"], 2):
                coupons.append(
                    dict(
                        code=f"Q{n:08d}{t[-1]}",
                        member_id=mid,
                        template_id=t,
                        valid_from=now - timedelta(days=10),
                        valid_to=now + timedelta(days=60),
                        status="issued",
                        used_sale_id=None,
                    )
                )
        if len(members) >= 20000:
            yield "members", (members)
            members = []
    if members:
        yield "members", (members)
    if lots:
        yield "points_lots", (lots)
    if coupons:
        yield "member_coupons", (coupons)


def cashier_rows() -> Rows:
    from argon2 import PasswordHasher

    hasher = PasswordHasher()
    yield (
        "cashiers",
        (
            [
                dict(id=i, name=n, role=r, pin_hash=hasher.hash(pin), failed_attempts=0, locked_until=None, active=True)
                for i, n, r, pin in DEMO_CASHIERS
            ]
        ),
    )


def past_sales_rows(count: int, now: datetime, products: int, members: int, days: int = 365, seed: int = 11) -> Rows:
    """`count` completed sales spread over the `days` before `now` (the scale data set's history):
    one closed shift a day, 1-6 lines each, one payment, and for the 60 % with a member the points
    they earned, already confirmed by HQ (synced). Products and members are the generated ones."""
    rng = random.Random(seed)
    catalogue = [
        (pid, name, category, price)
        for pid, name, category, price, unit, _ in _products(random.Random(2026), products)
        if unit == "each"
    ]
    start = datetime(now.year, now.month, now.day) - timedelta(days=days)
    per_day = -(-count // days)
    shifts, sales, lines, payments, points = [], [], [], [], []
    for n in range(count):
        day, k = divmod(n, per_day)
        opened = start + timedelta(days=day, hours=7)
        if k == 0:
            shifts.append(
                dict(
                    id=f"SH{day:05d}",
                    cashier_id="1001",
                    opened_at=opened,
                    float_fen=50000,
                    closed_at=opened + timedelta(hours=15),
                    counted_fen=None,
                    expected_fen=None,
                    z_report=None,
                )
            )
        at = opened + timedelta(seconds=k * 54000 // per_day)
        sale_id = f"S{n:09d}"
        member = f"M{rng.randint(1, members):08d}" if members and rng.random() < 0.6 else None
        total = 0
        for line_no in range(1, rng.randint(1, 6) + 1):
            pid, name, category, price = rng.choice(catalogue)
            qty = rng.choice((1, 1, 1, 2, 3))
            total += price * qty
            lines.append(
                dict(
                    id=f"{sale_id}:{line_no}",
                    sale_id=sale_id,
                    line_no=line_no,
                    product_id=pid,
                    name=name,
                    category_id=category,
                    qty=qty,
                    unit_price_fen=price,
                    gross_fen=price * qty,
                    net_fen=price * qty,
                    points_offset_fen=0,
                    points_spent=0,
                    points_earned=price * qty // 100 if member else 0,
                    returned_qty=0,
                )
            )
        earned = total // 100 if member else 0
        receipt_no = f"R001{at:%y%m%d}{k + 1:05d}"
        sales.append(
            dict(
                id=sale_id,
                receipt_no=receipt_no,
                kind="sale",
                original_sale_id=None,
                shift_id=f"SH{day:05d}",
                cashier_id="1001",
                approved_by=None,
                member_id=member,
                created_at=at,
                subtotal_fen=total,
                discount_fen=0,
                points_offset_fen=0,
                points_spent=0,
                rounding_fen=0,
                payable_fen=total,
                points_earned=earned,
                details={"reductions": [], "coupons": [], "change_fen": 0},
            )
        )
        tender = rng.choice(("cash", "wechat", "alipay"))
        payments.append(
            dict(
                sale_id=sale_id,
                tender=tender,
                amount_fen=total,
                principal_fen=0,
                bonus_fen=0,
                reference="" if tender == "cash" else f"{tender[:2].upper()}{n:012d}",
                cash_given_fen=total if tender == "cash" else 0,
            )
        )
        if earned:
            points.append(
                dict(member_id=member, at=at, delta=earned, kind="earn", ref=receipt_no, synced=True, outbox_seq=None)
            )
        if len(sales) >= 20000 or n == count - 1:
            yield "shifts", shifts
            yield "sales", sales
            yield "sale_lines", lines
            yield "payments", payments
            yield "points_ledger", points
            shifts, sales, lines, payments, points = [], [], [], [], []


def all_rows(now: datetime, products: int = 2000, members: int = 10000) -> Rows:
    """Every table of the demo store, in an order that satisfies foreign keys."""
    yield from catalogue_rows(products)
    yield from rules_rows(now)
    yield from member_rows(members, now)
    yield from cashier_rows()


def member_people(count: int, seed: int = 7) -> dict[str, dict]:
    """member id -> the full phone, name and birthday the demo chain gives that member (what HQ
    keeps; a till keeps them minimised): for tests and demos that type a member's phone."""
    out = {}
    for table, rows in member_rows(count, datetime(2026, 1, 1), seed):  # the demo store's draws
        if table == "members":
            out.update({r["id"]: {"phone": r["phone"], "name": r["name"], "birthday": r["birthday"]} for r in rows})
    return out
