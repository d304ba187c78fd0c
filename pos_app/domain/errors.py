"""Errors the domain raises: a code with parameters, translated in one table (`error_texts`).

`raise PointsError("points.not_enough", have=120, need=300)` — never a sentence matched later.
`error.code` names the refusal, `error.params` carries its values; `error_texts.describe(error,
lang)` gives the zh_CN or English text. A sentence is refused (ValueError): it could only be
shown in the language it was written in. `tests/test_error_codes.py` walks every raise.
"""

from __future__ import annotations

import re
from typing import Any

_CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


class DomainError(Exception):
    """A rule refused an operation; `code` and `params` say why (see `error_texts`)."""

    def __init__(self, code: str, /, **params: Any) -> None:
        if not isinstance(code, str) or not _CODE.match(code):
            raise ValueError(f"not an error code (area.what): {code!r}")
        self.code = code
        self.params = params
        super().__init__(code)

    def __str__(self) -> str:
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


class AmountError(DomainError, ValueError):
    """A typed amount is not an amount (a ValueError too: callers that parse input catch that)."""


class Notice:
    """A coded reason that is not raised: why a coupon does not apply, a pricing note. Rendered
    like an error (`error_texts.describe`); `str()` gives the English text for logs."""

    __slots__ = ("code", "params")

    def __init__(self, code: str, /, **params: Any) -> None:
        if not _CODE.match(code):
            raise ValueError(f"not an error code: {code!r}")
        self.code, self.params = code, params

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Notice) and (self.code, self.params) == (other.code, other.params)

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.params.items()))))

    def __repr__(self) -> str:
        return f"Notice({self.code!r}, **{self.params!r})"

    def __str__(self) -> str:
        from .error_texts import describe

        return describe(self, "en")
