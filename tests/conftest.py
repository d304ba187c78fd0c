"""Shared pytest set-up: Qt runs offscreen in every test; the till database's key (store/cipher.py)
lives in a key folder of the test run's own, never in the OS key store or the user's config."""

import atexit
import os
import shutil
import sys
import tempfile

import pytest

from tests.event_loops import stray_exits

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _remove_key_dir(folder: str, maker: int) -> None:
    if os.getpid() == maker:  # not as a forked child exits: the run goes on using it
        shutil.rmtree(folder, ignore_errors=True)


if not os.environ.get("MEMBERTILL_KEY_DIR"):
    # made by the run that sets it (the processes it starts inherit it), removed as that run ends
    os.environ["MEMBERTILL_KEY_DIR"] = tempfile.mkdtemp(prefix="membertill-keys-")
    atexit.register(_remove_key_dir, os.environ["MEMBERTILL_KEY_DIR"], os.getpid())
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
