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
    # ---- scanning, tenders and member identification (issue 16, branch t16-scan) ----
    "scan.empty": ("扫码内容为空", "Empty scan"),
    "scan.unreadable": ("无法识别的扫码（{error}）", "Unreadable scan ({error})"),
    "scan.too_long": (
        "扫码内容过长（超过 {max_length} 个字符），不是任何已知条码",
        "Scan is too long to be any code we know (over {max_length} characters)",
    ),
    "scan.not_a_code": ("不是商品、会员、优惠券或小票条码", "Not a product, member, coupon or receipt code"),
    "scan.check_digit": ("条码校验位错误，请重新扫描", "Wrong check digit: scan it again"),
    "scan.gs1_unreadable": (
        "无法读取的 GS1 条码，请重新扫描或扫描商品条码",
        "A GS1 code that cannot be read: scan it again or scan the item's barcode",
    ),
    "scan.gs1_no_gtin": (
        "此 GS1 条码不含商品编号 (01)，请扫描商品条码",
        "This GS1 code has no product number (01): scan the item's barcode",
    ),
    "scan.gs1_outer_pack": (
        "这是整箱/外包装条码，请扫描单件商品的条码",
        "This is a case or outer-pack code: scan the single item's barcode",
    ),
    "scan.pay_code": (
        "这是顾客的{wallet_name}付款码，不是商品：请在付款时使用",
        "This is the customer's {wallet_name} payment code, not an item: use it when paying",
    ),
    "scan.pay_code_in_payment": (
        "已读入顾客的{wallet_name}付款码作为参考号：按 {key} 收款",
        "The customer's {wallet_name} payment code is in the reference: press {key} to take it",
    ),
    "scan.reference_in_payment": (
        "已读入付款参考号：按 F3/F4/F5 选择收款方式",
        "The payment reference was read: press F3, F4 or F5 for the tender",
    ),
    "scan.finish_payment_first": ("请先完成付款，再扫描商品", "Finish the payment first, then scan more items"),
    "scan.dialog_open": ("请先关闭当前窗口再扫码", "Close the open window first, then scan"),
    "scan.item_expired": ("此商品已于 {expiry} 过期，不能销售", "This item expired on {expiry}: it cannot be sold"),
    "scan.weight_missing": ("称重商品需要带重量的条码", "A weighed item needs a label with its weight"),
    "tender.too_large": (
        "金额 {amount_yuan} 不可能是顾客实际给付的：最多 {limit_yuan}",
        "No customer hands over {amount_yuan}: at most {limit_yuan}",
    ),
    "tender.reference_too_long": (
        "参考号过长（最多 {max_length} 个字符）",
        "The payment reference is too long (at most {max_length} characters)",
    ),
    "tender.not_an_amount": ("不是金额：请输入元，例如 20 或 15.50", "Not an amount: type yuan, such as 20 or 15.50"),
    "member.unverified_spend": (
        "仅凭会员号/卡号/手机号只能积分和享受会员价；使用积分、储值或会员券需会员出示动态码，或经理授权",
        "A member found by id, card or phone may earn points and get member prices only; to spend "
        "points, stored value or member coupons scan their member code, or ask a manager to approve",
    ),
    "member.bad_identification": ("未知的会员识别方式", "Unknown way of identifying a member"),
    "member.no_member": ("请先关联会员", "Attach a member first"),
    "internal.unexpected": (
        "出现意外错误，本次操作未保存。请重试或联系技术支持",
        "Something unexpected went wrong; nothing was saved. Try again or call support",
    ),
    # ---- domain: cart, amounts, points, stored value, refunds, coupons (t16-errors) ----
    "cart.qty_out_of_range": ("数量必须是 1 到 {max} 的整数", "Quantity must be a whole number from 1 to {max}"),
    "cart.price_invalid": ("价格必须是不小于零的金额", "Price must be a non-negative amount"),
    "amount.not_an_amount": ("不是有效金额", "Not an amount"),
    "amount.too_many_decimals": ("金额最多两位小数（到分）", "Amounts have at most two decimals (fen)"),
    "points.spend_not_positive": ("使用的积分必须大于零", "Points to spend must be a positive number"),
    "points.not_enough": ("只有 {available} 积分可用", "Only {available} points are available"),
    "points.lot_overflow": ("积分批次 {lot_id} 无法容纳 {points} 积分", "Lot {lot_id} cannot hold {points} points"),
    "points.member_needed": ("关联会员后才能使用积分", "Points can only be used with a member attached"),
    "points.balance_only": ("会员只有 {balance} 积分", "The member has only {balance} points"),
    "points.offset_capped": ("积分最多抵扣应付的 {percent}%", "Points may pay at most {percent}% of the payable"),
    "stored_value.top_up_not_positive": ("充值金额必须大于零", "A top-up must be a positive amount"),
    "stored_value.payment_not_positive": ("储值付款金额必须大于零", "A stored-value payment must be a positive amount"),
    "stored_value.not_enough": ("储值余额只有 ¥{balance_yuan}", "Stored value balance is only ¥{balance_yuan}"),
    "refund.payments_do_not_settle": (
        "付款 ¥{paid_yuan} 与应付 ¥{payable_yuan} 不符",
        "Payments ¥{paid_yuan} do not settle the payable ¥{payable_yuan}",
    ),
    "refund.nothing_chosen": ("请至少选择一行退货", "Choose at least one line to return"),
    "refund.line_not_on_sale": ("第 {line_id} 行不在这笔销售中", "Line {line_id} is not on sale"),
    "refund.qty_not_positive": ("退货数量必须是正整数", "Quantity to return must be a positive whole number"),
    "refund.line_fully_returned": ("第 {line_id} 行已全部退货", "Line {line_id} has already been fully returned"),
    "refund.qty_left": ("第 {line_id} 行：只剩 {left} 件可退", "Line {line_id}: only {left} left to return"),
    "refund.more_than_paid": ("退款金额将超过实付金额", "This return would give back more than was paid"),
    "coupon.not_valid_now": ("此券不在有效期内", "This coupon is not valid at this time"),
    "coupon.no_item_covered": ("购物车中没有此券适用的商品", "No item in the cart is covered by this coupon"),
    "coupon.min_spend": (
        "适用商品需满 {min_yuan} 元；还差 {short_yuan} 元",
        "Minimum spend {min_yuan} on eligible items; {short_yuan} more needed",
    ),
    "coupon.spend_more": (
        "满 {min_yuan} 减 {off_yuan}；还差 {short_yuan}",
        "Spend {min_yuan} to save {off_yuan}; {short_yuan} more needed",
    ),
    "coupon.free_item_missing": ("此券的赠品不在购物车中", "The free item of this coupon is not in the cart"),
    "coupon.nothing_left": ("此券已无可抵扣金额", "Nothing left for this coupon to take off"),
    "coupon.already_applied": ("此券已使用在本单", "This coupon is already applied"),
    "coupon.other_not_combinable": (
        "已使用一张不可叠加的券",
        "Another coupon that cannot be combined is already applied",
    ),
    "coupon.not_combinable": ("此券不能与其他券同时使用", "This coupon cannot be combined with other coupons"),
    # ---- services: sale, cart, tenders, members, shifts, auth (t16-errors) ----
    "auth.locked_out": ("密码错误次数过多，锁定至 {until}", "Too many wrong PINs: PIN entry is locked until {until}"),
    "auth.pin_format": ("密码为 4 到 8 位数字", "A PIN is 4 to 8 digits"),
    "auth.wrong_pin": ("密码错误", "Wrong PIN"),
    "auth.may_not_approve": ("该密码的持有人无权批准此操作", "The holder of this PIN may not approve this"),
    "auth.approval_needed": ("需要店长授权", "Manager approval is needed"),
    "cart.at_most": ("同一商品最多 {max} 件", "At most {max} of one item"),
    "cart.line_not_found": ("该行不在本单中", "That line is not in the sale"),
    "cart.weighed_qty_from_label": ("称重商品的数量以秤签为准", "A weighed item's quantity comes from its label"),
    "product.not_found": ("商品不存在", "No such product"),
    "product.weigh_first": ("请称重后扫描秤签", "Weigh this item and scan its label"),
    "scan.unknown_scale_item": ("未知称重商品 {plu}", "Unknown scale item {plu}"),
    "scan.not_a_product": ("不是商品条码：{code}", "Not a product barcode: {code}"),
    "scan.barcode_check_digit": (
        "条码 {code} 校验位错误，请重新扫描",
        "Barcode {code} has a wrong check digit: scan it again",
    ),
    "scan.unknown_barcode": ("未知条码 {code}", "Unknown barcode {code}"),
    "member.not_found": ("未找到会员", "No member found"),
    "member.query_format": (
        "请输入手机号、尾号 4 位或卡号",
        "Type a phone number, its last 4 digits, or a card number",
    ),
    "member.phone_format": (
        "手机号为以 1 开头的 11 位数字",
        "A mainland mobile number has 11 digits and starts with 1",
    ),
    "member.consent_needed": ("会员须先同意条款", "The member must agree to the terms first"),
    "member.name_too_long": ("姓名太长", "The name is too long"),
    "member.birthday_invalid": ("生日日期无效", "That birthday is not possible"),
    "member.phone_taken": ("该手机号已是会员", "This phone number is already a member"),
    "member.field_not_editable": (
        "此处只能修改姓名、生日、手机号和授权",
        "Only name, birthday, phone and consent can be edited here",
    ),
    "gift.not_found": ("会员或礼品不存在", "No such member or gift"),
    "gift.not_enough_points": (
        "{gift} 需要 {need} 积分；会员只有 {have} 积分",
        "{gift} needs {need} points; the member has {have}",
    ),
    "top_up.out_of_range": ("充值金额须在 0.01 到 {max_yuan} 元之间", "A top-up is between 0.01 and {max_yuan} yuan"),
    "top_up.unknown_kind": (
        "请用现金、微信、支付宝或银行卡充值",
        "Top up with cash, WeChat Pay, Alipay or a bank card",
    ),
    "coupon.unknown": ("未知优惠券 {code}", "Unknown coupon {code}"),
    "coupon.used": ("此券已被使用", "This coupon has already been used"),
    "coupon.used_code": ("优惠券 {code} 已被使用", "Coupon {code} has already been used"),
    "coupon.other_member": (
        "此券属于其他会员：请先关联该会员",
        "This coupon belongs to another member: attach that member first",
    ),
    "coupon.not_applied": ("该券未使用", "That coupon is not applied"),
    "points.not_whole": ("积分必须是整数", "Points must be a whole number"),
    "points.attach_member": ("使用积分需先关联会员", "Attach a member to use points"),
    "points.no_longer_enough": ("会员积分已不足", "The member no longer has enough points"),
    "sale.empty": ("本单没有商品", "The sale is empty"),
    "sale.finish_first": ("请先完成或挂起当前销售", "Finish or suspend the current sale first"),
    "sale.suspended_gone": ("该挂单已不存在", "That suspended sale is gone"),
    "tender.unknown_kind": ("未知支付方式", "Unknown payment type"),
    "tender.not_positive": ("每笔付款金额必须大于零", "Every payment must be a positive amount"),
    "tender.sum_mismatch": (
        "付款 {paid_yuan} 与应收 {payable_yuan} 不符",
        "Payments {paid_yuan} do not match the amount due {payable_yuan}",
    ),
    "tender.cash_short": ("收到的现金少于现金付款额", "The cash handed over is less than the cash payment"),
    "tender.stored_value_needs_member": ("使用储值需先关联会员", "Attach a member to pay with stored value"),
    "tender.reference_missing": ("请先扫描或输入支付流水号", "Scan or type the payment reference first"),
    "offline.points_cap": (
        "今日本机积分使用将超过离线上限 {limit}，需等总部确认余额",
        "Points spent here today would pass the limit of {limit} until headquarters confirms the balance",
    ),
    "offline.stored_value_cap": (
        "今日本机储值消费将超过离线上限 ¥{limit_yuan}，需等总部确认余额",
        "Stored value spent here today would pass the offline limit of ¥{limit_yuan} "
        "until headquarters confirms the balance",
    ),
    "refund.no_such_receipt": ("没有小票号为 {receipt_no} 的销售", "No sale with receipt number {receipt_no}"),
    "shift.not_open": ("请先开班", "Open a shift first"),
    "shift.float_out_of_range": (
        "备用金须在 0 到 {max_yuan} 元之间",
        "The opening float is between 0 and {max_yuan} yuan",
    ),
    "shift.already_open": ("已有班次未交班", "A shift is already open"),
    "shift.unknown_movement": ("未知的现金操作", "Unknown cash movement"),
    "shift.amount_out_of_range": (
        "金额须在 0.01 到 {max_yuan} 元之间",
        "The amount is between 0.01 and {max_yuan} yuan",
    ),
    "shift.counted_missing": ("请输入清点的现金", "Type the counted cash"),
    "settings.manager_only": ("只有店长可以修改设置", "Only a manager may change settings"),
    "settings.printer_kind": ("未知的打印机类型", "Unknown printer type"),
    "settings.paper_mm": ("纸宽须为 58 或 80 毫米", "Paper width must be 58 or 80 mm"),
    "settings.scanner_kind": ("未知的扫码枪类型", "Unknown scanner type"),
    "settings.language": ("语言须为简体中文或英文", "Language must be Chinese (zh_CN) or English (en)"),
    "settings.hq_url": ("总部地址须以 http:// 或 https:// 开头", "The HQ address must start with http:// or https://"),
    "settings.store_name": ("请填写门店名称", "The store needs a name"),
    # ---- store and backups (t16-errors) ----
    "storage.disk_full": (
        "磁盘已满：本次操作未记录。请清理空间后重试",
        "The disk is full: nothing was recorded. Free some space, then try again",
    ),
    "storage.read_only": (
        "数据库只读：本次操作未记录。请联系技术支持",
        "The database is read-only: nothing was recorded. Call support",
    ),
    "storage.busy": ("数据库忙：本次操作未记录。请重试", "The database is busy: nothing was recorded. Try again"),
    "storage.io_error": (
        "无法写入磁盘：本次操作未记录。请联系技术支持",
        "The disk could not be written: nothing was recorded. Call support",
    ),
    "backup.failed": ("备份失败（{detail}）", "Backup failed: {detail}"),
    "backup.check_failed": ("备份未通过检查（{detail}）", "Backup failed its check: {detail}"),
    "backup.no_such_file": ("找不到备份文件 {path}", "No such backup: {path}"),
    "backup.restore_refused": ("拒绝恢复 {name}（{detail}）", "Refusing to restore {name}: {detail}"),
    # ---- configuration file (pos_app/config.py, hardware/printing.py) (t16-errors) ----
    "config.not_bool": ("{key} 须为 true 或 false（现为 {value}）", "{key} must be true or false (got {value})"),
    "config.not_int": ("{key} 须为整数（现为 {value}）", "{key} must be an integer (got {value})"),
    "config.not_number": ("{key} 须为数字（现为 {value}）", "{key} must be a number (got {value})"),
    "config.not_text": ("{key} 须为文字（现为 {value}）", "{key} must be text (got {value})"),
    "config.unknown_key": ("未知的配置项 {key}", "unknown key {key}"),
    "config.unknown_key_near": ("未知的配置项 {key}（是否想写 {near}？）", "unknown key {key} (did you mean {near}?)"),
    "config.not_a_table": ("[{section}] 须为一组配置项", "[{section}] must be a table of keys"),
    "config.set_format": ("--set 须写成 键=值（现为 {item}）", "--set needs key=value, got {item}"),
    "config.language": (
        "till.language 须为 zh_CN 或 en（现为 {value}）",
        "till.language must be zh_CN or en (got {value})",
    ),
    "config.log_level": (
        "log.level 须为 DEBUG、INFO、WARNING 或 ERROR（现为 {value}）",
        "log.level must be DEBUG, INFO, WARNING or ERROR (got {value})",
    ),
    "config.backup_keep": ("backup.keep 至少为 1", "backup.keep must be at least 1"),
    "config.hq_url": (
        "hq.url 须以 http:// 或 https:// 开头（现为 {value}）",
        "hq.url must start with http:// or https:// (got {value})",
    ),
    "config.not_toml": ("{path}：不是有效的 TOML 文件（{detail}）", "{path}: not valid TOML: {detail}"),
    "config.unreadable": ("{path}：无法读取（{detail}）", "{path}: cannot read it ({detail})"),
    "config.printer_kind": (
        "printer.kind 须为 {kinds} 之一（现为 {value}）",
        "printer.kind must be one of {kinds}, not {value}",
    ),
    "config.printer_paper": (
        "printer.paper_mm 须为 58 或 80（现为 {value}）",
        "printer.paper_mm must be 58 or 80, not {value}",
    ),
    "config.printer_timeout": (
        "printer.timeout_s 须在 0 到 120 秒之间",
        "printer.timeout_s must be between 0 and 120 seconds",
    ),
    "config.printer_path_missing": (
        "{kind} 打印机需要填写 printer.path",
        "printer.path is needed for a {kind} printer",
    ),
    "config.printer_host_missing": ("网络打印机需要填写 printer.host", "printer.host is needed for a network printer"),
    # ---- reasons handed over by hardware/ (scan classifier, member codes, printer) (t16-errors) ----
    "member_code.invalid": ("无效的会员码", "Not a valid member code"),
    "member_code.no_phone": (
        "该会员未登记手机：请会员重新打开会员码",
        "This member has no registered phone: ask them to open the app again",
    ),
    "member_code.bad_signature": (
        "会员码签名错误：码被篡改或不属于该会员",
        "Member code signature is wrong: the code was altered or is not this member's",
    ),
    "member_code.expired": ("会员码已过期：请会员刷新", "Member code has expired: ask the member to refresh it"),
    "member_code.from_future": (
        "会员码时间超前：请检查手机时间",
        "Member code is from the future: check the phone's clock",
    ),
    "member_code.replayed": (
        "该会员码已使用过：请会员刷新",
        "This member code was already used: ask the member to refresh it",
    ),
    "printer.ready": ("打印机就绪", "Printer ready"),
    "printer.timeout": (
        "打印机无响应：请检查是否开机并连接",
        "Printer did not answer in time: is it on and connected?",
    ),
    "printer.not_found": (
        "找不到打印机：请检查是否开机并连接（{detail}）",
        "Printer not found: is it on and connected? ({detail})",
    ),
    "printer.no_permission": ("没有使用打印机的权限（{detail}）", "No permission to use the printer ({detail})"),
    "printer.failed": ("打印机错误：{detail}", "Printer error: {detail}"),
    "printer.render_failed": ("无法生成小票（{detail}）", "Could not render the receipt ({detail})"),
    # ---- reasons handed over by sync/ (t16-errors) ----
    "sync.unreachable": ("无法连接总部", "HQ unreachable"),
    "sync.hq_error": ("总部出错（{status}），稍后自动重试", "HQ error {status}; retrying later"),
    "sync.revoked": ("本收银台已被停用：{reason}", "This till was revoked: {reason}"),
    "sync.token_unknown": ("收银台凭证无效：请重新登记本收银台", "Unknown till token: enrol this till again"),
    "sync.token_missing": ("缺少收银台凭证：请先登记本收银台", "Missing till token: enrol this till first"),
    "sync.enrol_code_invalid": (
        "登记码无效、已使用或已过期：请向总部索取新的登记码",
        "This enrolment code is unknown, used or expired: ask HQ for a new one",
    ),
    "sync.refused": ("总部拒绝了请求（{status}）", "HQ refused the request ({status})"),
    "sync.snapshot_refused": (
        "总部发来的初始数据有误，未载入完成，稍后重新载入（{reason}）",
        "HQ's snapshot was refused and is not loaded yet; it loads again later ({reason})",
    ),
    # ---- domain: rule rows from HQ (t16-errors) ----
    "rule.params_not_an_object": ("规则 {rule_id}：参数不是对象", "Rule {rule_id}: its parameters are not an object"),
    "rule.unknown_promotion_kind": ("规则 {rule_id}：未知的促销类型", "Rule {rule_id}: unknown promotion kind {kind}"),
    "rule.unknown_coupon_kind": ("规则 {rule_id}：未知的优惠券类型", "Rule {rule_id}: unknown coupon kind {kind}"),
    "rule.not_a_list": ("规则 {rule_id}：{key} 必须是列表", "Rule {rule_id}: {key} must be a list"),
    "rule.not_an_amount": (
        "规则 {rule_id}：{key} 必须是不小于零的整数金额（分）",
        "Rule {rule_id}: {key} must be a non-negative integer amount in fen",
    ),
    "rule.not_a_whole_number": (
        "规则 {rule_id}：{key} 必须是不小于零的整数",
        "Rule {rule_id}: {key} must be a non-negative whole number",
    ),
    "rule.not_a_percent": (
        "规则 {rule_id}：{key} 必须是 0 到 100 的整数百分比",
        "Rule {rule_id}: {key} must be an integer percent 0..100",
    ),
    "rule.prices_not_a_map": (
        "规则 {rule_id}：会员价须按商品列出金额（分）",
        "Rule {rule_id}: prices must map product ids to fen",
    ),
    "rule.n_too_small": (
        "规则 {rule_id}：第 N 件的 N 必须是不小于 2 的整数",
        "Rule {rule_id}: n must be an integer >= 2",
    ),
    "rule.bundle_too_small": (
        "规则 {rule_id}：组合至少需要两种商品",
        "Rule {rule_id}: a bundle needs at least two products",
    ),
    "rule.weekday_out_of_range": (
        "规则 {rule_id}：星期须为 0（周一）到 6（周日）",
        "Rule {rule_id}: weekday must be 0 (Monday) .. 6 (Sunday)",
    ),
    "rule.ladder_not_a_list": (
        "规则 {rule_id}：满减阶梯必须是 [门槛, 减额] 的列表",
        "Rule {rule_id}: ladder must be a list of [min_fen, off_fen]",
    ),
    "rule.ladder_step_malformed": (
        "规则 {rule_id}：每级满减须为 [门槛, 减额]",
        "Rule {rule_id}: each ladder step is [min_fen, off_fen]",
    ),
    "rule.ladder_step_saves_too_much": (
        "规则 {rule_id}：满减减额不能超过门槛",
        "Rule {rule_id}: a ladder step cannot save more than its minimum spend",
    ),
    "rule.unreadable": ("规则 {rule_id}：无法读取", "Rule {rule_id}: cannot be read"),
    "coupon.template_unusable": (
        "优惠券 {code} 的规则无法读取，暂不能使用",
        "Coupon {code}: its rule cannot be read, so it cannot be used",
    ),
    "rule.product_id_missing": ("规则 {rule_id}：缺少商品", "Rule {rule_id}: product_id is required"),
    # ---- merge of t16-receipts into integ: raises added on t16-receipts in English ----
    "points.restore_negative": ("退回的积分不能为负数", "Points to give back cannot be negative"),
    # ---- member lifecycle at HQ (issue 18: hq/lifecycle, hq/jobs, hq/messaging) ----
    "benefit.malformed": ("权益“{benefit}”的配置格式不正确", "The benefit {benefit} is not configured correctly"),
    "benefit.unknown": ("没有名为“{benefit}”的权益类型", "There is no benefit called {benefit}"),
    "benefit.points_invalid": (
        "权益“{benefit}”的积分必须是 0 到 1000000 之间的整数",
        "The points of benefit {benefit} must be a whole number from 0 to 1000000",
    ),
    "benefit.unknown_template": (
        "权益“{benefit}”引用的券模板 {template} 不存在",
        "Benefit {benefit} names coupon template {template}, which does not exist",
    ),
    "benefit.valid_days_invalid": (
        "权益“{benefit}”的有效天数必须是 1 到 3660 之间的整数",
        "The validity of benefit {benefit} must be 1 to 3660 days",
    ),
    "benefit.empty": ("权益“{benefit}”既没有积分也没有券", "Benefit {benefit} gives neither points nor a coupon"),
    "job.unknown": ("没有名为“{job}”的定时任务", "There is no scheduled job called {job}"),
    "job.period_invalid": (
        "任务周期“{period}”不是有效日期（YYYY-MM-DD）",
        "The period {period} is not a date (YYYY-MM-DD)",
    ),
    "message.no_consent": ("会员未同意接收消息", "The member has not agreed to receive messages"),
    "message.limit_reached": (
        "今日发给该会员的消息已达上限 {limit} 条",
        "Today's limit of {limit} messages to this member is reached",
    ),
    "message.template_missing": ("短信模板“{purpose}”未在设置中配置", "No SMS template is configured for {purpose}"),
    "message.provider_unknown": ("未知的短信服务商“{provider}”", "Unknown SMS provider {provider}"),
    "coupon.unknown_template": ("券模板 {template} 不存在", "There is no coupon template {template}"),
    "coupon.valid_days_invalid": ("券的有效天数必须是 1 到 3660 天", "A coupon's validity must be 1 to 3660 days"),
    "coupon.budget_exhausted": (
        "券模板 {template} 的发放预算已用完（还可发 {left} 张）",
        "The issue budget of coupon template {template} is spent ({left} left)",
    ),
    "coupon.unknown_member": ("有 {count} 位会员不存在", "{count} of the members do not exist"),
    "coupon.count_invalid": ("券码数量必须是 1 到 100000", "The number of codes must be 1 to 100000"),
    "coupon.unknown_offer": ("没有积分兑换项 {offer}", "There is no points exchange offer {offer}"),
    "coupon.points_short": ("可用积分不足 {points}，无法兑换", "Fewer than {points} usable points: nothing exchanged"),
    "member.sms_unavailable": (
        "暂时无法发送短信验证码，请到门店办理或联系客服",
        "The SMS code cannot be sent at the moment: ask at a store or contact us",
    ),
    "message.send_failed": (
        "短信服务商 {provider} 未能发送（{reason}）",
        "The SMS provider {provider} did not send ({reason})",
    ),
    # ---- HQ console: sign-in, staff, permissions (hq-console) ----
    "console.sign_in_failed": ("用户名、密码或动态验证码不正确", "Wrong username, password or authenticator code"),
    "console.locked": (
        "登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试",
        "Too many failed sign-ins: the account is locked, try again in {minutes} minutes",
    ),
    "console.not_signed_in": ("请先登录", "Please sign in first"),
    "console.forbidden": ("您的角色没有此权限（{permission}）", "Your role does not allow this ({permission})"),
    "console.forbidden_store": ("您不负责门店 {store}", "You do not manage store {store}"),
    "console.too_many_sign_ins": (
        "登录尝试过于频繁，请一分钟后再试",
        "Too many sign-in attempts: try again in a minute",
    ),
    "console.csrf": ("页面已过期，请刷新后重试", "This page has expired: reload it and try again"),
    "staff.password_too_short": ("密码至少需要 {min} 个字符", "The password needs at least {min} characters"),
    "staff.password_too_long": ("密码不能超过 {max} 个字符", "The password can have at most {max} characters"),
    "staff.bad_role": ("未知角色：{role}", "Unknown role: {role}"),
    "staff.stores_needed": ("店长账号需要指定负责的门店", "A store manager needs at least one store"),
    "staff.unknown_store": ("门店 {store} 不存在", "There is no store {store}"),
    "staff.unknown_chain": ("连锁 {chain} 不存在", "There is no chain {chain}"),
    "staff.username_taken": ("用户名 {username} 已被使用", "The username {username} is taken"),
    "staff.bad_username": (
        "用户名需为 2–32 位小写字母、数字或 . _ -",
        "A username is 2-32 lowercase letters, digits or . _ -",
    ),
    "staff.not_found": ("找不到该员工账号", "There is no such staff account"),
    "staff.last_admin": ("不能停用或降级最后一位连锁管理员", "The last chain admin cannot be deactivated or demoted"),
    "staff.wrong_password": ("当前密码不正确", "The current password is wrong"),
    "staff.totp_wrong_code": (
        "验证码不正确，请查看验证器中的 6 位数字",
        "Wrong code: enter the 6 digits your authenticator shows",
    ),
    # ---- HQ rule publishing (hq/services/rules.py); {kind} {key} name the rule, {field} its field
    "rules.field_required": ("{kind} {key}：请填写“{field}”", "{kind} {key}: {field} is required"),
    "rules.text_too_long": (
        "{kind} {key}：“{field}”最多 {max} 个字",
        "{kind} {key}: {field} is at most {max} characters",
    ),
    "rules.not_fen": (
        "{kind} {key}：“{field}”须为不小于 0 的金额（分，整数）",
        "{kind} {key}: {field} must be a non-negative whole amount in fen",
    ),
    "rules.not_percent": (
        "{kind} {key}：“{field}”须为 0 到 100 的整数百分比",
        "{kind} {key}: {field} must be a whole percent from 0 to 100",
    ),
    "rules.not_in_range": (
        "{kind} {key}：“{field}”须为 {low} 到 {high} 的整数",
        "{kind} {key}: {field} must be a whole number from {low} to {high}",
    ),
    "rules.not_yes_no": ("{kind} {key}：“{field}”须为是或否", "{kind} {key}: {field} must be yes or no"),
    "rules.not_id_list": ("{kind} {key}：“{field}”须为编号列表", "{kind} {key}: {field} must be a list of ids"),
    "rules.not_a_time": (
        "{kind} {key}：“{field}”不是有效的日期时间",
        "{kind} {key}: {field} is not a valid date and time",
    ),
    "rules.not_a_choice": (
        "{kind} {key}：“{field}”须为以下之一：{choices}",
        "{kind} {key}: {field} must be one of: {choices}",
    ),
    "rules.not_a_weekday": (
        "{kind} {key}：“{field}”须为 0（周一）到 6（周日）",
        "{kind} {key}: {field} must be 0 (Monday) to 6 (Sunday)",
    ),
    "rules.not_a_ladder": (
        "{kind} {key}：“{field}”须为至少一档“满 X 分减 Y 分”",
        "{kind} {key}: {field} must be at least one step of [spend fen, off fen]",
    ),
    "rules.ladder_saves_too_much": (
        "{kind} {key}：“{field}”中满 {min_yuan} 元不能减 {off_yuan} 元（减额超过门槛）",
        "{kind} {key}: {field}: a step cannot take {off_yuan} off a spend of {min_yuan}",
    ),
    "rules.not_bands": (
        "{kind} {key}：“{field}”每档须为 [起点金额（分）, 倍率 100–1000]",
        "{kind} {key}: {field}: each band is [from fen, multiplier 100-1000]",
    ),
    "rules.not_prices": (
        "{kind} {key}：“{field}”须为 商品编号 → 价格（分）",
        "{kind} {key}: {field} must map product ids to prices in fen",
    ),
    "rules.unknown_field": ("{kind} {key}：未知字段“{field}”", "{kind} {key}: unknown field {field}"),
    "rules.unknown_kind": ("未知规则类型 {kind}，可用：{choices}", "Unknown rule kind {kind}: one of {choices}"),
    "rules.not_a_row": ("{kind}：每条规则须为一个对象", "{kind}: each rule must be an object"),
    "rules.not_a_rule_setting": (
        "{kind} {key}：只有积分规则和计价选项可作为规则发布",
        "{kind} {key}: only points_program and pricing_options are published as rules",
    ),
    "rules.window_reversed": ("{kind} {key}：“{field}”须晚于开始时间", "{kind} {key}: {field} must be after the start"),
    "rules.bonus_over_pay": (
        "{kind} {key}：“{field}”赠送金额不能超过充值金额",
        "{kind} {key}: {field}: the bonus cannot exceed the amount paid",
    ),
    "rules.key_mismatch": (
        "{kind} {key}：“{field}”与规则编号不符",
        "{kind} {key}: {field} does not match the rule's key",
    ),
    "rules.refused_by_pricing": (
        "{kind} {key}：计价引擎拒绝此规则（{field}）：{reason}",
        "{kind} {key}: the pricing engine refuses this rule ({field}): {reason}",
    ),
    "rules.no_entry_tier": (
        "会员等级须有一个级别为 0 的入门等级（“{field}”）",
        "Tiers need one entry tier of rank 0 ({field})",
    ),
    "rules.tier_rank_taken": (
        "{kind} {key}：“{field}”与等级 {other} 重复",
        "{kind} {key}: {field} is the same as tier {other}'s",
    ),
    "rules.tier_in_use": (
        "{kind} {key}：仍有会员处于此等级，不能删除",
        "{kind} {key}: members still hold this tier; it cannot be removed",
    ),
    "rules.unknown_product": (
        "{kind} {key}：“{field}”中的商品 {product} 不存在",
        "{kind} {key}: {field}: there is no product {product}",
    ),
    "rules.unknown_category": (
        "{kind} {key}：“{field}”中的品类 {category} 不存在",
        "{kind} {key}: {field}: there is no category {category}",
    ),
    "rules.nothing_to_publish": ("没有待发布的草稿", "There are no drafts to publish"),
    "rules.no_such_version": ("没有第 {key} 版规则", "There is no rule version {key}"),
    "rules.no_such_rule": ("{kind} {key}：没有这条已发布的规则", "{kind} {key}: no such published rule"),
    "rules.no_such_chain": ("没有连锁 {key}", "There is no chain {key}"),
    "rules.not_yuan": (
        "{kind} {key}：“{field}”须为不小于 0 的金额（元，最多两位小数）",
        "{kind} {key}: {field} must be an amount in yuan, 0 or more, with at most two decimals",
    ),
    "rules.not_a_number": (
        "{kind} {key}：“{field}”须为数字（金额最多两位小数）",
        "{kind} {key}: {field} must be a number (amounts with at most two decimals)",
    ),
    # ---- HQ member administration (hq/services/member_admin.py); {field} names the form field
    "members.query_invalid": (
        "请输入手机号、手机尾号 4 位、卡号、会员号或姓名（最多 40 个字）",
        "Enter a phone, its last 4 digits, a card number, a member id or a name (up to 40 characters)",
    ),
    "members.not_found": ("没有这位会员", "No such member"),
    "members.limit_invalid": ("“{field}”须为不小于 0 的整数", "{field} must be a whole number, 0 or more"),
    "members.adjust_not_whole": ("“{field}”须为整数（积分或分）", "{field} must be a whole number (points or fen)"),
    "members.adjust_nothing": ("请填写要调整的积分或储值", "Enter the points or stored value to adjust"),
    "members.adjust_reason_required": ("请填写原因（2 到 200 个字）", "Give a reason (2 to 200 characters)"),
    "members.adjust_below_zero": (
        "调整后积分不能为负：现有 {have} 分",
        "Points cannot go below zero: the member has {have}",
    ),
    "members.adjust_below_zero_fen": (
        "调整后“{field}”不能为负：现有 {have_yuan} 元",
        "{field} cannot go below zero: the member has {have_yuan} yuan",
    ),
    "members.no_such_adjustment": ("没有这笔调整", "No such adjustment"),
    "members.adjustment_decided": ("这笔调整已处理（{decision}）", "This adjustment was already decided ({decision})"),
    "members.approver_is_requester": (
        "须由另一位员工审批，不能审批自己提交的调整",
        "Another staff member must approve: you cannot approve your own adjustment",
    ),
    "members.no_such_tier": ("没有这个会员等级", "No such tier"),
    "members.merge_same": ("不能把会员与其自身合并", "A member cannot be merged with itself"),
    "store.bad_code": ("门店编码需为 1–16 位字母、数字、- 或 _", "A store code is 1-16 letters, digits, - or _"),
    "store.bad_name": ("请填写门店名称（不超过 64 个字符）", "Give the store a name (up to 64 characters)"),
    "store.code_taken": ("门店编码 {code} 已被使用", "The store code {code} is taken"),
    "store.not_found": ("门店 {code} 不存在", "There is no store {code}"),
    "till.bad_code": ("收银机编号需为 1–8 位字母、数字、- 或 _", "A till code is 1-8 letters, digits, - or _"),
    "till.reason_needed": ("请填写停用原因", "Give a reason for revoking the till"),
    "till.not_found": ("找不到该收银机", "There is no such till"),
    "till.already_revoked": ("该收银机已停用", "This till is already revoked"),
    "till.revoked_new_code": (
        "收银机 {till} 已停用，请用新的收银机编号注册替换机",
        "Till {till} is revoked: enrol its replacement under a new till code",
    ),
    "reconciliation.bad_decision": ("请选择处理结论", "Choose a decision"),
    "reconciliation.note_needed": ("请填写处理说明（2–{max} 个字符）", "Write a note (2 to {max} characters)"),
    "reconciliation.not_found": ("找不到该对账事项", "There is no such reconciliation item"),
    "reconciliation.already_resolved": ("该事项已处理", "This item is already resolved"),
    # ---- receipts, returns, overrides (issue 16: journal, chain-wide returns, overrides) ----
    "journal.not_found": ("没有这个小票号的小票记录", "No receipt with that number in the receipt journal"),
    "returns.not_here_standalone": (
        "这张小票不是本收银台开的。本收银台未连接总部，只能退本收银台的小票：请到原门店退货",
        "This receipt was not issued at this till, and this till has no HQ connection: "
        "only its own receipts can be returned here. Return it where it was bought",
    ),
    "returns.hq_unreachable": (
        "这张小票不是本收银台开的，需要总部提供原销售记录，但现在连不上总部：请联网后再试，或到原门店退货",
        "This receipt is from another till: headquarters must supply the sale, but it cannot "
        "be reached now. Try again once online, or return it where it was bought",
    ),
    "returns.not_in_chain": (
        "总部也没有这张小票的销售记录（或原收银台尚未同步）：请核对小票号",
        "Headquarters has no sale with this receipt number either (or its till has not synced yet): check the number",
    ),
    "override.reason_needed": ("请填写原因", "Give a reason"),
    "override.reason_too_long": ("原因最多 {most} 个字", "The reason is at most {most} characters"),
    "override.price_range": ("新价格须低于原价 {most_yuan} 元", "The new price must be below the price of {most_yuan}"),
    "override.bad_price": ("价格必须是不小于零的金额", "The price must be an amount of zero or more"),
    "override.above_price": ("改价不能高于原价", "A price override cannot raise the price"),
    "discount.bad_value": (
        "折扣须为 1–50% 或 0.01–1000.00 元之一",
        "The discount is 1-50 % or 0.01-1000.00 yuan, one of them",
    ),
    # offline caps (issue 22: every spend of points and stored value, gifts included)
    "offline_caps.points_per_day": (
        "该会员今天在本机已用积分将超过离线上限 {limit} 分（还可用 {left} 分），请待总部确认余额后再用",
        "Points spent here today would pass the offline limit of {limit} ({left} left) "
        "until headquarters confirms the balance",
    ),
    "offline_caps.stored_value_per_day": (
        "该会员今天在本机已用储值将超过离线上限 ¥{limit_yuan}（还可用 ¥{left_yuan}），请待总部确认余额后再用",
        "Stored value spent here today would pass the offline limit of "
        "¥{limit_yuan} (¥{left_yuan} left) until headquarters confirms the balance",
    ),
    # start-up failures and maintenance commands (issue 22, defect 9; pos_app/startup.py, pos_app/__main__.py)
    "startup.db_not_a_database": (
        "收银数据库文件（{file}）已损坏，不是可用的数据库。收银机没有修改它。请用最近一次校验通过的备份恢复，或联系技术支持",
        "The till database ({file}) is damaged: it is not a usable database. The till did not "
        "change it. Restore the last verified backup, or call support",
    ),
    "startup.db_truncated": (
        "收银数据库文件（{file}）不完整（被截断），可能是复制或磁盘出错。收银机没有修改它。请用最近一次校验通过的备份恢复，或联系技术支持",
        "The till database ({file}) is incomplete (cut short), perhaps by a failed copy or a disk "
        "fault. The till did not change it. Restore the last verified backup, or call support",
    ),
    "startup.db_damaged": (
        "收银数据库文件（{file}）内部有损坏的数据页，为免记错账，收银机不会在它上面收银，也没有修改它。请用最近一次校验通过的备份恢复，或联系技术支持",
        "The till database ({file}) has damaged pages inside. So that no sale is recorded wrongly, "
        "the till will not sell on it, and did not change it. Restore the last verified backup, or "
        "call support",
    ),
    "startup.db_unreadable": (
        "无法读取收银数据库文件（{file}）。请检查文件权限或磁盘，然后重新启动",
        "The till database ({file}) cannot be read. Check the file's permissions or the disk, then start again",
    ),
    "startup.db_in_use": (
        "收银数据库正被其他程序占用。请关闭其他收银程序或备份工具后重新启动",
        "The till database is in use by another program. Close other till windows or backup tools, then start again",
    ),
    "startup.folder_read_only": (
        "数据文件夹只读，收银机无法保存销售：{folder}。请让管理员开放写权限或换一个数据文件夹（till.data_dir）",
        "The data folder is read-only, so the till cannot record sales: {folder}. Ask the "
        "administrator to allow writing there, or choose another data folder (till.data_dir)",
    ),
    "startup.disk_full": (
        "数据文件夹所在磁盘已满，收银机无法保存销售：{folder}。请清理磁盘空间（例如删除旧文件）后重新启动",
        "The disk of the data folder is full, so the till cannot record sales: {folder}. Free some "
        "space (delete old files, for example), then start again",
    ),
    "startup.folder_unusable": (
        "无法使用数据文件夹：{folder}（{reason}）。请检查该路径，或换一个数据文件夹（till.data_dir）",
        "The data folder cannot be used: {folder} ({reason}). Check the path, or choose another "
        "data folder (till.data_dir)",
    ),
    "startup.config_invalid": (
        "配置文件有误：{detail}。请改正配置文件后重新启动（可运行 pos-app check-config 检查）",
        "The configuration has a mistake: {detail}. Correct the file and start again (pos-app check-config checks it)",
    ),
    "startup.unexpected": (
        "收银机启动时出现意外错误（{kind}），数据库没有被修改。请重新启动；如仍不行，请导出诊断包（pos-app diagnostics）并联系技术支持",
        "The till met an unexpected error while starting ({kind}); the database was not changed. "
        "Start again; if it happens again, export the diagnostics (pos-app diagnostics) and call support",
    ),
    "startup.offer_backup": ("最近一次校验通过的备份：{backup}", "The last verified backup: {backup}"),
    "startup.no_backup": ("没有找到校验通过的备份。请联系技术支持", "No verified backup was found. Call support"),
    "startup.restore_done": (
        "已用备份 {backup} 恢复；原数据库文件保留为 {kept}。请重新启动收银机",
        "Restored from {backup}; the previous database file is kept as {kept}. Start the till again",
    ),
    "cli.backup_done": (
        "备份已写入并校验通过：{path}（{sales} 笔销售）",
        "Backup written and verified: {path} ({sales} sales)",
    ),
    "cli.backup_failed": (
        "备份失败，收银数据未受影响：{reason}",
        "The backup failed; the till's data is untouched: {reason}",
    ),
    "cli.restore_which": (
        "请指定要恢复的备份文件：pos-app restore 文件",
        "Say which backup to restore: pos-app restore FILE",
    ),
    "cli.restore_running": (
        "收银机正在使用这个数据文件夹，请先关闭收银机",
        "The till is running on this data folder: close it first",
    ),
    "cli.restore_done": (
        "已恢复 {file}；原数据库保留为 {kept}",
        "Restored {file}; the previous database is kept as {kept}",
    ),
    "cli.restore_failed": (
        "恢复失败，数据库没有改变：{reason}",
        "The restore failed; the database is unchanged: {reason}",
    ),
    "cli.diagnostics_done": ("诊断包已写入：{path}", "Diagnostics written to {path}"),
    "cli.config_valid": ("{file} 有效；数据文件夹：{folder}", "{file} is valid; data in {folder}"),
    "cli.config_none": ("没有配置文件：使用演示门店", "no configuration file: demo store"),
    "cli.already_running": ("会员收银台已在这个数据文件夹上运行", "MemberTill is already running on this data folder"),
    "cli.already_running_shown": (
        "会员收银台已在这个数据文件夹上运行，已将其窗口切到前台",
        "MemberTill is already running on this data folder; it was brought to the front",
    ),
    # ---- branch earn (issue 18: earning rules and benefits) ----
    "program.member_day_invalid": (
        "积分规则：会员日须为周一到周日之一，或每月 1 到 31 日之一",
        "Points program: the member day is a weekday (Monday to Sunday) or a day of the month (1 to 31)",
    ),
    "program.birthday_scope_unknown": (
        "积分规则：生日倍率的适用期须为生日当天、生日当周或生日当月",
        "Points program: the birthday multiplier applies on the birthday, in its week or in its month",
    ),
    "earning.sign_in_invalid": (
        "签到积分须为 1 到 31 天、每天 0 到 10000 的整数积分，连续签到满后封顶或重新计算",
        "Sign-in points: 1 to 31 days of 0 to 10,000 whole points each; after the last day the "
        "streak either stays at its last amount or starts again",
    ),
    "earning.referral_invalid": (
        "推荐奖励：邀请人与被邀请人各得 0 到 100000 的整数积分",
        "Referral rewards: 0 to 100,000 whole points for the inviter and for the invitee",
    ),
    "earning.profile_invalid": (
        "完善资料奖励：积分须为 0 到 100000 的整数，资料项须从姓名、生日、性别、地址、邮箱中选择",
        "Profile completion: 0 to 100,000 whole points, for fields among name, birthday, gender, address and e-mail",
    ),
    # ---- points mall, coupon store restrictions, exchange request keys (branch mall) ----
    "coupon.wrong_store": (
        "此券仅限门店 {stores} 使用，本店不可用",
        "This coupon may be used only at store(s) {stores}",
    ),
    "rules.unknown_store": (
        "{kind} {key}：“{field}”中的门店 {store} 不存在",
        "{kind} {key}: {field}: there is no store {store}",
    ),
    "coupon.request_key_reused": ("该请求编号已用于另一笔兑换", "This request key was used for another exchange"),
    "mall.points_short": ("可用积分不足 {points}，未兑换", "Fewer than {points} usable points: nothing redeemed"),
    "mall.unknown_member": ("会员不存在", "There is no such member"),
    "mall.request_key_invalid": (
        "请求编号须为 8 到 64 位字母、数字或 _.:-",
        "The request key must be 8 to 64 letters, digits or _.:-",
    ),
    "mall.item_id_invalid": (
        "商品编号须为 1 到 32 位字母、数字、_ 或 -",
        "The item id must be 1 to 32 letters, digits, _ or -",
    ),
    "mall.item_id_taken": ("该商品编号已被使用", "This item id is taken"),
    "mall.kind_invalid": ("商品类型须为礼品或优惠券", "The item must be a gift or a coupon"),
    "mall.name_invalid": ("商品名称须为 1 到 64 个字符", "The item name must be 1 to 64 characters"),
    "mall.points_invalid": ("所需积分须在 {low} 到 {high} 之间", "The points must be {low} to {high}"),
    "mall.stock_invalid": ("库存须在 {low} 到 {high} 之间", "The stock must be {low} to {high}"),
    "mall.limit_invalid": (
        "每人限兑须在 {low} 到 {high} 之间（0 为不限）",
        "The limit per member must be {low} to {high} (0: none)",
    ),
    "mall.valid_days_invalid": (
        "券有效天数须在 {low} 到 {high} 之间",
        "The coupon's validity must be {low} to {high} days",
    ),
    "mall.template_unknown": ("优惠券商品须选择一个已发布的券模板", "A coupon item needs a published coupon template"),
    "mall.item_unknown": ("商城中没有该商品或已下架", "There is no such item in the mall, or it is withdrawn"),
    "mall.limit_reached": (
        "“{item}”每人限兑 {limit} 件，已达上限",
        "{item} is limited to {limit} per member: limit reached",
    ),
    "mall.out_of_stock": ("“{item}”已兑完", "{item} is out of stock"),
    "mall.order_unknown": ("没有该兑换订单", "There is no such redemption order"),
    "mall.order_not_pending": (
        "该订单已不是待领取状态（已交付、已取消或已发券），未做更改",
        "This order is no longer pending (handed over, cancelled or issued): nothing done",
    ),
    "coupons.members_invalid": (
        "请填写 1 到 {max} 个会员号（每行一个，或用逗号分隔）",
        "Name 1 to {max} member ids (one a line, or separated by commas)",
    ),
    "coupons.how_invalid": ("请选择发放方式：发给会员或生成券码", "Choose how to issue: to members or as codes"),
    "mall.order_handed_here": ("该订单已在本机交付", "This order was already handed over at this till"),
    # ---- member data minimised and the database encrypted at rest (issue 22, branch tillsafe) ----
    "storage.key_wrong": (
        "无法用本机的密钥打开收银数据库文件（{file}）：密钥不对或已丢失，或这不是本收银机的文件。数据库没有被改动。请联系技术支持恢复密钥",
        "The till database file ({file}) cannot be opened with this till's key: the key is wrong "
        "or lost, or the file is another till's. The database was not changed. Call support to "
        "restore the key",
    ),
    "storage.encrypt_failed": (
        "收银数据库文件（{file}）加密后校验未通过，原文件保持不变。请联系技术支持",
        "Encrypting the till database file ({file}) did not check out; the original file is unchanged. Call support",
    ),
    "startup.key_wrong": (
        "收银数据库文件（{file}）已加密，但本机的密钥打不开它（密钥不对或已丢失）。数据库没有被改动。"
        "请联系技术支持恢复本机的密钥（见运行手册“数据库加密”）",
        "The till database file ({file}) is encrypted and this machine's key does not open it "
        "(wrong or lost key). The database was not changed. Call support to restore the till's key "
        "(operations manual, 'Encryption at rest')",
    ),
    # ---- branch feed (issue 22: members at a store; docs/sync.md) ----
    "member.unseen_offline": (
        "本店没有该会员的资料，总部暂时无法连接：可用会员手机号登记后本单积分，余额和积分待总部确认后才能使用",
        "This member is not known at this store and HQ cannot be reached: register their "
        "phone to earn points on this sale; balances can be spent once HQ confirms them",
    ),
    # ---- branch segments (issue 19) ----
    "segment.invalid": (
        "分群条件格式不对（每组为“全部/任一”加条件列表）",
        "The segment's conditions are malformed (groups of all/any with a list of conditions)",
    ),
    "segment.too_deep": ("分群条件最多嵌套 {depth} 层", "Segment conditions nest {depth} levels at most"),
    "segment.unknown_field": ("没有字段“{field}”", 'There is no field "{field}"'),
    "segment.op_invalid": ("字段 {field} 不能用运算 {op}", "Field {field} does not take the operator {op}"),
    "segment.value_invalid": (
        "条件的值不对：请填整数（金额可到分），“介于”填两个数",
        "A condition's value is wrong: a whole number (money to the fen), two numbers for 'between'",
    ),
    "segment.unknown": ("分群不存在", "There is no such segment"),
    "segment.name_invalid": ("请填写分群名称（1-64 字）", "Give the segment a name (1-64 characters)"),
    "campaign.name_invalid": ("请填写活动名称（1-64 字）", "Give the campaign a name (1-64 characters)"),
    "campaign.action_invalid": (
        "活动动作只能是发券、送积分或发消息",
        "A campaign's action is a coupon, points or a message",
    ),
    "campaign.trigger_invalid": ("触发方式只能是立即一次或每日", "A campaign runs once or daily"),
    "campaign.holdout_invalid": ("对照组比例应为 0 到 50 的整数", "The control share is a whole number from 0 to 50"),
    "campaign.budget_invalid": (
        "预算应为不小于 0 的整数（人数）",
        "The budget is a whole number of members, 0 or more",
    ),
    "campaign.limit_invalid": ("每人张数应为 1 到 5", "Coupons per member: 1 to 5"),
    "campaign.measure_invalid": ("观察天数应为 1 到 365", "Measured over 1 to 365 days"),
    "campaign.template_missing": ("请选择券模板", "Choose a coupon template"),
    "campaign.points_invalid": ("积分应为 1 到 100000 的整数", "Points: a whole number from 1 to 100000"),
    "campaign.text_missing": ("请填写消息内容", "Write the message text"),
    "campaign.unknown": ("活动不存在", "There is no such campaign"),
    "campaign.already_launched": ("活动已发起，不能再次发起", "The campaign was launched already"),
    "tag.name_invalid": (
        "标签名为 1-32 个汉字、字母、数字、下划线或连字符",
        "A tag is 1-32 letters, digits, Chinese characters, _ or -",
    ),
    "tag.members_invalid": ("请填写 1 到 1000 个会员号", "Give 1 to 1000 member ids"),
    "tag.unknown_member": (
        "有 {count} 个会员号不存在，未做任何修改",
        "{count} member ids are unknown: nothing was changed",
    ),
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
    return describe_code(error.code, lang, **error.params)


def describe_code(code: str, lang: str = "zh_CN", /, **params: Any) -> str:
    """The text of `code` with `params` in `lang` — for reasons handed over as a bare code (the
    scan classifier and member-code check in hardware/, sync's status), which know no classes of
    ours. An unknown code reads as "something unexpected" rather than as the code itself."""
    pair = TEXTS.get(code)
    if pair is None:
        pair = TEXTS["internal.unexpected"]
    template = pair[0] if lang.startswith("zh") else pair[1]
    values = dict(params)
    for key, value in params.items():
        if key.endswith("_fen") and isinstance(value, int):
            values[key[:-4] + "_yuan"] = _yuan(value)
    if "wallet" in values:  # a payment code's wallet, named in the reader's language
        values["wallet_name"] = WALLETS.get(values["wallet"], (values["wallet"],) * 2)[
            0 if lang.startswith("zh") else 1
        ]
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template
