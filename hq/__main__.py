"""`pos-hq` / `python -m hq`: run and administer the HQ member cloud.

    pos-hq serve [--db URL] [--host 127.0.0.1] [--port 8700]     start HQ (uvicorn)
    pos-hq demo [--db URL] [--stores S001,S002] [--tills 2]        load the demo chain, print enrolment codes
    pos-hq chain NAME | store CHAIN CODE NAME | till STORE CODE     create; `till` prints a one-time code
    pos-hq revoke TILL_ID REASON
    pos-hq reconciliation                                           list reconciliation items
    pos-hq bounds CHAIN [--points-per-event N ...]                  show or set what one till may credit

The database defaults to a SQLite file in the HQ data folder (an embedded demo HQ); production
uses PostgreSQL: --db postgresql+psycopg://user@host/dbname (or MEMBERTILL_HQ_DB). The admin
API needs MEMBERTILL_HQ_ADMIN_TOKEN.
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir


def default_db() -> str:
    folder = Path(user_data_dir("MemberTill-HQ", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'hq.sqlite3'}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="pos-hq", description="MemberTill HQ member cloud")
    p.add_argument("--db", default=os.environ.get("MEMBERTILL_HQ_DB") or None)
    sub = p.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700)
    serve.add_argument("--workers", type=int, default=1, help="worker processes (PostgreSQL only)")
    demo = sub.add_parser("demo")
    demo.add_argument("--stores", default="S001")
    demo.add_argument("--tills", type=int, default=2)
    demo.add_argument("--products", type=int, default=2000)
    demo.add_argument("--members", type=int, default=10000)
    chain = sub.add_parser("chain")
    chain.add_argument("name")
    store = sub.add_parser("store")
    store.add_argument("chain_id")
    store.add_argument("code")
    store.add_argument("name")
    till = sub.add_parser("till")
    till.add_argument("store_code")
    till.add_argument("code")
    revoke = sub.add_parser("revoke")
    revoke.add_argument("till_id")
    revoke.add_argument("reason")
    sub.add_parser("reconciliation")
    bounds = sub.add_parser("bounds", help="what one till may credit per event and per day (hq/till_bounds.py)")
    bounds.add_argument("chain_id")
    for name in ("points_per_event", "points_per_day", "stored_value_fen_per_event", "stored_value_fen_per_day"):
        bounds.add_argument("--" + name.replace("_", "-"), type=int, dest=name)
    args = p.parse_args(argv)

    from .service import HQ, HQError
    if args.command == "serve":
        from .pool import PoolPlan, PoolRefused, check_server
        try:                              # pools sized from one setting, checked against the server
            plan = PoolPlan.from_env(workers=args.workers)
            if (args.db or "").startswith("postgresql"):
                plan.engine_options()
                check_server(args.db, plan)
        except PoolRefused as exc:
            print(f"HQ not started: {exc}", file=sys.stderr)
            return 2
        os.environ.update(plan.env())
    hq = HQ(args.db or default_db())
    try:
        if args.command == "serve":
            import uvicorn
            if args.workers > 1:
                from .metrics import ENV, multiproc_dir, remove
                os.environ["MEMBERTILL_HQ_DB"] = hq.url
                counters = multiproc_dir()          # /metrics adds up every worker's counters
                os.environ[ENV] = str(counters)
                hq.engine.dispose()       # the workers open their own pools; this process keeps none
                try:
                    uvicorn.run("hq.asgi:app", host=args.host, port=args.port, workers=args.workers,
                                log_level="warning")
                finally:
                    remove(counters)
            else:
                from .app import create_app
                uvicorn.run(create_app(hq), host=args.host, port=args.port, log_level="warning")
        elif args.command == "demo":
            from .demo import load_demo
            stores = tuple(s.strip() for s in args.stores.split(",") if s.strip())
            load_demo(hq, datetime.now(), stores=stores, products=args.products, members=args.members)
            for code in stores:
                for n in range(1, args.tills + 1):
                    till_id, secret = hq.create_till(code, f"{n:03d}")
                    print(f"{code} till {n:03d}: enrolment code {secret}")
        elif args.command == "chain":
            print(hq.create_chain(args.name))
        elif args.command == "store":
            print(hq.create_store(args.chain_id, args.code, args.name))
        elif args.command == "till":
            till_id, secret = hq.create_till(args.store_code, args.code)
            print(f"till {till_id}: enrolment code {secret} (valid 7 days, once)")
        elif args.command == "revoke":
            hq.revoke_till(args.till_id, args.reason)
        elif args.command == "bounds":
            import dataclasses
            from . import till_bounds
            with hq.tx() as s:
                current = till_bounds.load(s, args.chain_id)
                changes = {k: v for k, v in vars(args).items() if k in till_bounds.Bounds.__dataclass_fields__
                           and v is not None}
                if changes:
                    current = dataclasses.replace(current, **changes)
                    try:
                        till_bounds.save(s, args.chain_id, current)
                    except ValueError as exc:
                        raise HQError(422, str(exc)) from None
            print(current.as_json())
        elif args.command == "reconciliation":
            for item in hq.reconciliation():
                print(item.id, item.kind, item.member_id or "-", item.ref, item.detail)
    except HQError as exc:
        print(exc.detail, file=sys.stderr)
        return 1
    finally:
        hq.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
