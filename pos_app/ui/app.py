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
