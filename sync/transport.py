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


class SyncRefused(Exception):
    """HQ answered with a 4xx: retrying the same thing will not help (revoked, bad request).
    `code`/`params` are what the till's screen shows (texts in pos_app/domain/error_texts.py)."""

    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail
        self.code, self.params = refusal_code(status, detail)


# HQ's answers are English sentences (hq/service.py); the few a till's screen must show are
# named here, once, at the protocol's edge. Anything else is shown as "HQ refused (status)".
_REFUSALS = {
    "Unknown till token: enrol this till again": "sync.token_unknown",
    "Missing till token: enrol this till first": "sync.token_missing",
    "This enrolment code is unknown, used or expired: ask HQ for a new one": "sync.enrol_code_invalid",
}
_REVOKED = "This till was revoked: "


def refusal_code(status: int, detail: str) -> tuple[str, dict[str, Any]]:
    if detail.startswith(_REVOKED):
        return "sync.revoked", {"reason": detail[len(_REVOKED) :][:200]}
    if detail in _REFUSALS:
        return _REFUSALS[detail], {}
    return "sync.refused", {"status": status}


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

    def request_text(
        self, method: str, path: str, token: str | None = None, params: dict | None = None
    ) -> tuple[int, str]:
        """As `request`, the answer's body as text, not parsed (a snapshot page: the till's SQLite
        reads it, sync/bootstrap.py)."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        try:
            response = self.http.request(
                method, self.base_url + path, params=params, headers=headers, timeout=self.timeout
            )
        except requests.RequestException as exc:
            raise Unreachable(f"HQ unreachable: {type(exc).__name__}", kind=type(exc).__name__) from None
        if response.status_code in (429, 503):
            raise Busy(f"HQ busy ({response.status_code})", retry_after_seconds(response.headers.get("Retry-After")))
        response.encoding = "utf-8"  # HQ's JSON
        return response.status_code, response.text

    def probe(self) -> bool:
        """Whether HQ answers its health check (cheap: no database), with a short timeout."""
        try:
            return self.http.get(self.base_url + "/health", timeout=(1.0, 2.0)).status_code == 200
        except requests.RequestException:
            return False

    def close(self) -> None:
        self.http.close()
