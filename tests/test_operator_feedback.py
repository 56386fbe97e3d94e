"""Operator feedback at once: an acknowledgement or a shelving is on the alarm list before the
store's event thread (busy with readings) has run it; durable afterwards, ahead of what was
queued; a refused action shows the truth again."""

from __future__ import annotations

import threading

from console.audit.permissions import Actor
from tests.ack_load import OPERATOR, build, shown_acked


def _state_on_disk(store, alarm_id):
    return store.query("SELECT state FROM alarms WHERE id = ?", (alarm_id,))[0][0]


def _blocked(store):
    """Hold the event thread in a task, as a long batch of readings would."""
    go = threading.Event()
    store.call_soon(lambda: go.wait(30))
    return go


def test_an_ack_is_shown_before_it_runs_and_durable_after(tmp_path):
    store, hub, engine, alarm_id = build(tmp_path / "c.sqlite3")
    try:
        go = _blocked(store)
        queued_behind = []
        store.call_soon(lambda: queued_behind.append(_state_on_disk(store, alarm_id)))  # queued before the ack
        done = threading.Event()
        engine.ack(alarm_id, OPERATOR, on_durable=done.set)
        assert shown_acked(engine, alarm_id), "the list shows it acknowledged at once"
        assert _state_on_disk(store, alarm_id) == "unack" and not done.is_set()
        go.set()
        assert done.wait(30) and store.flush(30)
        assert _state_on_disk(store, alarm_id) == "acked"
        assert queued_behind == ["acked"], "the ack ran ahead of the task queued before it"
        assert store.query("SELECT user, outcome FROM audit WHERE action = 'alarm.ack'") == [("王工", "ok")]
    finally:
        store.close()


def test_a_shelving_is_shown_at_once_and_a_refused_one_shows_nothing(tmp_path):
    store, hub, engine, alarm_id = build(tmp_path / "c.sqlite3")
    try:
        go = _blocked(store)
        engine.shelve(alarm_id, OPERATOR, None, reason="")  # no reason: it will be refused
        assert [a.state for a in engine.open_alarms()] == ["unack"]
        engine.ack(alarm_id, Actor("来宾", "viewer"))  # a viewer may not
        assert [a.state for a in engine.open_alarms()] == ["unack"]
        engine.shelve(alarm_id, OPERATOR, 600, reason="清淤 sensor being cleaned")
        (a,) = engine.open_alarms()
        assert a.state == "shelved" and a.shelved_by == "王工" and a.shelve_mode == "timed"
        go.set()
        assert store.flush(30)
        assert _state_on_disk(store, alarm_id) == "shelved" and engine.open_alarms()[0].state == "shelved"
        outcomes = [o for (o,) in store.query("SELECT outcome FROM audit ORDER BY id")]
        assert outcomes[0].startswith("rejected") and outcomes[-1] == "ok" and len(outcomes) == 3
    finally:
        store.close()
