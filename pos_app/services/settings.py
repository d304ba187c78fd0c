"""Till settings a manager edits at the till, in the configuration file's own vocabulary.

One settings model: the keys are the config file's (`pos_app/config.py` SCHEMA) — `printer.kind`,
`printer.path`, `printer.paper_mm`, `scanner.serial`, `hq.url`, `till.language` ... — validated by
the same `config.validate`. What a manager saves here is kept in the till database (setting
`devices`, so a demo till without a config file keeps it too); at start `boot` reads it over the
config file (`Config.with_saved`), the command line's `--set` still winning, and applies the
language. The store's receipt identity (name, till name, footer, QR) is saved beside it.
"""

from __future__ import annotations

from typing import Any

from pos_app.config import SCHEMA, validate

from .auth import CashierInfo
from .errors import InvalidInput, PermissionDenied
from .till import Till

# the config keys a manager may change at the till
EDITABLE: dict[str, tuple[str, ...]] = {
    "till": ("language",),
    "printer": ("kind", "path", "host", "port", "baud", "vendor_id", "product_id", "name", "paper_mm", "native_qr"),
    "scanner": ("serial", "baud"),
    "hq": ("url",),
}
STORE_KEYS = ("name", "till_name", "footer", "qr")


def _from_old_vocabulary(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Settings saved before the one model (`type/width/target`, a top-level `language`)."""
    if not any(k in raw.get("printer", {}) for k in ("type", "width", "target")) and "language" not in raw:
        return raw
    printer, scanner = raw.get("printer", {}), raw.get("scanner", {})
    kind = {"win32raw": "win32"}.get(printer.get("type", "dummy"), printer.get("type", "dummy"))
    target = str(printer.get("target", ""))
    out: dict[str, dict[str, Any]] = {
        "printer": {"kind": kind, "paper_mm": printer.get("width", 58), "native_qr": printer.get("native_qr", True)},
        "scanner": {
            "serial": scanner.get("port", "") if scanner.get("type") == "serial" else "",
            "baud": scanner.get("baud", 9600),
        },
        "hq": {"url": raw.get("hq", {}).get("url", "")},
        "till": {"language": raw.get("language", "zh_CN")},
    }
    if kind == "network" and target:
        host, _, port = target.partition(":")
        out["printer"].update(host=host, **({"port": port} if port else {}))
    elif target:
        out["printer"]["path"] = target
    return out


def saved(till: Till) -> dict[str, dict[str, Any]]:
    """The settings saved at this till ({section: {key: value}}, editable keys only)."""
    with till.uow() as uow:
        raw = _from_old_vocabulary(dict(uow.rules.setting("devices") or {}))
    return {
        section: {k: v for k, v in (raw.get(section) or {}).items() if k in keys}
        for section, keys in EDITABLE.items()
        if isinstance(raw.get(section), dict)
    }


def load(till: Till, current: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """What the settings dialog shows: the store's identity and every editable key — saved at
    this till, else `current` (the configuration the till runs with), else the default."""
    with till.uow() as uow:
        store = dict(uow.rules.setting("store") or {})
    mine = saved(till)
    values: dict[str, Any] = {"store": {k: store.get(k, "") for k in STORE_KEYS}}
    for section, keys in EDITABLE.items():
        values[section] = {
            k: mine.get(section, {}).get(k, (current or {}).get(section, {}).get(k, SCHEMA[section][k][1]))
            for k in keys
        }
    return values


def save(till: Till, cashier: CashierInfo, values: dict[str, Any]) -> None:
    """Validate with the config file's rules and save; a bad value is refused with its key named
    (a `config.*` code), nothing saved."""
    if not cashier.may("settings"):
        raise PermissionDenied("settings.manager_only")
    sections = {
        section: {k: values[section][k] for k in keys if k in values.get(section, {})}
        for section, keys in EDITABLE.items()
    }
    checked = validate(sections)  # ConfigError (a DomainError) names the key
    store_values = {k: str(values.get("store", {}).get(k, "")).strip() for k in STORE_KEYS}
    if not store_values["name"]:
        raise InvalidInput("settings.store_name")
    devices = {section: {k: checked[section][k] for k in keys} for section, keys in EDITABLE.items()}
    with till.uow() as uow:
        store = dict(uow.rules.setting("store") or {})
        store.update(store_values)
        uow.rules.set_setting("store", store)
        uow.rules.set_setting("devices", devices)
        uow.audit.append(
            "settings",
            cashier.id,
            till.now(),
            {"keys": sorted(f"{s}.{k}" for s, keys in devices.items() for k in keys)},
        )
        uow.commit()
    till.reload_rules()
