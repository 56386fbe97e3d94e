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


@pytest.mark.parametrize("name", ["overview", "wall-32x9", "wall-16x9"])
def test_the_layouts_name_only_what_the_plugin_brings(name):
    from importlib import resources

    from console.layouts.layout import load_layout
    from console.layouts.wall_check import check_wall_layout

    path = resources.files("plugins.tourism") / "layouts" / f"{name}.json"
    assert f"plugins.tourism:layouts/{name}.json" in PLUGIN.layouts
    layout = load_layout(path)
    assert layout.name == f"tourism-{name}"
    kinds = {t.kind for t in layout.tiles}
    assert kinds <= {"kpi", "chart", "map", "alarms", *PLUGIN.tile_kinds} and "tourism_parking" in kinds
    streams = {s for t in layout.tiles for s in t.options.get("streams", [])}
    assert {"tourism/county/*/origin_other_pct", "tourism/county/*/overnight_pct"} <= streams, "origin and stay are shown"
    if name.startswith("wall"):
        report = check_wall_layout(layout)
        assert report.ok, report.problems
        (m,) = [t for t in layout.tiles if t.kind == "map"]
        assert "scenic_spot" in m.options["layers"] and "center" not in m.options, "the map fits the whole county"


def test_visitors_origin_shares_add_up_and_holidays_bring_them_from_further():
    sim = TourismSimulator(load_city("juxian"))
    fls = next(e for e in sim.entities() if e.id == "FLS")
    weekday = sim.values(fls, at(WED, 11))
    parts = weekday["origin_local_pct"] + weekday["origin_province_pct"] + weekday["origin_other_pct"]
    assert parts == pytest.approx(100, abs=0.2)
    assert weekday["from_outside_pct"] == pytest.approx(weekday["origin_province_pct"] + weekday["origin_other_pct"], abs=0.2)
    sim.apply_event(ScenarioEvent("holiday", at(WED, 0), {"hours": 24}))
    holiday = sim.values(fls, at(WED, 11))
    assert holiday["origin_other_pct"] > weekday["origin_other_pct"] + 5
    assert holiday["overnight_pct"] > weekday["overnight_pct"] and holiday["stay_h"] > weekday["stay_h"]
    assert holiday["entries"] > 2 * weekday["entries"]
    # same-day visitors stay hours, overnight ones more than a day: the mean lies between
    assert 5 < weekday["stay_h"] < 30 and 0 < weekday["overnight_pct"] < 90


def test_the_county_summary_is_its_spots_weighted_by_their_entries():
    sim = TourismSimulator(load_city("juxian"))
    t = at(WED, 14)
    readings = {r.stream: r.value for r in sim.readings_between(t - 1, t)}
    spots = [e for e in sim.entities() if e.kind == "scenic_spot"]
    entries = [readings[f"tourism/spot/{e.id}/entries"] for e in spots]
    for name in ("origin_other_pct", "overnight_pct"):
        values = [readings[f"tourism/spot/{e.id}/{name}"] for e in spots]
        county = readings[f"tourism/county/juxian/{name}"]
        assert min(values) <= county <= max(values)
        assert county == pytest.approx(sum(v * w for v, w in zip(values, entries)) / sum(entries), abs=0.1)
    assert readings["tourism/county/juxian/visitors"] == sum(readings[f"tourism/spot/{e.id}/visitors"] for e in spots)


def test_about_one_day_in_seven_rains_and_a_rainy_day_halves_the_crowd(monkeypatch):
    import plugins.tourism.simulator as simulator

    sim = TourismSimulator(load_city("juxian"))
    days = range(20000, 20365)
    rainy = [d for d in days if sim.rainy_day(d)]
    assert 0.08 < len(rainy) / len(days) < 0.25
    d = rainy[0]
    t = d * 86400 - simulator.TZ_OFFSET_S + 11 * 3600  # 11:00 local on the rainy day
    fls = next(e for e in sim.entities() if e.id == "FLS")
    wet = sim.values(fls, t)["entries"]
    monkeypatch.setattr(simulator, "RAINY_DAY_P", 0.0)
    assert not sim.raining(t)
    assert wet == pytest.approx(simulator.RAIN_FACTOR * sim.values(fls, t)["entries"], rel=0.01, abs=1)


def test_a_holiday_crowd_passes_eighty_then_a_hundred_percent_at_any_hour():
    sim = TourismSimulator(load_city("juxian"))
    fls = next(e for e in sim.entities() if e.id == "FLS")
    night = at(WED, 22)
    sim.apply_event(ScenarioEvent("holiday_crowd", night, {"spot": "FLS", "ramp_s": 1800, "peak_pct": 115}))
    occ = [sim.values(fls, night + k * 300)["occupancy"] for k in range(0, 9)]
    assert occ[0] < 10 and occ == sorted(occ[:7]) + occ[7:]
    first80 = next(k for k, v in enumerate(occ) if v >= 80)
    first100 = next(k for k, v in enumerate(occ) if v >= 100)
    assert 0 < first80 < first100 <= 6
    entries = [sim.values(fls, night + k * 300)["entries"] for k in range(0, 24)]
    assert entries == sorted(entries) and entries[-1] >= 1.15 * fls.attrs["capacity"], "the day's entries only grow"
    other = next(e for e in sim.entities() if e.id == "JGC")
    assert sim.values(other, night + 1800)["occupancy"] == 0  # the crowd is at its spot only
