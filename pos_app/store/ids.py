"""Identifiers: UUIDv7 (time-ordered, RFC 9562) for events and rows made at the till."""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last = (0, 0)


def uuid7(now_ms: int | None = None) -> uuid.UUID:
    """A UUIDv7: 48-bit Unix milliseconds, then a 12-bit counter (monotonic within a millisecond
    in this process), then 62 random bits. Sorting the ids sorts them by creation."""
    global _last
    with _lock:
        ms = int(time.time() * 1000) if now_ms is None else now_ms
        last_ms, counter = _last
        if ms <= last_ms:
            ms, counter = last_ms, counter + 1
            if counter > 0xFFF:
                ms, counter = last_ms + 1, 0
        else:
            counter = int.from_bytes(os.urandom(2), "big") & 0x3FF
        _last = (ms, counter)
    rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms << 80) | (0x7 << 76) | (counter << 64) | (0b10 << 62) | rand
    return uuid.UUID(int=value)


def new_id() -> str:
    return str(uuid7())
