"""The map's Qt-free core: boundaries, MBTiles y-flip and fetch-once cache, marker states, the page."""

from __future__ import annotations

import json
import re
import time

import pytest

from console.city import city_ids, load_city
from console.hub.hub import Hub
from console.model import Entity, Reading, StreamSpec
from console.store.store import Store
from layers.boundaries import boundary_bbox, contains, load_boundary
from layers.marker_state import ALARM, OFFLINE, OK, STALE, WARNING, MarkerStates, marker_state
from layers.mbtiles import MBTiles, TileCache, tms_row
from layers.page import page_config, render_page
from plugins.flood.rivers import rivers_of
from plugins.flood.gauges import rain_stations, river_gauges, urban_gauges


# -- boundaries ---------------------------------------------------------------------------
@pytest.mark.parametrize("city_id", city_ids())
def test_every_flood_gauge_lies_inside_its_city(city_id):
    city = load_city(city_id)
    boundary = load_boundary(city_id)
    assert boundary["properties"]["adcode"] == city.adcode
    entities = river_gauges(city, 1) + urban_gauges(city, 1) + rain_stations(city)
    outside = [e.id for e in entities if not contains(boundary, e.lat, e.lon)]
    assert outside == []
    assert rivers_of(city)  # the flood plugin knows every pilot city's rivers
    for river in rivers_of(city):
        assert all(contains(boundary, lat, lon) for lat, lon in river.path), river.id
    assert contains(boundary, *city.center)


@pytest.mark.parametrize("city_id", [c for c in city_ids() if c != "weifang"])
def test_city_bbox_is_the_real_boundary_extent(city_id):
    # Weifang's profile keeps the urban area as its extent; the prefecture is far larger
    (s, w), (n, e) = boundary_bbox(load_boundary(city_id))
    (cs, cw), (cn, ce) = load_city(city_id).bbox
    assert max(abs(s - cs), abs(w - cw), abs(n - cn), abs(e - ce)) < 0.01


def test_point_in_polygon_says_no_outside():
    b = load_boundary("shouguang")
    assert not contains(b, 36.68, 117.5)  # Zhangqiu, 100 km west
    assert not contains(b, 37.5, 118.8)  # the Bohai Sea north of Shouguang


# -- MBTiles -------------------------------------------------------------------------------
def _write_mbtiles(path, z_max=3):
    m = MBTiles(path, writable=True)
    # the payload names the TMS row it is stored under, as a real MBTiles file would hold it
    rows = [(z, x, r, f"z{z} x{x} tms{r}".encode()) for z in range(z_max + 1) for x in range(2**z) for r in range(2**z)]
    m._db.executemany("INSERT INTO tiles VALUES (?,?,?,?)", rows)
    m._db.commit()
    m.close()


def test_mbtiles_flips_xyz_rows_to_tms(tmp_path):
    path = tmp_path / "base.mbtiles"
    _write_mbtiles(path)
    m = MBTiles(path)
    assert m.get(0, 0, 0) == b"z0 x0 tms0"
    assert m.get(1, 0, 0) == b"z1 x0 tms1"  # XYZ row 0 is the north: TMS row 1 at z1
    assert m.get(3, 5, 1) == b"z3 x5 tms6"
    assert m.get(3, 5, 6) == b"z3 x5 tms1"
    assert m.get(3, 8, 0) is None and m.get(2, 0, -1) is None
    assert tms_row(3, tms_row(3, 2)) == 2


def test_tile_cache_fetches_once_then_works_offline(tmp_path):
    calls = []

    def fetch(url):
        calls.append(url)
        return b"\x89PNG\r\n\x1a\n" + url.encode()

    m = MBTiles(tmp_path / "cache.mbtiles", writable=True)
    cache = TileCache(m, "https://tiles.example/{z}/{x}/{y}.png", fetch=fetch)
    first = cache.get(4, 3, 5)
    assert calls == ["https://tiles.example/4/3/5.png"]
    offline = TileCache(MBTiles(tmp_path / "cache.mbtiles"))  # no URL: never fetches
    assert offline.get(4, 3, 5) == first
    assert cache.get(4, 3, 5) == first and len(calls) == 1
    row = m._db.execute("SELECT tile_row FROM tiles WHERE zoom_level=4 AND tile_column=3").fetchone()
    assert row == (15 - 5,)


def test_tile_cache_without_url_never_fetches(tmp_path):
    def fetch(url):  # pragma: no cover - must not be called
        raise AssertionError(url)

    m = MBTiles(tmp_path / "empty.mbtiles", writable=True)
    assert TileCache(m, None, fetch=fetch).get(1, 0, 0) is None


# -- marker states ---------------------------------------------------------------------------
@pytest.fixture
def hub(tmp_path):
    store = Store(tmp_path / "cache.sqlite3")
    h = Hub(store)
    yield h
    store.close()


def _gauge(gid="G-01", interval=60.0):
    return Entity(
        gid, "gauge", "测试站", 36.9, 118.8, attrs={"warning_level": 3.0, "guarantee_level": 3.8},
        streams=(StreamSpec(f"flood/gauge/{gid}/level", "水位", "m", interval),),
    )


def _flood_limits():
    from console.plugins.registry import PluginRegistry
    from layers.marker_state import kind_limits

    return kind_limits(PluginRegistry.discover().plugins.values())


def test_marker_state_follows_value_and_freshness(hub):
    limits = _flood_limits()  # the flood plugin says which attributes are a gauge's limits
    assert limits["gauge"] == {"warning": "warning_level", "alarm": "guarantee_level"}
    g = _gauge()
    hub.add_entities([g])
    hub.register_source("sim", [g.streams[0].id]).live = True
    assert marker_state(hub, g).state == OFFLINE
    now = time.time()
    for value, expected in ((2.0, OK), (3.2, WARNING), (4.0, ALARM)):
        hub.submit([Reading(g.streams[0].id, now, value)])
        assert hub.store.flush()
        st = marker_state(hub, g, now, limits)
        assert st.state == expected and st.label == f"{value:.2f} m"
    assert marker_state(hub, g, now).state == OK  # without the plugin's word for its limits: no alarm colour
    assert marker_state(hub, g, now + 60 * 5).state == STALE
    assert marker_state(hub, g, now + 60 * 30).state == OFFLINE


def test_marker_states_send_only_changes(hub):
    ents = [_gauge(f"G-{i:02d}") for i in range(3)]
    hub.add_entities(ents)
    states = MarkerStates()
    assert len(states.changes(hub, ents)) == 3
    assert states.changes(hub, ents) == []
    now = time.time()
    hub.submit([Reading(ents[1].streams[0].id, now, 4.5)])
    assert hub.store.flush()
    assert states.changes(hub, ents, now) == [["G-01", STALE, "4.50 m", STALE]]  # no live source: at best stale
    assert states.counts()[STALE] == 1


# -- the page ------------------------------------------------------------------------------------
def test_exported_page_is_standalone_and_offline():
    city = load_city("yucheng")
    ents = river_gauges(city, 1)
    html = render_page(page_config(city, ents, channel=False), inline=True)
    # no remote script, style or image: the markup loads nothing, the styles fetch nothing
    markup = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)
    assert not re.search(r"(src|href)=", markup)
    styles = "".join(re.findall(r"<style>(.*?)</style>", html, re.S))
    assert styles and not re.search(r"url\(['\"]?(https?:)?//", styles)
    assert "cmap://" not in html and "qwebchannel" not in html
    cfg = json.loads(re.search(r'<script type="application/json" id="cc-config">(.*?)</script>', html, re.S).group(1))
    assert cfg["city"]["id"] == "yucheng" and len(cfg["markers"]) == len(ents)
    assert cfg["boundary"]["properties"]["adcode"] == "371482"
    assert "L.map" in html  # Leaflet itself is inline


def test_linked_page_loads_only_from_the_local_scheme():
    city = load_city("shouguang")
    html = render_page(page_config(city, river_gauges(city, 1)))
    urls = re.findall(r"""(?:src|href)=["']([^"']+)""", html)
    assert urls and all(u.startswith("cmap://app/assets/") for u in urls)


def test_cli_map_export_writes_a_standalone_page(tmp_path, capsys):
    from console.app.cli import main

    out = tmp_path / "map.html"
    assert main(["map", "export", "--city", "zhangqiu", "--cache", str(tmp_path / "cache"), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    cfg = json.loads(re.search(r'id="cc-config">(.*?)</script>', html, re.S).group(1))
    assert cfg["city"]["id"] == "zhangqiu" and cfg["boundary"]["properties"]["adcode"] == "370114"
    kinds = [m[3] for m in cfg["markers"]]
    assert kinds.count("gauge") == 42 and kinds.count("rain_station") == 3  # every plugin's entities, flood's among them
    assert {m[5] for m in cfg["markers"]} == {"offline"}  # an empty cache: nothing heard
    assert "map written" in capsys.readouterr().out


def test_plugin_layers_colour_their_markers_over_the_generic_state(tmp_path):
    """A car park is coloured by occupancy (the parking plugin's layer), not by thresholds."""
    from console.hub.hub import Hub
    from console.model import Entity, Reading, StreamSpec
    from console.store.store import Store
    from layers.marker_state import ALARM, OK, WARNING, MarkerStates, layer_states
    from plugins.parking.layers import carpark_occupancy

    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    hub = Hub(store)
    parks = [
        Entity(f"P{i}", "carpark", f"停车场{i}", 36.8, 118.8, {"capacity": 100}, (StreamSpec(f"parking/carpark/P{i}/free", "free", "", 60),))
        for i in range(3)
    ]
    hub.add_entities(parks)
    hub.register_source("sim", [p.streams[0].id for p in parks]).live = True
    import time

    now = time.time()
    hub.submit([Reading("parking/carpark/P0/free", now, 50.0), Reading("parking/carpark/P1/free", now, 5.0), Reading("parking/carpark/P2/free", now, 0.0)])
    store.flush()
    layered = layer_states(hub, [carpark_occupancy, lambda hub: 1 / 0])  # a broken builder is skipped
    states = MarkerStates()
    states.changes(hub, parks, now, layered=layered)
    assert [states.sent[p.id].state for p in parks] == [OK, WARNING, ALARM]
    assert "5/100" in states.sent["P1"].label
    store.close()
