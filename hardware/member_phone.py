"""Play the member's phone: print the current member code for a demo member and save its QR.

    python -m hardware.member_phone M00000001 --qr code.png

The demo store's members derive their device key from their id (see `demo_private_key`).
"""

from __future__ import annotations

import argparse
import time

import qrcode

from .member_code import demo_private_key, make_code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("member_id")
    parser.add_argument("--qr", help="save the QR code image to this PNG file")
    parser.add_argument("--at", type=int, help="unix time to make the code for (default: now)")
    args = parser.parse_args(argv)
    code = make_code(demo_private_key(args.member_id), args.member_id, args.at or int(time.time()))
    print(code)
    if args.qr:
        qrcode.make(code).save(args.qr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
