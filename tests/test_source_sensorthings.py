"""The SensorThings source against a tiny SensorThings server on loopback: Things with
Locations and Datastreams, Observations paged through @iot.nextLink, filtered by
phenomenonTime; an outage mid-run is back-filled."""

import json
import re
import time
from datetime import datetime, timezone
from urllib.parse import quote

import pytest

from console.freshness import Freshness
from console.sources.sensorthings_source import SensorThingsSource
from console.settings.sources import parse_settings
from tests.source_servers import LoopbackServer, wait_until

INTERVAL = 0.2
PAGE = 4


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class TinySensorThings:
    """Things, Locations, Datastreams and Observations, as FROST or any v1.1 service serves them.

    Each datastream observes every 100 ms from ``t0``; datastream 3's every fifth result is "ERR".
    """

    STEP_MS = 100

    def __init__(self) -> None:
        self.t0_ms = int(time.time() * 1000) // 100 * 100 - 3000
        self.max_top: int | None = None  # a server's maxTop: a bigger $top gets HTTP 422
        self.late: list[tuple[int, int, float]] = []  # (datastream, time ms, value) posted after newer ones
        self.observation_queries = 0
        self.things = [
            {"@iot.id": 1, "name": "弥河水位站", "properties": {"river": "弥河"},
             "Locations": [{"location": {"type": "Point", "coordinates": [118.74, 36.88]}}],
             "Datastreams": [{"@iot.id": 11, "name": "水位", "unitOfMeasurement": {"symbol": "m"}},
                             {"@iot.id": 12, "name": "流量", "unitOfMeasurement": {"symbol": "m3/s"}}]},
            {"@iot.id": 2, "name": "丹河水位站", "Locations": [{"location": {"type": "Feature", "geometry": {
                "type": "Point", "coordinates": [118.9, 36.95]}}}],
             "Datastreams": [{"@iot.id": 21, "name": "水位", "unitOfMeasurement": {"symbol": "m"}}]},
            {"@iot.id": "air-3", "name": "空气站", "Locations": [],
             "Datastreams": [{"@iot.id": 3, "name": "PM2.5", "unitOfMeasurement": {"symbol": "µg/m³"}}]},
        ]

    def value(self, ds: int, t_ms: int):
        return "ERR" if ds == 3 and (t_ms // self.STEP_MS) % 5 == 0 else round((t_ms % 100000) / 1000 + ds, 3)

    def times_ms(self, after_ms: int, until_ms: int) -> list[int]:
        k0 = max(0, (after_ms - self.t0_ms) // self.STEP_MS + 1)
        k1 = (until_ms - self.t0_ms) // self.STEP_MS
        return [self.t0_ms + k * self.STEP_MS for k in range(k0, k1 + 1)]

    def times(self, start: float, end: float) -> list[float]:
        return [t / 1000 for t in self.times_ms(round(start * 1000) - 1, round(end * 1000))]

    def app(self, base: str):
        def serve(req):
            top, skip = int(req.query.get("$top", 100)), int(req.query.get("$skip", 0))
            if req.path == "/v1.1/Things":
                top = min(top, 2)  # the server's own page limit, as FROST's maxTop
                assert "Locations" in req.query.get("$expand", "") and "Datastreams" in req.query["$expand"]
                rows, link = self.things, f"{base}/v1.1/Things?$expand=Locations,Datastreams&$top={top}&$skip={skip + top}"
            elif req.path == "/v1.1/Observations":
                if self.max_top is not None and top > self.max_top:
                    return 422, {"Content-Type": "application/json"}, json.dumps(
                        {"code": 422, "message": f"$top={top} exceeds the maximum of {self.max_top}"}).encode()
                flt = re.fullmatch(r"\((.+)\) and phenomenonTime gt (\S+)", req.query["$filter"])
                ids = [int(i) for i in re.findall(r"Datastream/id eq (\d+)", flt.group(1))]
                after = datetime.fromisoformat(flt.group(2)).timestamp()
                assert req.query["$orderby"] == "phenomenonTime asc" and "Datastream" in req.query["$expand"]
                now_ms = int(time.time() * 1000)
                rows = [(t, ds, self.value(ds, t)) for ds in ids for t in self.times_ms(round(after * 1000), now_ms)]
                rows += [(t, ds, v) for ds, t, v in self.late if ds in ids and t > round(after * 1000)]
                rows = [{"phenomenonTime": iso(t / 1000), "result": v, "Datastream": {"@iot.id": ds}}
                        for t, ds, v in sorted(rows, key=lambda r: (r[0], r[1]))]
                self.observation_queries += 1
                link = (f"{base}{req.path}?$filter={quote(req.query['$filter'])}&$orderby=phenomenonTime%20asc"
                        f"&$expand=Datastream($select=id)&$top={top}&$skip={skip + top}")
            else:
                return 404, {}, b'{"message": "no such path"}'
            page = rows[skip:skip + top]
            doc = {"value": page}
            if skip + top < len(rows):
                doc["@iot.nextLink"] = link
            return 200, {"Content-Type": "application/json"}, json.dumps(doc).encode()

        return serve


def sta_settings(url: str, **over):
    opts = {"name": "sta", "type": "sensorthings", "url": f"{url}/v1.1", "interval_s": INTERVAL, "timeout_s": 1.0,
            "max_backoff_s": 0.5, "page_size": PAGE, "backfill_s": 1.0, "stream": "env/{thing_id}/{datastream_id}",
            "entity": "sta-{thing_id}", "kind": "station", "expected_interval_s": INTERVAL}
    opts.update(over)
    return parse_settings({"sources": [opts]}).sources[0]


@pytest.fixture
def sta():
    service = TinySensorThings()
    server = LoopbackServer(lambda req: (500, {}, b""))
    server.app = service.app(server.url)
    server.start()
    yield service, server
    server.stop()


def test_things_become_entities_and_streams(hub, sta):
    service, server = sta
    src = SensorThingsSource(sta_settings(server.url), hub)
    src.start()
    try:
        wait_until(lambda: hub.latest("env/2/21") and hub.latest("env/air-3/3"), 5, what="observations")
        e1 = hub.entities["sta-1"]
        assert (e1.name, e1.kind, e1.lat, e1.lon, e1.attrs["river"]) == ("弥河水位站", "station", 36.88, 118.74, "弥河")
        assert [(s.id, s.unit) for s in e1.streams] == [("env/1/11", "m"), ("env/1/12", "m3/s")]
        assert (hub.entities["sta-2"].lat, hub.entities["sta-2"].lon) == (36.95, 118.9)
        assert not hub.entities["sta-air-3"].has_position
        assert any("$skip" in r.query for r in server.requests if r.path == "/v1.1/Things")  # Things paged too
        # "ERR" results: counted, never a value
        wait_until(lambda: src.bad["value"] >= 1, 5, what="a bad result counted")
        assert "bad items" in src.health.detail
    finally:
        src.stop()


def test_outage_goes_stale_reconnects_and_backfills_through_pages(hub, store, sta):
    service, server = sta
    src = SensorThingsSource(sta_settings(server.url), hub)
    started = time.time()
    src.start()
    s = "env/1/11"
    try:
        wait_until(lambda: hub.latest(s), 5, what="first observations")
        wait_until(lambda: hub.freshness(s)[0] is Freshness.FRESH, 5, what="caught up")

        server.stop()
        wait_until(lambda: hub.freshness(s)[0] is Freshness.STALE, 2 * INTERVAL, 0.005, "stale within two intervals")
        wait_until(lambda: src.failures >= 3, 5, what="failed retries")
        server.requests.clear()
        server.start()
        restarted = time.time()
        wait_until(lambda: src.health.live, 5, what="reconnection")
        for sid in ("env/1/11", "env/1/12", "env/2/21", "env/air-3/3"):
            wait_until(lambda: (hub.latest(sid) or (0, 0))[1] >= restarted, 5, what=f"{sid} after the restart")
        assert src._thread.is_alive()
        paged = [r for r in server.requests if r.path.endswith("/Observations") and "$skip" in r.query]
        assert paged, "the gap should have needed @iot.nextLink pages"

        store.flush()
        for sid in ("env/1/11", "env/1/12", "env/2/21"):
            cached = [row[0] for row in store.history(sid, 0)]
            assert cached[0] <= started - 1.0 + 0.5, (sid, started, cached[:5])  # backfill_s (1 s) back-filled on the first start
            assert cached == service.times(cached[0], cached[-1]), f"{sid}: a gap was left"
        # datastream 3's "ERR" results: no reading at those times, the others all there
        pm = [row for row in store.history("env/air-3/3", 0)]
        expected = [t for t in service.times(pm[0][0], pm[-1][0]) if round(t * 1000) // 100 % 5]
        assert [t for t, _, _ in pm] == expected and all(v != 0 for _, v, _ in pm)
    finally:
        src.stop()


def test_a_server_that_caps_top_is_asked_again_with_what_it_allows(hub, sta, caplog):
    service, server = sta
    service.max_top = 3
    src = SensorThingsSource(sta_settings(server.url, page_size=1000), hub)
    src.start()
    try:
        wait_until(lambda: hub.latest("env/2/21"), 5, what="observations despite the cap")
        assert src.page_size == 3 and src.health.live
        assert "exceeds the maximum of 3" in caplog.text  # the server's own reason, in the log
    finally:
        src.stop()


def test_late_observations_arrive_and_nothing_twice(hub, store, sta):
    service, server = sta
    src = SensorThingsSource(sta_settings(server.url, lookback_s=5.0), hub)
    src.start()
    try:
        wait_until(lambda: hub.latest("env/1/11") and hub.freshness("env/1/11")[0] is Freshness.FRESH, 5, what="caught up")
        # a device posts, late, a reading of 1.5 s ago between two the console has (at +50 ms)
        late_ms = (int(time.time() * 1000) - 1500) // 100 * 100 + 50
        service.late.append((11, late_ms, 99.5))
        def cached(sid):
            store.flush()
            return [t for t, _, _ in store.history(sid, 0)]

        wait_until(lambda: any(abs(t - late_ms / 1000) < 1e-6 for t in cached("env/1/11")), 5, what="the late observation")
        wait_until(lambda: src.polls >= 3, 5, what="more rounds over the same window")
    finally:
        src.stop()
    # every reading the source handed over is in the cache once: the look-back repeats were dropped
    streams = ("env/1/11", "env/1/12", "env/2/21", "env/air-3/3")
    assert sum(len(cached(s)) for s in streams) == src.health.readings


def test_one_query_a_round_for_all_datastreams(hub, sta):
    service, server = sta
    src = SensorThingsSource(sta_settings(server.url), hub)
    src.start()
    try:
        wait_until(lambda: src.polls >= 4, 5, what="a few rounds")
        rounds, queries = src.polls, service.observation_queries
        assert all("Datastreams(" not in r.path for r in server.requests)  # never one request per datastream
        assert queries <= rounds + 2 + sum(1 for r in server.requests if "$skip" in r.query)
    finally:
        src.stop()


def test_a_next_link_to_another_port_gets_no_token_and_no_request(hub, sta, monkeypatch):
    """A server (or someone who controls its answers) names another origin in @iot.nextLink:
    the source stops there with the reason, and the other server never hears from it."""
    service, _server = sta
    monkeypatch.setenv("CC_STA_TOKEN", "sta-7c1d0e55")
    elsewhere = LoopbackServer(service.app("http://127.0.0.1:1")).start()
    configured = LoopbackServer(service.app(elsewhere.url)).start()  # its pages link to the other port
    src = SensorThingsSource(sta_settings(configured.url, headers={"Authorization": "Bearer ${env:CC_STA_TOKEN}"}), hub)
    src.start()
    try:
        wait_until(lambda: src.health.last_error, 5, what="the refused next-link")
        assert "@iot.nextLink leads to http://127.0.0.1:" in src.health.last_error
        assert f":{elsewhere.port}, not the configured http://127.0.0.1:{configured.port}" in src.health.last_error
        assert configured.requests[0].headers.get("Authorization") == "Bearer sta-7c1d0e55"
        assert elsewhere.requests == []
    finally:
        src.stop()
        configured.stop()
        elsewhere.stop()
