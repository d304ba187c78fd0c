"""Logging for the till: rotating files in the data folder, with secrets removed on the way out.

No PIN, token, enrolment code or full phone number reaches a log file: `Redactor` rewrites every
record's final text (message and arguments, exceptions included) before it is written.
"""

from __future__ import annotations

import logging
import re
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

PATTERNS = [
    (re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)"), r"\1****\3"),  # mobile numbers
    (re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1[redacted]"),  # bearer tokens
    (
        re.compile(
            r"(?i)(['\"]?(?:token|pin|pin_hash|enrol_code|code|password|secret)['\"]?\s*[:=]\s*['\"]?)"
            r"[^\s'\",}]+"
        ),
        r"\1[redacted]",
    ),
    (re.compile(r"\$argon2[^\s'\"]+"), "[redacted]"),
    (re.compile(r"MT1\.[^.\s]+\.\d+\.[A-Z2-7]{20,}"), "MT1.[member code redacted]"),
]


def redact(text: str) -> str:
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class Redactor(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class TillLogHandler(RotatingFileHandler):
    membertill = True  # the till's own handler: replaced when setup runs again


def setup(folder: Path, level: str = "INFO", keep: int = 10) -> Path:
    """Log to `folder/till.log` (5 MB, `keep` rotations). Returns the log file path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "till.log"
    handler = TillLogHandler(path, maxBytes=5 * 1024 * 1024, backupCount=keep, encoding="utf-8")
    handler.setFormatter(Redactor("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    root = logging.getLogger()
    # libraries that log through the root logger before it is configured (python-escpos does)
    # make logging add a plain stderr handler; the till's log goes to its file instead
    for old in [h for h in root.handlers if type(h) is logging.StreamHandler and h.stream in (sys.stderr, sys.stdout)]:
        root.removeHandler(old)
    for ours in [h for h in root.handlers if getattr(h, "membertill", False)]:
        root.removeHandler(ours)
        ours.close()
    root.addHandler(handler)
    root.setLevel(level.upper())
    return path
