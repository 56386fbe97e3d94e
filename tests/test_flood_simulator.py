import time

import pytest

from console.city import city_ids, load_city
from console.sources.simulator import ScenarioEvent
from plugins.flood.simulator import FloodSimulator


def test_readings_do_not_depend_on_how_time_is_cut(city):
    sim = FloodSimulator(city, seed=7)
    t0 = 1_700_000_000.0
    whole = sim.readings_between(t0, t0 + 3600)
    pieces = []
    t = t0
    for step in (1, 59, 0.5, 600, 1200, 1739.5):
        pieces += sim.readings_between(t, t + step)
        t += step
    assert t == t0 + 3600
    assert sorted(whole) == sorted(pieces)
    assert len(whole) == 42 * 60 + 3 * 12  # 42 gauges each minute, 3 rain gauges each 5 min


def test_same_seed_same_data_other_seed_other_data(city):
    t0 = 1_700_000_000.0
    a = FloodSimulator(city, seed=1).readings_between(t0, t0 + 600)
    b = FloodSimulator(city, seed=1).readings_between(t0, t0 + 600)
    c = FloodSimulator(city, seed=2).readings_between(t0, t0 + 600)
    assert a == b and a != c


def test_levels_rise_after_a_rainstorm_with_a_lag_and_recede_slowly(city):
    sim = FloodSimulator(city, seed=3)
    t0 = 1_700_000_000.0
    sim.apply_event(ScenarioEvent("rainstorm", t0, {"intensity_mm_h": 40, "duration_h": 2}))
    up, down = "flood/gauge/MH-02/level", "flood/gauge/MH-17/level"

    def level(sid, t):
        return next(r.value for r in sim.readings_between(t - 60, t) if r.stream == sid)

    before = level(up, t0)
    # upstream peaks earlier than downstream
    peak_up = max(range(0, 24 * 3600, 1800), key=lambda dt: level(up, t0 + dt))
    peak_down = max(range(0, 24 * 3600, 1800), key=lambda dt: level(down, t0 + dt))
    assert peak_up < peak_down
    assert level(up, t0 + peak_up) > before + 0.5
    # recedes slowly: a day after its peak it is still above where it started, and falling
    assert before < level(up, t0 + peak_up + 86400) < level(up, t0 + peak_up)


def test_rain_gauges_report_the_storm(city):
    sim = FloodSimulator(city, seed=3)
    t0 = 1_700_000_100.0
    sim.apply_event(ScenarioEvent("rainstorm", t0, {"intensity_mm_h": 30, "duration_h": 1}))
    rain = [r for r in sim.readings_between(t0, t0 + 3000) if "/rain/" in r.stream]
    assert rain and all(r.value > 10 for r in rain)


@pytest.mark.parametrize("city_id", city_ids())
def test_every_city_has_forty_gauges_inside_its_extent(city_id):
    c = load_city(city_id)
    sim = FloodSimulator(c, seed=1)
    gauges = [e for e in sim.entities() if e.kind == "gauge"]
    assert len(gauges) >= 40
    (s, w), (n, e) = c.bbox
    for g in gauges:
        assert s <= g.lat <= n and w <= g.lon <= e, g.id
        assert g.attrs["base_level"] < g.attrs["warning_level"] < g.attrs["guarantee_level"]


def test_demo_opens_on_rising_water(city):
    sim = FloodSimulator(city, seed=1)
    now = time.time()
    sim.prepare_demo(now)
    last = {r.stream: r.value for r in sim.readings_between(now - 60, now)}
    above = [g for g in sim.entities() if g.kind == "gauge" and last[g.streams[0].id] > g.attrs["warning_level"]]
    assert 1 <= len(above) < 30  # something to show, not everything red
