"""What a till may keep of a member (issue 22): only what selling needs.

A till holds the masked phone (138****5678) and its last four digits (the counter's look-up by
last four), a keyed hash of the full phone (HMAC-SHA256 with the chain's look-up key: a number
typed at the counter is hashed and found exactly, but the table lists no phone number), the
masked name (张*) and the birth month and day (the birthday-month points; no year). HQ makes
these from its members with the same functions (hq/snapshot.py), so the full phone, name and
birthday never leave HQ for a till. Pure functions: no I/O, no clock.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Callable
from datetime import date
from typing import Any

MEMBER_FIELDS = ("masked_phone", "phone_hash", "phone_last4", "masked_name", "birth_md")


def mask_phone(phone: str) -> str:
    """138****5678: the middle four digits hidden (what screens, receipts and the till keep)."""
    phone = phone.strip()
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 8 else "****"


def mask_name(name: str) -> str:
    """The first character and one or two stars: 张三 -> 张*, 欧阳娜娜 -> 欧**."""
    name = name.strip()
    if not name:
        return ""
    return name[0] + "*" * (1 if len(name) <= 2 else 2)


def phone_hash(key: bytes, phone: str) -> str:
    """The keyed hash a till finds a typed phone number by: HMAC-SHA256 of its digits, the first
    96 bits in URL-safe base64 (16 characters: no collision in any chain's lifetime)."""
    digits = phone if phone.isdigit() else "".join(c for c in phone if c.isdigit())
    # hmac.digest: the one-shot C path (HQ hashes every member of a snapshot: 1M calls)
    return base64.urlsafe_b64encode(hmac.digest(key, digits.encode("ascii"), hashlib.sha256)[:12]).decode()


_URLSAFE = bytes.maketrans(b"+/", b"-_")


def phone_hasher(key: bytes) -> Callable[[str], str]:
    """`phone_hash` with `key` fixed, for hashing many phones (HQ's snapshot: 1M members): HMAC's
    keyed inner and outer SHA-256 states are made once and copied per phone (RFC 2104), which is
    2-3x faster than `hmac.digest` setting up the key each time (OpenSSL 3). Same results."""
    block = key if len(key) <= 64 else hashlib.sha256(key).digest()
    block = block.ljust(64, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in block))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in block))
    b64 = binascii.b2a_base64

    def hashed(phone: str) -> str:
        digits = phone if phone.isdigit() else "".join(c for c in phone if c.isdigit())
        i = inner.copy()
        i.update(digits.encode("ascii"))
        o = outer.copy()
        o.update(i.digest())
        return b64(o.digest()[:12], newline=False).translate(_URLSAFE).decode("ascii")

    return hashed


def placeholder_hash(member_id: str) -> str:
    """What a till keeps in place of a phone hash it cannot make yet (no key) or a phone HQ gave
    to another member: never equal to a hash ('~' is not base64), unique per member."""
    return "~" + member_id[-15:]


def birth_md(birthday: date | str | None) -> str | None:
    """'MM-DD' of a birthday (a date or ISO text), or None; never the year."""
    if birthday is None or birthday == "":
        return None
    text = birthday.isoformat() if isinstance(birthday, date) else str(birthday)
    return text[5:10] if len(text) >= 10 and text[4] == "-" else None


def month_day(md: str | None) -> tuple[int, int] | None:
    """(month, day) of an 'MM-DD' birth day (None when unknown or unreadable)."""
    try:
        month, day = (int(md[:2]), int(md[3:5])) if md and len(md) == 5 and md[2] == "-" else (0, 0)
    except ValueError:
        return None
    return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def minimised(key: bytes | None, phone: str, name: str, birthday: date | str | None) -> dict[str, str | None]:
    """The member fields a till keeps (MEMBER_FIELDS), from the full ones; `key` None: no hash
    (the caller puts `placeholder_hash(member id)`)."""
    return {
        "masked_phone": mask_phone(phone),
        "phone_hash": phone_hash(key, phone) if key else None,
        "phone_last4": phone.strip()[-4:],
        "masked_name": mask_name(name),
        "birth_md": birth_md(birthday),
    }


PERSONAL_EVENT_KINDS = ("member_registered", "member_edited")


def scrubbed(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """An outbox event's payload once HQ has acknowledged it: the full phone, name and birthday a
    registration or an edit carried to HQ (it must: HQ keeps the member) are masked; the till keeps
    the event as a record of what was sent, not the person."""
    if kind == "member_registered":
        return {
            **payload,
            "phone": mask_phone(str(payload.get("phone") or "")),
            "name": mask_name(str(payload.get("name") or "")),
            "birthday": None,
            "scrubbed": True,
        }
    if kind == "member_edited":
        fields = dict(payload.get("fields") or {})
        if "phone" in fields:
            fields["phone"] = mask_phone(str(fields["phone"] or ""))
        if "name" in fields:
            fields["name"] = mask_name(str(fields["name"] or ""))
        if "birthday" in fields:
            fields["birthday"] = birth_md(fields["birthday"])
        return {**payload, "fields": fields, "scrubbed": True}
    return payload
