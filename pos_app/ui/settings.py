"""Settings: one page per concern — store and till, printer, scanner, headquarters, language."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QLineEdit, QSpinBox, QTabWidget,
                               QVBoxLayout, QWidget)

from pos_app.services import settings as settings_service

from .dialogs import ErrorLine, buttons_row
from .worker import run_in_background


class SettingsDialog(QDialog):
    def __init__(self, till: Any, parent: QWidget | None = None, *, cashier: Any = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.resize(560, 420)
        self.till = till
        self.cashier = cashier if cashier is not None else getattr(parent, "cashier", None)
        self.values = settings_service.load(till)
        layout = QVBoxLayout(self)
        tabs = QTabWidget()
        layout.addWidget(tabs)
        store = self.values["store"]
        self.store_name = QLineEdit(store.get("name", ""))
        self.till_name = QLineEdit(store.get("till_name", ""))
        self.footer = QLineEdit(store.get("footer", ""))
        self.qr = QLineEdit(store.get("qr", ""))
        tabs.addTab(self._page([(self.tr("Store name"), self.store_name), (self.tr("Till name"), self.till_name),
                                (self.tr("Receipt footer"), self.footer), (self.tr("Receipt QR code"), self.qr)]),
                    self.tr("Store"))
        printer = self.values["printer"]
        self.printer_type = QComboBox()
        for kind, label in (("file", self.tr("File (demo)")), ("usb", "USB"), ("serial", self.tr("Serial port")),
                            ("network", self.tr("Network (port 9100)")), ("win32raw", self.tr("Windows printer")),
                            ("dummy", self.tr("None"))):
            self.printer_type.addItem(label, kind)
        self.printer_type.setCurrentIndex(max(0, self.printer_type.findData(printer["type"])))
        self.printer_target = QLineEdit(printer.get("target", ""))
        self.printer_target.setPlaceholderText(self.tr("path, host:port, COM3, or vendor:product id"))
        self.width = QComboBox()
        self.width.addItem("80 mm", 80)
        self.width.addItem("58 mm", 58)
        self.width.setCurrentIndex(max(0, self.width.findData(printer["width"])))
        self.native_qr = QCheckBox(self.tr("Printer prints QR codes itself"))
        self.native_qr.setChecked(printer.get("native_qr", True))
        tabs.addTab(self._page([(self.tr("Type"), self.printer_type), (self.tr("Connection"), self.printer_target),
                                (self.tr("Paper width"), self.width), ("", self.native_qr)]), self.tr("Printer"))
        scanner = self.values["scanner"]
        self.scanner_type = QComboBox()
        self.scanner_type.addItem(self.tr("Keyboard wedge (USB)"), "wedge")
        self.scanner_type.addItem(self.tr("Serial port"), "serial")
        self.scanner_type.setCurrentIndex(max(0, self.scanner_type.findData(scanner["type"])))
        self.scanner_port = QLineEdit(scanner.get("port", ""))
        self.baud = QSpinBox()
        self.baud.setRange(1200, 115200)
        self.baud.setValue(scanner.get("baud", 9600))
        tabs.addTab(self._page([(self.tr("Type"), self.scanner_type), (self.tr("Port"), self.scanner_port),
                                (self.tr("Baud rate"), self.baud)]), self.tr("Scanner"))
        self.hq_url = QLineEdit(self.values["hq"].get("url", ""))
        self.hq_url.setPlaceholderText("https://hq.example.cn")
        tabs.addTab(self._page([(self.tr("Headquarters address"), self.hq_url)]), self.tr("Headquarters"))
        self.language = QComboBox()
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(self.values["language"])))
        tabs.addTab(self._page([(self.tr("Language (after restart)"), self.language)]), self.tr("Language"))
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
        store = dict(self.values["store"])
        store.update(name=self.store_name.text().strip(), till_name=self.till_name.text().strip(),
                     footer=self.footer.text().strip(), qr=self.qr.text().strip())
        return {"store": store,
                "printer": {"type": self.printer_type.currentData(), "target": self.printer_target.text().strip(),
                            "width": self.width.currentData(), "native_qr": self.native_qr.isChecked()},
                "scanner": {"type": self.scanner_type.currentData(), "port": self.scanner_port.text().strip(),
                            "baud": self.baud.value()},
                "hq": {**self.values["hq"], "url": self.hq_url.text().strip()},
                "language": self.language.currentData()}

    def save(self) -> None:
        values = self.collected()
        from .messages import text_of
        run_in_background(self, lambda: settings_service.save(self.till, self.cashier, values),
                          lambda _: self.accept(), lambda e: self.error.setText(text_of(e)))
