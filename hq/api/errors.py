"""The error answers HQ's JSON routes document (`{"detail": "..."}`)."""

from typing import Any

from sync.protocol import Problem

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem},
    403: {"model": Problem},
    409: {"model": Problem},
    422: {"model": Problem},
}
