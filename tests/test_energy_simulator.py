"""The grid simulator: deterministic, cheap at 2,722 terminals, load follows the day and the weather."""

import calendar
import time

import numpy as np
import pytest

from console.sources.simulator import ScenarioEvent
from plugins.energy.faults import outages_from_history
from plugins.energy.grid import N_INDICATORS, N_TRANSFORMERS
from plugins.energy.load_model import local_midnight
from plugins.energy.simulator import EnergySimulator

T0 = calendar.timegm((2026, 1, 14, 0, 0, 0)) - 8 * 3600  # a January midnight, local time


@pytest.fixture(scope="module")
def sim():
    from console.city import load_city

    return EnergySimulator(load_city("shouguang"), seed=5)


def test_the_fleet_is_the_books(sim):
    kinds = [e.kind for e in sim.entities()]
    assert kinds.count("transformer") == N_TRANSFORMERS == 2722
    assert kinds.count("fault_indicator") == N_INDICATORS == 340
    t = next(e for e in sim.entities() if e.id == "T0412")
    assert t.streams[0].id == "energy/transformer/T0412/load_kw"
    assert t.attrs["capacity_kva"] in (100, 200, 315, 400, 630, 800) and 0 < t.attrs["rated_kw"] < t.attrs["capacity_kva"]
    # every transformer hangs on exactly one indicator, each indicator guards some
    fi = {e.id: e.attrs["transformers"] for e in sim.entities() if e.kind == "fault_indicator"}
    assert sum(fi.values()) == 2722 and min(fi.values()) >= 7


def test_readings_do_not_depend_on_how_time_is_cut(sim):
    sim2 = EnergySimulator(sim.city, seed=5)
    sim2.apply_event(ScenarioEvent("feeder_fault", T0 + 1234, {"indicator": "FI-007", "duration_h": 0.5}))
    whole = sim2.readings_between(T0, T0 + 7200)
    pieces, t = [], T0
    for step in (1, 899, 0.5, 1234, 3000, 2065.5):
        pieces += sim2.readings_between(t, t + step)
        t += step
    assert t == T0 + 7200
    assert sorted(whole) == sorted(pieces)
    # the trip and the restoration are reported at the instant they happen
    fi = [(r.ts, r.value) for r in whole if r.stream == "energy/fault_indicator/FI-007/tripped" and r.ts % 900]
    assert fi == [(T0 + 1234, 1.0), (T0 + 1234 + 1800, 0.0)]


def test_same_seed_same_data_other_seed_other_data(sim):
    a = sim.readings_between(T0, T0 + 900)
    b = EnergySimulator(sim.city, seed=5).readings_between(T0, T0 + 900)
    c = EnergySimulator(sim.city, seed=6).readings_between(T0, T0 + 900)
    assert a == b and a != c


def test_a_tick_for_the_whole_fleet_is_cheap(sim):
    began = time.perf_counter()
    batch = sim.readings_between(T0 + 86400, T0 + 86400 + 900)
    assert time.perf_counter() - began < 0.1
    assert len([r for r in batch if "/transformer/" in r.stream]) > 2722 * 0.95  # a few terminals may be silent


def test_load_follows_the_daily_shape(sim):
    for day in range(3):
        mid = T0 + day * 86400
        load = {h: sim.fleet_at(mid + h * 3600)[0] for h in range(24)}
        assert max(load, key=load.get) in (18, 19, 20, 21)  # the evening peak
        assert min(load, key=load.get) in (0, 1, 2, 3, 4, 5)  # the small hours
        assert load[20] > 1.4 * load[3]
    # plausible numbers for 2,722 rural transformers: a few hundred MW
    assert 150 < sim.fleet_at(T0 + 20 * 3600)[0] < 800


def test_a_cold_wave_raises_the_evening_peak_and_overloads_some_transformers(sim):
    cold = EnergySimulator(sim.city, seed=5)
    evening = T0 + 2 * 86400 + 20 * 3600
    before = cold.fleet_at(evening)
    cold.apply_event(ScenarioEvent("cold_wave", T0 + 86400, {"delta_c": -12, "duration_h": 72}))
    after = cold.fleet_at(evening)
    assert after[0] > before[0] * 1.05
    assert after[2] > before[2] and 5 <= after[2] < 300  # overloaded: some, not the fleet


def test_derived_streams_agree_with_the_fleet(sim):
    t = T0 + 20 * 3600
    got = {r.stream: r.value for r in sim.readings_between(t - 1, t)}
    assert got["energy/load/D/load_mw"] == pytest.approx(sim.fleet_at(t)[0], abs=0.01)
    assert got["energy/load/D-1/load_mw"] == pytest.approx(sim.fleet_at(t - 86400)[0], abs=0.01)
    assert got["energy/load/D-7/load_mw"] == pytest.approx(sim.fleet_at(t - 7 * 86400)[0], abs=0.01)
    by_class = sum(got[f"energy/class/{k}/load_mw"] for k in ("village", "greenhouse", "cold_store", "town"))
    assert by_class == pytest.approx(got["energy/load/D/load_mw"], abs=0.05)
    assert got["energy/grid/grid/peak_today_mw"] >= got["energy/load/D/load_mw"]
    loads = {r.stream: r.value for r in sim.readings_between(t - 1, t) if "/transformer/" in r.stream}
    rated = {e.streams[0].id: e.attrs["rated_kw"] for e in sim.entities() if e.kind == "transformer"}
    assert got["energy/grid/grid/overloaded"] >= sum(v > rated[s] for s, v in loads.items())


def test_a_fault_cuts_its_feeder_and_trips_its_indicator(sim):
    s = EnergySimulator(sim.city, seed=5)
    t = T0 + 10 * 3600
    s.apply_event(ScenarioEvent("feeder_fault", t + 60, {"indicator": "FI-100", "duration_h": 1}))
    during = {r.stream: r.value for r in s.readings_between(t + 900 - 1, t + 900)}
    on_feeder = [e.streams[0].id for e in s.entities() if e.kind == "transformer" and e.attrs["feeder"] == "FI-100"]
    assert during["energy/fault_indicator/FI-100/tripped"] == 1.0
    assert all(during.get(sid, 0.0) == 0.0 for sid in on_feeder)
    after = {r.stream: r.value for r in s.readings_between(t + 7200 - 1, t + 7200)}
    assert after["energy/fault_indicator/FI-100/tripped"] == 0.0
    assert sum(after.get(sid, 0.0) > 0 for sid in on_feeder) >= len(on_feeder) - 1


def test_some_terminals_go_silent_each_day_and_come_back(sim):
    silent = [int((~np.isfinite(np.where(sim.plan.offline_mask(T0 + h * 3600), np.nan, 0))).sum()) for h in range(0, 72, 3)]
    assert 0 < max(silent) < 40 and min(silent) < max(silent)


def test_outage_time_per_household_is_near_but_under_the_target(sim):
    end_of_year = calendar.timegm((2026, 12, 31, 23, 0, 0)) - 8 * 3600
    ytd = sim.outage_h_ytd(end_of_year)
    assert 1.5 < ytd < 3.98
    assert sim.outage_h_ytd(end_of_year - 180 * 86400) < ytd


def test_outages_read_back_from_indicator_history():
    rows = [(0.0, 1.0), (900.0, 1.0), (1000.0, 0.0), (1800.0, 0.0), (2000.0, 1.0), (2700.0, 1.0)]
    out = outages_from_history("FI-001", rows, now=3000.0)
    assert [(o.start, o.end, o.start_known) for o in out] == [(0.0, 1000.0, False), (2000.0, None, True)]
    assert out[1].duration(3000.0) == 1000.0


def test_demo_opens_with_a_feeder_out(sim):
    s = EnergySimulator(sim.city, seed=1)
    now = time.time()
    s.prepare_demo(now)
    last = {r.stream: r.value for r in s.readings_between(local_midnight(now) - 1, now) if "fault_indicator" in r.stream}
    assert any(v == 1.0 for v in last.values())


@pytest.mark.parametrize("hour", [2, 14])
def test_the_tour_s_cold_wave_on_the_demo_s_weather_adds_load_within_half_an_hour(sim, hour):
    """The demo opens on a cool day; the tour's front (in over 15 minutes) still has load to add."""
    now = T0 + 10 * 86400 + hour * 3600
    calm, cold = EnergySimulator(sim.city, seed=1), EnergySimulator(sim.city, seed=1)
    for s in (calm, cold):
        s.prepare_demo(now)
    cold.apply_event(ScenarioEvent("cold_wave", now, {"delta_c": -12, "duration_h": 36, "ramp_h": 0.25}))
    assert cold.fleet_at(now - 900)[0] == calm.fleet_at(now - 900)[0], "the past stays as it was"
    assert cold.fleet_at(now + 1800)[0] >= 1.08 * calm.fleet_at(now + 1800)[0]
