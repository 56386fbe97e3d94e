"""The ISA-18.2 alarm state machine: worked examples, then any sequence of events under hypothesis."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.alarms.engine import OPEN_STATES, STATES, AlarmEngine
from console.audit.permissions import Actor
from console.alarms.rules import compile_rule
from console.clock import Clock
from console.hub.hub import Hub
from console.model import Entity, Reading, StreamSpec
from console.store.store import Store, create_schema

T0 = 1_800_000_000.0
OP = Actor("op", "operator")
WARN = {
    "id": "warn", "type": "threshold", "streams": "g/*/level", "limit": "attr:warning_level", "severity": 3,
    "deadband": 0.1, "delay_s": 60, "suppressed_by": "guar", "message": "{name} above warning",
    "guidance": ["巡查堤防 Patrol the levee"],
}
GUAR = {
    "id": "guar", "type": "threshold", "streams": "g/*/level", "limit": "attr:guarantee_level", "severity": 4,
    "deadband": 0.1, "message": "{name} above guarantee",
}


class FakeClock(Clock):
    def __init__(self, t: float = T0) -> None:
        self.t = t

    def now(self) -> float:
        return self.t


class World:
    """A store, hub and engine on a real SQLite file, driven only through the public API."""

    def __init__(self, folder: Path, entity_attrs: dict | None = None) -> None:
        self.clock = FakeClock()
        self.store = Store(folder / "c.sqlite3", retention_days=None)
        self.hub = Hub(self.store, self.clock)
        attrs = {"warning_level": 2.0, "guarantee_level": 3.0} | (entity_attrs or {})
        self.hub.add_entities(
            [Entity(g, "gauge", f"{g}站", attrs=dict(attrs), streams=(StreamSpec(f"g/{g}/level", "l", "m", 60),)) for g in ("G1", "G2")]
        )
        self.engine = AlarmEngine(self.hub, [compile_rule(WARN), compile_rule(GUAR)])

    def level(self, gauge: str, value: float) -> None:
        self.clock.t += 1
        self.hub.submit([Reading(f"g/{gauge}/level", self.clock.t, value)])
        assert self.store.flush()

    def advance(self, seconds: float) -> None:
        self.clock.t += seconds
        self.store.call_soon(self.engine.check_stale)  # the ticker's job, run now and in order
        assert self.store.flush()

    def do(self, fn, *args) -> None:
        fn(*args)
        assert self.store.flush()

    def alarm(self, rule: str, gauge: str = "G1"):
        return next((a for a in self.engine.open_alarms(include_suppressed=True) if a.rule == rule and a.stream == f"g/{gauge}/level"), None)

    def audit(self, user: str = "op") -> list[tuple]:
        return self.store.query("SELECT action, target, outcome FROM audit WHERE user = ? ORDER BY id", (user,))


@pytest.fixture
def world(tmp_path):
    w = World(tmp_path)
    yield w
    w.store.close()


def test_warning_is_suppressed_by_design_while_guarantee_is_active(world):
    world.level("G1", 2.5)
    world.advance(61)
    world.level("G1", 2.5)
    assert world.alarm("warn").state == "unack"
    world.level("G1", 3.5)  # above guarantee: the warning says nothing new
    assert world.alarm("guar").state == "unack" and world.alarm("warn").state == "suppressed"
    assert [a.rule for a in world.engine.open_alarms()] == ["guar"]
    world.level("G1", 2.5)  # back below guarantee, still above warning: the warning returns
    assert world.alarm("guar").state == "rtn_unack" and world.alarm("warn").state == "unack"


def test_a_latched_warning_that_re_alarms_under_an_active_guarantee_stays_suppressed(world):
    world.level("G1", 2.5)
    world.advance(61)
    world.level("G1", 2.5)
    world.level("G1", 1.0)
    assert world.alarm("warn").state == "rtn_unack"
    world.level("G1", 3.5)
    world.advance(61)
    world.level("G1", 3.5)
    assert world.alarm("warn").state == "suppressed" and world.alarm("warn").cleared_ts is None


def test_an_out_of_service_gauge_raises_only_suppressed_alarms(tmp_path):
    w = World(tmp_path, {"out_of_service": True})
    w.level("G1", 3.5)
    assert w.alarm("guar").state == "suppressed" and w.engine.open_alarms() == []
    w.store.close()


def test_cleared_unacknowledged_stays_latched_and_re_alarms(world):
    world.level("G1", 3.5)
    world.level("G1", 1.0)
    a = world.alarm("guar")
    assert a.state == "rtn_unack" and a.cleared_ts is not None
    world.advance(3600)
    assert world.alarm("guar").state == "rtn_unack"  # latched: time does not close it
    world.level("G1", 3.6)
    assert world.alarm("guar").state == "unack" and world.alarm("guar").cleared_ts is None
    assert world.alarm("guar").id == a.id  # the same alarm, announced again


def test_one_shot_shelving_lasts_until_the_alarm_clears(world):
    world.level("G1", 3.5)
    a = world.alarm("guar")
    world.do(world.engine.shelve, a.id, OP, None, "传感器被杂物遮挡 sensor blocked by debris")
    s = world.alarm("guar")
    assert (s.state, s.shelve_mode, s.shelved_by) == ("shelved", "oneshot", "op") and "debris" in s.shelve_reason
    world.advance(86400)
    assert world.alarm("guar").state == "shelved"
    world.level("G1", 1.0)
    assert world.alarm("guar") is None  # cleared while shelved: closed, nothing to acknowledge
    assert world.audit() == [("alarm.shelve", f"alarm:{a.id}", "ok")]


def test_timed_shelving_returns_the_alarm_unacknowledged_and_can_be_cancelled(world):
    world.level("G1", 3.5)
    a = world.alarm("guar")
    world.do(world.engine.ack, a.id, OP)
    world.do(world.engine.shelve, a.id, OP, 600, "抢修中 repair crew on site")
    world.advance(599)
    assert world.alarm("guar").state == "shelved"
    world.advance(2)
    assert world.alarm("guar").state == "unack"  # still above: announced again
    assert world.audit("system") == [("alarm.unshelve", f"alarm:{a.id}", "ok")]
    world.do(world.engine.shelve, a.id, OP, 600, "again")
    world.do(world.engine.unshelve, a.id, OP)
    assert world.alarm("guar").state == "unack"
    assert [row[0] for row in world.audit()] == ["alarm.ack", "alarm.shelve", "alarm.shelve", "alarm.unshelve"]


def test_a_timed_shelving_from_before_a_restart_still_ends_when_its_time_is_up(tmp_path):
    w = World(tmp_path)
    w.level("G1", 3.5)
    a = w.alarm("guar")
    w.do(w.engine.shelve, a.id, OP, 600, "抢修中 repair crew on site")
    w.store.close()
    again = World(tmp_path)  # the same cache: the shelved alarm is read back
    try:
        again.clock.t = w.clock.t
        assert again.alarm("guar").state == "shelved"
        again.advance(601)
        assert again.alarm("guar").state == "unack"
    finally:
        again.store.close()


def test_refused_actions_are_audited_with_why(world):
    world.level("G1", 3.5)
    a = world.alarm("guar")
    world.do(world.engine.shelve, a.id, OP, 600, "  ")
    world.do(world.engine.unshelve, a.id, OP)
    world.do(world.engine.ack, 99999, OP)
    assert world.alarm("guar").state == "unack"
    assert [o for _, _, o in world.audit()] == ["rejected: a reason is required", "rejected: state unack", "rejected: not open"]


def test_a_cache_file_from_schema_1_gains_the_new_columns(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE audit (id INTEGER PRIMARY KEY, ts REAL, user TEXT, action TEXT, target TEXT, detail TEXT)")
    conn.execute("INSERT INTO audit (ts, user, action, target, detail) VALUES (1, 'old', 'alarm.ack', 'alarm:1', '')")
    conn.execute(
        "CREATE TABLE alarms (id INTEGER PRIMARY KEY, key TEXT, rule TEXT, entity_id TEXT, stream TEXT, severity INTEGER,"
        " state TEXT, message TEXT, value REAL, raised_ts REAL, acked_ts REAL, acked_by TEXT, cleared_ts REAL, shelved_until REAL)"
    )
    conn.commit()
    create_schema(conn)
    assert {"outcome"} <= {r[1] for r in conn.execute("PRAGMA table_info(audit)")}
    assert {"shelve_mode", "shelve_reason", "shelved_by"} <= {r[1] for r in conn.execute("PRAGMA table_info(alarms)")}
    assert conn.execute("SELECT user, outcome FROM audit").fetchall() == [("old", None)]
    conn.close()


# -- any sequence of events ------------------------------------------------------
LEVELS = st.sampled_from([1.0, 1.95, 2.5, 2.95, 3.5])  # 1.95 and 2.95 sit inside the deadbands
EVENTS = st.one_of(
    st.tuples(st.just("level"), st.sampled_from(["G1", "G2"]), LEVELS),
    st.tuples(st.just("advance"), st.sampled_from([5, 61, 600, 4000])),
    st.tuples(st.just("ack"), st.integers(0, 6)),
    st.tuples(st.just("shelve"), st.integers(0, 6), st.sampled_from([None, 0, 300, 3600]), st.sampled_from(["", "检修 maintenance"])),
    st.tuples(st.just("unshelve"), st.integers(0, 6)),
)


def _check_legal(w: World, before: dict[int, str], acked_ok: set[int]) -> None:
    open_now = {a.id: a for a in w.engine.open_alarms(include_suppressed=True)}
    for a in open_now.values():
        assert a.state in OPEN_STATES
        if a.state in ("unack", "acked", "suppressed"):
            assert a.cleared_ts is None, a
        if a.state == "acked":
            assert a.acked_ts is not None and a.acked_by
        if a.state == "rtn_unack":
            assert a.cleared_ts is not None and a.acked_ts is None, a
        if a.state == "shelved":
            assert a.shelved_by and a.shelve_reason and a.shelve_mode in ("oneshot", "timed")
            assert (a.shelved_until is not None) == (a.shelve_mode == "timed")
            assert a.shelve_mode == "timed" or a.cleared_ts is None
        guar = w.alarm("guar", a.stream.split("/")[1])
        if a.rule == "warn":  # suppressed by design exactly while the guarantee alarm is active
            assert (a.state == "suppressed") <= bool(guar and guar.active), a
            assert not (a.state in ("unack", "acked") and guar and guar.active), a
    rows = w.store.query("SELECT id, key, state FROM alarms")
    assert all(state in STATES for _, _, state in rows)
    in_db = {i: s for i, _, s in rows if s != "closed"}
    assert in_db == {i: a.state for i, a in open_now.items()}  # memory and file agree
    keys = [k for _, k, s in rows if s != "closed"]
    assert len(keys) == len(set(keys))  # at most one open alarm per rule and stream
    closed = {i for i, _, s in rows if s == "closed"}
    for aid, state in before.items():  # latched: an unacknowledged alarm closes only by an ack
        if state in ("unack", "rtn_unack") and aid in closed:
            assert aid in acked_ok, (aid, state)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(EVENTS, max_size=25))
def test_any_sequence_of_events_leaves_a_legal_state_and_audits_every_action(events):
    with tempfile.TemporaryDirectory() as folder:
        w = World(Path(folder))
        try:
            actions = 0
            for event in events:
                ids = [r[0] for r in w.store.query("SELECT id FROM alarms ORDER BY id")] + [424242]
                before = {a.id: a.state for a in w.engine.open_alarms(include_suppressed=True)}
                acked_ok: set[int] = set()
                kind = event[0]
                if kind == "level":
                    w.level(event[1], event[2])
                elif kind == "advance":
                    w.advance(event[1])
                else:
                    aid = ids[event[1] % len(ids)]
                    actions += 1
                    if kind == "ack":
                        w.do(w.engine.ack, aid, OP)
                        if w.audit()[-1][2] == "ok":
                            acked_ok.add(aid)
                    elif kind == "shelve":
                        w.do(w.engine.shelve, aid, OP, event[2], event[3])
                    else:
                        w.do(w.engine.unshelve, aid, OP)
                    last = w.audit()[-1]
                    assert last[0] == f"alarm.{kind}" and last[1] == f"alarm:{aid}" and last[2]
                _check_legal(w, before, acked_ok)
                assert len(w.audit()) == actions  # one audit row per operator action, refused ones too
        finally:
            w.store.close()
