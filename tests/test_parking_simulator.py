"""The parking simulator: cars are conserved, occupancy stays within capacity, the days differ."""

import calendar

import numpy as np
import pytest

from console.model import Entity
from console.sources.simulator import ScenarioEvent
from plugins.parking.calendar_days import is_holiday, is_market_day, local_day
from plugins.parking.guidance import distance_m, nearest_with_free
from plugins.parking.simulator import ParkingSimulator


def local(y, m, d, h=0, mi=0):
    return float(calendar.timegm((y, m, d, h, mi, 0)) - 8 * 3600)


MONDAY = local(2026, 11, 23)  # a workday
SUNDAY = local(2026, 11, 22)
NATIONAL_DAY = local(2026, 10, 2)


@pytest.fixture(scope="module")
def sim():
    from console.city import load_city

    return ParkingSimulator(load_city("shouguang"), seed=3)


def test_fifty_car_parks_eight_thousand_spaces_four_types(sim):
    parks = [e for e in sim.entities() if e.kind == "carpark"]
    assert len(parks) == 50 and sum(p.attrs["capacity"] for p in parks) == 8000
    assert {p.attrs["type"] for p in parks} == {"street", "mall", "office", "hospital"}
    assert all(p.attrs["tariff_yuan_h"] > 0 for p in parks)


def test_occupancy_stays_within_capacity_and_cars_are_conserved(sim):
    times = MONDAY + 60.0 * np.arange(1, 2 * 1440 + 1)
    occ, arr, dep = sim.flows(times)
    assert occ.min() >= 0 and np.all(occ <= sim.capacity)
    assert arr.min() >= 0 and dep.min() >= 0
    prev = sim.occupied(times - 60.0)
    assert np.array_equal(occ - prev, arr - dep)  # every car that came in or went out is counted
    assert np.all(dep <= prev)  # no car leaves that was not there
    # and the streams say the same: free(k-1) - free(k) == arrivals(k) - departures(k)
    r = sim.readings_between(MONDAY + 8 * 3600, MONDAY + 9 * 3600)
    v = {(x.stream, x.ts): x.value for x in r}
    for k in range(1, 60):
        t = MONDAY + 8 * 3600 + 60 * k
        if ("parking/carpark/P05/free", t - 60) in v and ("parking/carpark/P05/free", t) in v:
            moved = v[("parking/carpark/P05/free", t - 60)] - v[("parking/carpark/P05/free", t)]
            assert moved == v[("parking/carpark/P05/arrivals", t)] - v[("parking/carpark/P05/departures", t)]


def test_readings_do_not_depend_on_how_time_is_cut(sim):
    t0 = MONDAY + 7 * 3600 + 13
    whole = sim.readings_between(t0, t0 + 1800)
    pieces, t = [], t0
    for step in (1, 59, 0.5, 600, 700, 439.5):
        pieces += sim.readings_between(t, t + step)
        t += step
    assert sorted(whole) == sorted(pieces) and len(whole) > 50 * 3 * 29


def _pct(sim, t, kind):
    occ = sim.occupied(np.array([t]))[0]
    mask = sim.type_idx == ["street", "mall", "office", "hospital"].index(kind)
    return 100 * occ[mask].sum() / sim.capacity[mask].sum()


def test_occupancy_by_time_of_day_and_type(sim):
    assert _pct(sim, MONDAY + 10.5 * 3600, "office") > 80 > 15 > _pct(sim, MONDAY + 3 * 3600, "office")
    assert _pct(sim, SUNDAY + 10.5 * 3600, "office") < 30  # weekends the offices are empty
    assert _pct(sim, NATIONAL_DAY + 10.5 * 3600, "office") < 30  # and on holidays
    assert _pct(sim, SUNDAY + 15 * 3600, "mall") > _pct(sim, MONDAY + 15 * 3600, "mall")
    hosp = [_pct(sim, MONDAY + h * 3600, "hospital") for h in range(24)]
    assert int(np.argmax(hosp)) in (8, 9, 10, 11) and max(hosp) > 90


def test_some_car_parks_fill_up_on_a_workday_morning(sim):
    times = MONDAY + 60.0 * np.arange(6 * 60, 13 * 60)
    occ = sim.occupied(times)
    full_minutes = (occ >= sim.capacity).sum(axis=0)
    assert 1 <= (full_minutes > 30).sum() <= 25  # some full for over half an hour, not the city


def test_market_days_fill_the_market_streets():
    from console.city import load_city

    s = ParkingSimulator(load_city("shouguang"), seed=3)
    day = next(d for d in range(local_day(MONDAY), local_day(MONDAY) + 10) if not is_market_day(d) and not is_holiday(d))
    t = day * 86400.0 - 8 * 3600 + 9 * 3600
    market = s.near_market
    before = s.occupied(np.array([t]))[0][market].sum()
    s.apply_event(ScenarioEvent("market_day", t, {}))
    assert s.occupied(np.array([t]))[0][market].sum() > before * 1.2


def test_turnover_and_revenue_grow_through_the_day_and_restart_at_midnight(sim):
    values = []
    for h in (1, 9, 15, 23):
        got = {r.stream: r.value for r in sim.readings_between(MONDAY + h * 3600 - 1, MONDAY + h * 3600)}
        values.append((got["parking/class/all/turnover_today"], got["parking/class/all/revenue_today"]))
    assert values == sorted(values) and values[-1][0] > 1.5 and values[-1][1] > values[1][1] > 0
    after = {r.stream: r.value for r in sim.readings_between(MONDAY + 86400 + 59, MONDAY + 86400 + 120)}
    assert after["parking/class/all/turnover_today"] < 0.05


def test_calendar_knows_national_day_and_market_cycle():
    assert is_holiday(local_day(NATIONAL_DAY)) and not is_holiday(local_day(MONDAY))
    assert sum(is_market_day(d) for d in range(100, 130)) == 6


def _park(pid, lat, lon, cap=100):
    return Entity(pid, "carpark", pid, lat, lon, {"capacity": cap})


def test_guidance_suggests_the_nearest_with_room_current_counts_first():
    parks = [_park("A", 36.850, 118.790), _park("B", 36.860, 118.790), _park("C", 36.870, 118.790), _park("D", 36.851, 118.790)]
    free = {"A": (0, True), "B": (12, True), "C": (40, True), "D": (30, False)}
    got = nearest_with_free(parks, free, (36.850, 118.790), n=3)
    assert [s.carpark.id for s in got] == ["B", "C", "D"]  # A is full; D is close but its count is stale
    assert got[0].distance_m == pytest.approx(distance_m((36.85, 118.79), (36.86, 118.79)))
    assert 1100 < got[0].distance_m < 1125  # 0.01 degree of latitude


@pytest.mark.parametrize("hour", [2, 14])
def test_a_tour_market_day_brings_its_crowd_within_minutes_at_any_hour(hour):
    from console.city import load_city

    t0 = local(2026, 11, 24, hour, 10)
    calm, market = ParkingSimulator(load_city("shouguang"), seed=3), ParkingSimulator(load_city("shouguang"), seed=3)
    market.apply_event(ScenarioEvent("market_day", t0, {}))
    before = np.array([t0 - 600.0, t0 - 60.0])
    assert (market.occupied(before) == calm.occupied(before)).all(), "the past stays as it was"
    after = np.array([t0 + 900.0])
    occ_calm, occ = calm.occupied(after)[0], market.occupied(after)[0]
    cap = market.capacity
    assert occ.sum() / cap.sum() >= occ_calm.sum() / cap.sum() + 0.10
    near = market.near_market
    assert (occ[near] >= cap[near]).sum() >= 4, "the streets around the market are full"
