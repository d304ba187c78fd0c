"""The Qt binding must not leak or over-release references: PySide6 6.12.0 on Python 3.11 drops a
reference to None on every call of a method returning void, so a till that runs for a day
(hundreds of thousands of label updates) would crash with "deallocating None". pyproject.toml
excludes that release; this test keeps any future one honest."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_none_and_bools_alive(qapp):
    label = QLabel("x")
    label.show()
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for i in range(2000):
        label.setText("a" if i % 2 else "b")
        label.setVisible(True)
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    # a small drift from unrelated objects is fine; one lost reference per call is not
    assert all(a - b > -200 for a, b in zip(after, before)), (before, after)
