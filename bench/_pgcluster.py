"""A private PostgreSQL cluster for a benchmark that restarts its database (bench hq_soak): made
with the server's own `initdb` / `pg_ctl` (/usr/lib/postgresql/*/bin) in a temporary folder, on
a free port, so that restarting it disturbs no other user of the machine's shared server. As
root, the server programs run as the `postgres` user (PostgreSQL refuses to run as root)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or ([path] if (path := shutil.which(name)) else [])
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} was not found (install the postgresql package)")
    return found[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    """initdb + pg_ctl start on 127.0.0.1:<free port>, trust auth, user postgres; `restart()`
    stops it (fast: sessions cut) and starts it again; `remove()` stops it and deletes its files."""

    def __init__(self, max_connections: int = 100):
        self.root = Path(tempfile.mkdtemp(prefix="membertill-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(
            _bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"
        )
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.root}'\n"
                f"max_connections = {max_connections}\nshared_buffers = 256MB\n"
            )
        self.start()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/soak"
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as c:
            c.execute("CREATE DATABASE soak")

    def dsn(self, db: str = "soak") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={db}"

    def _run(self, *cmd: str) -> None:
        if self.as_root:
            cmd = ("runuser", "-u", "postgres", "--", *cmd)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start(self) -> None:
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "-t", "60", "start")

    def stop(self) -> None:
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def restart(self) -> tuple[float, float]:
        """Stop and start again; (monotonic time it went down, time it answers again)."""
        down = time.monotonic()
        self.stop()
        self.start()
        return down, time.monotonic()

    def remove(self) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)
