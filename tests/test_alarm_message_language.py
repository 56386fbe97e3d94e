"""An alarm's message keeps its template and arguments: after a restart from the cache, and on
another console through the centre's wire, it is still shown in the interface's language
(before, the cache and the wire kept only the Chinese text, so `--lang en` showed Chinese)."""

from __future__ import annotations

import json
import time


from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.centre.wire import alarm_from_payload, alarm_payload
from console.hub.hub import Hub
from console.languages import Text
from console.model import Entity, Reading, StreamSpec
from console.store.store import Store
from plugins.flood.manifest import PLUGIN
from tests.language_helpers import english

RULE = next(r for r in PLUGIN.rules if r["id"] == "flood.above_warning")
GAUGE = Entity("MH-01", "gauge", "弥河1号站", attrs={"warning_level": 3.0, "guarantee_level": 4.0},
               streams=(StreamSpec("flood/gauge/MH-01/level", "水位", "m", 300, 2),))


def _engine(path):
    store = Store(path, retention_days=None)
    hub = Hub(store)
    hub.add_entities([GAUGE])
    return store, hub, AlarmEngine(hub, [compile_rule(RULE, "plugin flood")])


def test_a_stored_alarm_is_shown_in_english_after_a_restart_and_on_another_console(qapp, tmp_path):
    store, hub, engine = _engine(tmp_path / "c.sqlite3")
    hub.submit([Reading("flood/gauge/MH-01/level", time.time() - 900, 3.40),  # beyond for longer than the rule's delay
                Reading("flood/gauge/MH-01/level", time.time() - 60, 3.42)])
    assert store.flush()
    (a,) = engine.open_alarms()
    assert isinstance(a.message, Text) and str(a.message) == "弥河1号站 超警戒水位：3.42 m > 3.00 m"
    live_en = english(a.message)
    assert live_en == "弥河1号站 above warning level: 3.42 m > 3.00 m"
    store.close()

    store, _hub, engine = _engine(tmp_path / "c.sqlite3")  # the console restarts from its cache
    (again,) = engine.open_alarms()
    assert str(again.message) == str(a.message) and english(again.message) == live_en
    stored = json.loads(store.query("SELECT message_text FROM alarms")[0][0])
    assert stored["t"] == RULE["message"] and stored["a"]["name"] == "弥河1号站"

    other = alarm_from_payload(alarm_payload(again), local_id=7)  # another console of the centre
    assert other.id == 7 and english(other.message) == live_en
    assert json.loads(alarm_payload(again))["message"] == "弥河1号站 超警戒水位：3.42 m > 3.00 m"
    store.close()


def test_a_plain_message_from_an_older_cache_is_shown_as_written(qapp, tmp_path):
    store, hub, engine = _engine(tmp_path / "c.sqlite3")
    hub.submit([Reading("flood/gauge/MH-01/level", time.time() - 900, 3.40),  # beyond for longer than the rule's delay
                Reading("flood/gauge/MH-01/level", time.time() - 60, 3.42)])
    assert store.flush()
    store.durable("UPDATE alarms SET message_text = NULL")  # as a cache written before templates were kept
    store.close()
    store, _hub, engine = _engine(tmp_path / "c.sqlite3")
    (a,) = engine.open_alarms()
    assert not isinstance(a.message, Text) and a.message == "弥河1号站 超警戒水位：3.42 m > 3.00 m"
    store.close()
