"""The tourism plugin's tour steps: a crowded Golden Week day at the county's first spot. The steps
are the default tour's (filled with the city's own spot), and played on the real simulator, hub
and alarm engine they do what their captions say: past 80 % in the first, at capacity in the
second, where the full alarm's takeover brings that spot's share of capacity, map and steps."""

from __future__ import annotations

import pytest

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.city import load_city
from console.hub.hub import Hub
from console.plugins.registry import PluginRegistry
from console.sources.simulator import ScenarioEvent
from console.tours.default import default_tour
from console.wall.takeover import takeover_for
from plugins.tourism.manifest import PLUGIN
from plugins.tourism.simulator import TourismSimulator
from plugins.tourism.spots import SPOTS
from tests.plugin_layouts import plugin_layouts

NIGHT = 1_784_044_800.0 + 2 * 3600  # 2026-07-15 02:00 Beijing time: the spots are empty, the tour runs anyway


@pytest.mark.parametrize("city_id", ["juxian", "shouguang"])
def test_the_default_tour_has_the_crowded_holiday_at_the_citys_own_spot(city_id):
    plugins = list(PluginRegistry.discover().plugins.values())
    tour, notices = default_tour(load_city(city_id), plugins, plugin_layouts(plugins))
    assert notices == []
    steps = {s.id: s for s in tour.steps}
    holiday, full = steps["tourism.holiday"], steps["tourism.at_capacity"]
    sid, name, name_en = SPOTS[city_id][0][:3]
    assert holiday.events[0]["type"] == "holiday_crowd" and holiday.events[0]["spot"] == sid
    for step in (holiday, full):
        assert name in step.caption_zh and name_en in step.caption_en
        assert "{" not in step.caption_zh + step.caption_en and step.layout == "tourism-overview"
    assert [s.id for s in tour.steps].index("tourism.at_capacity") == [s.id for s in tour.steps].index("tourism.holiday") + 1
    assert 300 <= tour.duration_s <= 480


def _play(city_id: str, store, start: float):
    """The two steps as the tour plays them: events at the step's start, then the clock's jump,
    the readings of every five minutes in between going through the hub and the rules."""
    city = load_city(city_id)
    plugins = list(PluginRegistry.discover().plugins.values())
    tour, _ = default_tour(city, plugins, plugin_layouts(plugins))
    steps = [s for s in tour.steps if s.id in ("tourism.holiday", "tourism.at_capacity")]
    sim = TourismSimulator(city)
    hub = Hub(store)
    hub.add_entities(list(sim.entities()))
    engine = AlarmEngine(hub, [compile_rule(r, "plugin tourism") for r in PLUGIN.rules])
    t = start
    hub.submit(sim.readings_between(t - 3600, t))
    assert store.flush()
    seen = []
    for step in steps:
        for data in step.events:
            sim.apply_event(ScenarioEvent(data["type"], t, {k: v for k, v in data.items() if k != "type"}))
        hub.submit(sim.readings_between(t, t + step.advance_s))
        assert store.flush()
        t += step.advance_s
        seen.append((hub.latest(f"tourism/spot/{SPOTS[city_id][0][0]}/occupancy").value, sorted(a.rule for a in engine.open_alarms())))
    return hub, engine, seen


@pytest.mark.parametrize("city_id", ["juxian", "shouguang"])
@pytest.mark.parametrize("offset_s", [0, 110, 230, 299])  # the tour starts between two five-minute counts
def test_the_crowd_passes_eighty_then_a_hundred_percent_and_the_full_alarm_takes_the_wall(city_id, offset_s, store):
    hub, engine, seen = _play(city_id, store, NIGHT + offset_s)
    (occ1, alarms1), (occ2, alarms2) = seen
    assert 80 <= occ1 < 100 and "tourism.full" not in alarms1, seen
    assert occ2 >= 100 and alarms2 == ["tourism.full"], seen  # the 80 % warning is suppressed by the full one
    (alarm,) = engine.open_alarms()
    spot = hub.entities[SPOTS[city_id][0][0]]
    layout = takeover_for(alarm, PluginRegistry.discover().plugins.values(), hub.entities, engine.guidance(alarm))
    chart = next(t for t in layout.tiles if t.kind == "chart")
    assert chart.options["select"]["ids"] == [spot.id] and chart.options["stream"] == "occupancy"
    assert chart.options["thresholds"] == ["warn_pct"]
    themap = next(t for t in layout.tiles if t.kind == "map")
    assert themap.options["center"] == [spot.lat, spot.lon] and set(themap.options["layers"]) == {"scenic_spot", "carpark"}
    text = next(t for t in layout.tiles if t.kind == "text")
    assert spot.name in text.options["heading"] and "停止售票" in str(text.options["text"])


def test_each_occupancy_rule_has_its_takeover():
    occupancy_rules = [r["id"] for r in PLUGIN.rules if r["streams"].endswith("/occupancy")]
    assert occupancy_rules == ["tourism.full", "tourism.crowded"]
    assert all(PLUGIN.takeovers[r].stream == "occupancy" for r in occupancy_rules)
