"""Receipt document -> ESC/POS bytes through python-escpos.

Text is sent in the printer's Chinese mode (FS &) encoded GB18030; `layout()` has already mapped
characters outside the GBK font to printable ones, so the bytes are GBK-compatible. The QR code
is the native GS ( k command, or a raster image for printers without it; the receipt number is a
CODE128 barcode; then the cut and, when asked, the cash-drawer kick pulse.

python-escpos is imported on first use, not with this module: on import it reads its printer
database (a 1 MB YAML file, 0.3-3 s on the till's machine) unless it finds the pickle it keeps of
it, and it keeps that pickle in a new temporary folder of each process - so every start of the
till paid for it before the login screen showed. `escpos_module()` imports it with the pickle kept
in the till's cache folder instead (written once, atomically).
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .receipt import Barcode, Laid, Line, QRCode, Receipt, layout

if TYPE_CHECKING:
    from escpos.escpos import Escpos

CHINESE_ON = b"\x1c\x26"  # FS &
CHINESE_OFF = b"\x1c\x2e"  # FS .
INIT = b"\x1b\x40"  # ESC @
SIZE = b"\x1d\x21"  # GS ! n: character size, n = (width - 1) << 4 | (height - 1)
DOUBLE, NORMAL = b"\x11", b"\x00"
BARCODE_WIDTH = b"\x1d\x77"  # GS w n: module width in dots


def capabilities_folder() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("MemberTill", appauthor=False)) / "escpos"


_import_lock = threading.Lock()


def escpos_module() -> Any:
    """python-escpos's printer module (imported on the first call)."""
    with _import_lock:
        if "escpos.printer" not in sys.modules:
            _keep_capabilities()
        from escpos import printer

        return printer


def _keep_capabilities() -> None:
    """Point python-escpos at the pickle of its printer database kept in the cache folder; when
    there is none yet, let it make one in a new folder there and move it in whole (another
    process never reads a half-written pickle). The folder is the till user's own, as the
    translations and bytecode beside it."""
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" in os.environ:
        return
    folder = capabilities_folder()
    kept = folder / f"{platform.python_version()}.capabilities.pickle"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if kept.exists():
            os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)
            return
        fresh = Path(tempfile.mkdtemp(dir=folder))
    except OSError:  # no cache folder: python-escpos's own temporary one
        return
    os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(fresh)
    import escpos.capabilities  # noqa: F401  (reads the YAML once and pickles it into `fresh`)

    try:
        os.replace(fresh / kept.name, kept)
        fresh.rmdir()
    except OSError:
        pass


@dataclass(frozen=True)
class RenderOptions:
    paper_mm: int = 58
    native_qr: bool = True
    qr_size: int = 6
    drawer_pin: int = 2


def code128_data(data: str) -> tuple[str, str]:
    """(payload with python-escpos's code-set prefix, function type) for a CODE128 barcode:
    code set C (two digits per symbol) for the longest even run of digits at the end, code set B
    before it. A receipt number RS001-00126113000001 is then "{BRS001-{C" + 7 digit-pair bytes: 189
    modules, which fits 58 mm paper at 2 dots a module (all in set B it would not)."""
    digits = len(data) - len(data.rstrip("0123456789"))
    digits -= digits % 2
    if digits < 4:
        return "{B" + data, "B"
    head, tail = data[: len(data) - digits], data[len(data) - digits :]
    # in code set C each byte is the value of a digit pair (0-99), not two ASCII digits
    pairs = "".join(chr(int(tail[i : i + 2])) for i in range(0, len(tail), 2))
    return ("{B" + head if head else "") + "{C" + pairs, "B"


def code128_modules(payload: str) -> int:
    """Width of a CODE128 barcode in modules (start, symbols, check, stop) from its payload."""
    symbols = 0
    for part in payload.split("{")[1:]:
        _code_set, chars = part[0], part[1:]
        symbols += 1 + len(chars)  # the set switch (or start), then one symbol a byte
    return 11 * symbols + 11 + 13  # the first switch is the start symbol; + check, + stop


def barcode_bytes(data: str, dots: int) -> bytes:
    """GS k CODE128 of `data` (python-escpos's command), 2 dots a module when the barcode fits the
    printable width so, else 1 (GS w 1: python-escpos refuses below 2, printers take it)."""
    payload, function = code128_data(data)
    bars = escpos_module().Dummy()
    # python-escpos's barcode() picks the hardware renderer for CODE128 on every profile and
    # print()s that choice to stdout on each call; its _hw_barcode is that same path.
    bars._hw_barcode(
        payload,
        "CODE128",
        height=60,
        width=2,
        pos="BELOW",
        font="A",
        align_ct=True,
        function_type=function,
        check=False,
    )
    out: bytes = bars.output
    if 2 * code128_modules(payload) > dots:
        out = out.replace(BARCODE_WIDTH + b"\x02", BARCODE_WIDTH + b"\x01", 1)
    return out


def write(printer: Escpos, laid: Laid, options: RenderOptions) -> None:
    printer._raw(INIT + CHINESE_ON)
    bold = big = False
    for item in laid.lines:
        if isinstance(item, Line):
            if item.bold != bold or item.big != big:
                printer.set(bold=item.bold, normal_textsize=True)
                # GS ! n sizes every character, one-byte and Chinese alike (ESC !, which
                # python-escpos's set() sends for double size, leaves Chinese characters normal)
                printer._raw(SIZE + (DOUBLE if item.big else NORMAL))
                bold, big = item.bold, item.big
            printer._raw(item.text.rstrip().encode("gb18030") + b"\n")
        elif isinstance(item, QRCode):
            printer.set(align="center")
            if options.native_qr:
                printer.qr(item.data, size=options.qr_size, native=True)
                printer._raw(b"\n")
            else:
                printer.qr(
                    item.data, size=max(1, options.qr_size // 2), native=False, image_arguments={"center": False}
                )
            printer.set(align="left")
        elif isinstance(item, Barcode):
            printer.set(align="center")
            printer._raw(barcode_bytes(item.data, laid.dots))
            printer.set(align="left")
    if bold or big:
        printer.set(bold=False, normal_textsize=True)
        printer._raw(SIZE + NORMAL)
    printer._raw(CHINESE_OFF)
    if laid.open_drawer:
        printer.cashdraw(options.drawer_pin)
    if laid.cut:
        printer.cut()


def render(receipt: Receipt, options: RenderOptions = RenderOptions()) -> bytes:
    """The whole receipt as ESC/POS bytes."""
    printer = escpos_module().Dummy()
    write(printer, layout(receipt, options.paper_mm), options)
    out: bytes = printer.output
    return out


def drawer_kick(pin: int = 2) -> bytes:
    printer = escpos_module().Dummy()
    printer.cashdraw(pin)
    out: bytes = printer.output
    return out
