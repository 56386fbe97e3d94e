"""The tourism plugin: visitors follow the opening hours, warnings at 80 % and 100 % of capacity
from the plugin's own rules in the real engine, and its layout through the plugin door only."""

from __future__ import annotations

import dataclasses

import pytest

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.city import load_city
from console.hub.hub import Hub
from console.model import Reading
from console.sources.simulator import ScenarioEvent
from plugins.tourism.manifest import PLUGIN
from plugins.tourism.simulator import TourismSimulator, arrived_share, arrival_rate
from plugins.tourism.spots import SPOTS, scenic_spots

WED = 1_784_044_800.0  # 2026-07-15 (a Wednesday) 00:00 Beijing time


def at(day0: float, hour: float) -> float:
    return day0 + hour * 3600


def test_every_county_has_its_spots_inside_its_boundary():
    from layers.boundaries import contains, load_boundary

    for cid in ("juxian", "shouguang", "yucheng", "weifang", "zhangqiu"):
        city = load_city(cid)
        spots = [e for e in scenic_spots(city) if e.kind == "scenic_spot"]
        assert len(spots) == len(SPOTS[cid]) >= 2
        assert all(contains(load_boundary(cid), e.lat, e.lon) for e in spots), cid


def test_the_gates_open_at_eight_and_close_at_six():
    assert arrival_rate(7.9) == 0 and arrival_rate(18.1) == 0 and arrival_rate(11) > arrival_rate(8.2)
    assert arrived_share(8.0) == 0 and arrived_share(18.0) == pytest.approx(1.0, abs=0.02)
    sim = TourismSimulator(load_city("juxian"))
    fls = next(e for e in sim.entities() if e.id == "FLS")
    night, noon = sim.values(fls, at(WED, 3)), sim.values(fls, at(WED, 11.5))
    assert night["visitors"] == 0 and noon["visitors"] > 0
    assert sim.values(fls, at(WED, 17))["entries"] >= noon["entries"]  # the day's entries only grow
    saturday = sim.values(fls, at(WED + 3 * 86400, 11.5))
    assert saturday["visitors"] > 1.5 * noon["visitors"]


def test_a_golden_week_crowd_fills_the_spot_and_rain_keeps_visitors_away():
    sim = TourismSimulator(load_city("juxian"))
    fls = next(e for e in sim.entities() if e.id == "FLS")
    before = sim.values(fls, at(WED, 11))["occupancy"]
    sim.apply_event(ScenarioEvent("holiday_crowd", at(WED, 9), {"spot": "FLS", "hours": 6}))
    crowded = sim.values(fls, at(WED, 11))["occupancy"]
    assert before < 80 <= crowded
    other = TourismSimulator(load_city("juxian"))
    other.apply_event(ScenarioEvent("rain", at(WED, 10), {"hours": 3}))
    assert other.values(fls, at(WED, 11))["visitors"] < 0.6 * TourismSimulator(load_city("juxian")).values(fls, at(WED, 11))["visitors"]


@pytest.fixture
def engine(store):
    hub = Hub(store)
    city = load_city("juxian")
    hub.add_entities(scenic_spots(city))
    return hub, AlarmEngine(hub, [compile_rule(r, "plugin tourism") for r in PLUGIN.rules])


def _occupancy(hub, value: float, t0: float, n: int = 3, step: float = 300) -> float:
    for k in range(n):
        hub.submit([Reading("tourism/spot/FLS/occupancy", t0 + k * step, value)])
        assert hub.store.flush()
    return t0 + n * step


@pytest.mark.parametrize("value,rules", [(79.0, []), (80.0, ["tourism.crowded"]), (99.0, ["tourism.crowded"]),
                                         (100.0, ["tourism.full"]), (130.0, ["tourism.full"])])
def test_capacity_warnings_at_eighty_and_a_hundred_percent(engine, value, rules):
    hub, eng = engine
    _occupancy(hub, value, 1_784_000_000.0)
    got = sorted(a.rule for a in eng.open_alarms())
    assert got == rules
    for a in eng.open_alarms():
        assert eng.guidance(a), "each warning brings its response steps"
        assert "{" not in a.message and "浮来山风景区" in a.message


def test_the_layout_names_only_what_the_plugin_brings():
    from console.layouts.layout import load_layout
    from importlib import resources

    path = resources.files("plugins.tourism") / "layouts" / "overview.json"
    layout = load_layout(path)
    assert layout.name == "tourism-overview"
    kinds = {t.kind for t in layout.tiles}
    assert kinds <= {"kpi", "chart", "map", "alarms"}
