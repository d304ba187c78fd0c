"""How a till reaches HQ: `Transport.request(method, path, body, token) -> (status, json)`.

`HttpTransport` is the real one (requests, with timeouts); tests put a simulated network with
faults in its place. A transport raises `Unreachable` when no answer came back at all (refused,
timed out, dropped): the till cannot know whether HQ acted, so everything it sends is idempotent.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

import requests

MAX_RETRY_AFTER_S = 300.0  # a Retry-After longer than this is taken as this


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("membertill")
    except PackageNotFoundError:
        return "dev"


class Unreachable(Exception):
    """No answer from HQ (or a 5xx). `code`/`params` are what the till's status bar shows (texts
    in pos_app/domain/error_texts.py); the message is for the log."""

    def __init__(self, message: str = "", *, code: str = "sync.unreachable", **params: Any) -> None:
        super().__init__(message or code)
        self.code, self.params = code, params


class Busy(Unreachable):
    """HQ answered 503 (or 429): it is there but asks to come back after `retry_after` seconds."""

    def __init__(self, message: str, retry_after: float):
        super().__init__(message)
        self.retry_after = retry_after


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float:
    """A Retry-After header (seconds, or an HTTP date) as seconds from now, 0 when absent/unreadable."""
    if not value:
        return 0.0
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    now = now or datetime.now(UTC)
    return max(0.0, min((when - now).total_seconds(), MAX_RETRY_AFTER_S))


class Transport(Protocol):
    def request(
        self, method: str, path: str, body: Any = None, token: str | None = None, params: dict | None = None
    ) -> tuple[int, Any]: ...


class HttpTransport:
    def __init__(self, base_url: str, timeout: tuple[float, float] = (3.0, 30.0)):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.http = requests.Session()
        # HQ's console shows each till's app version from this
        self.http.headers["User-Agent"] = f"MemberTill-till/{_version()} {self.http.headers['User-Agent']}"

    def request(
        self, method: str, path: str, body: Any = None, token: str | None = None, params: dict | None = None
    ) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        try:
            response = self.http.request(
                method, self.base_url + path, json=body, params=params, headers=headers, timeout=self.timeout
            )
        except requests.RequestException as exc:
            raise Unreachable(f"HQ unreachable: {type(exc).__name__}", kind=type(exc).__name__) from None
        if response.status_code in (429, 503):
            raise Busy(f"HQ busy ({response.status_code})", retry_after_seconds(response.headers.get("Retry-After")))
        try:
            data = response.json()
        except ValueError:
            data = {"detail": response.text[:200]}
        return response.status_code, data

    def probe(self) -> bool:
        """Whether HQ answers its health check (cheap: no database), with a short timeout."""
        try:
            return self.http.get(self.base_url + "/health", timeout=(1.0, 2.0)).status_code == 200
        except requests.RequestException:
            return False

    def close(self) -> None:
        self.http.close()
