"""`python -m pos_app` / `pos-app`: start the till.

Until the till UI lands this prints a demo pricing of a sample cart from the rules engine
(`--demo-pricing` always does).
"""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        from pos_app.domain.demo import print_demo_pricing
    except ImportError:
        print("MemberTill: the rules engine is not built yet.")
        return 0
    print_demo_pricing()
    return 0


if __name__ == "__main__":
    sys.exit(main())
