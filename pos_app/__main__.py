"""`python -m pos_app` / `pos-app`: start the till, or run one of its maintenance commands.

    pos-app [--config FILE] [--set section.key=value ...] [--data-dir DIR] [--lang zh_CN|en] [--demo]
    pos-app backup          back the till database up now (verified, rotated)
    pos-app restore FILE    put a backup in place (refuses a corrupt one; the till must be closed)
    pos-app diagnostics [OUT]   write the support bundle (zip)
    pos-app check-config    validate the configuration and print it
    pos-app sample-config   print a configuration file with every key documented
    pos-app smoke           offscreen: migrate, sell one demo sale to a file printer, exit 0

With no configuration file the till opens the embedded demo store. `--screenshot DIR` renders the
main screens to PNGs; `--demo-pricing` prints the rules engine's worked example.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

COMMANDS = ("run", "backup", "restore", "diagnostics", "check-config", "sample-config", "smoke")


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="pos-app", description="MemberTill cashier till")
    p.add_argument("command", nargs="?", default="run", choices=COMMANDS)
    p.add_argument("target", nargs="?", help="restore: the backup file; diagnostics: where to write the zip")
    p.add_argument("--config", type=Path, help="configuration file (default: config.toml in the app-config folder)")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a config key")
    p.add_argument("--demo", action="store_true", help="open the embedded demo store")
    p.add_argument("--data-dir", type=Path, help="folder for the database, logs and backups")
    p.add_argument("--lang", choices=["zh_CN", "en"], help="language (default: config, else zh_CN)")
    p.add_argument("--screenshot", type=Path, metavar="DIR", help="render the main screens to PNGs in DIR and exit")
    p.add_argument("--demo-pricing", action="store_true", help="print a worked pricing example and exit")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(list(sys.argv[1:] if argv is None else argv))
    if args.demo_pricing:
        from pos_app.domain.demo import print_demo_pricing

        print_demo_pricing()
        return 0
    from pos_app.config import ConfigError, load, sample

    if args.command == "sample-config":
        print(sample())
        return 0
    try:
        config = load(args.config, args.set)
    except ConfigError as exc:
        # Chinese first; the detail names the key (English key names); a started till shows a window
        from pos_app.startup import StartupProblem, tell_console

        problem = StartupProblem("startup.config_invalid", {"detail": str(exc)})
        tell_console(problem)
        if args.command == "run" and not args.screenshot:
            return config_window(problem, args.lang)
        return 2
    from pos_app.boot import Boot, say

    boot = Boot(config, data_dir=args.data_dir, demo=args.demo, language=args.lang)
    if args.command == "check-config":
        from pos_app.domain.error_texts import TEXTS

        if config.path:
            say("cli.config_valid", file=str(config.path), folder=str(boot.data_dir))
        else:
            say(
                "cli.config_valid",
                file=TEXTS["cli.config_none"][0] + " / " + TEXTS["cli.config_none"][1],
                folder=str(boot.data_dir),
            )
        return 0
    if args.screenshot:
        from pos_app.ui.screenshots import render_all

        return render_all(args.screenshot, args.lang or "zh_CN", boot.cache_dir)
    return boot.command(args.command, args.target)


def config_window(problem, language: str | None) -> int:
    """A till started from the desktop with a broken configuration: the window says so."""
    from platformdirs import user_cache_dir

    from pos_app.ui.app import make_app
    from pos_app.ui.startup_window import show_startup_problem

    make_app(language or "zh_CN", Path(user_cache_dir("MemberTill", appauthor=False)))
    show_startup_problem(problem)
    return 2


if __name__ == "__main__":
    sys.exit(main())
