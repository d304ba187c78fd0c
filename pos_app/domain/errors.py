"""Errors the domain raises: a code with parameters, translated in one table (`error_texts`).

`raise PointsError("points.not_enough", have=120, need=300)` — never a sentence matched later.
`error.code` names the refusal, `error.params` carries its values; `error_texts.describe(error,
lang)` gives the zh_CN or English text. A message written as an English sentence (the older
style, still met while the code is converted) is kept as code `legacy.text` with the sentence as
its one parameter, so nothing is lost while that conversion is under way.
"""
from __future__ import annotations

import re
from typing import Any

_CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


class DomainError(Exception):
    """A rule refused an operation; `code` and `params` say why (see `error_texts`)."""

    def __init__(self, code: str, /, **params: Any) -> None:
        if not _CODE.match(code):
            params = {"text": code}
            code = "legacy.text"
        self.code = code
        self.params = params
        super().__init__(code)

    def __str__(self) -> str:
        if self.code == "legacy.text":
            return str(self.params["text"])
        # English text: what logs and developers read. Never personal data in params.
        from .error_texts import describe
        return describe(self, "en")


class RuleError(DomainError):
    """A rule definition (from HQ or the demo data) is malformed."""


class RefundError(DomainError):
    """A return cannot be made as asked (already returned, more than sold, unknown line)."""


class PointsError(DomainError):
    """Points cannot be spent or moved as asked."""


class StoredValueError(DomainError):
    """Stored value cannot be spent or refunded as asked."""
