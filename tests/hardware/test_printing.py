"""The print queue: the till never waits for paper; a printer that is off or hangs fails the job
with a clear status after the configured timeout, and the job stays for retry and reprint."""

from __future__ import annotations

import os
import threading

import pytest

from hardware.escpos_render import render
from hardware.printing import PrinterConfig, PrintQueue
from hardware.receipt import Pair, Receipt, Text

from .standins import NetworkPrinter

RECEIPT = Receipt("sale", "R00126112300007", (Text("示例超市"), Pair("合计", "9.90")), open_drawer=False)


def test_config_is_validated_with_a_clear_message():
    with pytest.raises(ValueError) as kind:
        PrinterConfig(kind="laser")
    with pytest.raises(ValueError) as paper:
        PrinterConfig(paper_mm=76)
    with pytest.raises(ValueError) as host:
        PrinterConfig(kind="network")
    assert (kind.value.code, paper.value.code, host.value.code) == (
        "config.printer_kind",
        "config.printer_paper",
        "config.printer_host_missing",
    )
    assert "'laser'" in kind.value.params["value"]
    assert PrinterConfig(kind="network", host="10.0.0.9").describe() == "10.0.0.9:9100"


def test_dummy_and_file_printers_receive_the_rendered_bytes(tmp_path):
    queue = PrintQueue(PrinterConfig())
    job = queue.submit(RECEIPT)
    assert queue.wait_idle(5) and job.status == "printed"
    assert queue.connection.sent == [render(RECEIPT)]
    assert queue.reprint().status in ("queued", "printing", "printed")
    drawer = queue.open_drawer()
    assert queue.wait_idle(5) and drawer.status == "printed"
    assert (
        queue.connection.sent[1] == render(RECEIPT) and queue.connection.sent[2] == b"\x1bp\x00\x32\x32"
    )  # ESC p 0, 50 ms pulse
    queue.close()
    path = tmp_path / "paper.bin"
    queue = PrintQueue(PrinterConfig(kind="file", path=str(path)))
    queue.submit(RECEIPT)
    assert queue.wait_idle(5)
    assert path.read_bytes() == render(RECEIPT) and queue.status().ok
    queue.close()


def test_a_printer_that_is_off_fails_the_job_clearly_and_a_retry_prints_it():
    printer = NetworkPrinter()  # off
    queue = PrintQueue(PrinterConfig(kind="network", host="127.0.0.1", port=printer.port, timeout_s=1))
    job = queue.submit(RECEIPT)
    assert queue.wait_idle(5)
    assert job.status == "failed" and job.error == "printer.not_found" and job.detail
    status = queue.status()
    assert not status.ok and status.failed == 1 and status.message == "printer.not_found"
    printer.switch_on()  # the printer comes back on the same port
    assert queue.retry_failed() == 1
    assert queue.wait_idle(5)
    received = printer.wait_printed()
    assert job.status == "printed" and job.attempts == 2 and received == render(RECEIPT)
    assert queue.status().ok
    queue.close()


def test_a_printer_that_hangs_does_not_hold_the_caller_and_the_job_is_kept(tmp_path):
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)  # opening it for writing blocks: a hung printer
    queue = PrintQueue(PrinterConfig(kind="file", path=str(fifo), timeout_s=0.5))
    job = queue.submit(RECEIPT)
    assert job.status in ("queued", "printing")  # submit returned before anything was sent
    assert queue.wait_idle(5)
    assert job.status == "failed" and job.error == "printer.timeout"
    assert [j.title for j in queue.history] == ["R00126112300007"]
    got = bytearray()

    def drain():  # the printer wakes up
        with open(fifo, "rb") as paper:
            while chunk := paper.read(4096):
                got.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    queue.reprint("R00126112300007")
    assert queue.wait_idle(5)
    reader.join(5)
    assert render(RECEIPT) in bytes(got)
    queue.close()
