"""Wiring a till from its configuration: data folders, logs, database (demo or real), printer,
scanners, HQ sync, backups, single instance, crash reporting; and the maintenance commands."""

from __future__ import annotations

import logging
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir

from pos_app import logs
from pos_app.config import Config

log = logging.getLogger("membertill")


def say(code: str, stream=None, **params: Any) -> None:
    """A maintenance command's message: Chinese first, then English (texts in error_texts)."""
    from pos_app.domain.error_texts import TEXTS

    zh, en = TEXTS[code]
    print(zh.format(**params), file=stream or sys.stdout)
    print(en.format(**params), file=stream or sys.stdout)


def prefetch_key() -> None:
    """Ask the OS key store for the database's key on a thread of its own while the database thread
    loads SQLAlchemy and the models: loading keyring and finding its backend took 0.1-1.5 s, half
    of it waiting on files and on `ldconfig` (its macOS backend looks for a library even on Linux).
    It starts once the login screen is painted (its imports would slow the window's). The key is
    cached where the database opens (store/cipher.py), which waits for this answer; a failure here
    is met again there, and reported there."""
    from pos_app.store import cipher

    def fetch() -> None:
        try:
            cipher.database_key()
        except Exception:  # the opening asks again and reports it
            pass

    threading.Thread(target=fetch, name="database-key", daemon=True).start()


def warm_up() -> None:
    """(worker thread) What the login screen does not need, loaded after it shows: sync.protocol's
    pydantic models (a sale's outbox payload), python-escpos and uniseg (the first receipt)."""
    import sync.protocol  # noqa: F401
    from hardware.escpos_render import escpos_module
    from hardware.receipt import line_break_units

    escpos_module()
    line_break_units("")


class Boot:
    def __init__(
        self, config: Config, *, data_dir: Path | None = None, demo: bool = False, language: str | None = None
    ):
        self.config = config
        self.demo = demo or config.demo
        self.data_dir = (data_dir or config.data_dir).resolve()
        self.cli_language = language  # --lang wins over every setting
        self.language = language or config["till.language"]
        self.cache_dir = Path(user_cache_dir("MemberTill", appauthor=False))
        self.worker = None
        self.pages_pending = False  # the database's page check runs once the window shows
        self.stopping = threading.Event()  # set when the till closes
        self.refused = threading.Event()  # set (database thread) when the page check refuses the database
        self.translator: Any = None
        self.receipts: Any = None  # the till's ReceiptPrinting, once the database has opened
        self.scanner: Any = None

    # ---- places ---------------------------------------------------------------------------------
    @property
    def db_path(self) -> Path:
        return self.data_dir / ("demo" if self.demo else "") / "till.sqlite3"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def backup_dir(self) -> Path:
        return Path(self.config["backup.dir"]) if self.config["backup.dir"] else self.data_dir / "backups"

    # ---- commands -------------------------------------------------------------------------------
    def command(self, name: str, target: str | None) -> int:
        from pos_app.startup import StartupProblem, check_folder, log_problem, tell_console

        try:
            check_folder(self.data_dir)
            logs.setup(self.log_dir, self.config["log.level"], self.config["log.keep"])
        except StartupProblem as problem:  # logs go to the cache folder; the window says why
            logs.setup(self.cache_dir / "logs", self.config["log.level"], self.config["log.keep"])
            log_problem(problem)
            tell_console(problem)
            return self.refuse(problem) if name == "run" else 1
        if name == "backup":
            return self.backup_now()
        if name == "restore":
            return self.restore(target)
        if name == "diagnostics":
            return self.diagnostics(Path(target) if target else Path.cwd())
        if name == "smoke":
            return self.smoke()
        return self.run()

    def backup_now(self, reason: str = "manual") -> int:
        from pos_app.services.backup import BackupError, backup

        try:
            info = backup(self.db_path, self.backup_dir, self.config["backup.keep"], reason=reason)
        except BackupError as exc:
            say("cli.backup_failed", sys.stderr, reason=str(exc))
            return 1
        say("cli.backup_done", path=str(info.path), sales=info.sales)
        return 0

    def restore(self, target: str | None) -> int:
        from pos_app.services.backup import BackupError, restore

        if not target:
            say("cli.restore_which", sys.stderr)
            return 2
        from PySide6.QtCore import QLockFile

        lock = QLockFile(str(self.data_dir / "till.lock"))
        if not lock.tryLock(100):
            say("cli.restore_running", sys.stderr)
            return 1
        try:
            kept = restore(Path(target), self.db_path)
        except BackupError as exc:
            say("cli.restore_failed", sys.stderr, reason=str(exc))
            return 1
        finally:
            lock.unlock()
        say("cli.restore_done", file=str(target), kept=str(kept))
        return 0

    def diagnostics(self, out: Path) -> int:
        from pos_app.services.diagnostics import make_bundle

        path = make_bundle(
            out,
            db_path=self.db_path,
            log_dir=self.log_dir,
            config_path=self.config.path,
            sync_status=self.worker.status() if self.worker else None,
        )
        say("cli.diagnostics_done", path=str(path))
        return 0

    # ---- the till -------------------------------------------------------------------------------
    def open_till(self):
        from pos_app.services import Till
        from pos_app.services.demo import open_demo_till

        if self.demo:
            print("Opening the MemberTill demo store (first start creates its database) ...", flush=True)
            return open_demo_till(self.db_path)
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        return Till.open(self.db_path)

    def saved_config(self, till) -> Config:
        """(database thread) The settings a manager saved at this till (the settings dialog) over
        the config file's. Boot's first read of the database."""
        from pos_app.services import settings as till_settings

        return self.config.with_saved(till_settings.saved(till))

    def use_config(self, config: Config) -> None:
        """Run with `config`, and the language it chooses (unless --lang gave one)."""
        self.config = config
        self.language = self.cli_language or self.config["till.language"]

    def apply_saved_settings(self, till) -> None:
        """Read the settings saved at this till over the config file, and their language."""
        self.use_config(self.saved_config(till))

    def apply_language(self, app, translator):
        """Install the language the settings chose if it is not the one installed (before the
        till screen exists: the login screen is made again in it); returns the translator in use."""
        from pos_app.ui import i18n

        if self.language == i18n.current():
            return translator
        app.removeTranslator(translator)
        return i18n.install(app, self.language, self.cache_dir)

    def printing(self, till):
        from hardware.printing import PrinterConfig, PrintQueue
        from pos_app.services.receipts import ReceiptPrinting

        settings = self.config.section("printer")
        if self.demo and settings["kind"] == "dummy":
            settings.update(kind="file", path=str(self.db_path.parent / "receipts.bin"))
        from pos_app.ui.receipt_labels import receipt_labels

        return ReceiptPrinting(till.store, PrintQueue(PrinterConfig(**settings)), receipt_labels())

    def start_sync(self, till):
        url = self.config["hq.url"]
        if not url:
            return None
        from sync.till import TillSync
        from sync.transport import HttpTransport
        from sync.worker import SyncWorker

        sync = TillSync(till, HttpTransport(url))
        code = ""
        if sync.credentials() is None:
            code = self.config["hq.enrol_code"]
            if not code:
                print(
                    "hq.url is set but this till is not enrolled: put the one-time code in hq.enrol_code",
                    file=sys.stderr,
                )
                return None
        # enrolment (and the first load) happen on the worker's thread, retried while HQ is unreachable:
        # the status bar says so and the till sells meanwhile (issue 22, defect 10)
        self.worker = SyncWorker(sync, pull_every_s=self.config["hq.pull_every_s"], enrol_code=code)
        if not self.pages_pending:  # else once the database's pages are checked (pages_checked)
            self.worker.start()
        return self.worker

    def run(self) -> int:
        """The till. Its window shows first, the login screen saying the database is opening (no
        SQLAlchemy, models or services are loaded before it is painted); then the database is
        checked and opened on the till's one database thread, where those load, and the login
        takes PINs once it has answered (issue 23). A start-up failure found there closes the
        window for the start-up problem window, as one found before it would."""
        from pos_app.ui.app import after_first_paint, make_app
        from pos_app.ui.crash import CrashReporter
        from pos_app.ui.single import SingleInstance

        app, self.translator = make_app(self.language, self.cache_dir)
        single = SingleInstance(self.data_dir)
        if not single.acquire():
            shown = single.ask_first_to_show()
            say("cli.already_running_shown" if shown else "cli.already_running")
            return 0
        from pos_app.ui.main_window import TillWindow

        window = TillWindow(demo=self.demo)  # the login screen only, waiting for the database
        reporter = CrashReporter(window.tell)
        reporter.install()
        single.activated.connect(lambda: (window.showNormal(), window.raise_(), window.activateWindow()))
        window.show()
        after_first_paint(window.login_screen, lambda: self.after_shown(window))
        code = app.exec()
        from pos_app.ui.worker import wait_idle

        self.stopping.set()  # a page check still running gives up
        wait_idle()
        if self.scanner:
            self.scanner.stop()
        if self.worker:
            self.worker.stop()
        if self.receipts:
            self.receipts.queue.close()
        single.release()
        return code

    def after_shown(self, window) -> None:
        """Once the login screen is on the screen: the key is fetched on a thread of its own while
        the database thread loads the services and checks and opens the database."""
        from pos_app.ui.worker import run_in_background

        prefetch_key()
        run_in_background(
            window,
            self.open_database,
            lambda opened: self.opened(window, *opened),
            lambda e: self.open_refused(window, e),
        )

    def opened(self, window, till, verdict: str, config: Config) -> None:
        """(GUI thread) The database has answered: the till is built on it (`build`). What fails
        there (a device, HQ's settings) is a start-up problem like one found before: the window
        goes for the start-up problem window, never a login screen that stays disabled."""
        try:
            self.build(window, till, verdict, config)
        except Exception as exc:
            from pos_app.startup import log_problem, problem_from, tell_console

            problem = problem_from(exc, self.data_dir)
            log_problem(problem, exc)
            tell_console(problem)
            self.close_for_problem(window, problem)

    def open_database(self) -> tuple[Any, str, Config]:
        """(database thread) Check the data folder and the database file, open the till, read the
        settings saved in it, load its store and rules. A failure becomes a StartupProblem, with
        the last verified backup attached when the database is the problem, logged and told here
        (where the backups may be read); nothing queued behind this runs."""
        from pos_app.startup import log_problem, offer_backup, preflight, problem_from, tell_console
        from pos_app.ui.worker import drop_queued

        till = None
        try:
            import pos_app.services  # noqa: F401  (SQLAlchemy and the models, while the key is fetched)
            from pos_app.ui.main_window import load_parts

            load_parts()  # the till screen's modules, ahead of the GUI thread's `attach`

            # nothing is opened for writing before the folder and the file are checked (pos_app/startup.py);
            # the page check of a database that opens without writing waits (check_pages)
            verdict = preflight(self.data_dir, self.db_path, self.backup_dir, defer=True)
            log.info("database check at start: %s", verdict)
            till = self.open_till()
            config = self.saved_config(till)
            till.prepare()  # store and rules in memory before the till screen
        except Exception as exc:
            problem = offer_backup(problem_from(exc, self.data_dir), self.backup_dir)  # a damaged page read
            log_problem(problem, exc)
            tell_console(problem)
            if till is not None:
                try:
                    till.db.close()  # the start-up window may put a backup in its place
                except Exception:
                    pass
            drop_queued()
            raise problem from None
        return till, verdict, config

    def build(self, window, till, verdict: str, config: Config) -> None:
        """(GUI thread) The database has answered: the language saved in it, HQ sync, the printer
        and the devices, the till screen; the login takes PINs from here. Before the GUI thread
        takes another event (no PIN can come first), the page check left for now is queued on
        the database thread: every operation of the session queues behind it. Once the ready
        login screen is painted, the modules start-up left for later load there, then the heap
        is frozen."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        from pos_app.ui import i18n
        from pos_app.ui.app import after_first_paint, settle_memory
        from pos_app.ui.worker import run_in_background

        self.use_config(config)
        shown_in = i18n.current()
        self.translator = self.apply_language(QApplication.instance(), self.translator)
        if i18n.current() != shown_in:
            window.renew_login_screen()
        self.pages_pending = verdict == "deferred"
        worker = self.start_sync(till)  # started once the pages are checked when they are pending
        till.member_from_hq = worker.sync.member_from_hq if worker else None  # fetch on demand
        self.receipts = self.printing(till)
        window.attach(
            till,
            printing=self.receipts,
            sync_status=worker.status if worker else None,
            on_recorded=(lambda: worker.nudge()) if worker else None,
            after_shift_close=lambda: self.backup_now("shift"),
            config_values=self.config.values,
            sale_from_hq=worker.sync.sale_for_return if worker else None,
        )
        if self.pages_pending:
            run_in_background(window, self.check_pages, self.pages_checked, lambda e: self.pages_refused(window, e))
        if self.config["till.customer_display"]:
            from pos_app.ui.customer_display import CustomerDisplay

            store = till.store
            window.customer_display = CustomerDisplay(store.name, store.qr.replace("{receipt}", ""))
            window.customer_display.place()
        self.scanner = self.start_serial_scanner(window)
        daily = QTimer(window)
        daily.timeout.connect(lambda: self.daily_backup())
        daily.start(60 * 60 * 1000)
        log.info("till started (demo=%s, data=%s)", self.demo, self.data_dir)

        def failed(error: Exception) -> None:
            log.warning("loading the modules left for later failed (%s): they load on first use", type(error).__name__)
            settle_memory()

        def load_the_rest() -> None:  # nothing more runs on a database the page check refused
            if not self.refused.is_set():
                run_in_background(window, warm_up, lambda _: settle_memory(), failed)

        after_first_paint(window.login_screen, load_the_rest)

    def check_pages(self) -> str:
        """(database thread) The page check; when it refuses the database, nothing queued behind it
        runs (a PIN typed meanwhile does not reach a damaged file)."""
        from pos_app.startup import check_pages
        from pos_app.ui.worker import drop_queued

        try:
            return check_pages(self.db_path, self.backup_dir, stop=self.stopping)
        except Exception:
            self.refused.set()  # before the queue is dropped: nothing is queued after it either
            drop_queued()
            raise

    def pages_checked(self, verdict: str) -> None:
        log.info("database pages checked after the window showed: %s", verdict)
        self.pages_pending = False
        if self.worker is not None:
            self.worker.start()

    def pages_refused(self, window, error: Exception) -> None:
        """Damage found once the window showed: the window goes, the start-up failure window says
        why (as when it is found before), and the till exits with its code."""
        from pos_app.startup import log_problem, problem_from, tell_console

        problem = problem_from(error, self.data_dir)
        log_problem(problem, error)
        tell_console(problem)
        self.close_for_problem(window, problem)

    def open_refused(self, window, error: Exception) -> None:
        """The database could not be opened (already logged and told, on the database thread)."""
        from pos_app.startup import problem_from

        self.close_for_problem(window, problem_from(error, self.data_dir))

    def close_for_problem(self, window, problem) -> None:
        """The till's window goes, the start-up failure window says why, the till exits with its code."""
        from PySide6.QtWidgets import QApplication

        from pos_app.ui.startup_window import show_startup_problem
        from pos_app.ui.worker import forget_dropped

        forget_dropped()  # the operations queued behind the failed one never ran
        app = QApplication.instance()
        # the till's window goes first: hiding the last window must not post Qt's quit (it would end
        # the start-up window's own loop, or a later one), the loop is left with the window's code
        app.setQuitOnLastWindowClosed(False)
        window.hide()
        if window.customer_display is not None:
            window.customer_display.hide()
        code = show_startup_problem(problem, self.db_path)
        app.setQuitOnLastWindowClosed(True)
        app.exit(code)

    def refuse(self, problem) -> int:
        """The start-up failure window (Qt): what is wrong and what to do, zh_CN and English."""
        from pos_app.ui.app import make_app
        from pos_app.ui.startup_window import show_startup_problem

        make_app(self.language or "zh_CN", self.cache_dir)
        return show_startup_problem(problem, self.db_path)

    def start_serial_scanner(self, window) -> Any:
        port = self.config["scanner.serial"]
        if not port:
            return None
        from PySide6.QtCore import Q_ARG, QMetaObject, Qt

        from hardware.scanners import SerialScanner

        def deliver(code: str) -> None:  # from the reader thread to the GUI thread
            QMetaObject.invokeMethod(window, "on_serial_scan", Qt.ConnectionType.QueuedConnection, Q_ARG(str, code))

        return SerialScanner(port, deliver, baud=self.config["scanner.baud"]).start()

    def daily_backup(self) -> None:
        """Hourly on the GUI thread: look and back up in the background when the newest is a day old."""
        from pos_app.ui.worker import run_in_background

        run_in_background(None, self._backup_if_due, lambda _: None, lambda e: log.error("backup: %s", e))

    def _backup_if_due(self) -> int:
        from pos_app.services.backup import backups

        latest = backups(self.backup_dir)
        if latest and datetime.fromtimestamp(latest[-1].stat().st_mtime) > datetime.now() - timedelta(hours=24):
            return 0
        return self.backup_now("daily")

    def smoke(self) -> int:
        """For the installer's smoke test: a fresh database, one demo sale printed to a file."""
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from hardware.printing import PrinterConfig, PrintQueue
        from pos_app.domain.tenders import TenderKind
        from pos_app.services import SaleSession, Tender, complete_sale, current_shift, login, open_shift
        from pos_app.services.receipts import ReceiptPrinting
        from pos_app.ui.app import make_app

        make_app(self.language, self.cache_dir)
        self.demo = True
        till = self.open_till()
        cashier = login(till, "1111")
        if current_shift(till) is None:
            open_shift(till, cashier, 10000)
        sale = SaleSession(till, cashier)
        sale.scan("6901939621257")
        payable = sale.view().priced.payable_fen
        done = complete_sale(sale, [Tender(TenderKind.CASH, payable, cash_given_fen=payable)])
        paper = self.data_dir / "smoke-receipt.bin"
        queue = PrintQueue(PrinterConfig(kind="file", path=str(paper)))
        from pos_app.ui.receipt_labels import receipt_labels

        job = ReceiptPrinting(till.store, queue, receipt_labels()).submit(done, cashier.name)
        queue.wait_idle(10)
        queue.close()
        ok = job.status == "printed" and paper.stat().st_size > 100
        print(f"smoke: sale {done.receipt_no} {'printed' if ok else 'NOT printed: ' + job.error} to {paper}")
        return 0 if ok else 1
