"""The request body limit, enforced as the body streams in, for every route.

A `Content-Length` header is only a claim: a chunked request (no length at all) or one that
sends more than it announced must be cut off too. `BodyLimit` is a plain ASGI middleware that
reads the body before the app sees it, counting bytes as they arrive; past the limit it drops what
came, reads the rest without keeping it (up to `DRAIN_AT_MOST`) and answers 413; the app is not
called, so nothing is written. Under the limit the body is handed to the app as it came.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

MAX_BODY = 8 * 1024 * 1024  # bytes; a push of 500 events of a large sale is well under 2 MB
# past the limit, the rest of a body is read and dropped (never kept) up to this much before the
# 413 goes out, so that a client still sending can read the answer; beyond it the answer goes out
# and the connection closes
DRAIN_AT_MOST = 64 * 1024 * 1024

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def too_large_detail(limit: int) -> str:
    return f"Request too large (over {limit // 1024 // 1024} MB)"


class BodyLimit:
    """ASGI middleware: refuse (413) any HTTP request whose body passes `limit` bytes, whether
    it says so in Content-Length or streams it chunked. `on_refused()` is called for each refusal
    (the metrics count it)."""

    def __init__(self, app, limit: int = MAX_BODY, on_refused: Callable[[], None] | None = None):
        self.app, self.limit, self.on_refused = app, limit, on_refused

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or ()).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await self.refuse(send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client went away: nothing to answer
            body = message.get("body", b"")
            size += len(body)
            if size > self.limit:
                while message.get("more_body", False) and size <= DRAIN_AT_MOST:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return
                    size += len(message.get("body", b""))
                await self.refuse(send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        whole = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": whole, "more_body": False}
            return await receive()  # after the body: wait for the disconnect

        await self.app(scope, replay, send)

    async def refuse(self, send: Send) -> None:
        if self.on_refused is not None:
            self.on_refused()
        body = json.dumps({"detail": too_large_detail(self.limit)}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
