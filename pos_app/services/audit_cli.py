"""`python -m pos_app.services.audit_cli [DATABASE]`: verify the till's hash-chained audit log."""

from __future__ import annotations

import sys

from pos_app.store import Database, default_database_path

from .auth import verify_audit
from .till import Till


def main(argv: list[str]) -> int:
    path = argv[0] if argv else default_database_path()
    ok, bad_id, count = verify_audit(Till(Database(path)))
    if ok:
        print(f"audit log intact: {count} entries verified")
        return 0
    print(f"audit log BROKEN at entry {bad_id} (checked {count} entries)")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
