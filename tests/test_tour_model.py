"""Tour files and the default tour of a city (no Qt)."""

import json

import pytest

from console.city import load_city
from console.layouts.layout import parse_layout
from console.plugins.registry import PluginRegistry
from console.tours.default import default_tour, find_tour
from console.tours.model import TourError, load_tour, parse_tour


def _layouts():
    import plugins.flood.manifest as m
    from importlib import resources

    out = {}
    for ref in m.PLUGIN.layouts:
        pkg, _, rel = ref.partition(":")
        layout = parse_layout(json.loads((resources.files(pkg) / rel).read_text("utf-8")), rel)
        out[layout.name] = layout
    return out


def _step(**kw):
    return {"caption_zh": "中文", "caption_en": "English", "duration_s": 10, **kw}


@pytest.mark.parametrize(
    "data, key",
    [
        ({"name": "t", "steps": [_step(duration_s=0)]}, "steps[0].duration_s"),
        ({"name": "t", "steps": [_step(colour="red")]}, "steps[0].colour"),
        ({"name": "t", "steps": [_step(focus={"tile": -1})]}, "steps[0].focus.tile"),
        ({"name": "t", "steps": [{"caption_zh": "中文", "duration_s": 5}]}, "steps[0]"),
        ({"name": "t", "steps": [_step(events=[{"intensity": 4}])]}, "steps[0].events[0]"),
        ({"name": "t", "steps": []}, "steps"),
    ],
)
def test_a_bad_tour_is_refused_naming_the_key(data, key):
    with pytest.raises(TourError) as err:
        parse_tour(data, "bad.json")
    assert f"bad.json: {key}:" in str(err.value)


def test_tour_files_load_from_json_and_toml(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"name": "a", "steps": [_step(layout="flood-map")]}), "utf-8")
    (tmp_path / "b.toml").write_text(
        'name = "b"\nloop = false\n[[steps]]\ncaption_zh = "暴雨"\ncaption_en = "Rain"\nduration_s = 5\n'
        'events = [{type = "rainstorm", intensity_mm_h = 30}]\n', "utf-8")
    a, b = load_tour(tmp_path / "a.json"), load_tour(tmp_path / "b.toml")
    assert a.steps[0].layout == "flood-map" and a.loop
    assert not b.loop and b.steps[0].events == ({"type": "rainstorm", "intensity_mm_h": 30},)
    (tmp_path / "c.json").write_text("{", "utf-8")
    with pytest.raises(TourError, match="c.json: line 1"):
        load_tour(tmp_path / "c.json")


def test_the_default_tour_is_5_to_8_minutes_and_tells_the_flood_story():
    city = load_city("shouguang")
    tour, notices = default_tour(city, PluginRegistry.discover().plugins.values(), _layouts())
    assert notices == []
    assert 300 <= tour.duration_s <= 480
    assert tour.loop and tour.attract_s > 0
    ids = [s.id for s in tour.steps]
    assert ids[0] == "core.overview" and "flood.rainstorm" in ids and "flood.warning" in ids
    assert "core.pilot_tasks" not in ids  # no task board layout is loaded here
    storm = tour.steps[ids.index("flood.rainstorm")]
    assert storm.events[0]["type"] == "rainstorm"
    warn = tour.steps[ids.index("flood.warning")]
    assert warn.events[0] == {"type": "gauge_surge", "gauge": "MH-07", "ramp_s": 180, "margin_m": 0.3, "hold_s": 1800}
    assert "MH-07" in warn.caption_en and "Mi River" in warn.caption_en and "弥河" in warn.caption_zh
    assert "寿光市" in tour.title_zh


def test_the_default_tour_takes_a_task_board_layout_when_there_is_one():
    layouts = _layouts()
    board = parse_layout({"name": "pilot-board", "grid": {"rows": 1, "columns": 1},
                          "tiles": [{"kind": "taskboard", "row": 0, "col": 0}]})
    layouts[board.name] = board
    tour, _ = default_tour(load_city("yucheng"), PluginRegistry.discover().plugins.values(), layouts)
    assert "core.pilot_tasks" in [s.id for s in tour.steps]
    assert 300 <= tour.duration_s <= 480


def test_find_tour_names_what_is_missing(tmp_path):
    with pytest.raises(TourError, match="no such tour"):
        find_tour("nonexistent", load_city("shouguang"), [], {})


def test_a_long_tour_is_cut_from_its_long_steps_never_below_the_floor():
    from console.tours.default import fit_duration
    from console.tours.model import parse_step

    steps = [parse_step(_step(duration_s=d)) for d in (60, 40, 20, 12)]  # 132 s into 100 s
    fitted = [s.duration_s for s in fit_duration(steps, 50, 100, floor_s=20)]
    # 20 + 12 stay; 60 and 40 give 32 s of their 40 + 20 s above the floor: each keeps 28/60 of it
    assert fitted == [38.6, 29.3, 20, 12] and sum(fitted) <= 100
    stretched = [s.duration_s for s in fit_duration(steps, 264, 300)]  # too short: all in proportion
    assert stretched == [120, 80, 40, 24]
    # a floor that cannot hold (every step at it is already too long): in proportion
    assert [s.duration_s for s in fit_duration(steps[:2], 10, 30, floor_s=20)] == [18, 12]


def test_a_step_for_some_cities_is_in_their_default_tour_only():
    from plugins.transit.manifest import PLUGIN as TRANSIT

    plugins = [m for m in PluginRegistry.discover().plugins.values() if m.name in ("flood", "transit")]
    layouts = {**_layouts(), "transit-overview": parse_layout(
        {"name": "transit-overview", "grid": {"rows": 1, "columns": 1}, "tiles": [{"kind": "text", "row": 0, "col": 0}]}, "t")}
    assert TRANSIT.tour_steps[0]["cities"] == ["yucheng"]
    yucheng, _ = default_tour(load_city("yucheng"), plugins, layouts)
    shouguang, _ = default_tour(load_city("shouguang"), plugins, layouts)
    assert "transit.bunching" in [s.id for s in yucheng.steps]
    assert "transit.bunching" not in [s.id for s in shouguang.steps]
