"""Shared pytest set-up: Qt runs offscreen in every test; the till database's key (store/cipher.py)
lives in a key folder of the test run's own, never in the OS key store or the user's config."""

import os
import sys
import tempfile

import pytest

from tests.event_loops import stray_exits

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MEMBERTILL_KEY_DIR", tempfile.mkdtemp(prefix="membertill-keys-"))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


@pytest.fixture(autouse=True)
def no_stray_exit():
    """An application exit called while no `app.exec()` runs (a test's hang guard left armed, firing
    in a later test) is refused and fails the test it happened in: let through, it would end every
    event loop of the session's later tests (tests/event_loops.py)."""
    if "PySide6.QtCore" in sys.modules:
        stray_exits.install()
    yield
    if "PySide6.QtCore" in sys.modules:
        stray_exits.install()  # for the next test: this one may have loaded Qt
        seen = stray_exits.take()
        assert not seen, "the application was told to exit while no app.exec() ran:\n" + "\n".join(seen)
