"""A refusal raised by a service reaches a Chinese screen in Chinese (issue 16, defect 14):
the dialogs showed `str(error)`, the English sentence, and the main window matched English text
against a table that missed most messages."""

from __future__ import annotations

from pos_app.services import login, register
from pos_app.services.errors import InvalidInput
from pos_app.ui.dialogs import RegisterMemberDialog
from pos_app.ui.main_window import TillWindow
from pos_app.ui.messages import text_of, text_of_code

from .conftest import settle
from .test_till_flows import make_window


def test_a_refused_registration_is_explained_in_chinese_in_the_dialog(qtbot, till, translated):
    manager = login(till, "9999")
    window = make_window(qtbot, till, translated)  # the dialog's parent, as in the till
    dialog = RegisterMemberDialog(
        lambda phone, name, birthday, consent: register(till, manager, phone, name, birthday, consent), window
    )
    dialog.show()
    qtbot.keyClicks(dialog.phone, "23800138000")  # 11 digits, but not a mainland mobile
    dialog.consent.setChecked(True)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=30000)
    assert dialog.error.text() == "手机号为以 1 开头的 11 位数字"


def test_a_member_field_that_cannot_be_edited_is_refused_in_chinese(translated):
    # one of the service errors the old English-matching table had no entry for
    assert text_of(InvalidInput("member.field_not_editable")) == "此处只能修改姓名、生日、手机号和授权"


def test_an_uncoded_exception_never_shows_its_english_text(translated):
    text = text_of(KeyError("members.phone"))
    assert "members" not in text and text.startswith("出现意外错误")


def test_an_unknown_coupon_is_refused_in_chinese_on_the_till_screen(qtbot, till, translated):
    window = make_window(qtbot, till, translated)
    from .test_till_flows import open_shift_and_login

    open_shift_and_login(qtbot, window)
    session = window.session
    window.call(lambda: session.apply_coupon("CPN-NOPE-0000"), window.show_view)
    settle(qtbot)
    assert window.till_screen.message.text() == "未知优惠券 CPN-NOPE-0000"


def test_hq_refusing_the_till_reads_in_chinese_in_the_status_bar(qtbot, till, translated):
    from sync.till import SyncRefused

    refused = SyncRefused(401, "This till was revoked: stolen")
    status = {
        "online": False,
        "waiting": 3,
        "last_success": None,
        "refused": True,
        "last_error": refused.detail,
        "error_code": refused.code,
        "error_params": refused.params,
    }
    window = TillWindow(till, demo=True, sync_status=lambda: status)
    qtbot.addWidget(window)
    window.refresh_sync()
    assert "本收银台已被停用：stolen" in window.sync_label.text()


def test_a_printer_that_is_not_found_reads_in_chinese_with_what_the_device_said(translated):
    assert (
        text_of_code("printer.not_found", detail="[Errno 111] Connection refused")
        == "找不到打印机：请检查是否开机并连接（[Errno 111] Connection refused）"
    )
