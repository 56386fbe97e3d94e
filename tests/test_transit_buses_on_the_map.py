"""The buses on the map: each bus placed where its trip has taken it (between the two stops it runs
between, at its terminal between trips, off the map in the depot at night), re-added by the
simulator's source every 10 s of simulated time (not per reading) so the map moves its marker;
the map layer colours a bunched bus as an alarm and one behind a gap as a warning."""

from __future__ import annotations

import pytest

from console.city import load_city
from console.clock import SimClock
from console.hub.hub import Hub
from console.model import Reading
from console.sources.simulator import ScenarioEvent
from console.sources.simulator_source import SimulatorSource
from plugins.transit.bus_places import point_on_trip
from plugins.transit.simulator import TransitSimulator
from plugins.transit.timetable import parse_gtfs
from tests.test_transit import FILES, WED, hm


@pytest.fixture(scope="module")
def sim():
    return TransitSimulator(load_city("yucheng"))


def _between(point, a, b):
    lo = (min(a.lat, b.lat) - 1e-9, min(a.lon, b.lon) - 1e-9)
    hi = (max(a.lat, b.lat) + 1e-9, max(a.lon, b.lon) + 1e-9)
    return lo[0] <= point[0] <= hi[0] and lo[1] <= point[1] <= hi[1]


def test_a_point_on_a_trip_lies_between_its_stops_by_the_fraction_run():
    tt = parse_gtfs(FILES)
    t1 = tt.trip("T1")  # A (36.930, 116.630) -> B (36.934, 116.638) -> C (36.938, 116.646)
    assert point_on_trip(tt, t1, 0) == (36.930, 116.630)
    assert point_on_trip(tt, t1, 0.25) == (36.931, 116.632)
    assert point_on_trip(tt, t1, 1.5) == (36.936, 116.642)
    assert point_on_trip(tt, t1, 2) == (36.938, 116.646)  # at the last stop, not past it


def test_each_bus_in_service_stands_between_the_stops_of_its_trip(sim):
    tt = sim.timetable
    t = WED + hm(8, 0)
    buses = [e for e in sim.entities() if e.kind == "bus"]
    placed = {e.id: e for e in sim.moved_entities(t)}
    on = 0
    for b in buses:
        state = sim.bus_state(b, t)
        if not state["in_service"]:
            continue
        on += 1
        trip, p = tt.trips[int(state["trip"])], state["position"]
        k = min(int(p), len(trip.stops) - 2)
        e = placed[b.id]
        assert _between((e.lat, e.lon), tt.stops[trip.stops[k]], tt.stops[trip.stops[k + 1]]), (b.id, p)
    assert on >= 10
    # the same bus a minute later has moved on along the route
    later = {e.id: e for e in sim.moved_entities(t + 60)}
    moving = [i for i, e in placed.items() if e.has_position and (e.lat, e.lon) != (later[i].lat, later[i].lon)]
    assert len(moving) >= 10


def test_between_trips_a_bus_waits_at_its_terminal_and_at_night_it_is_off_the_map(sim):
    tt = sim.timetable
    day0 = WED
    at_terminal = 0
    for b in (e for e in sim.entities() if e.kind == "bus"):
        trips = sim._by_block[b.attrs["block"]]
        for first, second in zip(trips, trips[1:]):
            end, start = sim._actual(first.id, day0)[-1], sim._actual(second.id, day0)[0]
            if start - end > 60:  # a layover: between arriving and leaving again
                assert sim.bus_state(b, end + 30)["in_service"] == 0
                stop = tt.stops[first.stops[-1]]
                assert sim.where(b, end + 30) == (round(stop.lat, 6), round(stop.lon, 6))
                at_terminal += 1
                break
    assert at_terminal >= 5
    assert all(not e.has_position for e in sim.moved_entities(WED + hm(3, 0)))


def test_the_source_re_adds_the_buses_every_ten_simulated_seconds_and_the_hub_says_which_changed(store):
    clock = SimClock(start=WED + hm(8, 0), speed=1e-9)  # stands still: the test moves it
    hub = Hub(store, clock=clock)
    sim = TransitSimulator(load_city("yucheng"))
    hub.add_entities(sim.entities())
    src = SimulatorSource("transit", sim, hub, clock)
    hub.take_updates()
    src.step()
    first = hub.take_updates().entities
    placed = {i for i in first.changed if hub.entities[i].has_position}
    assert first.added == () and len(placed) >= 10 and all(i.startswith("BUS-") for i in first.changed)
    clock.jump(5)
    src.step()
    assert hub.take_updates().entities.changed == ()  # readings may come, the markers wait
    clock.jump(6)
    src.step()
    moved = hub.take_updates().entities.changed
    assert len(set(moved) & placed) >= 10
    for i in moved:
        e = hub.entities[i]
        assert (e.lat, e.lon) == sim.where(e, clock.now())


def test_the_map_layer_marks_a_bunched_bus_as_an_alarm_and_one_behind_a_gap_as_a_warning(store):
    from plugins.transit.layers import bus_positions

    hub = Hub(store)
    sim = TransitSimulator(load_city("yucheng"))
    t = WED + hm(8, 0)
    sim.apply_event(ScenarioEvent("bus_incident", t, {"route": "R1", "hours": 1}))
    t += 1800
    ents = sim.moved_entities(t)
    hub.add_entities([e for e in sim.entities() if e.kind != "bus"] + list(ents))
    hub.register_source("test", [s.id for e in sim.entities() for s in e.streams]).live = True
    now = hub.clock.now()
    hub.submit([Reading(r.stream, now - 30, r.value) for r in sim.readings_between(t - 60, t)])
    assert store.flush()
    marks = bus_positions(hub)
    ratios = {e.id: sim.bus_state(e, t).get("headway_ratio") for e in ents if e.has_position}
    on_road = {i for i, e in ((e.id, e) for e in ents) if sim.bus_state(e, t)["in_service"]}
    assert set(marks) == on_road
    for i, m in marks.items():
        r = ratios[i]
        want = "ok" if r is None or 1 / 3 <= r <= 2 else ("alarm" if r < 1 / 3 else "warning")
        assert m["state"] == want, (i, r, m)
    assert {"alarm", "warning"} <= {m["state"] for m in marks.values()}


def test_a_city_without_a_timetable_has_no_buses_and_its_source_runs_quietly(store):
    sim = TransitSimulator(load_city("shouguang"))
    assert sim.entities() == [] and sim.moved_entities(WED + hm(8, 0)) == []
    assert sim.readings_between(WED + hm(8, 0), WED + hm(9, 0)) == []
    clock = SimClock(start=WED + hm(8, 0), speed=1e-9)
    src = SimulatorSource("transit", sim, Hub(store, clock=clock), clock)
    assert src.backfill() == 0 and src.step() == 0  # no error: the source stays live
