"""A network receipt printer stand-in for tests: first off (nobody listens on its port), then on
(a TCP listener that takes one print job and keeps the bytes)."""

from __future__ import annotations

import socket
import threading


class NetworkPrinter:
    def __init__(self):
        with socket.socket() as probe:  # a free port nobody listens on: the printer is off
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.received = bytearray()
        self._server: socket.socket | None = None
        self._reader: threading.Thread | None = None

    def switch_on(self) -> None:
        """Listen on the same port and read one connection until the sender closes it."""
        self._server = socket.socket()
        self._server.bind(("127.0.0.1", self.port))
        self._server.listen()

        def accept():
            conn, _ = self._server.accept()
            with conn:
                while chunk := conn.recv(65536):
                    self.received.extend(chunk)

        self._reader = threading.Thread(target=accept, daemon=True)
        self._reader.start()

    def wait_printed(self, timeout: float = 5.0) -> bytes:
        """The bytes of the job, once the sender has closed the connection."""
        self._reader.join(timeout)
        self._server.close()
        return bytes(self.received)
