"""Typing counts as activity: an operator who types (and never moves the mouse) is not
logged out as idle. The keys go in through the window's QWindow, as the platform delivers them."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.gui_helpers import running_console


def test_a_key_typed_in_the_window_restarts_the_idle_timer(qtbot, tmp_path):
    with running_console(qtbot, tmp_path, offline=True) as (rt, window, ctx):
        s = rt.session
        s.authenticated("王工", "operator")
        bar = window.session_bar
        qtbot.waitUntil(lambda: window.windowHandle() is not None and window.windowHandle().isExposed(), timeout=5000)
        bar.tick()  # the bar starts watching the window's keys
        s.last_activity = time.time() - s.idle_timeout_s - 60  # idle for longer than the timeout
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Down)
        assert time.time() - s.last_activity < s.idle_timeout_s
        assert s.check_idle() is False and s.logged_in
        # and without a key the same idle time logs out: the test can fail
        s.last_activity = time.time() - s.idle_timeout_s - 60
        assert s.check_idle() is True and not s.logged_in
