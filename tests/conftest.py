"""Shared pytest set-up: Qt runs offscreen in every test; the till database's key (store/cipher.py)
lives in a key folder of the test run's own, never in the OS key store or the user's config."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MEMBERTILL_KEY_DIR", tempfile.mkdtemp(prefix="membertill-keys-"))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
