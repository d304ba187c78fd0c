from __future__ import annotations

import logging

import pytest


@pytest.fixture(autouse=True)
def detach_till_logs():
    """Tests that call logs.setup() must not leave their file handler on the root logger."""
    yield
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "membertill", False)]:
        root.removeHandler(handler)
        handler.close()
