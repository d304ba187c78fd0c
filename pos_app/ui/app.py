"""Starting the till GUI: Qt application, font, theme, translations, the till and its window."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from . import i18n, theme


def make_app(language: str, cache_dir: Path) -> tuple[QApplication, Any]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("MemberTill")
    theme.apply(app)
    translator = i18n.install(app, language, cache_dir)
    return app, translator


def run(till: Any, *, demo: bool, language: str, cache_dir: Path, printing: Any = None,
        sync_status: Any = None) -> int:
    app, _translator = make_app(language, cache_dir)
    from .main_window import TillWindow
    window = TillWindow(till, demo=demo, printing=printing, sync_status=sync_status)
    window.show()
    code = app.exec()
    from .worker import wait_idle
    wait_idle()
    return code
