"""The till's configuration: one TOML file with documented keys, validated on start.

Where it lives: `config.toml` in the OS's app-config folder (platformdirs), or `--config PATH`.
Without a file the till opens the embedded demo store. Every key can be overridden on the command
line for kiosks: `--set printer.kind=network --set printer.host=192.168.1.50`.

A bad file stops the start with a message naming the key: "printer.port must be an integer
(got 'abc')", "unknown key printer.hots (did you mean printer.host?)".
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir, user_data_dir

from pos_app.domain.errors import DomainError

# section -> key -> (type, default, help)
SCHEMA: dict[str, dict[str, tuple[type, Any, str]]] = {
    "till": {
        "data_dir": (str, "", "folder for the database, logs and backups (default: the OS app-data folder)"),
        "language": (str, "zh_CN", "zh_CN or en"),
        "demo": (bool, False, "open the embedded demo store"),
        "customer_display": (bool, False, "show the customer display (full screen on a second screen if there is one)"),
    },
    "hq": {
        "url": (str, "", "HQ address, e.g. https://hq.example.cn (empty: this till works alone)"),
        "enrol_code": (str, "", "one-time enrolment code from HQ (used once; the till then keeps its token)"),
        "pull_every_s": (int, 30, "how often to ask HQ for changes, seconds"),
    },
    "printer": {
        "kind": (str, "dummy", "dummy | file | network | serial | usb | win32"),
        "path": (str, "", "file/serial: device path, e.g. /dev/usb/lp0, COM3"),
        "host": (str, "", "network: printer address"),
        "port": (int, 9100, "network: TCP port"),
        "baud": (int, 9600, "serial: baud rate"),
        "vendor_id": (int, 0, "usb: vendor id, e.g. 0x0416"),
        "product_id": (int, 0, "usb: product id, e.g. 0x5011"),
        "name": (str, "", "win32: Windows printer name"),
        "paper_mm": (int, 58, "58 or 80"),
        "timeout_s": (float, 5.0, "give up on a print after this many seconds (the job stays for reprint)"),
        "native_qr": (bool, True, "false for printers without the GS ( k QR command"),
        "drawer_pin": (int, 2, "cash drawer kick pin: 2 or 5"),
    },
    "scanner": {
        "serial": (str, "", "serial scanner port (COM4, /dev/ttyACM0); empty: keyboard-wedge scanners only"),
        "baud": (int, 9600, "serial scanner baud rate"),
    },
    "backup": {
        "keep": (int, 14, "how many backups to keep"),
        "dir": (str, "", "where backups go (default: <data_dir>/backups)"),
    },
    "log": {
        "level": (str, "INFO", "DEBUG, INFO, WARNING or ERROR"),
        "keep": (int, 10, "rotated log files to keep (5 MB each)"),
    },
}


class ConfigError(DomainError, ValueError):
    """A configuration file or --set value that cannot be used; a code whose params name the key."""


@dataclass
class Config:
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    path: Path | None = None
    overrides: tuple[str, ...] = ()

    def with_saved(self, saved: dict[str, dict[str, Any]]) -> Config:
        """This configuration with the settings saved at the till (pos_app/services/settings.py)
        over the file's values; the command line's --set overrides still win."""
        merged = {section: {**body, **(saved.get(section) or {})} for section, body in self.values.items()}
        return Config(validate(merged, list(self.overrides)), self.path, self.overrides)

    def __getitem__(self, dotted: str) -> Any:
        section, key = dotted.split(".", 1)
        return self.values[section][key]

    @property
    def data_dir(self) -> Path:
        return Path(self["till.data_dir"] or user_data_dir("MemberTill", appauthor=False))

    @property
    def demo(self) -> bool:
        return self.path is None or bool(self["till.demo"])

    def section(self, name: str) -> dict[str, Any]:
        return dict(self.values[name])


def default_path() -> Path:
    return Path(user_config_dir("MemberTill", appauthor=False)) / "config.toml"


def _coerce(dotted: str, kind: type, value: Any) -> Any:
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false", "1", "0", "yes", "no"):
            return value.lower() in ("true", "1", "yes")
        raise ConfigError("config.not_bool", key=dotted, value=repr(value)[:40])
    if kind is int:
        if isinstance(value, bool):
            raise ConfigError("config.not_int", key=dotted, value=repr(value)[:40])
        if isinstance(value, int):
            return value
        if isinstance(value, str):
            try:
                return int(value, 0)
            except ValueError:
                pass
        raise ConfigError("config.not_int", key=dotted, value=repr(value)[:40])
    if kind is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ConfigError("config.not_number", key=dotted, value=repr(value)[:40]) from None
    if not isinstance(value, str):
        raise ConfigError("config.not_text", key=dotted, value=repr(value)[:40])
    return value


def _unknown(dotted: str, choices: list[str]) -> ConfigError:
    near = difflib.get_close_matches(dotted, choices, n=1)
    if near:
        return ConfigError("config.unknown_key_near", key=dotted, near=near[0])
    return ConfigError("config.unknown_key", key=dotted)


def validate(raw: dict[str, Any], overrides: Sequence[str] = ()) -> dict[str, dict[str, Any]]:
    values = {s: {k: spec[1] for k, spec in keys.items()} for s, keys in SCHEMA.items()}
    everything = [f"{s}.{k}" for s, keys in SCHEMA.items() for k in keys]
    for section, body in raw.items():
        if section not in SCHEMA:
            raise _unknown(section, list(SCHEMA))
        if not isinstance(body, dict):
            raise ConfigError("config.not_a_table", section=section)
        for key, value in body.items():
            dotted = f"{section}.{key}"
            if key not in SCHEMA[section]:
                raise _unknown(dotted, everything)
            values[section][key] = _coerce(dotted, SCHEMA[section][key][0], value)
    for item in overrides:
        dotted, sep, value = item.partition("=")
        section, _, key = dotted.strip().partition(".")
        if not sep or section not in SCHEMA or key not in SCHEMA[section]:
            raise (
                _unknown(dotted.strip(), everything) if sep else ConfigError("config.set_format", item=repr(item)[:60])
            )
        values[section][key] = _coerce(dotted.strip(), SCHEMA[section][key][0], value.strip())
    if values["till"]["language"] not in ("zh_CN", "en"):
        raise ConfigError("config.language", value=repr(values["till"]["language"])[:40])
    if values["log"]["level"].upper() not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError("config.log_level", value=repr(values["log"]["level"])[:40])
    if values["backup"]["keep"] < 1:
        raise ConfigError("config.backup_keep")
    if values["hq"]["url"] and not values["hq"]["url"].startswith(("http://", "https://")):
        raise ConfigError("config.hq_url", value=repr(values["hq"]["url"])[:80])
    from hardware.printer_config import PrinterConfig, PrinterConfigError

    try:
        PrinterConfig(**values["printer"])
    except PrinterConfigError as exc:
        raise ConfigError(exc.code, **exc.params) from None
    return values


def load(path: Path | None = None, overrides: Sequence[str] = ()) -> Config:
    """The configuration at `path` (or the default place); no file means the demo store."""
    path = path or default_path()
    if not path.exists():
        return Config(validate({}, overrides), None, tuple(overrides))
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("config.not_toml", path=str(path), detail=str(exc)[:200]) from None
    except OSError as exc:
        raise ConfigError("config.unreadable", path=str(path), detail=type(exc).__name__) from None
    return Config(validate(raw, overrides), path, tuple(overrides))


def sample() -> str:
    """A commented config file with every key and its default (docs/operations.md shows it)."""
    lines = ["# MemberTill till configuration", ""]
    for section, keys in SCHEMA.items():
        lines.append(f"[{section}]")
        for key, (kind, default, text) in keys.items():
            value = (
                ("true" if default else "false") if kind is bool else (f'"{default}"' if kind is str else repr(default))
            )
            lines.append(f"# {text}")
            lines.append(f"{key} = {value}")
        lines.append("")
    return "\n".join(lines)
