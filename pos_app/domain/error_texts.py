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
    "coupon.unknown_template": ("券模板 {template} 不存在", "There is no coupon template {template}"),
    "coupon.valid_days_invalid": ("券的有效天数必须是 1 到 3660 天", "A coupon's validity must be 1 to 3660 days"),
    "coupon.budget_exhausted": ("券模板 {template} 的发放预算已用完（还可发 {left} 张）",
                                "The issue budget of coupon template {template} is spent ({left} left)"),
    "coupon.unknown_member": ("有 {count} 位会员不存在", "{count} of the members do not exist"),
    "coupon.count_invalid": ("券码数量必须是 1 到 100000", "The number of codes must be 1 to 100000"),
    "coupon.unknown_offer": ("没有积分兑换项 {offer}", "There is no points exchange offer {offer}"),
    "coupon.points_short": ("可用积分不足 {points}，无法兑换", "Fewer than {points} usable points: nothing exchanged"),
    "message.send_failed": ("短信服务商 {provider} 未能发送（{reason}）", "The SMS provider {provider} did not send ({reason})"),
    # ---- HQ console: sign-in, staff, permissions (hq-console) ----
    "console.sign_in_failed": ("用户名、密码或动态验证码不正确", "Wrong username, password or authenticator code"),
    "console.locked": ("登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试",
                       "Too many failed sign-ins: the account is locked, try again in {minutes} minutes"),
    "console.not_signed_in": ("请先登录", "Please sign in first"),
    "console.forbidden": ("您的角色没有此权限（{permission}）", "Your role does not allow this ({permission})"),
    "console.forbidden_store": ("您不负责门店 {store}", "You do not manage store {store}"),
    "console.too_many_sign_ins": ("登录尝试过于频繁，请一分钟后再试", "Too many sign-in attempts: try again in a minute"),
    "console.csrf": ("页面已过期，请刷新后重试", "This page has expired: reload it and try again"),
    "staff.password_too_short": ("密码至少需要 {min} 个字符", "The password needs at least {min} characters"),
    "staff.password_too_long": ("密码不能超过 {max} 个字符", "The password can have at most {max} characters"),
    "staff.bad_role": ("未知角色：{role}", "Unknown role: {role}"),
    "staff.stores_needed": ("店长账号需要指定负责的门店", "A store manager needs at least one store"),
    "staff.unknown_store": ("门店 {store} 不存在", "There is no store {store}"),
    "staff.unknown_chain": ("连锁 {chain} 不存在", "There is no chain {chain}"),
    "staff.username_taken": ("用户名 {username} 已被使用", "The username {username} is taken"),
    "staff.bad_username": ("用户名需为 2–32 位小写字母、数字或 . _ -",
                           "A username is 2-32 lowercase letters, digits or . _ -"),
    "staff.not_found": ("找不到该员工账号", "There is no such staff account"),
    "staff.last_admin": ("不能停用或降级最后一位连锁管理员", "The last chain admin cannot be deactivated or demoted"),
    "staff.wrong_password": ("当前密码不正确", "The current password is wrong"),
    "staff.totp_wrong_code": ("验证码不正确，请查看验证器中的 6 位数字", "Wrong code: enter the 6 digits your authenticator shows"),

    # ---- HQ rule publishing (hq/services/rules.py); {kind} {key} name the rule, {field} its field
    "rules.field_required": ("{kind} {key}：请填写“{field}”", "{kind} {key}: {field} is required"),
    "rules.text_too_long": ("{kind} {key}：“{field}”最多 {max} 个字", "{kind} {key}: {field} is at most {max} characters"),
    "rules.not_fen": ("{kind} {key}：“{field}”须为不小于 0 的金额（分，整数）",
                      "{kind} {key}: {field} must be a non-negative whole amount in fen"),
    "rules.not_percent": ("{kind} {key}：“{field}”须为 0 到 100 的整数百分比",
                          "{kind} {key}: {field} must be a whole percent from 0 to 100"),
    "rules.not_in_range": ("{kind} {key}：“{field}”须为 {low} 到 {high} 的整数",
                           "{kind} {key}: {field} must be a whole number from {low} to {high}"),
    "rules.not_yes_no": ("{kind} {key}：“{field}”须为是或否", "{kind} {key}: {field} must be yes or no"),
    "rules.not_id_list": ("{kind} {key}：“{field}”须为编号列表", "{kind} {key}: {field} must be a list of ids"),
    "rules.not_a_time": ("{kind} {key}：“{field}”不是有效的日期时间", "{kind} {key}: {field} is not a valid date and time"),
    "rules.not_a_choice": ("{kind} {key}：“{field}”须为以下之一：{choices}",
                           "{kind} {key}: {field} must be one of: {choices}"),
    "rules.not_a_weekday": ("{kind} {key}：“{field}”须为 0（周一）到 6（周日）",
                            "{kind} {key}: {field} must be 0 (Monday) to 6 (Sunday)"),
    "rules.not_a_ladder": ("{kind} {key}：“{field}”须为至少一档“满 X 分减 Y 分”",
                           "{kind} {key}: {field} must be at least one step of [spend fen, off fen]"),
    "rules.ladder_saves_too_much": ("{kind} {key}：“{field}”中满 {min_yuan} 元不能减 {off_yuan} 元（减额超过门槛）",
                                    "{kind} {key}: {field}: a step cannot take {off_yuan} off a spend of {min_yuan}"),
    "rules.not_bands": ("{kind} {key}：“{field}”每档须为 [起点金额（分）, 倍率 100–1000]",
                        "{kind} {key}: {field}: each band is [from fen, multiplier 100-1000]"),
    "rules.not_prices": ("{kind} {key}：“{field}”须为 商品编号 → 价格（分）",
                         "{kind} {key}: {field} must map product ids to prices in fen"),
    "rules.unknown_field": ("{kind} {key}：未知字段“{field}”", "{kind} {key}: unknown field {field}"),
    "rules.unknown_kind": ("未知规则类型 {kind}，可用：{choices}", "Unknown rule kind {kind}: one of {choices}"),
    "rules.not_a_row": ("{kind}：每条规则须为一个对象", "{kind}: each rule must be an object"),
    "rules.not_a_rule_setting": ("{kind} {key}：只有积分规则和计价选项可作为规则发布",
                                 "{kind} {key}: only points_program and pricing_options are published as rules"),
    "rules.window_reversed": ("{kind} {key}：“{field}”须晚于开始时间", "{kind} {key}: {field} must be after the start"),
    "rules.bonus_over_pay": ("{kind} {key}：“{field}”赠送金额不能超过充值金额",
                             "{kind} {key}: {field}: the bonus cannot exceed the amount paid"),
    "rules.key_mismatch": ("{kind} {key}：“{field}”与规则编号不符", "{kind} {key}: {field} does not match the rule's key"),
    "rules.refused_by_pricing": ("{kind} {key}：计价引擎拒绝此规则（{field}）：{reason}",
                                 "{kind} {key}: the pricing engine refuses this rule ({field}): {reason}"),
    "rules.no_entry_tier": ("会员等级须有一个级别为 0 的入门等级（“{field}”）",
                            "Tiers need one entry tier of rank 0 ({field})"),
    "rules.tier_rank_taken": ("{kind} {key}：“{field}”与等级 {other} 重复", "{kind} {key}: {field} is the same as tier {other}'s"),
    "rules.tier_in_use": ("{kind} {key}：仍有会员处于此等级，不能删除", "{kind} {key}: members still hold this tier; it cannot be removed"),
    "rules.unknown_product": ("{kind} {key}：“{field}”中的商品 {product} 不存在",
                              "{kind} {key}: {field}: there is no product {product}"),
    "rules.unknown_category": ("{kind} {key}：“{field}”中的品类 {category} 不存在",
                               "{kind} {key}: {field}: there is no category {category}"),
    "rules.nothing_to_publish": ("没有待发布的草稿", "There are no drafts to publish"),
    "rules.no_such_version": ("没有第 {key} 版规则", "There is no rule version {key}"),
    "rules.no_such_rule": ("{kind} {key}：没有这条已发布的规则", "{kind} {key}: no such published rule"),
    "rules.no_such_chain": ("没有连锁 {key}", "There is no chain {key}"),
    "rules.not_yuan": ("{kind} {key}：“{field}”须为不小于 0 的金额（元，最多两位小数）",
                       "{kind} {key}: {field} must be an amount in yuan, 0 or more, with at most two decimals"),
    "rules.not_a_number": ("{kind} {key}：“{field}”须为数字（金额最多两位小数）",
                           "{kind} {key}: {field} must be a number (amounts with at most two decimals)"),
    # ---- HQ member administration (hq/services/member_admin.py); {field} names the form field
    "members.query_invalid": ("请输入手机号、手机尾号 4 位、卡号、会员号或姓名（最多 40 个字）",
                              "Enter a phone, its last 4 digits, a card number, a member id or a name (up to 40 characters)"),
    "members.not_found": ("没有这位会员", "No such member"),
    "members.limit_invalid": ("“{field}”须为不小于 0 的整数", "{field} must be a whole number, 0 or more"),
    "members.adjust_not_whole": ("“{field}”须为整数（积分或分）", "{field} must be a whole number (points or fen)"),
    "members.adjust_nothing": ("请填写要调整的积分或储值", "Enter the points or stored value to adjust"),
    "members.adjust_reason_required": ("请填写原因（2 到 200 个字）", "Give a reason (2 to 200 characters)"),
    "members.adjust_below_zero": ("调整后积分不能为负：现有 {have} 分", "Points cannot go below zero: the member has {have}"),
    "members.adjust_below_zero_fen": ("调整后“{field}”不能为负：现有 {have_yuan} 元",
                                      "{field} cannot go below zero: the member has {have_yuan} yuan"),
    "members.no_such_adjustment": ("没有这笔调整", "No such adjustment"),
    "members.adjustment_decided": ("这笔调整已处理（{decision}）", "This adjustment was already decided ({decision})"),
    "members.approver_is_requester": ("须由另一位员工审批，不能审批自己提交的调整",
                                      "Another staff member must approve: you cannot approve your own adjustment"),
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
    "till.revoked_new_code": ("收银机 {till} 已停用，请用新的收银机编号注册替换机",
                              "Till {till} is revoked: enrol its replacement under a new till code"),
    "reconciliation.bad_decision": ("请选择处理结论", "Choose a decision"),
    "reconciliation.note_needed": ("请填写处理说明（2–{max} 个字符）", "Write a note (2 to {max} characters)"),
    "reconciliation.not_found": ("找不到该对账事项", "There is no such reconciliation item"),
    "reconciliation.already_resolved": ("该事项已处理", "This item is already resolved"),
    # offline caps (issue 22: every spend of points and stored value, gifts included)
    "offline_caps.points_per_day": ("该会员今天在本机已用积分将超过离线上限 {limit} 分（还可用 {left} 分），请待总部确认余额后再用",
                                    "Points spent here today would pass the offline limit of {limit} ({left} left) "
                                    "until headquarters confirms the balance"),
    "offline_caps.stored_value_per_day": ("该会员今天在本机已用储值将超过离线上限 ¥{limit_yuan}（还可用 ¥{left_yuan}），"
                                          "请待总部确认余额后再用",
                                          "Stored value spent here today would pass the offline limit of "
                                          "¥{limit_yuan} (¥{left_yuan} left) until headquarters confirms the balance"),
    # start-up failures and maintenance commands (issue 22, defect 9; pos_app/startup.py, pos_app/__main__.py)
    "startup.db_not_a_database": ("收银数据库文件（{file}）已损坏，不是可用的数据库。收银机没有修改它。请用最近一次校验通过的备份恢复，或联系技术支持",
                                  "The till database ({file}) is damaged: it is not a usable database. The till did not "
                                  "change it. Restore the last verified backup, or call support"),
    "startup.db_truncated": ("收银数据库文件（{file}）不完整（被截断），可能是复制或磁盘出错。收银机没有修改它。请用最近一次校验通过的备份恢复，或联系技术支持",
                             "The till database ({file}) is incomplete (cut short), perhaps by a failed copy or a disk "
                             "fault. The till did not change it. Restore the last verified backup, or call support"),
    "startup.db_damaged": ("收银数据库文件（{file}）内部有损坏的数据页，为免记错账，收银机不会在它上面收银，也没有修改它。请用最近一次校验通过的备份恢复，或联系技术支持",
                           "The till database ({file}) has damaged pages inside. So that no sale is recorded wrongly, "
                           "the till will not sell on it, and did not change it. Restore the last verified backup, or "
                           "call support"),
    "startup.db_unreadable": ("无法读取收银数据库文件（{file}）。请检查文件权限或磁盘，然后重新启动",
                              "The till database ({file}) cannot be read. Check the file's permissions or the disk, "
                              "then start again"),
    "startup.db_in_use": ("收银数据库正被其他程序占用。请关闭其他收银程序或备份工具后重新启动",
                          "The till database is in use by another program. Close other till windows or backup "
                          "tools, then start again"),
    "startup.folder_read_only": ("数据文件夹只读，收银机无法保存销售：{folder}。请让管理员开放写权限或换一个数据文件夹（till.data_dir）",
                                 "The data folder is read-only, so the till cannot record sales: {folder}. Ask the "
                                 "administrator to allow writing there, or choose another data folder (till.data_dir)"),
    "startup.disk_full": ("数据文件夹所在磁盘已满，收银机无法保存销售：{folder}。请清理磁盘空间（例如删除旧文件）后重新启动",
                          "The disk of the data folder is full, so the till cannot record sales: {folder}. Free some "
                          "space (delete old files, for example), then start again"),
    "startup.folder_unusable": ("无法使用数据文件夹：{folder}（{reason}）。请检查该路径，或换一个数据文件夹（till.data_dir）",
                                "The data folder cannot be used: {folder} ({reason}). Check the path, or choose another "
                                "data folder (till.data_dir)"),
    "startup.config_invalid": ("配置文件有误：{detail}。请改正配置文件后重新启动（可运行 pos-app check-config 检查）",
                               "The configuration has a mistake: {detail}. Correct the file and start again (pos-app "
                               "check-config checks it)"),
    "startup.unexpected": ("收银机启动时出现意外错误（{kind}），数据库没有被修改。请重新启动；如仍不行，请导出诊断包（pos-app diagnostics）并联系技术支持",
                           "The till met an unexpected error while starting ({kind}); the database was not changed. "
                           "Start again; if it happens again, export the diagnostics (pos-app diagnostics) and call support"),
    "startup.offer_backup": ("最近一次校验通过的备份：{backup}", "The last verified backup: {backup}"),
    "startup.no_backup": ("没有找到校验通过的备份。请联系技术支持", "No verified backup was found. Call support"),
    "startup.restore_done": ("已用备份 {backup} 恢复；原数据库文件保留为 {kept}。请重新启动收银机",
                             "Restored from {backup}; the previous database file is kept as {kept}. Start the till again"),
    "cli.backup_done": ("备份已写入并校验通过：{path}（{sales} 笔销售）", "Backup written and verified: {path} ({sales} sales)"),
    "cli.backup_failed": ("备份失败，收银数据未受影响：{reason}", "The backup failed; the till's data is untouched: {reason}"),
    "cli.restore_which": ("请指定要恢复的备份文件：pos-app restore 文件", "Say which backup to restore: pos-app restore FILE"),
    "cli.restore_running": ("收银机正在使用这个数据文件夹，请先关闭收银机", "The till is running on this data folder: close it first"),
    "cli.restore_done": ("已恢复 {file}；原数据库保留为 {kept}", "Restored {file}; the previous database is kept as {kept}"),
    "cli.restore_failed": ("恢复失败，数据库没有改变：{reason}", "The restore failed; the database is unchanged: {reason}"),
    "cli.diagnostics_done": ("诊断包已写入：{path}", "Diagnostics written to {path}"),
    "cli.config_valid": ("{file} 有效；数据文件夹：{folder}", "{file} is valid; data in {folder}"),
    "cli.config_none": ("没有配置文件：使用演示门店", "no configuration file: demo store"),
    "cli.already_running": ("会员收银台已在这个数据文件夹上运行", "MemberTill is already running on this data folder"),
    "cli.already_running_shown": ("会员收银台已在这个数据文件夹上运行，已将其窗口切到前台",
                                  "MemberTill is already running on this data folder; it was brought to the front"),
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
