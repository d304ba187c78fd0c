"""`python -m pos_app` / `pos-app`: start the till.

With no configuration, the till opens the embedded demo store (its database in the app-data
folder); `--screenshot DIR` renders each main screen of the demo to PNGs and exits;
`--demo-pricing` prints the rules engine's worked example.
"""
from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="pos-app", description="MemberTill cashier till")
    p.add_argument("--demo", action="store_true", help="open the embedded demo store (default with no configuration)")
    p.add_argument("--data-dir", type=Path, help="folder for the till database (default: the OS app-data folder)")
    p.add_argument("--lang", choices=["zh_CN", "en"], help="language (default: the till's setting, else zh_CN)")
    p.add_argument("--screenshot", type=Path, metavar="DIR", help="render the main screens to PNGs in DIR and exit")
    p.add_argument("--demo-pricing", action="store_true", help="print a worked pricing example and exit")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(list(sys.argv[1:] if argv is None else argv))
    if args.demo_pricing:
        from pos_app.domain.demo import print_demo_pricing
        print_demo_pricing()
        return 0
    data_dir = args.data_dir or Path(user_data_dir("MemberTill", appauthor=False))
    cache_dir = Path(user_cache_dir("MemberTill", appauthor=False))
    from pos_app.services.demo import open_demo_till
    from pos_app.services import settings as till_settings
    if args.screenshot:
        from pos_app.ui.screenshots import render_all
        return render_all(args.screenshot, args.lang or "zh_CN", cache_dir)
    print("Opening the MemberTill demo store (first start creates its database) ...", flush=True)
    till = open_demo_till(data_dir / "demo" / "till.sqlite3")
    language = args.lang or till_settings.load(till)["language"]
    from pos_app.ui.app import run
    printing = receipt_printing(till, data_dir / "demo" / "receipts.bin")
    return run(till, demo=True, language=language, cache_dir=cache_dir, printing=printing)


def receipt_printing(till, paper_file: Path):
    """The demo store prints to a file (the bytes a printer would get) - no paper needed."""
    from hardware.printing import PrinterConfig, PrintQueue
    from pos_app.services.receipts import ReceiptPrinting
    paper_file.parent.mkdir(parents=True, exist_ok=True)
    return ReceiptPrinting(till.store, PrintQueue(PrinterConfig(kind="file", path=str(paper_file))))


if __name__ == "__main__":
    sys.exit(main())
