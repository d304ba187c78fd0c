"""Settings (issue 16, defect 13): one model in the config file's vocabulary; what a manager saves
in the dialog is read by boot at the next start, printer and language included."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from pos_app.boot import Boot
from pos_app.config import load
from pos_app.services import login
from pos_app.services import settings as till_settings
from pos_app.ui import i18n
from pos_app.ui.settings import SettingsDialog


def config_file(tmp_path, ui_demo_file):
    data = tmp_path / "data"
    (data / "demo").mkdir(parents=True)
    shutil.copy(ui_demo_file, data / "demo" / "till.sqlite3")
    path = tmp_path / "config.toml"
    path.write_text(f'[till]\ndata_dir = "{data.as_posix()}"\ndemo = true\n', encoding="utf-8")
    return path


def boot_till(path):
    boot = Boot(load(path))
    till = boot.open_till()
    boot.apply_saved_settings(till)
    return boot, till.prepare()


def dialog_for(qtbot, boot, till):
    """The dialog with a parent window, as in the till (qtbot closes the window at the end; a
    parentless dialog freed by Python's collector in the middle of Qt's events can crash Qt)."""
    host = QWidget()
    qtbot.addWidget(host)
    values = till_settings.load(till, boot.config.values)
    dialog = SettingsDialog(till, values, host, cashier=login(till, "9999"))
    dialog.host = host  # the test holds the dialog, the dialog its host
    dialog.show()
    return dialog


def test_printer_and_language_saved_in_the_dialog_are_what_the_next_start_uses(
    qtbot, qapp, translated, tmp_path, ui_demo_file
):
    path = config_file(tmp_path, ui_demo_file)
    boot, till = boot_till(path)
    assert (boot.config["printer.kind"], boot.config["printer.paper_mm"], boot.language) == ("dummy", 58, "zh_CN")
    dialog = dialog_for(qtbot, boot, till)
    assert dialog.printer_kind.currentData() == "dummy" and dialog.language.currentData() == "zh_CN"
    paper = tmp_path / "paper.bin"
    dialog.printer_kind.setCurrentIndex(dialog.printer_kind.findData("file"))
    dialog.printer_path.setText(str(paper))
    dialog.paper_mm.setCurrentIndex(dialog.paper_mm.findData(80))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=30000)
    till.db.close()

    again, till = boot_till(path)  # the next start
    assert again.config["printer.kind"] == "file" and again.config["printer.path"] == str(paper)
    assert again.config["printer.paper_mm"] == 80 and again.language == "en"
    printing = again.printing(till)
    assert printing.queue.config.kind == "file" and printing.queue.config.paper_mm == 80
    printing.queue.close()
    translator = again.apply_language(qapp, translated)
    try:
        assert i18n.current() == "en"
        assert (
            QCoreApplication.translate("TillWindow", "Offline mode (no headquarters configured)")
            == "Offline mode (no headquarters configured)"
        )
    finally:
        qapp.removeTranslator(translator)
        i18n.install(qapp, "zh_CN", tmp_path / "qm")
    till.db.close()


def test_a_language_given_on_the_command_line_wins_over_the_saved_one(tmp_path, ui_demo_file, qapp):
    path = config_file(tmp_path, ui_demo_file)
    boot, till = boot_till(path)
    with till.uow() as uow:
        uow.rules.set_setting("devices", {"till": {"language": "en"}})
        uow.commit()
    till.db.close()
    cli = Boot(load(path), language="zh_CN")
    till = cli.open_till()
    cli.apply_saved_settings(till)
    assert cli.language == "zh_CN"
    till.db.close()


def test_a_printer_setting_that_cannot_work_is_refused_in_chinese_and_nothing_is_saved(
    qtbot, translated, tmp_path, ui_demo_file
):
    path = config_file(tmp_path, ui_demo_file)
    boot, till = boot_till(path)
    dialog = dialog_for(qtbot, boot, till)
    dialog.printer_kind.setCurrentIndex(dialog.printer_kind.findData("network"))
    dialog.printer_host.setText("")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=30000)
    assert dialog.error.text() == "网络打印机需要填写 printer.host"
    assert till_settings.saved(till) == {}
    till.db.close()


def test_settings_saved_in_the_old_vocabulary_are_read_in_the_new_one(tmp_path, ui_demo_file):
    path = config_file(tmp_path, ui_demo_file)
    boot, till = boot_till(path)
    with till.uow() as uow:
        uow.rules.set_setting(
            "devices",
            {
                "printer": {"type": "network", "target": "10.0.0.9:9101", "width": 80},
                "scanner": {"type": "serial", "port": "COM4", "baud": 9600},
                "hq": {"url": ""},
                "language": "en",
            },
        )
        uow.commit()
    till.db.close()
    again, till = boot_till(path)
    assert (again.config["printer.kind"], again.config["printer.host"], again.config["printer.port"]) == (
        "network",
        "10.0.0.9",
        9101,
    )
    assert again.config["printer.paper_mm"] == 80 and again.config["scanner.serial"] == "COM4"
    assert again.language == "en"
    till.db.close()


def test_the_dialog_starts_from_what_the_till_runs_with_not_from_defaults(qtbot, till, translated):
    """A till configured by its config file (a network printer): opening the settings and saving
    must not put the default printer in its place."""
    from pos_app.config import validate
    from pos_app.ui.main_window import TillWindow

    running = validate({"printer": {"kind": "network", "host": "10.0.0.9", "paper_mm": 80}})
    window = TillWindow(till, demo=True, config_values=running)
    qtbot.addWidget(window)
    window.cashier = login(till, "9999")
    seen = {}

    def look(dialog):
        seen.update(
            kind=dialog.printer_kind.currentData(), host=dialog.printer_host.text(), paper=dialog.paper_mm.currentData()
        )
        dialog.reject()

    from .test_till_flows import when_modal

    when_modal(qtbot, look)
    window.shifts.settings()
    qtbot.waitUntil(lambda: "kind" in seen, timeout=30000)
    assert seen == {"kind": "network", "host": "10.0.0.9", "paper": 80}
