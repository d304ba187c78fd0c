"""Apply a {source: Chinese} table to the unfinished entries of the zh_CN .ts (a helper for
translators working without Qt Linguist): python tools/zh_fill.py table.json"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[1] / "resources" / "translations" / "membertill_zh_CN.ts"


def main(table_file: str) -> int:
    table = json.loads(Path(table_file).read_text(encoding="utf-8"))
    tree = ET.parse(TS)
    left = []
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation.get("type") != "unfinished":
            continue
        source = message.findtext("source")
        if source in table:
            translation.text = table[source]
            del translation.attrib["type"]
        else:
            left.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    for source in left:
        print("untranslated:", source)
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
