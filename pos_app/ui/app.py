"""Starting the till GUI: Qt application, font, theme, translations, the till and its window."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any, cast

from PySide6.QtWidgets import QApplication

from . import i18n, theme


def make_app(language: str, cache_dir: Path) -> tuple[QApplication, Any]:
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))  # ours: a QApplication
    app.setApplicationName("MemberTill")
    theme.apply(app)
    translator = i18n.install(app, language, cache_dir)
    return app, translator


def settle_memory() -> None:
    """Once the till is built: collect, then freeze what is alive (modules, Qt wrappers, rules)
    so that later full collections walk only what the day allocates. Unfrozen, a full collection
    over the start-up heap took 63 ms on the scale data set - a visible hitch in the middle of
    a scan (python -m bench ui)."""
    gc.collect()
    gc.freeze()
