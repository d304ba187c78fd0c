"""Till settings a manager edits at the till: store/till identity, printer, scanner, HQ, language."""
from __future__ import annotations

from typing import Any

from .auth import CashierInfo
from .errors import InvalidInput, PermissionDenied
from .till import Till

DEVICE_DEFAULTS: dict[str, Any] = {
    "printer": {"type": "file", "target": "", "width": 80, "native_qr": True},
    "scanner": {"type": "wedge", "port": "", "baud": 9600},
    "hq": {"url": "", "enrolled": False},
    "language": "zh_CN",
}


def load(till: Till) -> dict[str, Any]:
    with till.uow() as uow:
        store = dict(uow.rules.setting("store") or {})
        devices = {**DEVICE_DEFAULTS, **(uow.rules.setting("devices") or {})}
    return {"store": store, **devices}


def save(till: Till, cashier: CashierInfo, values: dict[str, Any]) -> None:
    """Validate and save; a bad value is refused with its key named, nothing saved."""
    if not cashier.may("settings"):
        raise PermissionDenied("settings.manager_only")
    printer, scanner = values["printer"], values["scanner"]
    if printer["type"] not in ("file", "usb", "serial", "network", "win32raw", "dummy"):
        raise InvalidInput("settings.printer_kind")
    if printer["width"] not in (58, 80):
        raise InvalidInput("settings.paper_mm")
    if scanner["type"] not in ("wedge", "serial"):
        raise InvalidInput("settings.scanner_kind")
    if values["language"] not in ("zh_CN", "en"):
        raise InvalidInput("settings.language")
    url = values["hq"]["url"].strip()
    if url and not url.startswith(("http://", "https://")):
        raise InvalidInput("settings.hq_url")
    store = values["store"]
    if not store.get("name", "").strip():
        raise InvalidInput("settings.store_name")
    with till.uow() as uow:
        uow.rules.set_setting("store", store)
        uow.rules.set_setting("devices", {k: values[k] for k in DEVICE_DEFAULTS})
        uow.audit.append("settings", cashier.id, till.now(), {"keys": sorted(values)})
        uow.commit()
    till.reload_rules()
