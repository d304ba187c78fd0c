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
