"""GCJ-02 and BD-09 positions become WGS-84 at the door (everything inside is WGS-84).

Vectors: WGS-84 (39.915, 116.404) is GCJ-02 (39.91640428150164, 116.41024449916938) (the
vector eviltransform and prcoords publish); the inverse recovers WGS-84 to 1e-7 degrees
(about a centimetre); outside China GCJ-02 is the identity, as the standard defines."""

import json

import pytest

from console.geo import CrsError, check_crs, from_wgs84, to_wgs84
from console.settings.sources import SettingsError, parse_settings
from console.sources.http_source import HttpSource
from console.sources.json_mapping import JsonMapping, MappingError
from tests.source_servers import LoopbackServer, wait_until

WGS = (39.915, 116.404)
GCJ = (39.91640428150164, 116.41024449916938)


def test_the_published_vector_both_ways():
    assert from_wgs84(*WGS, "gcj02") == pytest.approx(GCJ, abs=1e-12)
    assert to_wgs84(*GCJ, "gcj02") == pytest.approx(WGS, abs=1e-7)


@pytest.mark.parametrize("lat, lon", [(36.88, 118.73), (36.83, 117.52), (35.58, 118.83), (36.71, 119.16)])
def test_bd09_and_gcj02_round_trip_at_the_pilot_cities(lat, lon):
    for crs in ("gcj02", "bd09"):
        there = from_wgs84(lat, lon, crs)
        assert there != pytest.approx((lat, lon), abs=1e-4)  # a real offset: hundreds of metres
        assert to_wgs84(*there, crs) == pytest.approx((lat, lon), abs=1e-7)


def test_outside_china_gcj02_is_the_identity():
    assert to_wgs84(51.5, -0.12, "gcj02") == (51.5, -0.12)


def test_unknown_crs_is_named():
    assert check_crs("GCJ-02") == "gcj02"
    with pytest.raises(CrsError, match="unknown coordinate system 'utm50n'"):
        check_crs("utm50n")
    with pytest.raises(MappingError, match=r"mapping\.crs"):
        JsonMapping({"value": "v", "stream": "a/b", "crs": "utm50n"})
    with pytest.raises(SettingsError):
        parse_settings({"sources": [{"name": "x", "type": "http", "url": "http://127.0.0.1:1/",
                                     "mapping": {"value": "v", "stream": "a/b", "crs": "utm50n"}}]})


def test_a_gcj02_platform_lands_its_stations_where_they_are(hub):
    """A county platform on AMap coordinates: the entity the console keeps is in WGS-84."""
    gauge_wgs = (36.8812, 118.7347)
    gauge_gcj = from_wgs84(*gauge_wgs, "gcj02")
    body = json.dumps({"data": [{"code": "MH-99", "lat": gauge_gcj[0], "lng": gauge_gcj[1], "v": 2.5}]}).encode()
    server = LoopbackServer(lambda req: (200, {"Content-Type": "application/json"}, body)).start()
    settings = parse_settings({"sources": [{
        "name": "county", "type": "http", "url": f"{server.url}/api", "interval_s": 0.2, "timeout_s": 1.0,
        "mapping": {"items": "data", "id": "code", "value": "v", "lat": "lat", "lon": "lng", "crs": "gcj02",
                    "stream": "flood/gauge/{id}/level", "kind": "gauge"},
    }]}).sources[0]
    src = HttpSource(settings, hub)
    src.start()
    try:
        wait_until(lambda: "MH-99" in hub.entities, 5, what="the station")
        e = hub.entities["MH-99"]
        assert (e.lat, e.lon) == pytest.approx(gauge_wgs, abs=1e-7)
    finally:
        src.stop()
        server.stop()
