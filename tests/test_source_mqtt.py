"""The MQTT source against Debian's mosquitto on loopback, started and killed by the tests.

QoS 1 with a persistent session and acknowledgement only after the cache commit:
every message published while the console or the broker is restarting lands in the
cache exactly once."""

import json
import sqlite3
import threading
import time

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from console.freshness import Freshness
from console.hub.hub import Hub
from console.sources.mqtt_source import MqttSource, filter_regex
from console.settings.sources import parse_settings
from console.store.store import Store
from tests.source_servers import Mosquitto, wait_until

LEVEL = "flood/gauge/G7/level"


def mqtt_settings(port: int, client_id: str = "cc-test-console"):
    return parse_settings({"sources": [{
        "name": "broker", "type": "mqtt", "host": "127.0.0.1", "port": port, "client_id": client_id,
        "timeout_s": 2, "keepalive_s": 5, "max_backoff_s": 0.5,
        "topics": [
            {"filter": "city/gauge/+/level", "payload": "json",
             "mapping": {"time": "ts", "value": "level", "stream": "flood/gauge/{1}/level", "entity": "{1}",
                         "kind": "gauge", "expected_interval_s": 5}},
            {"filter": "city/rain/#", "payload": "plain", "mapping": {"stream": "flood/rain/{1}"}},
        ],
    }]}).sources[0]


@pytest.fixture
def broker(tmp_path):
    b = Mosquitto(tmp_path).start()
    yield b
    b.stop()


class Publisher:
    """A separate MQTT client, as a field device or a platform's bridge would be."""

    def __init__(self, port: int) -> None:
        self.c = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="", protocol=mqtt.MQTTv5)
        self.c.connect("127.0.0.1", port)
        self.c.loop_start()

    def send(self, topic: str, payload, qos: int = 1) -> None:
        data = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
        self.c.publish(topic, data, qos=qos).wait_for_publish(5)

    def close(self) -> None:
        self.c.disconnect()
        self.c.loop_stop()


def publish_levels(port: int, numbers, t0: float) -> None:
    pub = Publisher(port)
    try:
        for n in numbers:
            pub.send("city/gauge/G7/level", {"ts": t0 + n * 0.001, "level": float(n)})
    finally:
        pub.close()


def cached_levels(store: Store) -> list[float]:
    store.flush()
    return [row[1] for row in store.history(LEVEL, 0)]


def test_no_message_lost_or_doubled_across_console_and_broker_restarts(tmp_path, broker):
    t0 = time.time() - 1
    path = tmp_path / "cache.sqlite3"
    store = Store(path, retention_days=None)
    hub = Hub(store)
    src = MqttSource(mqtt_settings(broker.port), hub)
    src.start()
    wait_until(lambda: src.health.live, 5, what="connection")
    publish_levels(broker.port, range(0, 40), t0)
    wait_until(lambda: len(cached_levels(store)) == 40, 5, what="the first 40 in the cache")

    # the console shuts down; the city keeps publishing; the broker restarts meanwhile
    src.stop()
    store.close()
    publish_levels(broker.port, range(40, 80), t0)
    broker.stop()
    broker.start()
    publish_levels(broker.port, range(80, 120), t0)

    store = Store(path, retention_days=None)
    hub = Hub(store)
    hub.seed_from_cache()
    src = MqttSource(mqtt_settings(broker.port), hub)
    src.start()
    try:
        wait_until(lambda: len(cached_levels(store)) >= 120, 10, what="the queued messages")
        assert src.connects == 1

        # the broker dies under a running console: stale at once (well within two intervals), then it reconnects
        assert hub.freshness(LEVEL)[0] is Freshness.FRESH
        broker.stop()
        wait_until(lambda: hub.freshness(LEVEL)[0] is Freshness.STALE, 2.0, 0.01, "stale after the broker died")
        assert not src.health.live and "disconnected" in src.health.last_error
        broker.start()
        wait_until(lambda: src.health.live, 10, what="reconnection after the broker restart")
        publish_levels(broker.port, range(120, 160), t0)
        wait_until(lambda: len(cached_levels(store)) >= 160, 10, what="messages after the reconnect")
        assert cached_levels(store) == [float(n) for n in range(160)], "lost, doubled or reordered"
        assert hub.entities["G7"].kind == "gauge"
    finally:
        src.stop()
        store.close()


def test_a_message_is_acknowledged_only_once_it_is_in_the_cache(tmp_path, broker):
    """Hold the cache's writer (another connection locks the file), receive a message, drop the
    connection: the broker must send it again."""
    store1 = Store(tmp_path / "a.sqlite3", retention_days=None)
    src = MqttSource(mqtt_settings(broker.port, "cc-ack-test"), Hub(store1))
    src.start()
    wait_until(lambda: src.health.live, 5, what="connection")
    blocker = sqlite3.connect(tmp_path / "a.sqlite3", timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")  # the writer waits on the lock (its busy timeout is 30 s)
    publish_levels(broker.port, [7], time.time() - 5)
    wait_until(lambda: src.health.readings == 1, 5, what="the message to reach the hub")
    # a round trip on the same connection: a PUBACK sent on receipt would be on the wire before it
    src._client.publish("console/ping", b"", qos=1).wait_for_publish(5)
    src.stop()  # the connection goes before the cache commit: no PUBACK was sent
    assert cached_levels(store1) == []
    blocker.rollback()
    blocker.close()
    store1.close()

    store2 = Store(tmp_path / "b.sqlite3", retention_days=None)
    again = MqttSource(mqtt_settings(broker.port, "cc-ack-test"), Hub(store2))
    again.start()
    try:
        wait_until(lambda: cached_levels(store2) == [7.0], 5, what="redelivery of the unacknowledged message")
    finally:
        again.stop()
        store2.close()


def test_plain_payloads_topic_wildcards_and_bad_payloads(hub, store, broker):
    src = MqttSource(mqtt_settings(broker.port, "cc-plain-test"), hub)
    src.start()
    try:
        wait_until(lambda: src.health.live, 5, what="connection")
        pub = Publisher(broker.port)
        pub.send("city/rain/R1/intensity", "12.5")
        pub.send("city/rain/R2/intensity", "sensor offline")
        pub.send("city/gauge/G1/level", "{not json")
        pub.send("city/gauge/G2/level", {"ts": time.time(), "level": "n/a"})
        pub.send("city/gauge/G3/level", {"ts": time.time(), "level": 0.75})
        pub.close()
        wait_until(lambda: hub.latest("flood/gauge/G3/level") and src.messages == 5, 5, what="all five messages")
        wait_until(lambda: hub.latest("flood/rain/R1/intensity"), 5, what="the plain reading")
        assert hub.latest("flood/rain/R1/intensity").value == 12.5
        assert hub.latest("flood/rain/R2/intensity") is None and hub.latest("flood/gauge/G2/level") is None
        assert src.catalog.bad == {"value": 2, "payload": 1}
        assert "bad items" in src.health.detail
        assert hub.has_source("flood/gauge/G3/level")
    finally:
        src.stop()


def test_topic_filters():
    assert filter_regex("a/+/c").match("a/b/c").groups() == ("b",)
    assert filter_regex("a/#").match("a/b/c").groups() == ("b/c",)
    assert filter_regex("a/+/c").match("a/b/x/c") is None and filter_regex("a.b/+").match("aXb/1") is None


def test_a_missing_password_is_reported_not_fatal(hub, broker, monkeypatch):
    monkeypatch.delenv("CC_NO_SUCH_SECRET", raising=False)
    cfg = mqtt_settings(broker.port)
    cfg.options.update(username="console", password="${env:CC_NO_SUCH_SECRET}")
    src = MqttSource(cfg, hub)
    src.start()
    assert "CC_NO_SUCH_SECRET" in src.health.last_error and not src.health.live
    src.stop()


def test_poison_messages_are_acknowledged_quarantined_and_good_ones_behind_them_stored(tmp_path, broker):
    """More poison messages than the broker keeps in flight (20), then good ones: every good one is stored,
    none of the bad ones comes back after a reconnect, the operator can read them."""
    import subprocess
    import sys

    store = Store(tmp_path / "shouguang.sqlite3", retention_days=None)
    hub = Hub(store)
    src = MqttSource(mqtt_settings(broker.port, "cc-poison-test"), hub)
    src.start()
    try:
        wait_until(lambda: src.health.live, 5, what="connection")
        now = time.time()
        poison = [
            "[" * 200_000 + "]" * 200_000,            # RecursionError in the JSON parser
            {"ts": {"deep": [1, 2]}, "level": [1]},   # wrong types for the mapping
            {"ts": [now], "level": {"v": 1}},
            b"\xff\xfe not utf-8",
            {"ts": now + 86400, "level": 1.0},        # a day ahead: refused, not the latest value
        ]
        pub = Publisher(broker.port)
        for k in range(25):
            pub.send(f"city/gauge/P{k}/level", poison[k % len(poison)])
        for n in range(10):
            pub.send("city/gauge/G7/level", {"ts": now - 10 + n, "level": float(n)})
        pub.close()
        wait_until(lambda: len(cached_levels(store)) == 10, 10, what="the good messages behind the poison")
        assert cached_levels(store) == [float(n) for n in range(10)]
        assert sum(src.catalog.bad.values()) >= 25
        wait_until(lambda: len(store.query("SELECT id FROM quarantine")) >= 25, 5, what="the quarantine")
        seen = src.messages
        src.stop()
        src = MqttSource(mqtt_settings(broker.port, "cc-poison-test"), hub)  # the same persistent session
        src.start()
        wait_until(lambda: src.health.live, 5, what="reconnection")
        # a marker behind anything the session still holds: once it is here, whatever was to come back has
        publish_levels(broker.port, [99], now)
        wait_until(lambda: hub.latest(LEVEL).value == 99.0, 10, what="the marker")
        assert src.messages == 1, f"{src.messages - 1} of {seen} messages came back: they were never acknowledged"
        store.flush()
        done = subprocess.run([sys.executable, "-m", "console", "sources", "quarantine", "--cache", str(tmp_path),
                               "--limit", "50"], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        rows = json.loads(done.stdout)
        assert len(rows) == 25 and {r["source"] for r in rows} == {"broker"}
        reasons = " ".join(r["reason"] for r in rows)
        assert "RecursionError" in reasons and "time" in reasons
        assert all(len(r["head"].encode()) <= 256 * 3 for r in rows) and max(r["size"] for r in rows) == 400_000
    finally:
        src.stop()
        store.close()
