"""Switching decisions without Qt: a fake clock, alarm events in, "show layout X" out."""

from dataclasses import replace

import pytest

from console.layouts.layout import TileSpec
from console.model import Entity
from console.wall.commands import parse_command
from console.wall.switching import WallSwitcher
from console.wall.takeover import takeover_content, takeover_layout
from console.wall.wall_config import parse_wall_config
from tests.wall_helpers import wall_alarm

LAYOUTS = ["flood-overview", "flood-map", "flood-cameras"]




def _config(**takeover):
    return parse_wall_config({
        "screens": [
            {"id": "left", "match": {"name": "HDMI-1"}, "layout": "flood-overview",
             "schedule": [{"at": "07:00", "layout": "flood-overview"}, {"at": "19:00", "layout": "flood-map"}]},
            {"id": "right", "match": {"name": "HDMI-2"}, "playlist": "tour"},
        ],
        "playlists": {"tour": [{"layout": "flood-map", "dwell_s": 30}, {"layout": "flood-cameras", "dwell_s": 10}]},
        "takeover": {"min_severity": 3, "screens": ["left"], "return_after_s": 120, **takeover},
    })


def _switcher(**takeover):
    # minutes of day from a fake clock that starts at midnight
    return WallSwitcher(_config(**takeover), LAYOUTS, lambda a: takeover_layout(a), minutes_of_day=lambda t: int(t // 60) % 1440)


def _shown(decisions):
    return {d.screen: (d.layout, d.reason) for d in decisions}


def _left(decisions):
    return [(d.layout, d.reason) for d in decisions if d.screen == "left"]


H = 3600.0


def test_schedule_switches_day_and_night():
    sw = _switcher()
    assert _shown(sw.tick(8 * H))["left"] == ("flood-overview", "schedule")
    assert "left" not in _shown(sw.tick(12 * H))  # no change, no decision
    assert _shown(sw.tick(19 * H))["left"] == ("flood-map", "schedule")
    assert _left(sw.tick(24 * H + 3 * H)) == []  # still night after midnight
    assert sw.current("left", 27 * H).layout == "flood-map"


def test_playlist_dwells_and_hold_pauses():
    sw = _switcher()
    t = 8 * H
    assert _shown(sw.tick(t))["right"] == ("flood-map", "playlist")
    assert sw.tick(t + 29) == []
    assert _shown(sw.tick(t + 30))["right"] == ("flood-cameras", "playlist")
    sw.toggle_hold("right", t + 35)
    assert sw.held("right")
    assert sw.tick(t + 500) == []  # held: stays on the cameras
    sw.toggle_hold("right", t + 500)
    assert sw.tick(t + 504) == []  # 5 s of its 10 s dwell were used before the hold
    assert _shown(sw.tick(t + 505))["right"] == ("flood-map", "playlist")


def test_playlist_steps_forward_and_back_with_a_full_dwell_and_stays_held():
    sw = _switcher()
    t = 8 * H
    sw.tick(t)
    assert sw.playlist_item("right") == ("tour", 1, "flood-map") and sw.playlist_item("left") is None
    assert _shown(sw.step("right", 1, t + 5))["right"] == ("flood-cameras", "playlist")
    assert sw.tick(t + 14) == []  # the stepped-to item gets its whole 10 s
    assert _shown(sw.tick(t + 15))["right"] == ("flood-map", "playlist")
    assert _shown(sw.step("right", -1, t + 16))["right"] == ("flood-cameras", "playlist")  # wraps around
    sw.toggle_hold("right", t + 17)
    assert _shown(sw.step("right", 1, t + 18))["right"] == ("flood-map", "playlist")
    assert sw.held("right") and sw.tick(t + 600) == []  # held on the new item
    assert sw.step("left", 1, t + 601) == []  # no playlist there: nothing changes


def test_alarm_takes_the_wall_and_returns_after_ack_and_timeout():
    sw = _switcher()
    t = 8 * H
    sw.tick(t)
    sw.take_control("left", "flood-cameras", t)
    low = wall_alarm(1, "MH-01", "flood/gauge/MH-01/level", severity=2)
    assert sw.on_alarms([low], t + 1) == []  # below min_severity: nothing
    alarm = wall_alarm(2, "MH-03", "flood/gauge/MH-03/level", severity=3)
    d = sw.on_alarms([low, alarm], t + 2)
    assert [(x.screen, x.layout, x.reason) for x in d] == [("left", "takeover:MH-03", "takeover")]  # only the configured screen
    assert {tile.kind for tile in d[0].generated.tiles} == {"chart", "map", "cameras", "text"}
    assert _left(sw.tick(t + 1000)) == []  # unacknowledged: stays however long
    acked = replace(alarm, state="acked")
    assert _left(sw.on_alarms([low, acked], t + 1000)) == []  # acknowledged: the timeout starts
    assert _left(sw.tick(t + 1119)) == []
    back = sw.tick(t + 1120)
    assert _shown(back)["left"] == ("flood-cameras", "operator")  # what was there before
    assert _left(sw.on_alarms([low, acked], t + 1130)) == []  # the same alarm does not take it again
    sw.release("left", t + 1131)
    assert sw.current("left", t + 1131).reason == "schedule"


def test_a_worse_alarm_replaces_a_takeover_and_a_cleared_one_counts_as_handled():
    sw = _switcher()
    t = 8 * H
    sw.tick(t)
    a3 = wall_alarm(3, "MH-03", "flood/gauge/MH-03/level", severity=3)
    sw.on_alarms([a3], t)
    a4 = wall_alarm(4, "MH-07", "flood/gauge/MH-07/level", severity=4, raised_ts=t + 5)
    assert _left(sw.on_alarms([a3, a4], t + 5)) == [("takeover:MH-07", "takeover")]
    # a4 closed (acknowledged and cleared): MH-03, still unacknowledged, takes the screen back
    assert _left(sw.on_alarms([a3], t + 10)) == [("takeover:MH-03", "takeover")]
    assert _left(sw.on_alarms([], t + 20)) == []  # a3 closed too: the timeout runs
    assert _left(sw.tick(t + 139)) == []
    assert _left(sw.tick(t + 140)) == [("flood-overview", "schedule")]


def test_veto_sends_the_screen_back_and_keeps_it_back():
    sw = _switcher()
    t = 8 * H
    sw.tick(t)
    a = wall_alarm(5, "MH-03", "flood/gauge/MH-03/level", severity=4)
    sw.on_alarms([a], t)
    assert sw.takeover_alarm("left") == a
    assert _shown(sw.veto("left", t + 3))["left"] == ("flood-overview", "schedule")
    assert _left(sw.on_alarms([a], t + 4)) == []


def test_hotkeys_tiles_and_commands():
    sw = _switcher()
    t = 8 * H
    sw.tick(t)
    assert _shown(sw.hotkey("left", 2, t))["left"] == ("flood-map", "operator")
    assert sw.hotkey("left", 9, t) == []
    d = sw.send_tile("left", TileSpec("chart", 1, 2, 2, 2, "MH-03", {"streams": ["x"]}), t)
    assert d[0].reason == "tile" and d[0].generated.rows == 1 and d[0].generated.tiles[0].rowspan == 1
    with pytest.raises(ValueError, match="no layout named"):
        sw.take_control("left", "nope", t)
    titles = {"flood-overview": "防汛总览 Flood overview", "flood-map": "防汛一张图 Flood map"}
    assert parse_command("一张图", titles, ["tour"]).arg == "flood-map"
    assert parse_command("flood-overview", titles, ["tour"]).arg == "flood-overview"
    assert parse_command("play t", titles, ["tour"]).action == "play"
    assert parse_command("veto", titles, ["tour"]).action == "veto"
    assert parse_command("zzz", titles, ["tour"]) is None


def test_takeover_layout_is_built_around_the_entity():
    from plugins.flood.manifest import PLUGIN as FLOOD

    e = Entity("MH-03", "gauge", "弥河 MH-03", attrs={"warning_level": 3.0, "guarantee_level": 4.0})
    a = wall_alarm(2, "MH-03", "flood/gauge/MH-03/level", severity=3)
    lay = takeover_layout(a, e, ("撤离 Evacuate",), takeover_content([FLOOD], a, e))
    chart = next(t for t in lay.tiles if t.kind == "chart")
    assert chart.options["select"] == {"kind": "gauge", "ids": ["MH-03"]} and chart.options["stream"] == "level"
    assert chart.options["thresholds"] == ["warning_level", "guarantee_level"]
    assert "1. 撤离 Evacuate" in next(t for t in lay.tiles if t.kind == "text").options["text"]  # no rule steps given
    cams = next(t for t in lay.tiles if t.kind == "cameras")
    assert cams.options["select"] == {"kind": "camera", "ids": []}  # no cameras known, none placed