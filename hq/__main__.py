"""`pos-hq` / `python -m hq`: run and administer the HQ member cloud.

    pos-hq serve [--db URL] [--host 127.0.0.1] [--port 8700]     start HQ (uvicorn)
    pos-hq demo [--db URL] [--stores S001,S002] [--tills 2]        load the demo chain, print enrolment codes
                [--admin admin] [--admin-password PW]              and its first chain admin (password printed
                                                                   when not given)
    pos-hq staff CHAIN USERNAME ROLE [--stores S001] [--password PW]  a console account (password printed
                                                                   when not given)
    pos-hq chain NAME | store CHAIN CODE NAME | till STORE CODE     create; `till` prints a one-time code
    pos-hq revoke TILL_ID REASON
    pos-hq reconciliation                                           list reconciliation items
    pos-hq worker [--queue FILE] [--threads 2]                      run the scheduled jobs (huey) beside serve
    pos-hq job NAME PERIOD [--rerun] | pos-hq jobs                  run one job for a period now | list runs
    pos-hq bounds CHAIN [--points-per-event N ...]                  show or set what one till may credit

The database defaults to a SQLite file in the HQ data folder (an embedded demo HQ); production
uses PostgreSQL: --db postgresql+psycopg://user@host/dbname (or MEMBERTILL_HQ_DB). The admin
API needs MEMBERTILL_HQ_ADMIN_TOKEN. Settings: hq/settings.py (the one place that reads the environment).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir

from .settings import Settings


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    p = argparse.ArgumentParser(prog="pos-hq", description="MemberTill HQ member cloud")
    p.add_argument("--db", default=settings.db or None)
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
    demo.add_argument("--admin", default="admin", help="the first chain admin's username")
    demo.add_argument("--admin-password", default="", help="its password (default: a random one, printed)")
    staff = sub.add_parser("staff")
    staff.add_argument("chain_id")
    staff.add_argument("username")
    staff.add_argument("role", help="chain_admin | marketing | finance | store_manager | auditor")
    staff.add_argument("--name", default="")
    staff.add_argument("--stores", default="", help="a store manager's stores, comma-separated")
    staff.add_argument("--password", default="", help="default: a random one, printed")
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
    worker = sub.add_parser("worker")
    worker.add_argument("--queue", default=None, help="huey's queue file (default: beside the HQ data)")
    worker.add_argument("--threads", type=int, default=2)
    job = sub.add_parser("job")
    job.add_argument("name")
    job.add_argument("period")
    job.add_argument("--rerun", action="store_true")
    sub.add_parser("jobs")
    bounds = sub.add_parser("bounds", help="what one till may credit per event and per day (hq/till_bounds.py)")
    bounds.add_argument("chain_id")
    for name in ("points_per_event", "points_per_day", "stored_value_fen_per_event", "stored_value_fen_per_day"):
        bounds.add_argument("--" + name.replace("_", "-"), type=int, dest=name)
    sms_cmd = sub.add_parser(
        "sms", help="the SMS provider HQ sends through (hq/messaging/settings.py); no file: show it"
    )
    sms_cmd.add_argument(
        "file", nargs="?", help="JSON of SmsSettings (provider, keys, sign name, templates); - for stdin"
    )
    args = p.parse_args(argv)

    from .service import HQ, HQError
    from .services.auth import ConsoleError

    if args.command == "serve":
        from .pool import PoolPlan, PoolRefused, check_server

        db = args.db or settings.db_url()
        try:  # pools sized from one setting, checked against the server
            plan = PoolPlan.from_env(workers=args.workers)
            if db.startswith("postgresql"):
                plan.engine_options()
                check_server(db, plan)
        except PoolRefused as exc:
            print(f"HQ not started: {exc}", file=sys.stderr)
            return 2
        os.environ.update(plan.env())
    hq = HQ(args.db or settings.db_url())
    try:
        if args.command == "serve":
            import uvicorn

            if args.workers > 1:
                from .metrics import ENV, multiproc_dir, remove

                os.environ["MEMBERTILL_HQ_DB"] = hq.url
                counters = multiproc_dir()  # /metrics adds up every worker's counters
                os.environ[ENV] = str(counters)
                hq.engine.dispose()  # the workers open their own pools; this process keeps none
                try:
                    uvicorn.run(
                        "hq.asgi:app", host=args.host, port=args.port, workers=args.workers, log_level="warning"
                    )
                finally:
                    remove(counters)
            else:
                from .app import create_app

                uvicorn.run(create_app(hq, settings=settings), host=args.host, port=args.port, log_level="warning")
        elif args.command == "demo":
            from .demo import load_demo

            stores = tuple(s.strip() for s in args.stores.split(",") if s.strip())
            chain_id = load_demo(hq, datetime.now(), stores=stores, products=args.products, members=args.members)
            for code in stores:
                for n in range(1, args.tills + 1):
                    till_id, secret = hq.create_till(code, f"{n:03d}")
                    print(f"{code} till {n:03d}: enrolment code {secret}")
            _staff(hq, chain_id, args.admin, "chain_admin", args.admin_password, "", "")
        elif args.command == "staff":
            _staff(hq, args.chain_id, args.username, args.role, args.password, args.stores, args.name)
        elif args.command == "chain":
            print(hq.create_chain(args.name))
        elif args.command == "store":
            print(hq.create_store(args.chain_id, args.code, args.name))
        elif args.command == "till":
            till_id, secret = hq.create_till(args.store_code, args.code)
            print(f"till {till_id}: enrolment code {secret} (valid 7 days, once)")
        elif args.command == "revoke":
            hq.revoke_till(args.till_id, args.reason)
        elif args.command == "worker":
            import logging

            from .jobs.worker import serve as serve_jobs
            from .messaging import channel_from, stored_settings

            logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
            with hq.tx() as s:
                sms = stored_settings(s)
            queue = args.queue or str(Path(user_data_dir("MemberTill-HQ", appauthor=False)) / "jobs-queue.sqlite3")
            serve_jobs(hq, queue, channel_from(sms), workers=args.threads)
        elif args.command == "job":
            from pos_app.domain.error_texts import describe

            from .jobs import lifecycle_jobs  # noqa: F401
            from .jobs.runs import JobError, run_job

            try:
                r = run_job(hq, args.name, args.period, rerun=args.rerun)
            except JobError as exc:
                print(describe(exc), file=sys.stderr)
                return 1
            print(f"{r.job} {r.period}: {r.status}, {r.rows} rows in {r.chunks} chunks (run {r.runs})")
        elif args.command == "jobs":
            from .jobs.runs import job_runs

            for r in job_runs(hq):
                took = (r.finished - r.started).total_seconds() if r.finished else None
                print(
                    r.job,
                    r.period,
                    r.status,
                    r.rows,
                    f"{took:.1f}s" if took is not None else "-",
                    r.error.splitlines()[-1] if r.error else "",
                )
        elif args.command == "bounds":
            import dataclasses

            from . import till_bounds

            with hq.tx() as s:
                current = till_bounds.load(s, args.chain_id)
                changes = {
                    k: v
                    for k, v in vars(args).items()
                    if k in till_bounds.Bounds.__dataclass_fields__ and v is not None
                }
                if changes:
                    current = dataclasses.replace(current, **changes)
                    try:
                        till_bounds.save(s, args.chain_id, current)
                    except ValueError as exc:
                        raise HQError(422, str(exc)) from None
            print(current.as_json())
        elif args.command == "sms":
            from .messaging import store_settings, stored_settings
            from .messaging.settings import SmsSettings

            with hq.tx() as s:
                if args.file:
                    text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
                    try:
                        store_settings(s, SmsSettings.model_validate_json(text))
                    except ValueError as exc:  # pydantic's ValidationError: which field, never the secret
                        raise HQError(422, f"SMS settings refused: {exc}") from None
                print(stored_settings(s).model_dump_json(exclude={"access_key_secret"}, indent=2))
        elif args.command == "reconciliation":
            for item in hq.reconciliation():
                print(item.id, item.kind, item.member_id or "-", item.ref, item.detail)
    except HQError as exc:
        print(exc.detail, file=sys.stderr)
        return 1
    except ConsoleError as exc:
        from .i18n import describe_error

        print(describe_error(exc, "en"), file=sys.stderr)
        return 1
    finally:
        hq.close()
    return 0


def _staff(hq, chain_id: str, username: str, role: str, password: str, stores: str, name: str) -> None:
    """A console account made from the command line (audited as `command line`); a password not
    given is drawn at random and printed once."""
    from .services import audit, staff

    shown = not password
    password = password or secrets.token_urlsafe(12)
    staff.create_staff(
        hq,
        audit.Actor(chain_id, None, "pos-hq"),
        username,
        name or username,
        role,
        password,
        [s for s in stores.split(",") if s.strip()],
    )
    print(
        f"console account {username} ({role})" + (f": password {password}" if shown else "") + " — sign in at /console"
    )


if __name__ == "__main__":
    sys.exit(main())
