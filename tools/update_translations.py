"""Refresh resources/translations/*.ts from the sources with Qt's lupdate (shipped in PySide6).

    .venv/bin/python tools/update_translations.py

Existing translations are kept; new strings arrive marked unfinished. The English file is the
identity (source = translation) and is filled in here; Chinese is translated by hand in the .ts
(Qt Linguist or a text editor). tests/test_translations.py fails while anything is unfinished.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations"


def sources() -> list[Path]:
    """Every Python file that calls tr() or translate()."""
    found = []
    for folder in ("pos_app", "hardware", "sync"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if "tr(" in text or "translate(" in text:
                found.append(path)
    return found


def lupdate() -> str:
    exe = Path(PySide6.__file__).parent / "lupdate"
    return str(exe) if exe.exists() else "pyside6-lupdate"


def run_lupdate(ts: Path) -> None:
    """Merge every source string into `ts` (translations kept, new ones unfinished)."""
    subprocess.run(
        [lupdate(), *map(str, sources()), "-no-obsolete", "-locations", "none", "-ts", str(ts)],
        check=True,
        capture_output=True,
    )


def fill_english(path: Path) -> None:
    tree = ET.parse(path)
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") == "unfinished":
            translation.text = message.findtext("source")
            del translation.attrib["type"]
    tree.write(path, encoding="utf-8", xml_declaration=True)


def main() -> int:
    for language in ("zh_CN", "en"):
        run_lupdate(TS_DIR / f"membertill_{language}.ts")
    fill_english(TS_DIR / "membertill_en.ts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
