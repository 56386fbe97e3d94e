"""Two engines of one centre as hot standby, on a real mosquitto: one holds the lease and takes
the commands (each applied once), the standby mirrors what the operators did into its own
engine; when the active engine's connection drops (no goodbye: its last will) or it stops, the
standby takes over, with the acknowledgements, and applies the next command."""

from __future__ import annotations

import time

import pytest

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.centre.broker import Broker
from console.centre.engine_link import EngineLink
from console.centre.mirror import CentreAlarms
from console.hub.hub import Hub
from console.model import Entity, Reading, StreamSpec
from console.store.store import Store
from tests.source_servers import Mosquitto, wait_until

RULE = {"id": "warn", "type": "threshold", "streams": "g/*/level", "limit": "attr:warning_level", "severity": 3,
        "title": "超警戒", "message": "{name} 超警戒 {value}"}
ROLES = {"王工": "operator"}


class _Who:
    def __init__(self, user, role):
        self.user, self.role = user, role


def _engine(tmp_path, name):
    store = Store(tmp_path / f"{name}.sqlite3", retention_days=None)
    hub = Hub(store)
    hub.add_entities([Entity(f"G{k}", "gauge", f"{k}号站", attrs={"warning_level": 2.0},
                             streams=(StreamSpec(f"g/G{k}/level", "水位", "m", 60),)) for k in (1, 2)])
    return store, hub, AlarmEngine(hub, [compile_rule(RULE)])


def _audit(store, action):
    return store.query("SELECT user, outcome FROM audit WHERE action=?", (action,))


@pytest.fixture
def pair(tmp_path):
    (tmp_path / "broker").mkdir()
    broker = Mosquitto(tmp_path / "broker").start()
    address = Broker.parse(f"mqtt://127.0.0.1:{broker.port}")
    engines = {n: _engine(tmp_path, n) for n in ("a", "b")}
    links = {"a": EngineLink(engines["a"][2], address, "寿光", lambda: dict(ROLES), client_id="engine-a").start()}
    assert links["a"].active.wait(10), "the first engine takes the free lease"
    links["b"] = EngineLink(engines["b"][2], address, "寿光", lambda: dict(ROLES), client_id="engine-b").start()
    assert links["b"].connected.wait(10)
    desk = CentreAlarms(address, "寿光", "desk-a").start()
    assert desk.connected.wait(10)
    now = time.time()
    for store, hub, _engine_ in engines.values():  # both read the same feed
        hub.submit([Reading("g/G1/level", now - 30, 2.5), Reading("g/G2/level", now - 30, 2.7)])
        assert store.flush()
    yield broker, engines, links, desk
    desk.stop()
    for link in links.values():
        if link.connected.is_set():
            link.stop()
    for store, _hub, _e in engines.values():
        store.close()
    broker.stop()


def _ack(desk, stream, user="王工"):
    target = next(x for x in desk.open_alarms() if x.stream == stream)
    replies = []
    desk.ack_key(desk.key_of(target.id), user, comment="已派人", on_reply=replies.append)
    wait_until(lambda: replies, 10, 0.02, f"the engine's reply to the ack of {stream}")
    return replies[0]


def _acked_by(engine, stream):
    return next((a.acked_by for a in engine.open_alarms() if a.stream == stream), "no such alarm")


def test_one_engine_takes_the_commands_the_standby_mirrors_them(pair):
    _broker, engines, links, desk = pair
    wait_until(lambda: len(desk.open_alarms()) == 2, 10, 0.02, "the desk sees the centre's two alarms")
    time.sleep(1.0)  # the standby had every chance to claim, take commands or publish
    assert links["a"].active.is_set() and not links["b"].active.is_set()
    assert links["b"].holder == "engine-a"
    assert _ack(desk, "g/G1/level") == "ok"
    wait_until(lambda: _acked_by(engines["b"][2], "g/G1/level") == "王工", 10, 0.05, "the standby adopts the ack")
    a_store, b_store = engines["a"][0], engines["b"][0]
    # the adopted state is shown before its commit with the audit row: wait for the row
    wait_until(lambda: _audit(b_store, "alarm.adopt"), 10, 0.05, "the standby's audit of the adoption")
    assert [tuple(r) for r in _audit(a_store, "alarm.ack")] == [("王工", "ok")]  # applied once, by the active one
    assert _audit(b_store, "alarm.ack") == []
    assert [tuple(r)[0] for r in _audit(b_store, "alarm.adopt")] == ["王工"]
    assert links["b"].applied == 0 and links["a"].applied == 1


def test_when_the_active_engine_drops_the_standby_takes_over_with_the_acks(pair):
    _broker, engines, links, desk = pair
    wait_until(lambda: len(desk.open_alarms()) == 2, 10, 0.02, "the desk sees the centre's two alarms")
    assert _ack(desk, "g/G1/level") == "ok"
    wait_until(lambda: _acked_by(engines["b"][2], "g/G1/level") == "王工", 10, 0.05, "the standby adopts the ack")
    # engine A dies: its connection drops without a DISCONNECT, so the broker sends its last will
    a = links["a"]
    a._stop.set()
    a.client.loop_stop()
    a.client.socket().close()
    a.connected.clear()
    died = time.monotonic()
    assert links["b"].active.wait(10), "the standby takes over"
    took = time.monotonic() - died
    assert took < 5.0, f"takeover took {took:.1f} s"
    time.sleep(0.5)
    states = {x.stream: (x.state, x.acked_by) for x in desk.open_alarms()}
    assert states == {"g/G1/level": ("acked", "王工"), "g/G2/level": ("unack", None)}, states
    assert _ack(desk, "g/G2/level") == "ok"
    assert [tuple(r) for r in _audit(engines["b"][0], "alarm.ack")] == [("王工", "ok")]
    wait_until(lambda: {x.stream: x.state for x in desk.open_alarms()} == {"g/G1/level": "acked", "g/G2/level": "acked"},
               10, 0.02, "the desk shows the new engine's ack")


def test_a_clean_stop_hands_the_lease_over_at_once(pair):
    _broker, _engines, links, desk = pair
    wait_until(lambda: len(desk.open_alarms()) == 2, 10, 0.02, "the desk sees the centre's two alarms")
    stopped = time.monotonic()
    links["a"].stop()
    assert links["b"].active.wait(5)
    assert time.monotonic() - stopped < 2.0
    assert _ack(desk, "g/G1/level") == "ok"


def _said(alarms, stream):
    return [(user, text) for _ts, user, text in next(x for x in alarms if x.stream == stream).comments]


def test_a_comment_is_adopted_by_the_standby_and_still_shown_after_the_handover(pair):
    _broker, engines, links, desk = pair
    wait_until(lambda: len(desk.open_alarms()) == 2, 10, 0.02, "the desk sees the centre's two alarms")
    replies = []
    target = next(x for x in desk.open_alarms() if x.stream == "g/G1/level")
    desk.comment_key(desk.key_of(target.id), "王工", "巡堤中", on_reply=replies.append)
    wait_until(lambda: replies, 10, 0.02, "the engine's reply to the comment")
    assert replies == ["ok"]
    standby = engines["b"][2]
    wait_until(lambda: _said(standby.open_alarms(), "g/G1/level") == [("王工", "巡堤中")], 10, 0.05, "the standby adopts it")
    assert next(a for a in standby.open_alarms() if a.stream == "g/G1/level").state == "unack"  # not an acknowledgement
    # the adopted state is shown before its commit with the audit row: wait for the row
    wait_until(lambda: _audit(engines["b"][0], "alarm.adopt"), 10, 0.05, "the standby's audit of the adoption")
    assert [tuple(r)[0] for r in _audit(engines["b"][0], "alarm.adopt")] == ["王工"]
    links["a"].stop()
    assert links["b"].active.wait(5)
    time.sleep(0.5)  # the new engine publishes over what the broker held: the comment must still be there
    assert _said(desk.open_alarms(), "g/G1/level") == [("王工", "巡堤中")]


def test_the_same_state_adopted_twice_while_the_cache_is_busy_is_adopted_once(tmp_path):
    """The standby hears a state on its message and again on its periodic pass; both may be queued
    before the cache writes the first: one adoption, one audit row (seen twice on a busy machine)."""
    import dataclasses

    store, hub, engine = _engine(tmp_path, "s")
    hub.submit([Reading("g/G1/level", time.time() - 30, 2.5)])
    assert store.flush()
    mine = next(a for a in engine.open_alarms() if a.stream == "g/G1/level")
    theirs = dataclasses.replace(mine, state="acked", acked_by="王工", acked_ts=time.time(), ack_comment="已派人")
    store.call_priority(lambda: time.sleep(0.5))  # the cache's event thread busy
    assert engine.adopt(theirs, "engine-a") and engine.adopt(theirs, "engine-a")
    assert store.flush()
    assert _audit(store, "alarm.adopt") == [("王工", "ok")]
    assert _acked_by(engine, "g/G1/level") == "王工"
    assert not engine.adopt(theirs, "engine-a"), "nothing differs any more"
    store.close()
