"""What the cashier reads when something is refused: the text of an error code, in the till's
language, from the one table `pos_app/domain/error_texts.py`.

Services and the domain raise `DomainError(code, **params)`; hardware/ and sync/ hand over a
bare code (a scan's `reason`, a print job's `error`, the sync worker's `error_code`). Anything
that is not coded is a bug: it is logged with its traceback and the cashier reads "something
unexpected went wrong" (in Chinese on a Chinese till), never an English exception text.
"""

from __future__ import annotations

import logging
from typing import Any

from pos_app.domain.error_texts import describe_code

from . import i18n

log = logging.getLogger(__name__)


def text_of(error: BaseException) -> str:
    """The cashier-facing text of an exception, in the current language."""
    code = getattr(error, "code", None)
    params = getattr(error, "params", None)
    if isinstance(code, str) and isinstance(params, dict):
        return describe_code(code, i18n.current(), **params)
    log.error("uncoded error reached the screen", exc_info=(type(error), error, error.__traceback__))
    return describe_code("internal.unexpected", i18n.current())


def text_of_code(code: str, **params: Any) -> str:
    """The text of a bare error code (from hardware/ or sync/), in the current language."""
    return describe_code(code, i18n.current(), **params) if code else ""
