"""The community plugin: the part-3 indicator weights and the 80 % line against a hand-computed
weighting, communities inside the boundary, an elderly-care call alarmed by the plugin's own rule
in the real engine, its tile under the tile contract, and its layouts through the plugin door only."""

from __future__ import annotations

import json
import time
from importlib import resources

import pytest

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.city import load_city
from console.hub.hub import Hub
from console.model import Reading
from console.sources.simulator import ScenarioEvent
from plugins.community.communities import STREAMS, communities
from plugins.community.indicators import load_standard, progress
from plugins.community.manifest import PLUGIN
from plugins.community.simulator import CommunitySimulator
from tests.energy_parking_helpers import PluginTileContract

WED = 1_784_044_800.0  # 2026-07-15 (a Wednesday) 00:00 Beijing time


def test_progress_is_the_completed_weight_hand_computed():
    std = load_standard()
    assert std.total_weight == 100 and std.bar == 0.80
    # C01 12 + C02 12 + C03 8 + C05 10 + C06 8 + C07 10 + C08 8 + C09 8 + C11 5 = 81 of 100
    p = progress(std, ["C01", "C02", "C03", "C05", "C06", "C07", "C08", "C09", "C11"], ["C04", "C10"])
    assert p.done_weight == 81 and p.share == pytest.approx(0.81) and p.meets_bar and p.weight_to_bar == 0
    assert p.building_weight == 14  # under way: C04 8 + C10 6, not counted
    # C01 12 + C05 10 + C07 10 + C08 8 = 40: 40 weight short of the line
    short = progress(std, ["C01", "C05", "C07", "C08"])
    assert short.share == pytest.approx(0.40) and not short.meets_bar and short.weight_to_bar == pytest.approx(40)


def test_the_eighty_percent_line_counts_itself_and_not_below():
    std = load_standard(json.dumps({"bar": 0.8, "indicators": [
        {"id": "A", "group": "g", "name": "a", "weight": 3}, {"id": "B", "group": "g", "name": "b", "weight": 1},
        {"id": "C", "group": "g", "name": "c", "weight": 1}]}))
    assert progress(std, ["A", "B"]).meets_bar  # 4 of 5 = 80 % exactly
    assert not progress(std, ["A"]).meets_bar  # 3 of 5 = 60 %
    assert progress(std, ["A", "C"]).share == pytest.approx(0.8)


def test_a_bad_table_or_an_unknown_indicator_is_named():
    std = load_standard()
    with pytest.raises(ValueError, match="C99"):
        progress(std, ["C01", "C99"])
    with pytest.raises(ValueError, match="weight must be positive"):
        load_standard(json.dumps({"indicators": [{"id": "A", "group": "g", "name": "a", "weight": 0}]}))
    with pytest.raises(ValueError, match="missing weight"):
        load_standard(json.dumps({"indicators": [{"id": "A", "group": "g", "name": "a"}]}))


def test_the_demo_communities_carry_their_hand_computed_weight_and_lie_inside_the_boundary():
    from layers.boundaries import contains, load_boundary

    for cid in ("shouguang", "yucheng"):
        sites = [e for e in communities(load_city(cid)) if e.kind == "community"]
        assert len(sites) >= 2
        assert all(contains(load_boundary(cid), e.lat, e.lon) for e in sites), cid
    pct = {e.id: e.attrs["indicator_pct"] for e in communities(load_city("shouguang")) if e.kind == "community"}
    assert pct == {"SG-SC01": 81.0, "SG-WJ02": 53.0, "SG-GC03": 52.0, "SG-LC04": 100.0}


def test_the_live_systems_follow_the_day():
    sim = CommunitySimulator(load_city("shouguang"))
    site = next(e for e in sim.entities() if e.id == "SG-SC01")
    night, morning = sim.values(site, WED + 3 * 3600), sim.values(site, WED + 8 * 3600)
    assert morning["access_events"] > 5 * night["access_events"]
    assert sim.values(site, WED + 17 * 3600)["locker_fill_pct"] > sim.values(site, WED + 9 * 3600)["locker_fill_pct"]
    assert night["ev_in_use"] > sim.values(site, WED + 12 * 3600)["ev_in_use"]
    summary = [r for r in sim.readings_between(WED, WED + 300) if r.stream == "community/city/shouguang/smart_count"]
    assert [r.value for r in summary] == [2.0]  # SG-SC01 at 81 %, SG-LC04 at 100 %


def test_rain_and_cold_follow_the_weather_the_other_simulators_take():
    city = load_city("shouguang")
    dry, wet = CommunitySimulator(city), CommunitySimulator(city)
    t = WED + 8 * 3600
    assert wet.apply_event(ScenarioEvent("rainstorm", t - 600, {"hours": 2}))
    site = next(e for e in dry.entities() if e.id == "SG-SC01")
    d, w = dry.values(site, t), wet.values(site, t)
    assert w["access_events"] == pytest.approx(0.6 * d["access_events"], abs=1)
    assert w["access_events"] < d["access_events"]
    night = WED + 23 * 3600  # chargers busy overnight; no rain then: the same as dry
    assert wet.values(site, night) == dry.values(site, night)
    wet.apply_event(ScenarioEvent("rain", night - 60, {"hours": 1}))
    assert wet.values(site, night)["ev_in_use"] < dry.values(site, night)["ev_in_use"]
    cold = CommunitySimulator(city)
    assert cold.apply_event(ScenarioEvent("cold_wave", WED, {"duration_h": 48}))
    assert cold.values(site, t)["access_events"] < d["access_events"]


def test_bad_weather_raises_the_elderly_care_calls():
    city = load_city("shouguang")
    days = range(60)
    def calls(sim):
        sites = [e for e in sim.entities() if e.kind == "community"]
        return sum(sim.values(e, WED + k * 86400 + m * 300)["care_calls"] > 0
                   for k in days for e in sites for m in range(0, 288, 5))
    calm = calls(CommunitySimulator(city))
    stormy = CommunitySimulator(city)
    stormy.apply_event(ScenarioEvent("rainstorm", WED - 86400, {"hours": 24 * 62}))
    stormy.apply_event(ScenarioEvent("cold_wave", WED - 86400, {"duration_h": 24 * 62}))
    # a large community calls nearly every day anyway (the chance is capped at 1); the small ones double
    assert calm > 0 and calls(stormy) > 1.2 * calm


@pytest.fixture
def engine(store):
    hub = Hub(store)
    hub.add_entities(communities(load_city("shouguang")))
    return hub, AlarmEngine(hub, [compile_rule(r, "plugin community") for r in PLUGIN.rules])


def test_an_elderly_care_call_raises_the_alarm_with_its_response_steps(engine):
    hub, eng = engine
    sim = CommunitySimulator(load_city("shouguang"))
    t = WED + 10 * 3600
    sim.apply_event(ScenarioEvent("elderly_call", t, {"community": "SG-WJ02"}))
    for r in sim.readings_between(t - 600, t + 300):
        if r.stream.endswith("/care_calls") and "SG-WJ02" in r.stream:
            hub.submit([r])
            assert hub.store.flush()
    open_ = [a for a in eng.open_alarms() if a.rule == "community.elderly_call"]
    assert len(open_) == 1 and "文家街道桂河社区" in open_[0].message and "{" not in open_[0].message
    assert len(eng.guidance(open_[0])) == 4


def test_no_call_no_alarm(engine):
    hub, eng = engine
    hub.submit([Reading("community/site/SG-WJ02/care_calls", WED + k * 300, 0.0) for k in range(3)])
    assert hub.store.flush()
    assert eng.open_alarms() == []


def test_an_unknown_community_in_an_event_is_named():
    with pytest.raises(ValueError, match="SG-NOPE"):
        CommunitySimulator(load_city("shouguang")).apply_event(ScenarioEvent("elderly_call", WED, {"community": "SG-NOPE"}))


@pytest.mark.parametrize("name", ["overview.json", "wall-32x9.json", "wall-16x9.json"])
def test_the_layouts_name_only_what_the_plugin_brings(name):
    from console.layouts.layout import load_layout

    layout = load_layout(resources.files("plugins.community") / "layouts" / name)
    assert layout.name.startswith("community-")
    assert {t.kind for t in layout.tiles} <= {"kpi", "chart", "map", "alarms", *PLUGIN.tile_kinds}
    for t in layout.tiles:
        for s in t.options.get("streams", ()):
            assert s.startswith("community/"), s
        if "select" in t.options:
            assert t.options["select"]["kind"] in {k.id for k in PLUGIN.entity_kinds}


def test_the_taskboard_layout_puts_the_boards_own_tile_beside_the_communities():
    """The board's tile is named as data (the taskboard plugin's kind), never imported."""
    from console.layouts.layout import load_layout

    layout = load_layout(resources.files("plugins.community") / "layouts" / "taskboard.json")
    assert layout.name == "community-taskboard"
    kinds = {t.kind for t in layout.tiles}
    assert "taskboard" in kinds and "community_indicators" in kinds
    assert kinds - {"taskboard"} <= {"kpi", *PLUGIN.tile_kinds}
    assert all(s.startswith("community/") for t in layout.tiles for s in t.options.get("streams", ()))


@pytest.mark.parametrize("aspect", ["32x9", "16x9"])
def test_the_wall_layouts_pass_the_wall_check(aspect):
    from console.layouts.layout import load_layout
    from console.layouts.wall_check import check_wall_layout

    report = check_wall_layout(load_layout(resources.files("plugins.community") / "layouts" / f"wall-{aspect}.json"))
    assert report.ok, report.problems
    assert report.aspect == aspect.replace("x", ":") and report.left and report.right


class TestIndicatorProgressTile(PluginTileContract):
    kind = "community_indicators"
    ref = "plugins.community.views.indicator_progress_tile:IndicatorProgressTile"
    options = {"select": {"kind": "community"}}

    def entities(self):
        return communities(load_city("shouguang"))

    def readings(self, ents, now):
        return [Reading(s.id, now - 30, 1.0) for e in ents for s in e.streams]

    def test_shows_each_community_against_the_line(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        assert tile.rows[0] == ("SG-LC04", 100.0) and [r[0] for r in tile.rows][-1] == "SG-GC03"
        assert tile.table.item(1, 1).text() == "81%✓" and tile.table.item(2, 3).text() == "27"
        assert tile.summary.text().startswith("2/4")
        self.close(tile)


def test_the_tile_builds_over_entities_without_indicator_data(qtbot, tmp_path):
    """Over foreign entities (the generic contract's gauges) the figures are dashes, not a crash."""
    from tests.tile_contract import gauge_entities

    class Over(TestIndicatorProgressTile):
        def entities(self):
            return gauge_entities()

    t = Over()
    t.options = {"select": {"kind": "gauge"}}
    tile, hub, signals = t.make(qtbot, tmp_path, with_data=True)
    assert tile.table.rowCount() == len(gauge_entities()) and tile.table.item(0, 1).text() == "—"
    t.close(tile)


def test_the_takeover_is_keyed_by_the_plugins_own_rule_and_the_plugin_is_discovered():
    from console.plugins.registry import PluginRegistry

    assert set(PLUGIN.takeovers) <= {r["id"] for r in PLUGIN.rules} | {k.id for k in PLUGIN.entity_kinds}
    assert PLUGIN.takeovers["community.elderly_call"].stream in {s[0] for s in STREAMS}
    assert {"community", "streetlight"} <= set(PluginRegistry.discover().plugins)


def test_counts_are_written_as_counts():
    from console.figures import format_value

    site = next(e for e in communities(load_city("shouguang")) if e.kind == "community")
    spec = {s.id.rsplit("/", 1)[1]: s for s in site.streams}
    assert format_value(12.0, spec["access_events"]) == "12 次" and format_value(3.0, spec["ev_in_use"]) == "3 个"
    assert format_value(57.25, spec["locker_fill_pct"]) == "57.2 %"
