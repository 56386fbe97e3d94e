"""The HTTP/JSON source against a real HTTP server on loopback: outages, back-fill,
ETag, bad items, timeouts, secrets, TLS with a private CA."""

import json
import ssl
import threading
import time
from datetime import datetime

import pytest

from console.freshness import Freshness
from console.sources.http_source import HttpSource
from console.settings.sources import parse_settings
from tests.source_servers import make_private_ca, LoopbackServer, wait_until

INTERVAL = 0.2


def http_settings(url: str, **over):
    opts = {
        "name": "feed", "type": "http", "url": f"{url}/levels", "interval_s": INTERVAL, "timeout_s": 1.0,
        "max_backoff_s": 0.5, "since_param": "since", "since_format": "iso",
        "mapping": {"items": "data", "id": "code", "time": "t", "value": "level", "stream": "flood/gauge/{id}/level",
                    "kind": "gauge", "name": "name", "expected_interval_s": INTERVAL},
    }
    opts.update(over)
    return parse_settings({"sources": [opts]}).sources[0]


class Feed:
    """A platform that keeps history: each station reports every 100 ms; ``?since=`` returns the rest."""

    STEP_MS = 100

    def __init__(self, stations=("G1", "G2")) -> None:
        self.stations = stations
        self.t0_ms = int(time.time() * 1000) // 100 * 100 - 2000

    def times(self, start: float, end: float) -> list[float]:
        k0 = -(-(round(start * 1000) - self.t0_ms) // self.STEP_MS)
        k1 = (round(end * 1000) - self.t0_ms) // self.STEP_MS
        return [(self.t0_ms + k * self.STEP_MS) / 1000 for k in range(max(k0, 0), k1 + 1)]

    def app(self, req):
        now = time.time()
        since = req.query.get("since")
        start = datetime.fromisoformat(since).timestamp() + 0.001 if since else now - 0.3
        items = [
            {"code": s, "t": round(t * 1000), "level": round(t % 100, 3), "name": f"站{s}"}
            for t in self.times(start, now) for s in self.stations
        ]
        return 200, {"Content-Type": "application/json"}, json.dumps({"data": items}).encode()


@pytest.fixture
def running():
    made = []

    def start(src):
        made.append(src)
        src.start()
        return src

    yield start
    for src in made:
        src.stop()


def test_outage_goes_stale_reconnects_and_backfills_the_gap(hub, store, running):
    feed = Feed()
    server = LoopbackServer(feed.app).start()
    src = running(HttpSource(http_settings(server.url), hub))
    s1 = "flood/gauge/G1/level"
    wait_until(lambda: hub.latest(s1), 5, what="first readings")
    assert hub.freshness(s1)[0] is Freshness.FRESH
    assert hub.entities["G1"].name == "站G1" and hub.entities["G1"].kind == "gauge"

    server.stop()
    killed = time.monotonic()
    wait_until(lambda: hub.freshness(s1)[0] is Freshness.STALE, 2 * INTERVAL, 0.005, "stale within two intervals")
    assert src.health.live is False and "ConnectionError" in src.health.last_error
    wait_until(lambda: src.failures >= 3, 5, what="a few failed retries")
    down_for = time.monotonic() - killed

    server.requests.clear()
    server.start()  # the same port
    restarted = time.time()
    wait_until(lambda: src.health.live, 5, what="reconnection")
    wait_until(lambda: (hub.latest(s1) or (0, 0))[1] >= restarted, 5, what="fresh readings after the restart")
    assert src._thread.is_alive()
    assert "since" in server.requests[0].query  # the first request after the outage asks for the gap

    store.flush()
    cached = [row[0] for row in store.history(s1, 0)]
    assert cached[0] < restarted - down_for and cached[-1] >= restarted
    assert cached == feed.times(cached[0], cached[-1]), "the gap was not back-filled"
    assert len(store.history("flood/gauge/G2/level", 0)) == len(cached)


def test_etag_304_keeps_the_source_live_and_sends_nothing_twice(hub, store, running):
    body = json.dumps({"data": [{"code": "E1", "t": int(time.time() * 1000), "level": 1.5}]}).encode()
    seen_304 = []

    def app(req):
        if req.headers.get("If-None-Match") == '"v1"':
            seen_304.append(1)
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"ETag": '"v1"', "Content-Type": "application/json"}, body

    server = LoopbackServer(app).start()
    try:
        src = running(HttpSource(http_settings(server.url), hub))
        wait_until(lambda: len(seen_304) >= 3, 5, what="conditional requests")
        assert src.health.live and src.health.last_error is None
        store.flush()
        assert [r[1] for r in store.history("flood/gauge/E1/level", 0)] == [1.5]
        assert hub.sources["feed"].readings == 1
    finally:
        server.stop()


def test_bad_items_are_counted_and_reported_never_shown(hub, store, running):
    t = int(time.time() * 1000)
    doc = {"data": [
        {"code": "OK1", "t": t, "level": "2.5"},
        {"code": "BAD", "t": t, "level": "传感器故障"},
        {"code": "NUL", "t": t, "level": None},
        {"code": "NOT", "t": "--", "level": 3},
    ]}
    server = LoopbackServer(lambda req: (200, {}, json.dumps(doc).encode())).start()
    try:
        src = running(HttpSource(http_settings(server.url), hub))
        wait_until(lambda: src.polls >= 2, 5, what="two polls")
        assert hub.latest("flood/gauge/OK1/level").value == 2.5
        assert hub.latest("flood/gauge/BAD/level") is None and hub.latest("flood/gauge/NUL/level") is None
        assert src.bad["value"] >= 4 and src.bad["time"] >= 2
        assert "bad items" in src.health.detail and "value" in src.health.detail
        assert src.health.live  # the platform answers; the bad items are its data's fault
    finally:
        server.stop()


def test_a_hanging_server_times_out_and_stop_is_prompt(hub, running):
    release = threading.Event()

    def app(req):
        release.wait(5)
        return 200, {}, b'{"data": []}'

    server = LoopbackServer(app).start()
    try:
        src = running(HttpSource(http_settings(server.url, timeout_s=0.3), hub))
        wait_until(lambda: src.health.last_error, 3, what="a timeout")
        assert "Timeout" in src.health.last_error and not src.health.live
        t0 = time.monotonic()
        src.stop()
        assert time.monotonic() - t0 < 1.5
    finally:
        release.set()
        server.stop()


def test_secrets_come_from_the_environment_and_never_reach_errors_or_logs(hub, running, monkeypatch, caplog):
    monkeypatch.setenv("CC_TEST_KEY", "k-9f8e7d6c")
    got = []

    def app(req):
        got.append(req.headers.get("Authorization"))
        return 500, {}, b"boom"

    server = LoopbackServer(app).start()
    try:
        cfg = http_settings(server.url, params={"key": "${env:CC_TEST_KEY}"},
                            headers={"Authorization": "Bearer ${env:CC_TEST_KEY}"})
        src = running(HttpSource(cfg, hub))
        wait_until(lambda: src.health.last_error, 3, what="the 500 error")
        assert got[0] == "Bearer k-9f8e7d6c"
        assert "HTTP 500: boom" in src.health.last_error  # the platform's own words, no URL with the key
        assert "k-9f8e7d6c" not in src.health.last_error
        assert "k-9f8e7d6c" not in caplog.text
    finally:
        server.stop()


@pytest.fixture(scope="module")
def private_ca(tmp_path_factory):
    d = tmp_path_factory.mktemp("ca")
    return make_private_ca(d, "Shouguang Test CA")


def test_tls_is_verified_by_default_and_a_private_ca_file_is_accepted(hub, running, private_ca):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(private_ca / "srv.pem", private_ca / "srv.key")
    doc = json.dumps({"data": [{"code": "T1", "t": int(time.time() * 1000), "level": 4.0}]}).encode()
    server = LoopbackServer(lambda req: (200, {}, doc), ssl_context=ctx).start()
    try:
        refused = running(HttpSource(http_settings(server.url, name="untrusted"), hub))
        wait_until(lambda: refused.health.last_error, 5, what="a TLS failure")
        assert "SSL" in refused.health.last_error and "CERTIFICATE_VERIFY_FAILED" in refused.health.last_error
        trusted = running(HttpSource(http_settings(server.url, name="trusted", ca_file=str(private_ca / "ca.pem")), hub))
        wait_until(lambda: hub.latest("flood/gauge/T1/level"), 5, what="readings over verified TLS")
        assert trusted.health.live and hub.latest("flood/gauge/T1/level").value == 4.0
    finally:
        server.stop()


def test_a_backfill_longer_than_the_retention_is_refused_and_said(tmp_path, caplog):
    from console.hub.hub import Hub
    from console.store.store import Store

    store = Store(tmp_path / "c.sqlite3", retention_days=400)
    try:
        src = HttpSource(http_settings("http://127.0.0.1:9", backfill_s=500 * 86400), Hub(store))
        since = src.since()
        assert abs((time.time() - since) - 400 * 86400) < 60  # 400 days back, not 500
        assert "refused" in src.health.detail and "400 days" in src.health.detail
        assert any("reaches back further than the cache keeps" in r.getMessage() for r in caplog.records)
    finally:
        store.close()


@pytest.mark.parametrize("interval, expected", [(1e-9, 0.05), (float("inf"), 7 * 86400.0)])
def test_an_absurd_interval_is_bounded_not_obeyed(tmp_path, interval, expected):
    from console.hub.hub import Hub
    from console.store.store import Store

    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    try:
        settings = http_settings("http://127.0.0.1:9")
        settings.options["interval_s"] = interval  # as if the schema had let it through
        assert HttpSource(settings, Hub(store)).interval_s == expected
    finally:
        store.close()
