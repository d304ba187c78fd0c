"""Settings: one page per concern — store and till, printer, scanner, headquarters, language.

The fields are the config file's keys (`printer.kind`, `printer.path`, `printer.paper_mm`,
`scanner.serial`, `hq.url`, `till.language`; see pos_app/services/settings.py): what is saved
here is what boot reads at the next start. The dialog is given the values (read in the
background by the window) and saves in the background: it never touches the database itself.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.services import settings as settings_service

from .dialogs import ErrorLine, buttons_row
from .messages import text_of
from .worker import run_in_background


class SettingsDialog(QDialog):
    def __init__(self, till: Any, values: dict[str, Any], parent: QWidget | None = None, *, cashier: Any = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.resize(600, 440)
        self.till = till
        self.cashier = cashier if cashier is not None else getattr(parent, "cashier", None)
        self.values = values
        layout = QVBoxLayout(self)
        tabs = self.tabs = QTabWidget()
        layout.addWidget(tabs)
        store = values["store"]
        self.store_name = QLineEdit(store.get("name", ""))
        self.till_name = QLineEdit(store.get("till_name", ""))
        self.footer = QLineEdit(store.get("footer", ""))
        self.qr = QLineEdit(store.get("qr", ""))
        tabs.addTab(
            self._page(
                [
                    (self.tr("Store name"), self.store_name),
                    (self.tr("Till name"), self.till_name),
                    (self.tr("Receipt footer"), self.footer),
                    (self.tr("Receipt QR code"), self.qr),
                ]
            ),
            self.tr("Store"),
        )
        printer = values["printer"]
        self.printer_kind = QComboBox()
        self.printer_kind.setObjectName("printer_kind")
        for kind, label in (
            ("dummy", self.tr("None")),
            ("file", self.tr("File or device node")),
            ("network", self.tr("Network (port 9100)")),
            ("serial", self.tr("Serial port")),
            ("usb", "USB"),
            ("win32", self.tr("Windows printer")),
        ):
            self.printer_kind.addItem(label, kind)
        self.printer_kind.setCurrentIndex(max(0, self.printer_kind.findData(printer["kind"])))
        self.printer_path = QLineEdit(str(printer.get("path", "")))
        self.printer_path.setObjectName("printer_path")
        self.printer_path.setPlaceholderText("/dev/usb/lp0, COM3")
        self.printer_host = QLineEdit(str(printer.get("host", "")))
        self.printer_host.setPlaceholderText("192.168.1.50")
        self.printer_port = QSpinBox()
        self.printer_port.setRange(1, 65535)
        self.printer_port.setValue(int(printer.get("port", 9100)))
        self.printer_name = QLineEdit(str(printer.get("name", "")))
        self.usb_ids = QLineEdit(f"{printer.get('vendor_id', 0):#06x}:{printer.get('product_id', 0):#06x}")
        self.usb_ids.setPlaceholderText("0x0416:0x5011")
        self.paper_mm = QComboBox()
        self.paper_mm.setObjectName("paper_mm")
        self.paper_mm.addItem("58 mm", 58)
        self.paper_mm.addItem("80 mm", 80)
        self.paper_mm.setCurrentIndex(max(0, self.paper_mm.findData(printer["paper_mm"])))
        self.native_qr = QCheckBox(self.tr("Printer prints QR codes itself"))
        self.native_qr.setChecked(bool(printer.get("native_qr", True)))
        tabs.addTab(
            self._page(
                [
                    (self.tr("Type"), self.printer_kind),
                    (self.tr("Path or port"), self.printer_path),
                    (self.tr("Network address"), self.printer_host),
                    (self.tr("TCP port"), self.printer_port),
                    (self.tr("Windows printer name"), self.printer_name),
                    (self.tr("USB vendor:product id"), self.usb_ids),
                    (self.tr("Paper width"), self.paper_mm),
                    ("", self.native_qr),
                ]
            ),
            self.tr("Printer"),
        )
        scanner = values["scanner"]
        self.scanner_serial = QLineEdit(str(scanner.get("serial", "")))
        self.scanner_serial.setObjectName("scanner_serial")
        self.scanner_serial.setPlaceholderText(self.tr("empty: keyboard-wedge (USB) scanners only"))
        self.baud = QSpinBox()
        self.baud.setRange(1200, 115200)
        self.baud.setValue(int(scanner.get("baud", 9600)))
        tabs.addTab(
            self._page([(self.tr("Serial scanner port"), self.scanner_serial), (self.tr("Baud rate"), self.baud)]),
            self.tr("Scanner"),
        )
        self.hq_url = QLineEdit(values["hq"].get("url", ""))
        self.hq_url.setObjectName("hq_url")
        self.hq_url.setPlaceholderText("https://hq.example.cn")
        tabs.addTab(self._page([(self.tr("Headquarters address"), self.hq_url)]), self.tr("Headquarters"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(values["till"]["language"])))
        note = QLabel(self.tr("Printer, scanner, headquarters and language take effect when the till starts again."))
        note.setWordWrap(True)
        tabs.addTab(self._page([(self.tr("Language"), self.language), ("", note)]), self.tr("Language"))
        self.error = ErrorLine()
        layout.addWidget(self.error)
        row, self.ok = buttons_row(self, self.tr("Save"), self.save)
        layout.addLayout(row)

    def _page(self, rows) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        for label, widget in rows:
            form.addRow(label, widget)
        return page

    def collected(self) -> dict[str, Any]:
        vendor, _, product = self.usb_ids.text().strip().partition(":")
        return {
            "store": {
                "name": self.store_name.text().strip(),
                "till_name": self.till_name.text().strip(),
                "footer": self.footer.text().strip(),
                "qr": self.qr.text().strip(),
            },
            "printer": {
                "kind": self.printer_kind.currentData(),
                "path": self.printer_path.text().strip(),
                "host": self.printer_host.text().strip(),
                "port": self.printer_port.value(),
                "name": self.printer_name.text().strip(),
                "vendor_id": vendor.strip() or "0",
                "product_id": product.strip() or "0",
                "paper_mm": self.paper_mm.currentData(),
                "native_qr": self.native_qr.isChecked(),
            },
            "scanner": {"serial": self.scanner_serial.text().strip(), "baud": self.baud.value()},
            "hq": {"url": self.hq_url.text().strip()},
            "till": {"language": self.language.currentData()},
        }

    def save(self) -> None:
        values, till, cashier = self.collected(), self.till, self.cashier
        self.ok.setEnabled(False)
        run_in_background(self, lambda: settings_service.save(till, cashier, values), self._saved, self._refused)

    def _saved(self, _: Any) -> None:
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.ok.setEnabled(True)
        self.error.setText(text_of(error))
