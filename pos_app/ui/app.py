"""Starting the till GUI: Qt application, font, theme, translations, the till and its window."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from . import i18n, theme


def _reads_pyside(module: Any) -> bool:
    """Whether a module's source names PySide6, read as bytes: what PySide6's own check asks,
    without keeping every source in `linecache` (below)."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def lighter_imports() -> None:
    """Once PySide6 is loaded it looks at every module imported after it (for its `__feature__`
    switches, which the till does not use) through `inspect.getsource`, which splits each source
    into lines and keeps them in `linecache` for the life of the process. The till loads
    SQLAlchemy, its models and pydantic after its window (issue 23): that cost 24 MB of memory
    and a third more time for those imports. The same question is answered here from the file's
    bytes, nothing kept. A PySide6 without that check is left as it is."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _reads_pyside  # type: ignore[attr-defined]


lighter_imports()


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


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]):
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)  # once this paint pass is on the screen
            self.deleteLater()
        return False


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Call `then` on the GUI thread once `widget` has been painted for the first time: start-up
    work the first screen does not need waits until the cashier sees it (pos_app/boot.py)."""
    _FirstPaint(widget, then)
