"""Wall configuration: validated with the key named; screens matched by name or serial, not index."""

import pytest

from console.wall.wall_config import ScreenInfo, WallConfigError, font_scale, load_wall_config, match_screens, parse_wall_config

WALL_TOML = """
hotkeys = ["flood-overview", "flood-map"]

[[screens]]
id = "left"
match = { name = "HDMI-1" }
layout = "flood-overview"
schedule = [ { at = "19:00", layout = "flood-map" }, { at = "07:00", layout = "flood-overview" } ]

[[screens]]
id = "right"
match = { serial = "SN-42", manufacturer = "Leyard" }
playlist = "tour"

[playlists]
tour = [ { layout = "flood-map", dwell_s = 30 }, { layout = "flood-cameras" } ]

[takeover]
min_severity = 3
screens = ["left"]
return_after_s = 120
"""


def test_a_toml_config_loads(tmp_path):
    p = tmp_path / "wall.toml"
    p.write_text(WALL_TOML)
    cfg = load_wall_config(p)
    left, right = cfg.screens
    assert [e.at_min for e in left.schedule] == [7 * 60, 19 * 60]  # sorted by time of day
    assert right.match.serial == "SN-42" and right.playlist == "tour"
    assert cfg.playlists["tour"][1].dwell_s == 60 and cfg.takeover.return_after_s == 120
    assert cfg.hotkeys == ("flood-overview", "flood-map")


@pytest.mark.parametrize(
    "data, key",
    [
        ({"screens": [{"id": "a", "match": {"nmae": "x"}}]}, "screens[0].match.nmae"),
        ({"screens": [{"id": "a", "match": {"name": "x"}, "schedule": [{"at": "25:00", "layout": "x"}]}]}, "screens[0].schedule[0].at"),
        ({"screens": [{"id": "a"}]}, "screens[0].match"),
        ({"screens": [{"id": "a", "span": True}, {"id": "a", "span": True}]}, "screens[1].id"),
        ({"screens": [{"id": "a", "span": True, "playlist": "p"}]}, "screens[0].playlist"),
        ({"screens": [{"id": "a", "span": True}], "takeover": {"screens": ["b"]}}, "takeover.screens[0]"),
        ({"screens": [{"id": "a", "span": True, "scale": 20}]}, "screens[0].scale"),
        ({"screens": []}, "screens"),
    ],
)
def test_errors_name_the_key(data, key):
    with pytest.raises(WallConfigError) as exc:
        parse_wall_config(data, "wall.toml")
    assert f"wall.toml: {key}:" in str(exc.value)


def test_bad_toml_is_named(tmp_path):
    p = tmp_path / "wall.toml"
    p.write_text("[[screens]\nid=")
    with pytest.raises(WallConfigError, match="invalid TOML"):
        load_wall_config(p)


def test_screens_are_matched_by_name_and_serial_not_order():
    cfg = parse_wall_config({"screens": [
        {"id": "left", "match": {"name": "HDMI-1"}},
        {"id": "right", "match": {"serial": "SN-42"}},
        {"id": "gone", "match": {"name": "DP-9"}},
        {"id": "all", "span": True},
    ]})
    connected = [
        ScreenInfo("DP-1", serial="SN-42", geometry=(1920, 0, 1920, 1080)),
        ScreenInfo("HDMI-1", geometry=(0, 0, 1920, 1080)),
    ]
    m = match_screens(cfg, connected)
    assert m["left"].name == "HDMI-1" and m["right"].name == "DP-1" and m["gone"] is None
    assert m["all"].geometry == (0, 0, 3840, 1080)
    assert match_screens(cfg, list(reversed(connected))) == m


def test_font_scale_follows_the_wall_height():
    assert font_scale(1920, 1080) == 1.0
    assert font_scale(7680, 2160) == 3.0
    assert font_scale(5760, 3240) == 4.5
    assert font_scale(7680, 2160, configured=2.5) == 2.5
