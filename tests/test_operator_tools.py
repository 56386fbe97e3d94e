"""The operator's alarm tools on the desk of a running console: the audible alarm per warning level,
silenced with one key (audited), and the playlist keys (next, previous, hold) with the permission
check and the audit trail."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from console.model import Reading
from console.wall.wall_config import parse_wall_config
from tests.gui_helpers import desk_console
from tests.language_helpers import english

CTRL = Qt.KeyboardModifier.ControlModifier


def _audit(rt, action):
    assert rt.store.flush()
    return [(u, t, o, json.loads(d or "{}")) for u, t, o, d in
            rt.store.query("SELECT user, target, outcome, detail FROM audit WHERE action = ? ORDER BY id", (action,))]


def _gauges(rt, *ids):
    from plugins.flood.gauges import river_gauges

    gauges = {g.id: g for g in river_gauges(rt.city, 1)}
    rt.hub.add_entities([gauges[i] for i in ids], persist=False)
    rt.hub.register_source("test-gauges", [gauges[i].streams[0].id for i in ids]).live = True
    return gauges


def _level(rt, gauge, attr, margin=0.3):
    """The gauge above ``attr`` for long enough (the rules' delay) to raise its alarm."""
    now = rt.clock.now()
    v = gauge.attrs[attr] + margin
    rt.hub.submit([Reading(gauge.streams[0].id, now - 300 + 150 * k, v) for k in range(3)], source="test-gauges")
    assert rt.store.flush()


def _key(qtbot, window, key, mods=Qt.KeyboardModifier.NoModifier):
    """A key as the platform delivers it to the desk window (the wall windows show beside it)."""
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window.windowHandle(), key, mods)


def test_the_worst_new_alarm_sounds_until_silenced_with_one_key_and_a_new_one_sounds_again(qtbot, tmp_path):
    with desk_console(qtbot, tmp_path) as (rt, window, desk):
        sound = desk.sound
        assert sound.level == 0
        if sound.output is None:  # headless: the status bar says so, and the state is kept all the same
            assert "无音频输出" in desk.sound_label.text() and desk.sound_label.isVisible()
        else:
            assert not desk.sound_label.isVisible()
        g = _gauges(rt, "MH-03", "MH-05", "MH-07")
        _level(rt, g["MH-03"], "warning_level")
        qtbot.waitUntil(lambda: sound.level == 3)  # orange
        assert "橙色报警音" in desk.sound_label.text() and desk.sound_label.isVisible()
        _level(rt, g["MH-05"], "guarantee_level")
        qtbot.waitUntil(lambda: sound.level == 4)  # red drowns orange
        loud = sorted(sound.sounding)
        assert len(loud) == 2

        _key(qtbot, window, Qt.Key.Key_F9)
        assert sound.level == 0 and "sounding" not in desk.sound_label.text()
        (row,) = _audit(rt, "alarm.silence")
        assert row[:3] == ("王工", "desk", "ok") and row[3] == {"level": 4, "alarms": loud}
        _key(qtbot, window, Qt.Key.Key_F9)  # nothing sounds: nothing to silence, nothing audited
        assert len(_audit(rt, "alarm.silence")) == 1

        _level(rt, g["MH-07"], "warning_level")
        qtbot.waitUntil(lambda: sound.level == 3)  # only the new alarm sounds
        (new,) = [a for a in rt.alarms.open_alarms() if a.entity_id == "MH-07"]
        assert sound.sounding == [new.id]
        rt.alarms.ack(new.id, rt.session, "现场核实中 checking on site")
        qtbot.waitUntil(lambda: sound.level == 0)  # acknowledged: quiet, and no silence was needed
        assert len(_audit(rt, "alarm.silence")) == 1


def test_sound_files_exist_for_every_warning_level():
    import wave

    from console.alarms.rules import LEVELS
    from console.gui.alarm_sound import sound_file

    for level in LEVELS:
        with wave.open(sound_file(level)) as w:
            assert w.getnframes() / w.getframerate() >= 0.5 and w.getnchannels() == 1


def test_playlist_keys_step_and_hold_for_an_operator_and_are_refused_to_a_viewer(qtbot, tmp_path):
    wall = parse_wall_config({
        "screens": [{"id": "main", "span": True, "fullscreen": False, "playlist": "day"}],
        "playlists": {"day": [{"layout": "flood-overview", "dwell_s": 600}, {"layout": "flood-alarms", "dwell_s": 600},
                              {"layout": "taskboard", "dwell_s": 600}]},
    })
    with desk_console(qtbot, tmp_path, wall) as (rt, window, desk):
        screen = desk.windows.windows["main"]
        shown = lambda: screen.layout_model.name  # noqa: E731
        assert shown() == "flood-overview"
        _key(qtbot, window, Qt.Key.Key_Right, CTRL)
        assert shown() == "flood-alarms"
        _key(qtbot, window, Qt.Key.Key_Left, CTRL)
        _key(qtbot, window, Qt.Key.Key_Left, CTRL)  # back past the first: the last
        assert shown() == "taskboard"
        _key(qtbot, window, Qt.Key.Key_Space)
        assert desk.switcher.held("main")
        steps = _audit(rt, "playlist.step")
        assert [(r[0], r[1], r[2]) for r in steps] == [("王工", "screen:main", "ok")] * 3
        assert [(r[3]["from_layout"], r[3]["layout"]) for r in steps] == [
            ("flood-overview", "flood-alarms"), ("flood-alarms", "flood-overview"), ("flood-overview", "taskboard")]
        (hold,) = _audit(rt, "playlist.hold")
        assert hold[2] == "ok" and hold[3]["held"] is True and hold[3]["layout"] == "taskboard"

        rt.session.login_auto("访客", "viewer")
        _key(qtbot, window, Qt.Key.Key_Right, CTRL)
        _key(qtbot, window, Qt.Key.Key_Space)
        assert shown() == "taskboard" and desk.switcher.held("main")  # nothing changed
        assert _audit(rt, "playlist.step")[-1][:3] == ("访客", "screen:main", "denied: role viewer may not playlist.step")
        assert _audit(rt, "playlist.hold")[-1][:3] == ("访客", "screen:main", "denied: role viewer may not playlist.hold")
        refused = [n for n in rt.notices if "无权操作轮播" in n]
        assert refused and all(english(n).startswith("Not allowed: playlist.") for n in refused)  # and --lang en in English
