"""docs/mosquitto.conf as a real broker runs it: 10,000 QoS 1 messages published while the
console is away all reach the cache; with mosquitto's default queue limit they do not (the
documented loss, so the test shows what the setting is for). And `city/#` matches `city`."""

import time
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from console.hub.hub import Hub
from console.settings.sources import parse_settings
from console.sources.mqtt_source import MqttSource
from console.store.store import Store
from tests.source_servers import Mosquitto, wait_until

ROOT = Path(__file__).resolve().parents[1]
# the lines of the shipped file that decide what is kept (the rest is per site: listener, accounts)
KEEP = ("max_queued_messages", "max_queued_bytes", "persistent_client_expiration", "max_inflight_messages", "autosave_interval")
N = 10_000


def shipped_lines() -> list[str]:
    lines = (ROOT / "docs" / "mosquitto.conf").read_text().splitlines()
    return [ln for ln in lines if ln.split(" ")[0] in KEEP]


def broker_with(tmp_path: Path, extra: list[str]) -> Mosquitto:
    b = Mosquitto(tmp_path)
    base = [ln for ln in b.conf.read_text().splitlines() if not ln.startswith("max_queued_messages")]
    b.conf.write_text("\n".join(base + extra) + "\n")
    return b


def settings(port: int):
    return parse_settings({"sources": [{
        "name": "broker", "type": "mqtt", "host": "127.0.0.1", "port": port, "client_id": "cc-queue-test",
        "timeout_s": 2, "keepalive_s": 5, "max_backoff_s": 0.5,
        "topics": [
            {"filter": "plant/+/load", "payload": "plain", "mapping": {"stream": "energy/plant/{1}/load"}},
            {"filter": "city/#", "payload": "plain", "mapping": {"stream": "{topic}"}},
        ],
    }]}).sources[0]


def publish_burst(port: int, n: int) -> None:
    c = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="", protocol=mqtt.MQTTv5)
    c.max_inflight_messages_set(200)
    c.max_queued_messages_set(0)
    c.connect("127.0.0.1", port)
    c.loop_start()
    infos = [c.publish(f"plant/P{i % 50}/load", str(float(i)), qos=1) for i in range(n)]
    for info in infos:
        info.wait_for_publish(30)
    c.disconnect()
    c.loop_stop()


def away_and_back(tmp_path: Path, broker: Mosquitto) -> int:
    """Subscribe, go away, N messages are published, come back: how many reach the cache."""
    path = tmp_path / "cache.sqlite3"
    store = Store(path, retention_days=None)
    src = MqttSource(settings(broker.port), Hub(store))
    src.start()
    wait_until(lambda: src.health.live, 5, what="first connection")
    src.stop()
    store.close()
    publish_burst(broker.port, N)
    store = Store(path, retention_days=None)
    src = MqttSource(settings(broker.port), Hub(store))
    src.start()
    try:
        def count() -> int:
            store.flush()
            return store.query("SELECT count(*) FROM readings")[0][0]
        last, still = -1, 0
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and count() < N:  # until all came, or nothing more comes
            n = count()
            still = still + 1 if n == last else 0
            if still > 20 and n > 0:
                break
            last = n
            time.sleep(0.1)
        return count()
    finally:
        src.stop()
        store.close()


@pytest.mark.slow
def test_the_shipped_queue_settings_keep_every_message_of_an_outage(tmp_path):
    broker = broker_with(tmp_path, shipped_lines()).start()
    try:
        assert away_and_back(tmp_path, broker) == N
    finally:
        broker.stop()


@pytest.mark.slow
def test_mosquittos_default_queue_drops_what_the_docs_say(tmp_path):
    broker = broker_with(tmp_path, []).start()  # no max_queued_messages: mosquitto's 1000
    try:
        got = away_and_back(tmp_path, broker)
        assert 900 <= got < N, got
    finally:
        broker.stop()


def test_a_multi_level_wildcard_matches_its_parent_topic_on_a_real_broker(tmp_path):
    broker = broker_with(tmp_path, shipped_lines()).start()
    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    src = MqttSource(settings(broker.port), Hub(store))
    src.start()
    try:
        wait_until(lambda: src.health.live, 5, what="connection")
        c = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="", protocol=mqtt.MQTTv5)
        c.connect("127.0.0.1", broker.port)
        c.loop_start()
        c.publish("city", "7.5", qos=1).wait_for_publish(5)
        c.publish("city/north", "2.5", qos=1).wait_for_publish(5)
        c.disconnect()
        c.loop_stop()

        def streams():
            store.flush()
            return {r.stream: r.value for r in store.latest_all()}  # values are read through the store (schema 4's coding)
        wait_until(lambda: len(streams()) == 2, 5, what="both messages")
        assert streams() == {"city": 7.5, "city/north": 2.5}  # the parent too, as the MQTT spec says
    finally:
        src.stop()
        store.close()
        broker.stop()
