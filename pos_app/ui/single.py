"""One till per data folder: a second launch focuses the first instead of opening the database
twice (QLockFile guards the folder; a QLocalServer lets the second launch say "show yourself")."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket


def server_name(data_dir: Path) -> str:
    return "membertill-" + hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]


class SingleInstance(QObject):
    """`acquire()` is True for the first instance; `activated` fires when another launch asks."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        data_dir.mkdir(parents=True, exist_ok=True)
        self.name = server_name(data_dir)
        self.lock = QLockFile(str(data_dir / "till.lock"))
        self.lock.setStaleLockTime(0)
        self.server: QLocalServer | None = None

    def acquire(self) -> bool:
        if not self.lock.tryLock(100):
            if self.lock.error() == QLockFile.LockError.LockFailedError and self.lock.removeStaleLockFile():
                if not self.lock.tryLock(100):
                    return False
            else:
                return False
        QLocalServer.removeServer(self.name)
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._on_connection)
        self.server.listen(self.name)
        return True

    def _on_connection(self) -> None:
        server = self.server  # set by acquire(), which connected this slot
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: s.readAll())
            socket.disconnected.connect(socket.deleteLater)
            self.activated.emit()

    def ask_first_to_show(self, timeout_ms: int = 2000) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(b"show\n")
        socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return True

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
        self.lock.unlock()
