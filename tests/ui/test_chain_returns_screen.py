"""The returns screen with a receipt of another store (issue 16, defect 11), through the real
window and a real HQ process on 127.0.0.1: the sale comes from HQ, the screen says where it was
sold and what goes back, the manager approves, and the refund is written here."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime

import requests
import shiboken6
from pytestqt.exceptions import TimeoutError

from hardware.printing import PrinterConfig, PrintQueue
from hq.demo import load_demo
from hq.service import HQ
from pos_app.services import SaleSession, Tender, Till, complete_sale, login, open_shift
from pos_app.services.receipts import ReceiptPrinting
from pos_app.store import Database, cipher
from pos_app.ui import worker
from pos_app.ui.main_window import TillWindow
from pos_app.ui.returns import ReturnsDialog
from sync.till import TillSync
from sync.transport import HttpTransport

from .conftest import settle
from .test_till_flows import COLA, WATER, open_shift_and_login, scan, when_modal

SHOTS = os.environ.get("MEMBERTILL_SHOTS")
NOW = datetime(2026, 11, 23, 10)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_hq(url: str, log) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "hq", "--db", url, "serve", "--port", str(port)],
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/health", timeout=1).ok:
                return proc, base
        except requests.RequestException:
            time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    raise RuntimeError("HQ did not start")


def test_a_receipt_of_another_store_is_returned_through_the_returns_screen(qtbot, translated, tmp_path):
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    hq = HQ(url, lambda: NOW)
    load_demo(hq, NOW, stores=("S001", "S002"), products=300, members=400)
    hq.clock = datetime.now
    codes = {store: hq.create_till(store, "001")[1] for store in ("S001", "S002")}
    hq.close()
    proc, base = serve_hq(url, tmp_path / "hq.log")
    tills = {}
    try:
        for store, code in codes.items():
            till = Till(Database(tmp_path / f"{store}.sqlite3"), lambda: NOW)
            # a read timeout as a hang guard only: HQ answers in milliseconds, but a CI machine
            # running benches beside the suite can starve it for seconds, and a lookup timed out
            # is a refusal on the returns screen, not this test's subject
            sync = TillSync(till, HttpTransport(base, timeout=(5.0, 60.0)))
            sync.enrol(code)
            sync.pull_all()
            tills[store] = (till, sync)
        seller, seller_sync = tills["S001"]
        cashier = login(seller, "1111")
        open_shift(seller, cashier, 0)
        sale = SaleSession(seller, cashier)
        for code in (COLA, COLA, WATER):
            sale.scan(code)
        payable = sale.view().priced.payable_fen
        receipt = complete_sale(sale, [Tender("cash", payable, cash_given_fen=payable)]).receipt_no
        seller_sync.push_all()

        here, here_sync = tills["S002"]
        queue = PrintQueue(PrinterConfig())
        window = TillWindow(
            here, demo=True, printing=ReceiptPrinting(here.store, queue), sale_from_hq=here_sync.sale_for_return
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        open_shift_and_login(qtbot, window)
        seen = {}

        def returns(dialog):
            assert isinstance(dialog, ReturnsDialog)

            def approve(box):  # the PIN given as the keypad gives it (this test is not about keys)
                seen["approval"] = box
                box.pin.setText("9999")
                box.submit()

            # the sale's lines, or the refusal the screen shows instead (failing here names it)
            qtbot.waitUntil(lambda: dialog.table.rowCount() == 2 or bool(dialog.error.text()), timeout=30000)
            assert not dialog.error.text()
            dialog.table.cellWidget(0, 3).setValue(1)
            seen["origin"], seen["total"] = dialog.origin.text(), dialog.total.text()
            if SHOTS:
                dialog.grab().save(os.path.join(SHOTS, "returns-other-store.png"))
            when_modal(qtbot, approve)
            dialog.ok.click()

        when_modal(qtbot, returns)
        scan(qtbot, window, receipt)  # the receipt's barcode opens returns

        def refused() -> str:  # what the approval shows when it did not let the return through
            box = seen.get("approval")
            return box.error.text() if box is not None and shiboken6.isValid(box) else ""

        try:
            qtbot.waitUntil(lambda: "退" in window.till_screen.message.text() or bool(refused()), timeout=30000)
        except TimeoutError:  # (a hang guard) say where it stood: a failure here names its state
            state = f"approval {'asked' if 'approval' in seen else 'never asked'}, {worker.pool().activeThreadCount()} running"
            raise AssertionError(f"no refund after 30 s: {state}, {len(worker._pending)} operations pending") from None
        assert not refused(), f"the approval refused: {refused()}"
        settle(qtbot)
        assert "S001-001" in seen["origin"] and "总部" in seen["origin"]
        assert "退款合计" in seen["total"]
        con = cipher.connect(here.db.path)
        kinds = dict(con.execute("select kind, count(*) from sales group by kind").fetchall())
        con.close()
        assert kinds == {"remote": 1, "refund": 1}
        qtbot.waitUntil(lambda: queue.wait_idle(0) and len(queue.connection.sent) == 1, timeout=30000)
        slip = queue.connection.sent[0].decode("gb18030", errors="replace")
        assert receipt in slip and "S001-001" in slip
        window.close()
        queue.close()
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
        for till, _ in tills.values():
            till.db.close()
