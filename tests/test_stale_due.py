"""Stale-data rules checked by due time (console.alarms.stale): the once-a-second check looks only
at the streams whose silence is due, and nothing that brings a due time forward is missed."""

from __future__ import annotations

import pytest

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.audit.permissions import Actor
from console.hub.hub import Hub
from console.model import Entity, Reading, StreamSpec
from tests.test_alarm_states import FakeClock

T0 = 1_800_000_000.0
STALE = {"id": "stale", "type": "stale", "streams": "g/*/level", "after_intervals": 3, "message": "{name} silent {age}"}


def gauges(n: int, interval: float = 60.0) -> list[Entity]:
    return [Entity(f"G{i}", "gauge", f"G{i}", streams=(StreamSpec(f"g/G{i}/level", "l", "m", interval),)) for i in range(n)]


class World:
    def __init__(self, store, n: int = 3, interval: float = 60.0) -> None:
        self.clock = FakeClock(T0)
        self.store = store
        self.hub = Hub(store, self.clock)
        self.hub.add_entities(gauges(n, interval), persist=False)
        self.health = self.hub.register_source("sim", [f"g/G{i}/level" for i in range(n)])
        self.health.live = True
        self.engine = AlarmEngine(self.hub, [compile_rule(STALE)])
        store._tickers.remove(self.engine.check_stale)  # the test is the ticker: one thread, its own clock

    def report(self, *gauge_ids: int) -> None:
        self.hub.submit([Reading(f"g/G{g}/level", self.clock.t, 1.0) for g in gauge_ids])
        assert self.store.flush()

    def at(self, t: float) -> list[str]:
        """Check at clock time T0 + t: the streams with an open stale alarm."""
        self.clock.t = T0 + t
        self.engine.check_stale()
        return sorted(a.stream for a in self.engine.open_alarms())


@pytest.fixture
def world(store):
    return World(store)


class Looks(dict):
    """The hub's latest values, noting every stream whose value is read (a look at it)."""

    def __init__(self, values: dict) -> None:
        super().__init__(values)
        self.streams: set[str] = set()

    def get(self, stream, default=None):
        self.streams.add(stream)
        return super().get(stream, default)

    def __getitem__(self, stream):
        self.streams.add(stream)
        return super().__getitem__(stream)


def watch_looks(hub: Hub) -> set[str]:
    hub._latest = Looks(hub._latest)
    return hub._latest.streams


def test_a_fresh_stream_is_looked_at_only_when_its_silence_is_due(world):
    world.report(0, 1, 2)
    assert world.at(1) == []  # the first check plans every stream
    looked = watch_looks(world.hub)
    for t in range(2, 180):
        assert world.at(t) == []
    assert looked == set()  # nothing was due before 3 intervals of silence
    assert world.at(181) == ["g/G0/level", "g/G1/level", "g/G2/level"]
    assert looked == {"g/G0/level", "g/G1/level", "g/G2/level"}


def test_a_reading_pushes_the_due_time_back_and_silence_after_it_still_raises(world):
    world.report(0, 1, 2)
    world.at(1)
    world.clock.t = T0 + 100
    world.report(0)
    assert world.at(181) == ["g/G1/level", "g/G2/level"]
    assert world.at(280) == ["g/G1/level", "g/G2/level"]  # 180 s after its reading: not yet
    assert world.at(281) == ["g/G0/level", "g/G1/level", "g/G2/level"]


def test_a_shorter_expected_interval_is_not_missed(store):
    w = World(store, interval=600.0)  # stale after 30 minutes
    w.report(0)
    assert w.at(10) == []  # planned: due at 1,800 s
    w.hub.add_entities(gauges(1, interval=60.0), persist=False)  # now reports every minute: stale after 3
    assert w.at(181) == ["g/G0/level"]


def test_a_stream_that_first_reports_after_the_checks_began_is_watched(world):
    world.report(0)
    assert world.at(1) == []
    world.clock.t = T0 + 50
    world.report(2)  # a stream new to the check
    assert world.at(181) == ["g/G0/level"]
    assert world.at(231) == ["g/G0/level", "g/G2/level"]


def test_a_stale_alarm_closed_can_be_raised_again_when_the_stream_falls_silent_again(world):
    world.report(0)
    assert world.at(181) == ["g/G0/level"]
    world.report(0)  # data again: cleared, still to be acknowledged
    (a,) = world.engine.open_alarms()
    assert a.state == "rtn_unack"
    world.engine.ack(a.id, Actor("op", "operator"))
    assert world.store.flush()
    assert world.at(200) == []  # closed
    assert world.at(362) == ["g/G0/level"]  # silent again for 3 intervals: a new alarm
    assert world.engine.open_alarms()[0].id != a.id


def test_streams_of_a_source_catching_up_wait_and_raise_once_it_is_current(world):
    world.health.catching_up = True
    world.report(0, 1)
    assert world.at(1000) == []  # old data while back-filling is not silence
    looked = watch_looks(world.hub)
    assert world.at(1001) == [] and world.at(1002) == []
    assert looked == set() and world.engine._stale.waiting() == 0  # parked with their source, not looked at
    world.health.catching_up = False
    assert world.at(1003) == ["g/G0/level", "g/G1/level"]


def test_a_stream_whose_source_registers_after_the_checks_began_is_watched(store):
    w = World(store, n=1)
    w.hub.add_entities(gauges(2), persist=False)
    w.report(0, 1)  # G1 has a value but no source yet: its silence means nothing
    assert w.at(1000) == ["g/G0/level"]
    w.hub.register_source("field", ["g/G1/level"]).live = True  # listening from now
    assert w.at(1100) == ["g/G0/level"]
    assert w.at(1181) == ["g/G0/level", "g/G1/level"]
