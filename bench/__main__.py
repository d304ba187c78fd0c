"""Entry point: `python -m bench NAME [--quick] [args]` runs `bench/NAME.py`'s `main`."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys

import bench


def available() -> list[str]:
    return sorted(
        m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_") and m.name != "stats"
    )


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in available():
        print(f"usage: python -m bench NAME [--quick]; NAME is one of: {', '.join(available())}")
        return 2
    module = importlib.import_module(f"bench.{argv[0]}")
    result = module.main(argv[1:])
    print(json.dumps(result, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
