"""Render the sample member receipt as the preview images used in docs/hardware.md.

.venv/bin/python tools/receipt_previews.py docs/receipts [zh_CN|en]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from bench.receipt import completed_sale
from hardware.preview import preview
from pos_app.services.receipts import sale_receipt
from pos_app.ui import i18n


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/receipts")
    language = argv[1] if len(argv) > 1 else "zh_CN"
    app = QCoreApplication.instance() or QCoreApplication([])
    i18n.install(app, language, Path(tempfile.mkdtemp()))
    out.mkdir(parents=True, exist_ok=True)
    store, sale = completed_sale(8)
    receipt = sale_receipt(store, sale)
    for paper in (58, 80):
        path = out / f"receipt-{paper}mm.png"
        preview(receipt, paper).save(path)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
