"""The till window's explicit action table (issue 21): every function key and touch button of the
till screen has a handler, and the table holds nothing the screen does not offer."""

from __future__ import annotations

from .test_till_flows import make_window


def test_every_function_key_has_a_handler_and_no_handler_lacks_a_key(qtbot, till, translated):
    window = make_window(qtbot, till, translated)
    keys = {name for name, _, _ in window.till_screen.function_keys()}
    assert keys == set(window.actions)
    assert all(callable(handler) for handler in window.actions.values())
    # handlers live in the part of their responsibility, not on the window
    owners = {name: getattr(handler, "__self__", None) for name, handler in window.actions.items()}
    assert owners["pay"] is window.sales and owners["points"] is window.members
    assert owners["shift"] is window.shifts and owners["help"] is window
