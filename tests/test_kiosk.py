"""Kiosk mode: read-only wall, nothing operator-only built, every input swallowed but the
chord, the PIN the only way out, leaving audited; the map's web view locked."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWidgets import QAbstractButton, QApplication, QToolBar

from console.gui.tour_driver import TourControls
from console.gui.tour_setup import attach_demo_features
from console.settings.kiosk import DEFAULT_KIOSK_PIN, KioskPinError, load_kiosk_pin
from console.tours.player import TourState
from tests.gui_helpers import running_console, tiles_of

CHORD = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier


@contextmanager
def kiosk(qtbot, tmp_path, **options):
    with running_console(qtbot, tmp_path, demo=True, tour="default", kiosk=True, **options) as (rt, window, ctx):
        f = attach_demo_features(window, rt, pin="2468", rate=0.01)
        try:
            yield rt, window, ctx, f
        finally:
            f.stop()


def _audit(rt):
    """What people did (the demo's simulators act on incidents as ``sim:<plugin>``: not a person)."""
    rt.store.flush()
    return [row[0] for row in rt.store.query("SELECT action FROM audit WHERE user NOT LIKE 'sim:%' ORDER BY id")]


def test_no_operator_control_is_built(qtbot, tmp_path):
    with kiosk(qtbot, tmp_path) as (rt, window, ctx, f):
        assert ctx.read_only and ctx.kiosk
        assert f.controls is None and window.findChildren(TourControls) == [] and window.findChildren(QToolBar) == []
        f.driver.player.skip()  # to the flood overview, which has an alarm list
        f.driver.player.skip()
        lists = [t for t in window.wall.tiles if t.kind == "alarms"]
        assert lists and all(t.ack_button is None for t in lists)
        texts = [b.text() for b in window.findChildren(QAbstractButton)] + [a.text() for a in window.findChildren(QAction)]
        assert not [t for t in texts if any(w in t for w in ("确认", "Acknowledge", "暂停", "上一步", "返回实时"))]


def test_keys_and_mouse_never_leave_the_tour(qtbot, tmp_path):
    with kiosk(qtbot, tmp_path) as (rt, window, ctx, f):
        player = f.driver.player
        step, layout = player.index, window.wall.layout_model
        ctrl, alt = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
        keys = [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_F4, alt), (Qt.Key.Key_Q, ctrl),
                (Qt.Key.Key_W, ctrl), (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_Right, alt),
                (Qt.Key.Key_Q, ctrl | alt), (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_F12, ctrl)]
        handle = window.windowHandle()  # input as the platform delivers it: to the focus or the pointer
        assert window.focusWidget() is f.guard.glass
        spots = [QPoint(20, 20), QPoint(window.width() // 2, window.height() // 2), QPoint(window.width() - 30, 80)]
        for t in window.wall.tiles:
            spots.append(t.mapTo(window, QPoint(t.width() // 2, t.height() // 2)))
        for key, mods in keys:
            QTest.keyClick(handle, key, mods)
        for pos in spots:
            QTest.mouseClick(handle, Qt.MouseButton.LeftButton, pos=pos)
            QTest.mouseClick(handle, Qt.MouseButton.RightButton, pos=pos)
            QTest.mouseDClick(handle, Qt.MouseButton.LeftButton, pos=pos)
        targets = spots
        keys = keys + [None]
        assert f.guard.swallowed >= 2 * len(keys) + 4 * len(targets)
        assert not window.close()  # the window refuses to close
        qtbot.wait(100)
        assert window.isVisible() and f.guard.pad is None
        assert player.state == TourState.PLAYING and player.index == step and window.wall.layout_model is layout
        assert _audit(rt) == []


def _type(window, digits: str) -> None:
    for d in digits:
        QTest.keyClick(window.windowHandle(), getattr(Qt.Key, f"Key_{d}"))
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)


def test_the_chord_then_the_pin_is_the_way_out_and_it_is_audited(qtbot, tmp_path):
    with kiosk(qtbot, tmp_path) as (rt, window, ctx, f):
        guard = f.guard
        clock = [1000.0]
        guard.clock = lambda: clock[0]
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Q, CHORD)
        assert guard.pad is not None and guard.pad.isVisible()
        _type(window, "1111")
        assert not guard.unlocked and _audit(rt) == ["kiosk.exit_denied"]
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Escape)  # closes the pad
        assert guard.pad is None
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Space)
        assert guard.pad is None  # an ordinary key does not bring the pad
        clock[0] += 5
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Q, CHORD)
        # the pad's own buttons work too (a touch screen)
        for d in "2468":
            guard.pad.buttons[d].click()
        with qtbot.waitSignal(guard.sig_exit_requested, timeout=2000):
            guard.pad.buttons["OK"].click()
        assert guard.unlocked and _audit(rt) == ["kiosk.exit_denied", "kiosk.exit"]
        rows = rt.store.query("SELECT user, target, outcome FROM audit WHERE user NOT LIKE 'sim:%' ORDER BY id")
        assert rows == [("kiosk", "city:shouguang", "denied: wrong PIN"), ("kiosk", "city:shouguang", "ok")]
        n = guard.swallowed
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Escape)  # unlocked: the pane lets go
        assert not guard.glass.isVisible(), "glass"
        assert guard.swallowed == n, (QApplication.focusWidget(), window.focusWidget())


def test_the_pin_pad_is_drawn_inside_the_kiosk_window(qtbot, tmp_path):
    with kiosk(qtbot, tmp_path) as (rt, window, ctx, f):
        before = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Q, CHORD)
        pad = f.guard.pad
        assert pad is not None and pad.isVisible() and not pad.isWindow()
        assert pad.window() is window and f.guard.glass.isAncestorOf(pad)
        assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == before
        assert window.focusWidget() is f.guard.glass  # the pane keeps the keyboard while the pad is open
        assert window.rect().contains(pad.geometry())


def test_wrong_pins_wait_longer_each_time_then_lock_the_pad(qtbot, tmp_path):
    from console.gui.kiosk import MAX_WRONG_PINS, PIN_LOCKOUT_S, pin_delay_s

    with kiosk(qtbot, tmp_path) as (rt, window, ctx, f):
        guard = f.guard
        clock = [1000.0]
        guard.clock = lambda: clock[0]
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Q, CHORD)
        for i in range(MAX_WRONG_PINS):
            _type(window, "0000")
            assert guard.wrong == i + 1
            _type(window, "2468")  # inside the delay: not even compared
            assert not guard.unlocked and guard.wrong == i + 1
            clock[0] += pin_delay_s(i + 1) + 0.01 if i + 1 < MAX_WRONG_PINS else 0
        assert [pin_delay_s(n) for n in range(1, 5)] == [1, 2, 4, 8]
        assert "已锁定" in guard.pad.message.text()
        clock[0] += PIN_LOCKOUT_S - 1
        _type(window, "2468")
        assert not guard.unlocked  # still locked, the right PIN too
        rt.store.flush()
        outcomes = [o for (o,) in rt.store.query("SELECT outcome FROM audit WHERE action = 'kiosk.exit_denied' ORDER BY id")]
        assert outcomes == ["denied: wrong PIN"] * (MAX_WRONG_PINS - 1) + ["denied: locked"]
        clock[0] += 2
        with qtbot.waitSignal(guard.sig_exit_requested, timeout=2000):
            _type(window, "2468")


def test_a_supervisor_release_lets_the_window_close_and_is_audited(qtbot, tmp_path):
    with kiosk(qtbot, tmp_path) as (rt, window, ctx, f):
        assert not window.close()
        f.guard.release("SIGTERM")
        assert window.close()
        rt.store.flush()
        assert rt.store.query("SELECT action, detail, outcome FROM audit WHERE user NOT LIKE 'sim:%'") == [("kiosk.stop", '{"reason": "SIGTERM"}', "ok")]


def test_the_map_is_locked(qtbot, tmp_path):
    with kiosk(qtbot, tmp_path) as (rt, window, ctx, f):
        player = f.driver.player
        while player.step.id != "flood.map":  # the tour opens on what draws at once; its map comes later
            player.skip()
        maps = tiles_of(window, "map")
        assert maps, "the tour's map step shows the flood map"
        m = maps[0]
        assert m.view.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
        assert m.page.locked and m.page.devToolsPage() is None
        nav = QWebEnginePage.NavigationType
        assert not m.page.acceptNavigationRequest(QUrl("https://example.com/"), nav.NavigationTypeLinkClicked, True)
        assert not m.page.acceptNavigationRequest(QUrl("https://example.com/"), nav.NavigationTypeTyped, True)
        assert not m.page.acceptNavigationRequest(m._url, nav.NavigationTypeBackForward, True)
        assert m.page.acceptNavigationRequest(m._url, nav.NavigationTypeTyped, True)
        with qtbot.waitSignal(m.sig_page_loaded, timeout=15000, raising=False):
            pass
        m.run_js("location.href = 'https://example.com/'")
        qtbot.wait(300)
        assert m.page.url().scheme() == "cmap"


def test_outside_kiosk_the_map_is_not_locked(qtbot, tmp_path):
    with running_console(qtbot, tmp_path, demo=True, layout_file=None) as (rt, window, ctx):
        assert not ctx.read_only
        from console.tours.default import resolve_layout

        window.show_layout(resolve_layout("flood-map", rt.layouts))
        m = tiles_of(window, "map")[0]
        assert not m.page.locked and m.view.contextMenuPolicy() != Qt.ContextMenuPolicy.NoContextMenu
        assert all(t.ack_button is not None for t in window.wall.tiles if t.kind == "alarms")


def test_the_kiosk_pin_comes_from_a_file_the_settings_or_the_demo_default(tmp_path):
    assert load_kiosk_pin(None, tmp_path / "none.toml") == (DEFAULT_KIOSK_PIN, "default demo PIN")
    (tmp_path / "settings.toml").write_text('kiosk_pin = "907531"\n')
    assert load_kiosk_pin(None, tmp_path / "settings.toml")[0] == "907531"
    (tmp_path / "pin.txt").write_text("  13579\n")
    assert load_kiosk_pin(tmp_path / "pin.txt")[0] == "13579"
    (tmp_path / "bad.toml").write_text('kiosk_pin = "12ab"\n')
    with pytest.raises(KioskPinError, match="bad.toml: kiosk_pin"):
        load_kiosk_pin(tmp_path / "bad.toml")
    with pytest.raises(KioskPinError, match="cannot read"):
        load_kiosk_pin(tmp_path / "missing.txt")


def test_a_kiosk_screenshot_run_exits(tmp_path):
    import subprocess

    from tests.deploy_helpers import ROOT, console_cmd, isolated_env

    out = tmp_path / "kiosk.png"
    proc = subprocess.run(
        console_cmd("--demo", "--tour", "default", "--kiosk", "--cache", str(tmp_path / "cache"), "--size", "800x450",
                    "--screenshot", str(out), "--after", "2"),
        cwd=ROOT, env=isolated_env(tmp_path / "home"), capture_output=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    assert out.stat().st_size > 10_000
