"""What the till window's action groups share (issue 21: `TillWindow` split by responsibility).

The window holds the screen's state (the sale session, the view shown, the cashier, the open
dialogs) and the plumbing (`call` runs a service in the background, `show_view`, `_approval`
asks for a manager's PIN, `print_later`); a part holds the handlers of one responsibility and
reaches that state through `self.w`. Its strings are translated in its own context (lupdate
reads `self.tr` by the enclosing class)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from .main_window import TillWindow


class WindowPart:
    def __init__(self, window: TillWindow):
        self.w = window

    def tr(self, text: str) -> str:
        return QCoreApplication.translate(type(self).__name__, text)
