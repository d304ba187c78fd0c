"""A printer's settings, checked (hardware/printing.py connects and prints with them).

Apart from the printing so that checking a configuration (pos_app/config.py, at the till's start
before its window shows) loads neither the receipt renderer nor python-escpos (issue 23)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .escpos_render import RenderOptions

KINDS = ("dummy", "file", "network", "serial", "usb", "win32")


class PrinterConfigError(ValueError):
    """A printer setting that cannot be used: a code with params, as pos_app's errors (its texts
    are in pos_app/domain/error_texts.py; hardware imports nothing of pos_app)."""

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params

    def __str__(self) -> str:
        return f"{self.code} {self.params}" if self.params else self.code


@dataclass(frozen=True)
class PrinterConfig:
    """How to reach the printer. `kind`:

    * ``dummy`` - keep the bytes in memory (demo, tests);
    * ``file`` - append to `path` (a device node such as /dev/usb/lp0, or a plain file);
    * ``network`` - raw TCP to `host`:`port` (9100);
    * ``serial`` - `path` (COM3, /dev/ttyUSB0) at `baud`;
    * ``usb`` - `vendor_id` / `product_id` (hex in the config file), via pyusb;
    * ``win32`` - the Windows printer named `name`, raw.
    """

    kind: str = "dummy"
    path: str = ""
    host: str = ""
    port: int = 9100
    baud: int = 9600
    vendor_id: int = 0
    product_id: int = 0
    name: str = ""
    paper_mm: int = 58
    timeout_s: float = 5.0
    native_qr: bool = True
    drawer_pin: int = 2

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise PrinterConfigError("config.printer_kind", kinds=", ".join(KINDS), value=repr(self.kind)[:40])
        if self.paper_mm not in (58, 80):
            raise PrinterConfigError("config.printer_paper", value=repr(self.paper_mm)[:40])
        if not 0 < self.timeout_s <= 120:
            raise PrinterConfigError("config.printer_timeout")
        if self.kind in ("file", "serial") and not self.path:
            raise PrinterConfigError("config.printer_path_missing", kind=self.kind)
        if self.kind == "network" and not self.host:
            raise PrinterConfigError("config.printer_host_missing")

    @property
    def options(self) -> RenderOptions:
        from .escpos_render import RenderOptions

        return RenderOptions(self.paper_mm, self.native_qr, drawer_pin=self.drawer_pin)

    def describe(self) -> str:
        return {
            "dummy": "demo (no paper)",
            "file": self.path,
            "network": f"{self.host}:{self.port}",
            "serial": f"{self.path} @ {self.baud}",
            "usb": f"USB {self.vendor_id:04x}:{self.product_id:04x}",
            "win32": self.name or "default",
        }[self.kind]
