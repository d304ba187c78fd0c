"""Identifiers: UUIDv7 (time-ordered, RFC 9562) for events and rows made at the till."""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last = (0, 0)


def _uuid7_int(now_ms: int | None = None) -> int:
    global _last
    random = int.from_bytes(os.urandom(10))  # one read of the OS's randomness for both parts
    with _lock:
        ms = int(time.time() * 1000) if now_ms is None else now_ms
        last_ms, counter = _last
        if ms <= last_ms:
            ms, counter = last_ms, counter + 1
            if counter > 0xFFF:
                ms, counter = last_ms + 1, 0
        else:
            counter = (random >> 64) & 0x3FF
        _last = (ms, counter)
    return (ms << 80) | (0x7 << 76) | (counter << 64) | (0b10 << 62) | (random & ((1 << 62) - 1))


def uuid7(now_ms: int | None = None) -> uuid.UUID:
    """A UUIDv7: 48-bit Unix milliseconds, then a 12-bit counter (monotonic within a millisecond
    in this process), then 62 random bits. Sorting the ids sorts them by creation."""
    return uuid.UUID(int=_uuid7_int(now_ms))


def new_id() -> str:
    """A new UUIDv7 as text (`str(uuid7())`, formatted here: a sale makes three, and the UUID
    object was most of their cost)."""
    h = f"{_uuid7_int():032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
