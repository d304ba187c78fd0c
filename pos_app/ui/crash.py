"""Unhandled exceptions: logged with their trace, told to the cashier in one sentence, and the
till keeps running. The sale in progress is saved after every change, so nothing is lost; if the
app must restart, the cart is there again."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

log = logging.getLogger("membertill.crash")


class CrashReporter(QObject):
    crashed = Signal(str)

    def __init__(self, show: Callable[[str], None] | None = None):
        super().__init__()
        self.count = 0
        self.show = show
        self.crashed.connect(self._tell)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(self, kind, value, trace) -> None:
        self.count += 1
        log.critical("unhandled %s", kind.__name__, exc_info=(kind, value, trace))
        self.crashed.emit(kind.__name__)  # queued to the GUI thread when raised elsewhere

    def _tell(self, name: str) -> None:
        text = QCoreApplication.translate(
            "Crash", "Something went wrong (%1). The sale in progress is kept; details are in the log."
        ).replace("%1", name)
        if self.show is not None:
            self.show(text)
