"""After a restart, a live source that answers without new rows keeps its streams fresh
for as long as their expected interval says: an hourly platform's readings 20 minutes old
are fresh, not STALE with "0/4 reporting" until the platform's next row an hour later.
Real HTTP server on loopback, a real cache file reopened as a restart does."""

import json
import time

import pytest

from console.freshness import Freshness
from console.hub.hub import Hub
from console.kpi import compute_kpi
from console.settings.sources import parse_settings
from console.sources.http_source import HttpSource
from console.store.store import Store
from tests.source_servers import LoopbackServer, wait_until

HOURLY = 3600.0
STATIONS = [f"H{i}" for i in range(4)]
STREAMS = [f"flood/gauge/{s}/level" for s in STATIONS]


def hourly_settings(url: str, name: str = "hourly", **mapping):
    return parse_settings({"sources": [{
        "name": name, "type": "http", "url": f"{url}/levels", "interval_s": 0.1, "timeout_s": 1.0,
        "since_param": "since",
        "mapping": {"items": "data", "id": "code", "time": "t", "value": "level", "stream": "flood/gauge/{id}/level",
                    "kind": "gauge", "expected_interval_s": HOURLY, **mapping},
    }]}).sources[0]


class HourlyPlatform:
    """Its stations last reported 20 minutes ago. After the restart it answers ``since`` with
    nothing new (``empty``, as a platform that honours it does) or the same rows again."""

    def __init__(self) -> None:
        t = int((time.time() - 20 * 60) * 1000)
        self.rows = [{"code": s, "t": t, "level": 1.0 + i} for i, s in enumerate(STATIONS)]
        self.mode = "rows"

    def app(self, req):
        rows = [] if self.mode == "empty" and "since" in req.query else self.rows
        return 200, {"Content-Type": "application/json"}, json.dumps({"data": rows}).encode()


def run_once(path, url, until):
    store = Store(path, retention_days=None)
    hub = Hub(store)
    hub.seed_from_cache()
    src = HttpSource(hourly_settings(url), hub)
    src.start()
    try:
        wait_until(lambda: until(hub, src), 5, what="the source's answers")
        return hub, src, store
    except BaseException:
        src.stop()
        store.close()
        raise


def first_run(path, url) -> None:
    """The run before the restart: the cache gets the four stations' rows and entities."""
    hub, src, store = run_once(path, url, lambda hub, src: all(hub.latest(s) for s in STREAMS))
    src.stop()
    store.flush()
    store.close()


@pytest.mark.parametrize("mode", ["empty", "rows"])
def test_a_restart_keeps_an_hourly_platforms_streams_fresh_while_it_answers(tmp_path, mode):
    platform = HourlyPlatform()
    server = LoopbackServer(platform.app).start()
    path = tmp_path / "cache.sqlite3"
    try:
        first_run(path, server.url)

        platform.mode = mode  # the restart: same cache file, new hub, the platform has nothing new
        hub, src, store = run_once(path, server.url, lambda hub, src: src.polls >= 3)
        try:
            assert src.health.live
            states = [hub.freshness(s) for s in STREAMS]
            assert all(f is Freshness.FRESH for f, _ in states), states
            assert all(19 * 60 < age < 22 * 60 for _, age in states)
            assert compute_kpi(hub, STREAMS, "reporting").text == "4/4"
            # fresh for as long as the interval says: an hour and a half later it is late, then stale
            assert hub.freshness(STREAMS[0], time.time() + 75 * 60)[0] is Freshness.LATE
            assert hub.freshness(STREAMS[0], time.time() + 3 * 3600)[0] is Freshness.STALE
        finally:
            src.stop()
            store.close()
        assert hub.freshness(STREAMS[0])[0] is Freshness.STALE  # a stopped source's values are the last known
    finally:
        server.stop()


def test_a_stream_of_another_source_under_the_same_prefix_is_not_claimed(tmp_path):
    platform = HourlyPlatform()
    server = LoopbackServer(platform.app).start()
    path = tmp_path / "cache.sqlite3"
    try:
        first_run(path, server.url)

        platform.mode = "empty"
        store = Store(path, retention_days=None)
        hub = Hub(store)
        hub.seed_from_cache()
        other = HttpSource(hourly_settings(server.url, name="other"), hub)
        other.start()
        try:
            wait_until(lambda: other.polls >= 2, 5, what="the other source's answers")
            assert other.claimed == 0  # the cache's entities say these streams are "hourly"'s
            assert hub.freshness(STREAMS[0])[0] is Freshness.STALE
        finally:
            other.stop()
            store.close()
    finally:
        server.stop()


def test_an_mqtt_source_takes_back_its_streams_when_it_reconnects(tmp_path):
    from console.sources.mqtt_source import MqttSource
    from tests.source_servers import Mosquitto
    from tests.test_source_mqtt import Publisher

    broker = Mosquitto(tmp_path).start()
    path = tmp_path / "cache.sqlite3"

    def settings():
        return parse_settings({"sources": [{
            "name": "broker", "type": "mqtt", "host": "127.0.0.1", "port": broker.port, "client_id": "cc-restart",
            "timeout_s": 2, "keepalive_s": 5, "max_backoff_s": 0.5,
            "topics": [{"filter": "city/gauge/+/level", "mapping": {
                "time": "ts", "value": "level", "stream": "flood/gauge/{1}/level", "entity": "{1}",
                "kind": "gauge", "expected_interval_s": HOURLY}}],
        }]}).sources[0]

    try:
        store = Store(path, retention_days=None)
        hub = Hub(store)
        src = MqttSource(settings(), hub)
        src.start()
        wait_until(lambda: src.connects >= 1, 10, what="the first connection")
        pub = Publisher(broker.port)
        pub.send("city/gauge/G7/level", {"ts": time.time() - 20 * 60, "level": 2.5})
        pub.close()
        wait_until(lambda: hub.latest("flood/gauge/G7/level"), 10, what="the hourly reading")
        src.stop()
        store.flush()
        store.close()

        store = Store(path, retention_days=None)  # the restart: the gauge says nothing new for an hour
        hub = Hub(store)
        hub.seed_from_cache()
        src = MqttSource(settings(), hub)
        src.start()
        try:
            wait_until(lambda: src.health.live, 10, what="the reconnection")
            state, age = hub.freshness("flood/gauge/G7/level")
            assert state is Freshness.FRESH and 19 * 60 < age < 22 * 60
        finally:
            src.stop()
            store.close()
    finally:
        broker.stop()
