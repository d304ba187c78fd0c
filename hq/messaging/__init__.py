"""The message channel (issue 18): one interface, `MessageChannel.send`, with three providers —
`OutboxProvider` (keeps messages in HQ's `messages` table: tests, and chains without SMS),
`AliyunSms` and `TencentSms` (the vendors' official SDKs; sign names and template codes come
from `SmsSettings`, never from code). Deciding to send (`queue`, in the transaction that decides
it: consent, send limits, once per member, purpose and period) is apart from sending
(`deliver`, afterwards, by the worker): a crash between the two loses nothing and sends nothing twice.
"""

from __future__ import annotations

from .channel import MessageChannel, OutboxProvider, SendFailed, channel_from, store_settings, stored_settings
from .queue import deliver, queue
from .settings import SmsSettings

__all__ = [
    "MessageChannel",
    "OutboxProvider",
    "SendFailed",
    "SmsSettings",
    "channel_from",
    "deliver",
    "queue",
    "store_settings",
    "stored_settings",
]
