"""How a till reaches HQ: `Transport.request(method, path, body, token) -> (status, json)`.

`HttpTransport` is the real one (requests, with timeouts); tests put a simulated network with
faults in its place. A transport raises `Unreachable` when no answer came back at all (refused,
timed out, dropped): the till cannot know whether HQ acted, so everything it sends is idempotent.
"""
from __future__ import annotations

from typing import Any, Protocol

import requests


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("membertill")
    except PackageNotFoundError:
        return "dev"


class Unreachable(Exception):
    pass


class Transport(Protocol):
    def request(self, method: str, path: str, body: Any = None, token: str | None = None,
                params: dict | None = None) -> tuple[int, Any]: ...


class HttpTransport:
    def __init__(self, base_url: str, timeout: tuple[float, float] = (3.0, 30.0)):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.http = requests.Session()
        # HQ's console shows each till's app version from this
        self.http.headers["User-Agent"] = f"MemberTill-till/{_version()} {self.http.headers['User-Agent']}"

    def request(self, method: str, path: str, body: Any = None, token: str | None = None,
                params: dict | None = None) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        try:
            response = self.http.request(method, self.base_url + path, json=body, params=params, headers=headers,
                                         timeout=self.timeout)
        except requests.RequestException as exc:
            raise Unreachable(f"HQ unreachable: {type(exc).__name__}") from None
        try:
            data = response.json()
        except ValueError:
            data = {"detail": response.text[:200]}
        return response.status_code, data

    def close(self) -> None:
        self.http.close()
