"""Member dynamic codes: made on the phone, verified offline; tampered, expired, replayed, forged or
other-member codes are refused with a reason."""

from __future__ import annotations

import zxingcpp
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image

from hardware import member_code as mc
from hardware.member_phone import main as phone

NOW = 1_795_400_000
KEYS = {m: mc.public_key_bytes(mc.demo_private_key(m)) for m in ("M00000001", "M00000002")}


def verify(code, now=NOW, seen=lambda key: False):
    return mc.verify(code, KEYS.get, now, seen)


def test_a_fresh_code_verifies_and_names_the_member():
    code = mc.make_code(mc.demo_private_key("M00000001"), "M00000001", NOW)
    check = verify(code)
    assert check.ok and check.member_id == "M00000001" and check.reason == ""
    assert len(code) < 140 and code.isascii()


def test_it_stops_working_about_a_minute_after_it_was_shown():
    code = mc.make_code(mc.demo_private_key("M00000001"), "M00000001", NOW)
    start = NOW // 30 * 30
    assert verify(code, start + 60).ok
    assert verify(code, start + 60 + mc.SKEW_SECONDS).ok
    late = verify(code, start + 61 + mc.SKEW_SECONDS)
    assert not late.ok and late.reason == "member_code.expired"
    assert verify(code, start - mc.SKEW_SECONDS).ok  # phone clock a little ahead
    early = verify(code, start - mc.SKEW_SECONDS - 1)
    assert not early.ok and early.reason == "member_code.from_future"


def test_tampered_forged_other_member_and_replayed_codes_are_refused():
    code = mc.make_code(mc.demo_private_key("M00000001"), "M00000001", NOW)
    prefix, member, step, sig = code.split(".")
    tampered = ".".join([prefix, member, str(int(step) + 1), sig])
    assert verify(tampered).reason == "member_code.bad_signature"
    flipped = ".".join([prefix, member, step, ("A" if sig[0] != "A" else "B") + sig[1:]])
    assert not verify(flipped).ok
    other = ".".join([prefix, "M00000002", step, sig])  # M1's signature, M2's id
    assert verify(other).reason == "member_code.bad_signature"
    forged = mc.make_code(Ed25519PrivateKey.generate(), "M00000001", NOW)  # a till cannot sign
    assert verify(forged).reason == "member_code.bad_signature"
    unknown = mc.make_code(mc.demo_private_key("M00000099"), "M00000099", NOW)
    assert verify(unknown).reason == "member_code.no_phone"
    used = {verify(code).replay_key}
    replay = verify(code, seen=used.__contains__)
    assert not replay.ok and replay.reason == "member_code.replayed"
    for junk in ("", "MT1.", "MT1.a.b.c", "MT1.M1.12.!!!", "x" * 500, "MT1.M1.1.AAAA", "MT1.M1.99999999999999.AA"):
        assert not mc.verify(junk, KEYS.get, NOW).ok


def test_the_phone_command_saves_a_qr_that_decodes_and_verifies(tmp_path, capsys):
    path = tmp_path / "code.png"
    assert phone(["M00000002", "--qr", str(path), "--at", str(NOW)]) == 0
    printed = capsys.readouterr().out.strip()
    decoded = zxingcpp.read_barcodes(Image.open(path))[0]
    assert decoded.text == printed
    assert verify(decoded.text).ok and verify(decoded.text).member_id == "M00000002"
