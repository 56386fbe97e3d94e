import time

import pytest

from console.alarms.engine import AlarmEngine
from console.audit.permissions import Actor
from console.alarms.rules import RuleError, compile_rule
from console.model import Entity, Reading, StreamSpec

OP = Actor("op", "operator")

RULE = {
    "id": "warn", "type": "threshold", "streams": "g/*/level", "limit": "attr:warning_level",
    "severity": 3, "deadband": 0.1, "delay_s": 120, "message": "{name} above {limit}: {value}",
}


@pytest.fixture
def engine(hub):
    hub.add_entities([Entity("G1", "gauge", "一号站", attrs={"warning_level": 2.0}, streams=(StreamSpec("g/G1/level", "l", "m", 60),))])
    return AlarmEngine(hub, [compile_rule(RULE), compile_rule({"id": "stale", "type": "stale", "streams": "g/*/level", "after_intervals": 3, "message": "{name} silent {age}"})])


def feed(hub, values, t0=1_000_000.0, step=60.0):
    hub.submit([Reading("g/G1/level", t0 + i * step, v) for i, v in enumerate(values)])
    assert hub.store.flush()


def test_threshold_waits_for_its_delay_then_raises_once(hub, engine):
    feed(hub, [1.0, 2.5, 2.6])  # beyond for 60 s only
    assert engine.open_alarms() == []
    feed(hub, [2.7, 2.8], t0=1_000_000.0 + 180)  # now beyond for 240 s
    alarms = engine.open_alarms()
    assert len(alarms) == 1 and alarms[0].state == "unack" and "一号站" in alarms[0].message
    feed(hub, [2.9, 3.0], t0=1_000_000.0 + 300)
    assert len(engine.open_alarms()) == 1  # not raised again while active


def test_deadband_prevents_chatter_and_lifecycle_ends_in_audit(hub, engine, store):
    feed(hub, [2.5, 2.5, 2.5, 2.5])
    (a,) = engine.open_alarms()
    feed(hub, [1.95], t0=1_000_000.0 + 300)  # below the limit but inside the deadband
    assert engine.open_alarms()[0].cleared_ts is None
    engine.ack(a.id, Actor("王工", "operator"))
    store.flush()
    assert engine.open_alarms()[0].state == "acked"
    feed(hub, [1.8], t0=1_000_000.0 + 360)  # past the deadband: clears; acked + cleared = closed
    assert engine.open_alarms() == []
    row = store.query("SELECT state, acked_by, cleared_ts FROM alarms WHERE id = ?", (a.id,))[0]
    assert row == ("closed", "王工", 1_000_000.0 + 360)
    assert store.query("SELECT user, action, target FROM audit") == [("王工", "alarm.ack", f"alarm:{a.id}")]


def test_an_alarm_that_clears_unseen_waits_for_acknowledgement(hub, engine, store):
    feed(hub, [2.5, 2.5, 2.5, 1.0])
    (a,) = engine.open_alarms()
    assert a.state == "rtn_unack"
    engine.ack(a.id, OP)
    store.flush()
    assert engine.open_alarms() == []


def test_open_alarms_survive_a_restart(tmp_path):
    from console.hub.hub import Hub
    from console.store.store import Store

    s = Store(tmp_path / "c.sqlite3", retention_days=None)
    h = Hub(s)
    h.add_entities([Entity("G1", "gauge", "一号站", attrs={"warning_level": 2.0}, streams=(StreamSpec("g/G1/level", "l", "m", 60),))])
    AlarmEngine(h, [compile_rule(RULE)])
    feed(h, [3.0] * 4)
    s.close()
    s2 = Store(tmp_path / "c.sqlite3", retention_days=None)
    e2 = AlarmEngine(Hub(s2), [compile_rule(RULE)])
    assert [a.rule for a in e2.open_alarms()] == ["warn"]
    s2.close()


def test_stale_rule_raises_for_a_silent_stream_and_clears_on_data(hub, engine, store):
    health = hub.register_source("sim", ["g/G1/level"])
    health.live = health.catching_up = True
    now = time.time()
    health.listening_since = now - 2000  # it has been listening a while
    hub.submit([Reading("g/G1/level", now - 1000, 1.0)])
    store.flush()
    engine.check_stale()
    assert engine.open_alarms() == []  # old data while back-filling is not silence
    health.catching_up = False
    engine.check_stale()
    assert [a.rule for a in engine.open_alarms()] == ["stale"]
    hub.submit([Reading("g/G1/level", now, 1.0)])
    store.flush()
    assert engine.open_alarms()[0].state == "rtn_unack"


def test_shelving_hides_then_returns(hub, engine, store):
    feed(hub, [2.5] * 4)
    (a,) = engine.open_alarms()
    engine.shelve(a.id, OP, 0.0, reason="sensor being cleaned")
    store.flush()
    assert engine.open_alarms()[0].state in ("shelved", "unack")
    engine.check_stale()
    assert engine.open_alarms()[0].state == "unack"
    assert ("op", "alarm.shelve") in store.query("SELECT user, action FROM audit")


@pytest.mark.parametrize(
    "data, message",
    [
        ({"id": "x", "type": "threshold", "streams": "*"}, "needs 'limit'"),
        ({"id": "x", "type": "magic", "streams": "*"}, "type must be"),
        ({"id": "x", "type": "threshold", "streams": "*", "limit": "warning"}, "attr:NAME"),
        ({"id": "x", "type": "stale"}, "missing key 'streams'"),
        ({"id": "x", "type": "stale", "streams": "*", "severity": 9}, "severity must be 1-4"),
    ],
)
def test_bad_rules_say_what_is_wrong(data, message):
    with pytest.raises(RuleError, match=message):
        compile_rule(data, "plugin t")


def test_alarm_list_shows_the_worst_alarm_of_a_stream_once(qtbot, hub, store):
    from console.audit.auth import Session
    from console.gui.history_loader import HistoryLoader
    from console.gui.hub_signals import HubSignals
    from console.layouts.layout import TileSpec
    from widgets.alarm_list_tile import AlarmListTile
    from widgets.tile import TileContext

    hub.add_entities([Entity("G1", "gauge", "一号站", attrs={"warning_level": 2.0, "guarantee_level": 2.4}, streams=(StreamSpec("g/G1/level", "l", "m", 60),))])
    guarantee = dict(RULE, id="guar", limit="attr:guarantee_level", severity=4)
    engine = AlarmEngine(hub, [compile_rule(RULE), compile_rule(guarantee)])
    feed(hub, [3.0] * 4)
    assert len(engine.open_alarms()) == 2
    signals = HubSignals(hub)
    session = Session()
    session.login_auto("operator", "operator")
    tile = AlarmListTile(TileContext(hub, signals, HistoryLoader(store), engine, session=session), TileSpec("alarms", 0, 0))
    qtbot.addWidget(tile)
    assert tile.table.rowCount() == 1 and "◆" in tile.table.item(0, 0).text()
    tile.table.selectRow(0)
    tile.acknowledge_selected()
    store.flush()
    signals.drain()
    assert tile.table.rowCount() == 1 and tile.table.item(0, 3).text() == "已确认"
    assert tile.table.selectionModel().selectedRows()  # the selection survives the refresh
    assert {a.state for a in engine.open_alarms()} == {"acked"}  # both alarms of the stream
    assert store.query("SELECT user, action FROM audit") == [("operator", "alarm.ack")] * 2
    tile.teardown()
    tile.ctx.history.shutdown()


def test_after_a_restart_silence_counts_from_when_the_source_listens_again(tmp_path):
    """The cache's last value is hours old after a restart; that is not the sensor's silence."""
    from console.hub.hub import Hub
    from console.store.store import Store

    s = Store(tmp_path / "c.sqlite3", retention_days=None)
    h = Hub(s)
    h.add_entities([Entity("G1", "gauge", "一号站", attrs={"warning_level": 2.0}, streams=(StreamSpec("g/G1/level", "l", "m", 60),))])
    h.submit([Reading("g/G1/level", time.time() - 3 * 3600, 1.0)])  # before the restart
    s.flush()
    engine = AlarmEngine(h, [compile_rule({"id": "stale", "type": "stale", "streams": "g/*/level", "after_intervals": 3, "message": "{name} silent {age}"})])
    h.register_source("sim", ["g/G1/level"]).live = True  # listening from now
    engine.check_stale()
    assert engine.open_alarms() == []
    h.sources["sim"].listening_since -= 600  # ten minutes of listening and still nothing
    engine.check_stale()
    assert [a.rule for a in engine.open_alarms()] == ["stale"] and "3.0 h" in engine.open_alarms()[0].message
    s.close()


def test_a_burst_of_alarms_is_written_in_one_commit_with_distinct_ids(hub, store):
    n = 50
    hub.add_entities([Entity(f"G{i}", "gauge", f"G{i}", attrs={"warning_level": 2.0},
                             streams=(StreamSpec(f"g/G{i}/level", "l", "m", 60),)) for i in range(n)])
    engine = AlarmEngine(hub, [compile_rule(dict(RULE, delay_s=0))])
    assert store.flush()  # the entities' own save is not the burst's
    commits = []
    store._durable.set_trace_callback(lambda sql: commits.append(sql) if sql.strip().upper().startswith("COMMIT") else None)
    hub.submit([Reading(f"g/G{i}/level", 1_000_000.0, 3.0) for i in range(n)])
    assert store.flush()
    store._durable.set_trace_callback(None)
    alarms = engine.open_alarms()
    assert len(alarms) == n and len({a.id for a in alarms}) == n and all(a.id > 0 for a in alarms)
    assert len(commits) == 1
    assert store.query("SELECT count(*) FROM alarms")[0][0] == n  # durable: on disk before anyone acts on them


def test_alarm_ids_go_on_after_a_restart_and_match_their_rows(tmp_path):
    """The engine gives the ids (a batch's rows wait for its rules): after a restart they go on
    from the cache's highest, and every alarm's id is its own row's."""
    from console.hub.hub import Hub
    from console.store.store import Store

    def start():
        s = Store(tmp_path / "c.sqlite3", retention_days=None)
        h = Hub(s)
        h.add_entities([Entity(f"G{i}", "gauge", f"G{i}", attrs={"warning_level": 2.0},
                               streams=(StreamSpec(f"g/G{i}/level", "l", "m", 60),)) for i in range(4)])
        return s, h, AlarmEngine(h, [compile_rule(dict(RULE, delay_s=0))])

    s, h, _ = start()
    h.submit([Reading(f"g/G{i}/level", 1_000_000.0, 3.0) for i in (0, 1)])
    assert s.flush()
    s.close()
    s, h, e = start()
    h.submit([Reading(f"g/G{i}/level", 1_000_060.0, 3.0) for i in (2, 3)])
    assert s.flush()
    rows = dict(s.query("SELECT stream, id FROM alarms"))
    assert sorted(rows.values()) == [1, 2, 3, 4]
    assert {a.stream: a.id for a in e.open_alarms()} == rows
    s.close()
