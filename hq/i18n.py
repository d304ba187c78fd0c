"""The console's texts: one catalogue, zh_CN first, English complete (`tests/hq/test_i18n.py`
fails on a key a template uses that is missing here, or on an empty text in either language).

Why a dict and not Babel/gettext: it is the shape the project already uses for its error texts
(`pos_app/domain/error_texts.TEXTS`, `(zh, en)` per code), it needs no compile step (.po -> .mo)
in `dev.py` or the bundle, a missing English text is a test failure rather than a silent
fall-back to the msgid, and the console's two languages are fixed. The language is the
`hq_lang` cookie (zh_CN by default). Keep each area's keys in its own block (merges stay easy).
"""
from __future__ import annotations

from typing import Any, Callable

from pos_app.domain import error_texts

LANGS = ("zh_CN", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- shell (hq-console) -----------------------------------------------------------------------
    "app.title": ("会员云总部后台", "MemberTill HQ console"),
    "app.short": ("总部后台", "HQ console"),
    "nav.home": ("首页", "Home"),
    "nav.rules": ("规则发布", "Rules"),
    "nav.members": ("会员", "Members"),
    "nav.stores": ("门店与收银机", "Stores and tills"),
    "nav.reconciliation": ("对账队列", "Reconciliation"),
    "nav.staff": ("员工账号", "Staff"),
    "nav.audit": ("审计日志", "Audit log"),
    "nav.account": ("我的账号", "My account"),
    "nav.sign_out": ("退出登录", "Sign out"),
    "nav.language": ("语言", "Language"),
    "lang.zh_CN": ("中文", "中文"),
    "lang.en": ("English", "English"),
    "common.save": ("保存", "Save"),
    "common.cancel": ("取消", "Cancel"),
    "common.filter": ("筛选", "Filter"),
    "common.clear": ("清除", "Clear"),
    "common.none": ("暂无", "None"),
    "common.yes": ("是", "Yes"),
    "common.no": ("否", "No"),
    "common.more": ("更早的记录", "Older entries"),
    "common.all": ("全部", "All"),
    "common.actions": ("操作", "Actions"),
    "common.done": ("已保存", "Saved"),
    "error.title": ("无法完成操作", "This could not be done"),
    "error.back": ("返回首页", "Back to home"),
    "error.not_found": ("页面不存在", "There is no such page"),
    # sign-in
    "signin.title": ("登录总部后台", "Sign in to the HQ console"),
    "signin.username": ("用户名", "Username"),
    "signin.password": ("密码", "Password"),
    "signin.otp": ("动态验证码（已启用时填写）", "Authenticator code (if enabled)"),
    "signin.submit": ("登录", "Sign in"),
    "signin.signed_out": ("您已退出登录。", "You have signed out."),
    # home
    "home.title": ("首页", "Home"),
    "home.welcome": ("您好，{name}", "Hello, {name}"),
    "home.role": ("角色：{role}", "Role: {role}"),
    "home.stores_scope": ("负责门店：{stores}", "Your stores: {stores}"),
    "home.members": ("会员总数", "Members"),
    "home.stores": ("门店", "Stores"),
    "home.tills": ("收银机", "Tills"),
    "home.open_items": ("待处理对账", "Open reconciliation items"),
    "home.chart": ("待处理对账事项（按类型）", "Open reconciliation items by kind"),
    "home.chart_empty": ("没有待处理的对账事项。", "No open reconciliation items."),
    "home.what_you_can_do": ("您可以：", "You can:"),
    # roles
    "role.chain_admin": ("连锁管理员", "Chain admin"),
    "role.marketing": ("市场营销", "Marketing"),
    "role.finance": ("财务", "Finance"),
    "role.store_manager": ("店长", "Store manager"),
    "role.auditor": ("审计员（只读）", "Auditor (read-only)"),
    # permissions (shown on the home page and the staff page)
    "perm.console.view": ("查看后台", "Use the console"),
    "perm.jobs.view": ("查看定时任务运行记录", "View scheduled job runs"),
    "perm.jobs.rerun": ("重新运行定时任务", "Re-run scheduled jobs"),
    "perm.account.manage": ("管理自己的账号", "Manage one's own account"),
    "perm.audit.view": ("查看审计日志", "View the audit log"),
    "perm.staff.view": ("查看员工账号", "View staff accounts"),
    "perm.staff.manage": ("管理员工账号", "Manage staff accounts"),
    "perm.stores.view": ("查看门店与收银机", "View stores and tills"),
    "perm.stores.manage": ("创建门店", "Create stores"),
    "perm.tills.manage": ("发放注册码、停用收银机", "Issue enrolment codes, revoke tills"),
    "perm.reconciliation.view": ("查看对账队列", "View the reconciliation queue"),
    "perm.reconciliation.resolve": ("处理对账事项", "Resolve reconciliation items"),
    "perm.rules.view": ("查看规则", "View rules"),
    "perm.rules.edit": ("编辑规则草稿", "Edit draft rules"),
    "perm.rules.publish": ("发布与回滚规则", "Publish and roll back rules"),
    "perm.members.view": ("查看会员", "View members"),
    "perm.members.adjust": ("调整积分与储值", "Adjust points and stored value"),
    "perm.members.approve": ("审批调整", "Approve adjustments"),
    "perm.members.merge": ("合并会员", "Merge members"),
    "perm.members.export": ("导出会员数据（个人信息保护法）", "Export a member's data (PIPL)"),
    "perm.members.delete": ("删除会员（匿名化）", "Delete a member (anonymise)"),
    # staff and account
    "staff.title": ("员工账号", "Staff accounts"),
    "staff.username": ("用户名", "Username"),
    "staff.display_name": ("姓名", "Name"),
    "staff.role": ("角色", "Role"),
    "staff.stores": ("门店（店长必填，逗号分隔）", "Stores (store managers; comma-separated)"),
    "staff.stores_short": ("负责门店", "Stores"),
    "staff.active": ("启用", "Active"),
    "staff.locked": ("已锁定", "Locked"),
    "staff.totp": ("动态验证码", "Authenticator"),
    "staff.password": ("初始密码（至少 10 位）", "First password (10 characters or more)"),
    "staff.create": ("新建账号", "New account"),
    "staff.created": ("账号 {username} 已创建。", "Account {username} created."),
    "staff.change": ("修改", "Change"),
    "staff.reset_password": ("重置密码", "Reset password"),
    "staff.new_password": ("{username} 的新密码（只显示一次）：{password}",
                           "New password for {username} (shown once): {password}"),
    "staff.disable_totp": ("关闭动态验证码", "Turn off authenticator"),
    "account.title": ("我的账号", "My account"),
    "account.change_password": ("修改密码", "Change password"),
    "account.current_password": ("当前密码", "Current password"),
    "account.new_password": ("新密码（至少 10 位）", "New password (10 characters or more)"),
    "account.password_changed": ("密码已修改。", "Your password was changed."),
    "account.totp_title": ("动态验证码（TOTP）", "Authenticator (TOTP)"),
    "account.totp_on": ("已启用：登录时需要填写验证器中的 6 位数字。",
                        "On: signing in asks for the 6 digits your authenticator shows."),
    "account.totp_off": ("未启用。用验证器应用扫描下方二维码或输入密钥，然后填写它显示的 6 位数字。",
                         "Off. Scan the QR code below with an authenticator app (or type the key), then enter the 6 digits it shows."),
    "account.totp_key": ("密钥", "Key"),
    "account.totp_code": ("验证器显示的 6 位数字", "The 6 digits your authenticator shows"),
    "account.totp_enable": ("启用", "Turn on"),
    "account.totp_disable": ("关闭", "Turn off"),
    # reconciliation kinds (hq/models.ReconciliationItem.kind)
    "recon.kind.coupon_reused": ("优惠券重复使用", "Coupon used twice"),
    "recon.kind.points_overdraw": ("积分透支", "Points overdrawn"),
    "recon.kind.points_uncovered": ("积分无可扣批次（已过期或已用）", "Points not covered by any lot (lapsed or spent)"),
    "recon.kind.stored_value_overdraw": ("储值透支", "Stored value overdrawn"),
    "recon.kind.phone_merged": ("同一手机号合并", "Same phone merged"),
    "recon.kind.coupon_unknown": ("未知优惠券", "Unknown coupon"),
    "recon.kind.phone_conflict": ("手机号冲突", "Phone number conflict"),
    # stores and tills
    "stores.title": ("门店与收银机", "Stores and tills"),
    "stores.create": ("新建门店", "New store"),
    "stores.code": ("门店编码", "Store code"),
    "stores.name": ("门店名称", "Store name"),
    "stores.created": ("门店 {code} 已创建。", "Store {code} created."),
    "stores.tills": ("收银机", "Tills"),
    "stores.no_tills": ("尚无收银机。", "No tills yet."),
    "stores.till": ("收银机", "Till"),
    "stores.state": ("状态", "State"),
    "stores.enrolled": ("已注册", "Enrolled"),
    "stores.waiting": ("待注册", "Not enrolled yet"),
    "stores.revoked_badge": ("已停用", "Revoked"),
    "stores.last_contact": ("最近联系", "Last contact"),
    "stores.never": ("从未", "Never"),
    "stores.ago_s": ("{n} 秒前", "{n} s ago"),
    "stores.ago_m": ("{n} 分钟前", "{n} min ago"),
    "stores.ago_h": ("{n} 小时前", "{n} h ago"),
    "stores.ago_d": ("{n} 天前", "{n} days ago"),
    "stores.events": ("已送达事件", "Events at HQ"),
    "stores.lag": ("送达延迟（最近 50 笔最长）", "Delivery lag (longest of last 50)"),
    "stores.version": ("应用版本", "App version"),
    "stores.unknown": ("未知", "Unknown"),
    "stores.issue_code": ("发放注册码", "Issue enrolment code"),
    "stores.till_code": ("收银机编号", "Till code"),
    "stores.code_issued": ("门店 {store} 收银机 {till} 的一次性注册码（7 天内有效，只显示一次）：{code}",
                           "One-time enrolment code for store {store} till {till} (valid 7 days, shown once): {code}"),
    "stores.revoke": ("停用", "Revoke"),
    "stores.revoke_reason": ("停用原因", "Reason"),
    "stores.revoked": ("收银机已停用，其令牌立即失效。", "The till is revoked: its token stops working at once."),
    "dur.s": ("{n} 秒", "{n} s"),
    "dur.m": ("{n} 分钟", "{n} min"),
    "dur.h": ("{n} 小时", "{n} h"),
    "dur.d": ("{n} 天", "{n} days"),
    # reconciliation
    "recon.title": ("对账队列", "Reconciliation queue"),
    "recon.counts": ("按门店和类型统计", "By store and kind"),
    "recon.store": ("门店", "Store"),
    "recon.kind": ("类型", "Kind"),
    "recon.open": ("待处理", "Open"),
    "recon.resolved_n": ("已处理", "Resolved"),
    "recon.state": ("状态", "State"),
    "recon.state.open": ("待处理", "Open"),
    "recon.state.resolved": ("已处理", "Resolved"),
    "recon.state.all": ("全部", "All"),
    "recon.item": ("事项", "Item"),
    "recon.member": ("会员", "Member"),
    "recon.ref": ("单据/券码", "Reference"),
    "recon.detail": ("详情", "Detail"),
    "recon.created": ("发现时间", "Found"),
    "recon.decision": ("处理结论", "Decision"),
    "recon.note": ("处理说明", "Note"),
    "recon.resolve": ("处理", "Resolve"),
    "recon.resolved": ("事项 #{id} 已处理。", "Item #{id} resolved."),
    "recon.by": ("{who} 于 {at}", "{who} at {at}"),
    "recon.empty": ("没有符合条件的事项。", "No items match."),
    "recon.no_store": ("（无门店）", "(no store)"),
    "recon.decision.accept_loss": ("接受损失", "Accept the loss"),
    "recon.decision.recovered": ("已向会员追回", "Recovered from the member"),
    "recon.decision.adjusted": ("已人工调整账户", "Account adjusted by hand"),
    "recon.decision.no_action": ("无需处理", "No action needed"),
    # audit
    "audit.title": ("审计日志", "Audit log"),
    "audit.at": ("时间", "When"),
    "audit.staff": ("操作人", "Who"),
    "audit.action": ("操作", "What"),
    "audit.target": ("对象", "Target"),
    "audit.change": ("变更前 → 变更后", "Before → after"),
    "audit.client": ("来源地址", "From"),
    "audit.since": ("起始日期", "From date"),
    "audit.until": ("截止日期", "To date"),
    "audit.chain_ok": ("哈希链校验通过：共 {n} 条记录，未被篡改。", "Hash chain verified: {n} entries, none altered."),
    "audit.chain_bad": ("哈希链校验失败：第 {id} 条记录被修改、删除或插入。",
                        "Hash chain broken: entry {id} was edited, deleted or inserted."),
    "audit.verify": ("校验哈希链", "Verify the hash chain"),
    "audit.empty": ("没有符合条件的记录。", "No entries match."),
    "audit.cli": ("命令行", "command line"),
    # ---- member lifecycle (issue 18): scheduled jobs ----
    "nav.jobs": ("定时任务", "Scheduled jobs"),
    "jobs.title": ("定时任务运行记录", "Scheduled job runs"),
    "jobs.intro": ("每个任务每个周期只运行一次；中断后从上次提交处继续；重新运行同一周期不会重复处理。",
                   "Each job runs once per period; a run that stopped resumes where it last committed; "
                   "re-running a period changes nothing twice."),
    "jobs.job": ("任务", "Job"),
    "jobs.period": ("周期", "Period"),
    "jobs.status": ("状态", "Status"),
    "jobs.rows": ("处理行数", "Rows touched"),
    "jobs.chunks": ("批次", "Chunks"),
    "jobs.runs": ("运行次数", "Runs"),
    "jobs.started": ("开始", "Started"),
    "jobs.duration": ("耗时", "Duration"),
    "jobs.error": ("失败原因", "Failure"),
    "jobs.rerun": ("重新运行", "Re-run"),
    "jobs.rerun_title": ("重新运行某个周期", "Re-run a period"),
    "jobs.rerun_done": ("{job} {period} 已重新运行：状态 {status}，累计处理 {rows} 行。",
                        "{job} {period} re-run: {status}, {rows} rows in all."),
    "jobs.empty": ("还没有任务运行记录。", "No job has run yet."),
    "jobs.status.done": ("完成", "done"),
    "jobs.status.running": ("运行中 / 已中断", "running / interrupted"),
    "jobs.status.failed": ("失败", "failed"),
    "jobs.name.points_expiry": ("积分过期", "Points expiry"),
    "jobs.name.expiry_reminders": ("积分到期提醒", "Expiry reminders"),
    "jobs.name.tier_review": ("等级复核", "Tier review"),
    "jobs.name.birthday_benefits": ("生日礼", "Birthday benefits"),
    "jobs.name.member_day": ("会员日", "Member day"),
    "jobs.name.daily_rollups": ("每日汇总", "Daily rollups"),
}

# the audit log's action names, shown in the console (other areas add theirs in their own block)
ACTIONS: dict[str, tuple[str, str]] = {
    "staff.created": ("新建员工账号", "Staff account created"),
    "staff.changed": ("修改员工账号", "Staff account changed"),
    "staff.password_reset": ("重置密码", "Password reset"),
    "staff.password_changed": ("修改自己的密码", "Own password changed"),
    "staff.totp_enabled": ("启用动态验证码", "Authenticator turned on"),
    "staff.totp_disabled": ("关闭动态验证码", "Authenticator turned off"),
    "staff.signed_in": ("登录", "Signed in"),
    "staff.signed_out": ("退出登录", "Signed out"),
    "staff.locked": ("多次登录失败，账号锁定", "Locked after failed sign-ins"),
    "store.created": ("新建门店", "Store created"),
    "till.code_issued": ("发放收银机注册码", "Till enrolment code issued"),
    "till.revoked": ("停用收银机", "Till revoked"),
    "reconciliation.resolved": ("处理对账事项", "Reconciliation item resolved"),
    # member lifecycle (issue 18)
    "job.rerun": ("重新运行定时任务", "Scheduled job re-run"),
}


def lang_of(value: str | None, default: str = "zh_CN") -> str:
    return value if value in LANGS else default


def translate(key: str, lang: str, **params: Any) -> str:
    pair = MESSAGES.get(key)
    if pair is None:
        return key                          # a test fails on any key a template uses that is missing
    text = pair[0] if lang == "zh_CN" else pair[1]
    return text.format(**params) if params else text


def action_text(action: str, lang: str) -> str:
    pair = ACTIONS.get(action)
    return (pair[0] if lang == "zh_CN" else pair[1]) if pair else action


def translator(lang: str) -> Callable[..., str]:
    def t(key: str, **params: Any) -> str:
        return translate(key, lang, **params)
    return t


def describe_error(error: Any, lang: str) -> str:
    """A coded error (DomainError and subclasses) in the console's language."""
    return error_texts.describe(error, lang)
