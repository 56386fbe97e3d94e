"""The energy and parking alarm rules, as data, fire and clear on a real hub over a real cache."""

import pytest

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.hub.hub import Hub
from console.model import Reading
from console.store.store import Store
from plugins.energy.manifest import PLUGIN as ENERGY
from plugins.parking.manifest import PLUGIN as PARKING
from tests.energy_parking_helpers import SetClock

T0 = 1_790_000_100.0


@pytest.fixture
def world(tmp_path, city):
    from plugins.energy.simulator import EnergySimulator
    from plugins.parking.simulator import ParkingSimulator

    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    clock = SetClock(T0)
    hub = Hub(store, clock)
    ents = [*EnergySimulator(city, seed=1).entities(), *ParkingSimulator(city, seed=1).entities()]
    hub.add_entities(ents)
    hub.register_source("sim", [s.id for e in ents for s in e.streams]).live = True
    engine = AlarmEngine(hub, [compile_rule(r, p.name) for p in (ENERGY, PARKING) for r in p.rules])
    yield hub, engine, clock, {e.id: e for e in ents}
    store.close()


def feed(hub, readings):
    hub.clock.t = max(hub.clock.t, max(r.ts for r in readings))  # readings from the future are refused
    hub.submit(readings)
    assert hub.store.flush()


def open_of(engine, rule):
    return [a for a in engine.open_alarms() if a.rule == rule]


def test_overload_needs_fifteen_minutes_above_rated_and_clears_below(world):
    hub, engine, clock, ents = world
    sid, rated = "energy/transformer/T0001/load_kw", ents["T0001"].attrs["rated_kw"]
    feed(hub, [Reading(sid, T0, rated * 0.9), Reading(sid, T0 + 900, rated * 1.1)])
    assert open_of(engine, "energy.overload") == []  # above for one report: not yet
    feed(hub, [Reading(sid, T0 + 1800, rated * 1.05)])
    (a,) = open_of(engine, "energy.overload")
    assert a.state == "unack" and "过载" in a.message and a.entity_id == "T0001"
    feed(hub, [Reading(sid, T0 + 2700, rated * 0.7)])
    assert open_of(engine, "energy.overload")[0].state == "rtn_unack"


def test_a_tripped_fault_indicator_raises_at_once_and_clears_on_restore(world):
    hub, engine, clock, ents = world
    sid = "energy/fault_indicator/FI-042/tripped"
    feed(hub, [Reading(sid, T0, 0.0), Reading(sid, T0 + 77, 1.0)])
    (a,) = open_of(engine, "energy.fault_tripped")
    assert a.severity == 4 and a.raised_ts == T0 + 77
    feed(hub, [Reading(sid, T0 + 4000, 0.0)])
    assert open_of(engine, "energy.fault_tripped")[0].cleared_ts == T0 + 4000


def test_a_silent_terminal_is_reported_offline_and_clears_when_it_reports(world):
    hub, engine, clock, ents = world
    sid = "energy/transformer/T0100/load_kw"
    feed(hub, [Reading(sid, T0, 100.0)])
    clock.t = T0 + 2 * 900
    engine.check_stale()
    assert open_of(engine, "energy.terminal_offline") == []  # two reports late: not yet
    clock.t = T0 + 3 * 900 + 60
    engine.check_stale()
    (a,) = open_of(engine, "energy.terminal_offline")
    assert "T0100" in a.stream and "终端离线" in a.message
    feed(hub, [Reading(sid, clock.t, 120.0)])
    assert open_of(engine, "energy.terminal_offline")[0].cleared_ts is not None


def test_a_reading_accepted_but_not_yet_on_disk_counts_against_silence(world):
    """The cache is locked by another program: the reading is not committed, yet it is no silence."""
    import sqlite3

    hub, engine, clock, ents = world
    sid = "energy/transformer/T0200/load_kw"
    feed(hub, [Reading(sid, T0, 100.0)])
    clock.t = T0 + 86400
    blocker = sqlite3.connect(hub.store.path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        hub.submit([Reading(sid, T0 + 86400 - 60, 101.0)])
        engine.check_stale()
        assert open_of(engine, "energy.terminal_offline") == []
        assert hub.store.history(sid, T0 + 1) == []  # not on disk yet
    finally:
        blocker.rollback()
        blocker.close()
    assert hub.store.flush(40)
    assert hub.store.history(sid, T0 + 1) == [(T0 + 86400 - 60, 101.0, 0)]


def test_a_car_park_full_for_more_than_thirty_minutes(world):
    hub, engine, clock, ents = world
    sid = "parking/carpark/P07/free"
    feed(hub, [Reading(sid, T0 + 60 * k, 0.0) for k in range(25)])
    assert open_of(engine, "parking.full") == []  # full for 24 minutes
    feed(hub, [Reading(sid, T0 + 60 * k, 0.0 if k < 40 else 1.0) for k in range(25, 42)])
    (a,) = open_of(engine, "parking.full")
    assert a.raised_ts == T0 + 30 * 60
    assert a.cleared_ts is None  # one space free: inside the deadband
    feed(hub, [Reading(sid, T0 + 60 * 42, 6.0)])
    assert open_of(engine, "parking.full")[0].cleared_ts == T0 + 60 * 42


def test_a_silent_space_sensor_is_reported(world):
    hub, engine, clock, ents = world
    feed(hub, [Reading("parking/carpark/P03/free", T0, 10.0)])
    clock.t = T0 + 6 * 60
    engine.check_stale()
    assert [a.entity_id for a in open_of(engine, "parking.sensor_offline")] == ["P03"]


def test_a_simulated_cold_day_raises_overloads_and_faults(world, city):
    from console.sources.simulator import ScenarioEvent
    from plugins.energy.simulator import EnergySimulator

    hub, engine, clock, ents = world
    sim = EnergySimulator(city, seed=1)
    t0 = 1_768_300_000.0  # mid-January
    sim.apply_event(ScenarioEvent("cold_wave", t0 - 86400, {"delta_c": -10, "duration_h": 96}))
    sim.apply_event(ScenarioEvent("feeder_fault", t0 + 3600, {"indicator": "FI-200", "duration_h": 1}))
    t = t0
    while t < t0 + 86400:
        feed(hub, sim.readings_between(t, t + 3 * 3600))
        t += 3 * 3600
    rules = {a.rule for a in engine.open_alarms()}
    assert {"energy.overload", "energy.fault_tripped"} <= rules
    assert 3 <= len(open_of(engine, "energy.overload")) < 300
