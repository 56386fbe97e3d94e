"""Readings and entities from the centre's engine to its consoles, through a real mosquitto:
the console's hub and cache get every reading the engine accepted, the gauges with their
streams, what was published while the console was away (its persistent session), and the
seconds of a hot-standby takeover (the new engine's replay); a broken message is quarantined."""

from __future__ import annotations

import threading
import time

import pytest

from console.centre.broker import Broker
from console.centre.readings_link import CentreReadings, ReadingsPublisher
from console.centre.wire import Topics
from console.hub.hub import Hub
from console.model import Entity, Reading, StreamSpec
from console.store.store import Store
from tests.source_servers import Mosquitto, wait_until

GAUGES = [Entity(f"G{k}", "gauge", f"{k}号站", 36.8 + k / 100, 118.7, {"warning_level": 2.0 + k},
                 (StreamSpec(f"g/G{k}/level", "水位", "m", 60, 2),)) for k in range(1, 4)]


def _node(tmp_path, name):
    store = Store(tmp_path / f"{name}.sqlite3", retention_days=None)
    return store, Hub(store)


def _rows(store, stream):
    return store.history(stream, 0)


@pytest.fixture
def broker(tmp_path):
    (tmp_path / "broker").mkdir()
    b = Mosquitto(tmp_path / "broker").start()
    yield b, Broker.parse(f"mqtt://127.0.0.1:{b.port}")
    b.stop()


def _console(tmp_path, address, name="desk"):
    store, hub = _node(tmp_path, name)
    src = CentreReadings(hub, address, "寿光", f"{name}-readings")
    src.start()
    assert src.connected.wait(10)
    return store, hub, src


def _active_engine(tmp_path, address, gauges):
    """An engine's hub with ``gauges`` and its publisher, holding the lease."""
    e_store, e_hub = _node(tmp_path, "engine")
    e_hub.add_entities(gauges)
    active = threading.Event()
    active.set()
    return e_store, e_hub, ReadingsPublisher(e_hub, address, "寿光", "engine-a", active).start()


def test_a_console_gets_the_engines_gauges_and_every_reading_in_its_cache(tmp_path, broker):
    _b, address = broker
    e_store, e_hub, pub = _active_engine(tmp_path, address, GAUGES)
    c_store, c_hub, src = _console(tmp_path, address)
    try:
        wait_until(lambda: len(c_hub.entities) == 3, 10, 0.05, "the engine's gauges on the console")
        assert c_hub.entities["G2"] == GAUGES[1], "an entity arrives whole: name, place, limits, streams"
        assert c_hub.source_of("g/G2/level") == "centre"
        t0 = time.time() - 4000
        sent = [Reading(f"g/G{k}/level", t0 + i, 1.0 + i / 1000 + k) for i in range(3000) for k in range(1, 4)]
        for i in range(0, len(sent), 500):
            e_hub.submit(sent[i:i + 500])
        wait_until(lambda: sum(len(_rows(c_store, f"g/G{k}/level")) for k in range(1, 4)) == len(sent)
                   if c_store.flush() else False, 20, 0.1, "every reading in the console's cache")
        assert [(t, v) for t, v, _q in _rows(c_store, "g/G3/level")] == [(r.ts, r.value) for r in sent if r.stream == "g/G3/level"]
        assert c_hub.latest("g/G1/level") == sent[-3]
        assert c_hub.freshness("g/G1/level")[0].name != "OFFLINE"
    finally:
        src.stop()
        pub.stop()
        c_store.close()
        e_store.close()


def test_a_console_that_joins_later_starts_from_every_streams_last_value(tmp_path, broker):
    """A slow stream (a rain gauge reporting every 5 min) is shown at once on a console that joins
    after its last report: the engine keeps every stream's last reading retained."""
    _b, address = broker
    e_store, e_hub, pub = _active_engine(tmp_path, address, GAUGES)
    try:
        now = time.time()
        e_hub.submit([Reading(f"g/G{k}/level", now - 200, 1.0 + k) for k in range(1, 4)])
        wait_until(lambda: pub.published == 3, 10, 0.05, "the engine's readings out")
        wait_until(lambda: pub.publish_latest() == 3, 5, 0.05, "the snapshot of the last values")
        c_store, c_hub, src = _console(tmp_path, address, "late")  # joins after the readings went out
        try:
            wait_until(lambda: all(c_hub.latest(f"g/G{k}/level") is not None for k in range(1, 4)), 10, 0.05,
                       "the last values on the late console")
            assert c_hub.latest("g/G3/level").value == 4.0
            assert c_store.flush() and len(_rows(c_store, "g/G2/level")) == 1
        finally:
            src.stop()
            c_store.close()
    finally:
        pub.stop()
        e_store.close()


def test_what_the_engine_published_while_a_console_was_away_arrives_when_it_is_back(tmp_path, broker):
    _b, address = broker
    e_store, e_hub = _node(tmp_path, "engine")
    e_hub.add_entities(GAUGES[:1])
    active = threading.Event()
    active.set()
    pub = ReadingsPublisher(e_hub, address, "寿光", "engine-a", active).start()
    c_store, c_hub, src = _console(tmp_path, address)
    try:
        t0 = time.time() - 300
        e_hub.submit([Reading("g/G1/level", t0 + i, float(i)) for i in range(100)])
        wait_until(lambda: c_store.flush() and len(_rows(c_store, "g/G1/level")) == 100, 10, 0.1, "the first readings")
        src.stop()  # the console is away; the engine goes on
        e_hub.submit([Reading("g/G1/level", t0 + i, float(i)) for i in range(100, 250)])
        wait_until(lambda: pub.published == 250, 10, 0.05, "the engine's publishing while the console is away")
        again = CentreReadings(c_hub, address, "寿光", src.client_id)
        again.start()
        wait_until(lambda: c_store.flush() and len(_rows(c_store, "g/G1/level")) == 250, 10, 0.1,
                   "the readings queued for the console's session")
        again.stop()
    finally:
        pub.stop()
        c_store.close()
        e_store.close()


def test_the_standby_engine_fills_the_seconds_of_its_takeover(tmp_path, broker):
    """Both engines read the same feed; the active one dies; what came in before the standby
    became active still reaches the console."""
    _b, address = broker
    engines = {n: _node(tmp_path, n) for n in ("a", "b")}
    flags = {n: threading.Event() for n in engines}
    flags["a"].set()
    pubs = {n: ReadingsPublisher(engines[n][1], address, "寿光", f"engine-{n}", flags[n]).start() for n in engines}
    c_store, c_hub, src = _console(tmp_path, address)
    try:
        for _store, hub in engines.values():
            hub.add_entities(GAUGES[:1])
        t0 = time.time() - 100
        feed = [Reading("g/G1/level", t0 + i, float(i)) for i in range(60)]

        def read(rows):
            for _store, hub in engines.values():
                hub.submit(rows)

        read(feed[:20])
        wait_until(lambda: c_store.flush() and len(_rows(c_store, "g/G1/level")) == 20, 10, 0.1, "the active engine's readings")
        pubs["a"].stop()  # the active engine dies
        flags["a"].clear()
        read(feed[20:40])  # the seconds before the standby holds the lease: only it reads them now
        time.sleep(0.5)
        assert len(_rows(c_store, "g/G1/level")) == 20, "a standby publishes nothing"
        flags["b"].set()  # the lease is the standby's
        read(feed[40:])
        wait_until(lambda: c_store.flush() and len(_rows(c_store, "g/G1/level")) == 60, 10, 0.1,
                   "the takeover's seconds and what came after")
        assert [v for _t, v, _q in _rows(c_store, "g/G1/level")] == [float(i) for i in range(60)], "each once, in order"
    finally:
        src.stop()
        pubs["b"].stop()
        c_store.close()
        for store, _hub in engines.values():
            store.close()


def test_a_broken_readings_message_is_quarantined_and_the_next_ones_go_on(tmp_path, broker):
    import paho.mqtt.client as mqtt
    from paho.mqtt.enums import CallbackAPIVersion

    b, address = broker
    c_store, c_hub, src = _console(tmp_path, address)
    p = mqtt.Client(CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
    p.connect("127.0.0.1", b.port)
    p.loop_start()
    try:
        topic = Topics("寿光").readings
        p.publish(topic, b'{"e": "x", "r": [["g/G1/level", "soon", 1, 0]]}', qos=1).wait_for_publish(5)
        p.publish(topic, b'{"e": "x", "r": [["g/G1/level", 1700000000.0, 2.5, 0]]}', qos=1).wait_for_publish(5)
        wait_until(lambda: c_store.flush() and _rows(c_store, "g/G1/level"), 10, 0.1, "the good message after the broken one")
        assert src.bad == 1
        held = wait_until(lambda: c_store.query("SELECT source, topic, reason FROM quarantine"), 10, 0.05,
                          "the broken message in the quarantine")  # written on the cache's event thread
        assert held[0][0] == "centre" and "not a readings message" in held[0][2]
        assert "could not be read" in (c_hub.sources["centre"].last_error or "")
    finally:
        p.disconnect()
        p.loop_stop()
        src.stop()
        c_store.close()


def test_a_console_of_the_centre_shows_the_headless_engines_demo_without_sources_of_its_own(tmp_path, broker):
    """``city-console engine --demo`` and a console runtime with ``[centre]`` (not a demo): the
    console runs no simulator, yet knows the demo's gauges and shows their values fresh."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    from console.app.runtime import Runtime, RuntimeOptions
    from console.freshness import Freshness

    b, _address = broker
    root = Path(__file__).resolve().parents[1]
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[centre]\nname = "寿光"\nbroker = "mqtt://127.0.0.1:{b.port}"\n', encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(root))
    env.pop("DISPLAY", None)
    proc = subprocess.Popen([sys.executable, "-m", "console", "engine", "--settings", str(settings), "--demo",
                             "--cache", str(tmp_path / "engine")], cwd=root, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    runtime = None
    try:
        assert proc.stdout.readline().startswith("engine running"), proc.stderr.read()[-2000:]
        runtime = Runtime(RuntimeOptions(city="shouguang", cache_dir=tmp_path / "desk", settings_file=settings,
                                         centre_name="寿光", centre_broker=f"mqtt://127.0.0.1:{b.port}",
                                         centre_readings=True, plugins=frozenset({"flood"})))
        runtime.start()
        assert [s.kind for s in runtime.sources] == ["centre"], "no simulator, no source of its own"
        hub = runtime.hub
        wait_until(lambda: any(e.kind == "gauge" for e in hub.entities.values()), 60, 0.2, "the demo's gauges")
        gauge = next(e for e in hub.entities.values() if e.kind == "gauge")
        level = gauge.streams[0].id
        wait_until(lambda: hub.latest(level) is not None and hub.freshness(level)[0] is Freshness.FRESH, 60, 0.2,
                   f"a fresh value of {level} from the engine")
        assert runtime.centre.connected.is_set() and runtime.alarms.open_alarms() is not None
    finally:
        if runtime is not None:
            runtime.stop(5)
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
