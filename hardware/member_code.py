"""Member dynamic codes: signed on the member's phone, verified offline at any till.

Format (ASCII, fits a version-6 QR code in alphanumeric mode for demo ids)::

    MT1.<member id>.<time step>.<signature>

* ``member id`` - the member's id as HQ issued it;
* ``time step`` - decimal ``unix_seconds // STEP_SECONDS`` (30 s steps) when the phone made it;
* ``signature`` - Ed25519 over the ASCII bytes ``MT1.<member id>.<time step>``, made with the
  key that lives only on the member's device, in RFC 4648 base32 without padding (103 chars).

HQ registers the device's public key (32 bytes) and syncs it to every till. A till accepts a code
whose signature checks with that key, whose step began no more than ``max_age`` seconds ago and
not more than ``skew`` seconds in the future (the phone's clock may run ahead), and that this till
has not accepted before (replay key ``member id:step``). A screenshot therefore stops working about
a minute after it was taken, and no till can forge a code: it never holds a member's private key.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

PREFIX = "MT1"
STEP_SECONDS = 30
MAX_AGE_SECONDS = 60
SKEW_SECONDS = 15
MAX_CODE_LEN = 200


@dataclass(frozen=True)
class CodeCheck:
    ok: bool
    member_id: str = ""
    step: int = 0
    reason: str = ""

    @property
    def replay_key(self) -> str:
        return f"{self.member_id}:{self.step}"


def _message(member_id: str, step: int) -> bytes:
    return f"{PREFIX}.{member_id}.{step}".encode("ascii")


def make_code(private_key: Ed25519PrivateKey, member_id: str, now_unix: int) -> str:
    """What the member's phone shows now (rotates every STEP_SECONDS)."""
    step = int(now_unix) // STEP_SECONDS
    signature = private_key.sign(_message(member_id, step))
    return f"{PREFIX}.{member_id}.{step}.{base64.b32encode(signature).decode().rstrip('=')}"


def public_key_bytes(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def demo_private_key(member_id: str) -> Ed25519PrivateKey:
    """The demo store's phones derive their key from the member id. Demo only: a real device
    generates a random key and only its public half ever leaves the phone."""
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"membertill-demo:" + member_id.encode()).digest())


def parse(code: str) -> tuple[str, int, bytes] | None:
    if not isinstance(code, str) or len(code) > MAX_CODE_LEN or not code.isascii():
        return None
    parts = code.strip().split(".")
    if len(parts) != 4 or parts[0].upper() != PREFIX or not parts[1] or not parts[2].isdigit():
        return None
    sig = parts[3].upper()
    try:
        raw = base64.b32decode(sig + "=" * (-len(sig) % 8))
    except (ValueError, TypeError):
        return None
    if len(raw) != 64 or len(parts[2]) > 12:
        return None
    return parts[1], int(parts[2]), raw


def verify(
    code: str,
    public_key_for: Callable[[str], bytes | None],
    now_unix: int,
    seen: Callable[[str], bool] = lambda key: False,
    *,
    max_age: int = MAX_AGE_SECONDS,
    skew: int = SKEW_SECONDS,
) -> CodeCheck:
    """Check a scanned member code offline. Never raises; a refusal says why as an error code
    (member_code.*; texts in pos_app/domain/error_texts.py)."""
    parsed = parse(code)
    if parsed is None:
        return CodeCheck(False, reason="member_code.invalid")
    member_id, step, signature = parsed
    key = public_key_for(member_id)
    if not key:
        return CodeCheck(False, member_id, step, "member_code.no_phone")
    try:
        Ed25519PublicKey.from_public_bytes(bytes(key)).verify(signature, _message(member_id, step))
    except (InvalidSignature, ValueError):
        return CodeCheck(False, member_id, step, "member_code.bad_signature")
    started = step * STEP_SECONDS
    if now_unix - started > max_age + skew:
        return CodeCheck(False, member_id, step, "member_code.expired")
    if started - now_unix > skew:
        return CodeCheck(False, member_id, step, "member_code.from_future")
    check = CodeCheck(True, member_id, step)
    if seen(check.replay_key):
        return CodeCheck(False, member_id, step, "member_code.replayed")
    return check
