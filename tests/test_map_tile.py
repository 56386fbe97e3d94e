"""The MapTile in a real web engine: offline loading, live marker states, clicks, MBTiles, pixels.

In-process tests run offscreen (the page's JavaScript runs, nothing is painted);
the pixel test renders the map layout under X (Xvfb) in a subprocess.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from console.gui.app import _prepare_environment

_prepare_environment()  # --no-sandbox as root, before the web engine starts

import widgets._map_scheme  # noqa: E402,F401  (registers cmap:// before the QApplication exists)
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInterceptor  # noqa: E402

from console.city import load_city  # noqa: E402
from console.gui.history_loader import HistoryLoader  # noqa: E402
from console.gui.hub_signals import HubSignals  # noqa: E402
from console.hub.hub import Hub  # noqa: E402
from console.layouts.layout import TileSpec  # noqa: E402
from console.model import Reading  # noqa: E402
from console.store.store import Store  # noqa: E402
from layers.mbtiles import MBTiles  # noqa: E402
from plugins.flood.simulator import FloodSimulator  # noqa: E402
from widgets._map_scheme import map_profile  # noqa: E402
from widgets.map_tile import MapTile  # noqa: E402
from widgets.tile import TileContext  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LOCAL_SCHEMES = {"cmap", "qrc", "data", "blob", "about"}


class UrlRecorder(QWebEngineUrlRequestInterceptor):
    """Records every request the page makes; blocks (and remembers) any non-local one."""

    def __init__(self) -> None:
        super().__init__()
        self.local: list[str] = []
        self.remote: list[str] = []

    def interceptRequest(self, info) -> None:  # noqa: N802 (Qt override)
        url = info.requestUrl()
        if url.scheme() in LOCAL_SCHEMES:
            self.local.append(url.toString())
        else:
            self.remote.append(url.toString())
            info.block(True)


@pytest.fixture
def recorder():
    profile, _ = map_profile()
    rec = UrlRecorder()
    profile.setUrlRequestInterceptor(rec)
    yield rec
    profile.setUrlRequestInterceptor(None)


@pytest.fixture
def ctx(tmp_path, qtbot):
    store = Store(tmp_path / "cache.sqlite3")
    hub = Hub(store)
    sim = FloodSimulator(load_city("shouguang"), seed=1)
    hub.add_entities(sim.entities())
    hub.register_source("flood", [s.id for e in sim.entities() for s in e.streams]).live = True
    signals = HubSignals(hub, interval_ms=50)
    history = HistoryLoader(store)
    signals.start()
    yield TileContext(hub, signals, history, city="shouguang")
    signals.stop()
    history.shutdown()
    store.close()


def make_tile(qtbot, ctx, **options) -> MapTile:
    tile = MapTile(ctx, TileSpec("map", 0, 0, title="map", options=options))
    qtbot.addWidget(tile)
    tile.resize(900, 700)
    tile.show()
    with qtbot.waitSignal(tile.sig_page_loaded, timeout=20000) as blocker:
        pass
    assert blocker.args == [True]
    qtbot.waitUntil(lambda: js(qtbot, tile, "window.ccReady === true") is True, timeout=10000)
    return tile


def js(qtbot, tile: MapTile, script: str):
    """Evaluate JavaScript in the page and return its (JSON) result."""
    box: dict = {}
    tile.page.runJavaScript(f"JSON.stringify({script})", 0, lambda r: box.setdefault("r", r))
    qtbot.waitUntil(lambda: "r" in box, timeout=10000)
    return None if box["r"] in (None, "undefined") else json.loads(box["r"])


def close(tile: MapTile) -> None:
    tile.teardown()
    tile.close()


def test_map_loads_with_no_request_leaving_the_machine(qtbot, ctx, recorder):
    tile = make_tile(qtbot, ctx)
    stats = js(qtbot, tile, "cc.stats()")
    assert stats["markers"] == len(ctx.hub.entities) == 45
    assert stats["counts"]["offline"] == 45  # nothing received yet: offline, not "ok"
    assert any("/assets/leaflet/leaflet.js" in u for u in recorder.local)  # the recorder does see requests
    assert recorder.remote == []
    close(tile)


def test_marker_state_follows_a_simulated_reading(qtbot, ctx, recorder):
    tile = make_tile(qtbot, ctx)
    g = ctx.hub.entities["MH-05"]
    sid = g.streams[0].id
    now = time.time()
    ctx.hub.submit([Reading(sid, now, g.attrs["guarantee_level"] + 0.5)], source="flood")
    qtbot.waitUntil(lambda: (js(qtbot, tile, "cc.markerState('MH-05')") or {}).get("state") == "alarm", timeout=5000)
    assert js(qtbot, tile, "cc.markerState('MH-05')")["label"] == f"{g.attrs['guarantee_level'] + 0.5:.2f} m"
    ctx.hub.submit([Reading(sid, now + 1, g.attrs["warning_level"] + 0.1)], source="flood")
    qtbot.waitUntil(lambda: js(qtbot, tile, "cc.markerState('MH-05')")["state"] == "warning", timeout=5000)
    ctx.hub.submit([Reading(sid, now + 2, g.attrs["base_level"])], source="flood")
    qtbot.waitUntil(lambda: js(qtbot, tile, "cc.markerState('MH-05')")["state"] == "ok", timeout=5000)
    assert js(qtbot, tile, "cc.markerState('MH-06')")["state"] == "offline"  # untouched neighbours stay as they were
    assert recorder.remote == []
    close(tile)


def test_an_entity_re_added_at_a_new_place_moves_its_marker_keeping_states_and_selection(qtbot, ctx):
    from dataclasses import replace

    tile = make_tile(qtbot, ctx)
    g = ctx.hub.entities["MH-05"]
    ctx.hub.submit([Reading(g.streams[0].id, time.time(), g.attrs["guarantee_level"] + 0.5)], source="flood")
    qtbot.waitUntil(lambda: (js(qtbot, tile, "cc.markerState('MH-05')") or {}).get("state") == "alarm", timeout=5000)
    js(qtbot, tile, "(cc.select('MH-05'), true)")
    resets = js(qtbot, tile, "cc.stats()")["resets"]
    lat, lon = round(g.lat + 0.01, 5), round(g.lon - 0.02, 5)
    ctx.hub.add_entities([replace(g, lat=lat, lon=lon)], persist=False)
    qtbot.waitUntil(lambda: js(qtbot, tile, "cc.markerState('MH-05')")["lat"] == lat, timeout=5000)
    st = js(qtbot, tile, "cc.markerState('MH-05')")
    assert (st["lon"], st["state"], st["selected"]) == (lon, "alarm", True)
    stats = js(qtbot, tile, "cc.stats()")
    assert stats["resets"] == resets and stats["moves"] == 1 and stats["markers"] == 45
    assert js(qtbot, tile, "cc.markerState('MH-06')")["lat"] == ctx.hub.entities["MH-06"].lat  # the others stay put
    # a marker that comes (an entity with a place it had not) sends the full set again
    ctx.hub.add_entities([replace(g, id="MH-NEW", name="new gauge")], persist=False)
    qtbot.waitUntil(lambda: js(qtbot, tile, "cc.stats()")["markers"] == 46, timeout=5000)
    assert js(qtbot, tile, "cc.stats()")["resets"] == resets + 1
    close(tile)


def test_clicking_a_marker_selects_its_entity(qtbot, ctx):
    tile = make_tile(qtbot, ctx)
    qtbot.waitUntil(lambda: js(qtbot, tile, "typeof QWebChannel") == "function", timeout=5000)
    g = ctx.hub.entities["DH-03"]
    click = (
        f"(function(){{var ll=L.latLng({g.lat},{g.lon});cc.map.setView(ll,13);"
        f"cc.map.fire('click',{{latlng:ll,containerPoint:cc.map.latLngToContainerPoint(ll)}});return true}})()"
    )
    with qtbot.waitSignal(tile.sig_entity_selected, timeout=5000) as blocker:
        # the channel connects asynchronously after load: click until the bridge answers
        js(qtbot, tile, click)
        qtbot.waitUntil(lambda: blocker.signal_triggered or js(qtbot, tile, click) and False, timeout=5000)
    assert blocker.args == ["DH-03"]
    close(tile)


def test_mbtiles_served_through_the_scheme_with_the_y_flip(qtbot, ctx, tmp_path, recorder):
    path = tmp_path / "base.mbtiles"
    m = MBTiles(path, writable=True)
    m._db.executemany(
        "INSERT INTO tiles VALUES (?,?,?,?)",
        [(2, x, r, f"x{x} tms{r}".encode()) for x in range(4) for r in range(4)],
    )
    m._db.commit()
    m.close()
    tile = make_tile(qtbot, ctx, tiles={"mbtiles": str(path)})
    js(qtbot, tile, "(function(){window._t={};[0,1,3].forEach(function(y){fetch('cmap://app/tiles/s1/2/1/'+y)"
                    ".then(function(r){return r.text()}).then(function(t){window._t[y]=t})});return true})()")
    qtbot.waitUntil(lambda: len(js(qtbot, tile, "window._t") or {}) == 3, timeout=5000)
    assert js(qtbot, tile, "window._t") == {"0": "x1 tms3", "1": "x1 tms2", "3": "x1 tms0"}
    assert recorder.remote == []
    close(tile)


def _screenshot_cmd(out: Path, cache: Path) -> list[str]:
    cmd = [sys.executable, "-m", "console", "--demo", "--cache", str(cache), "--layout",
           str(ROOT / "plugins/flood/layouts/map.json"), "--screenshot", str(out), "--after", "5", "--size", "1600x900"]
    if os.environ.get("DISPLAY"):
        return cmd
    if shutil.which("xvfb-run"):
        return ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", *cmd]
    pytest.skip("no X display and no xvfb-run: the web view paints only under X")


def _count(img: QImage, x0: int, y0: int, x1: int, y1: int, rgb: tuple[int, int, int], tol: int = 10) -> int:
    n = 0
    for y in range(y0, y1, 2):
        for x in range(x0, x1, 2):
            c = img.pixelColor(x, y)
            if abs(c.red() - rgb[0]) <= tol and abs(c.green() - rgb[1]) <= tol and abs(c.blue() - rgb[2]) <= tol:
                n += 1
    return n


def test_screenshot_of_the_map_layout_shows_boundary_and_markers(tmp_path):
    out = tmp_path / "map.png"
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    proc = subprocess.run(_screenshot_cmd(out, tmp_path / "cache"), env=env, capture_output=True, text=True, timeout=90)
    assert proc.returncode == 0, proc.stderr[-2000:]
    img = QImage(str(out))
    assert img.width() == 1600
    # the map takes the left two thirds below the KPI row (layouts/map.json)
    box = (10, int(img.height() * 0.25), int(img.width() * 0.6), img.height() - 40)
    inside_fill = _count(img, *box, (0x2B, 0x31, 0x39), tol=3)
    boundary_line = _count(img, *box, (0x9F, 0xB4, 0xC8), tol=12)
    ok_markers = _count(img, *box, (0x7F, 0x8B, 0x99), tol=6)
    river = _count(img, *box, (0x4D, 0x7E, 0xA8), tol=8)
    assert inside_fill > 5000, "the city's area is not drawn"
    assert boundary_line > 150, "the boundary line is not drawn"
    assert river > 100, "the rivers are not drawn"
    assert ok_markers > 40, "no normal markers drawn"


def test_a_killed_renderer_reloads_the_map_with_its_markers(qtbot, ctx):
    import signal

    tile = make_tile(qtbot, ctx)
    g = ctx.hub.entities["MH-05"]
    ctx.hub.submit([Reading(g.streams[0].id, time.time(), g.attrs["guarantee_level"] + 0.5)], source="flood")
    qtbot.waitUntil(lambda: (js(qtbot, tile, "cc.markerState('MH-05')") or {}).get("state") == "alarm", timeout=5000)
    pid = tile.page.renderProcessPid()
    assert pid > 0
    with qtbot.waitSignal(tile.sig_page_loaded, timeout=15000) as blocker:
        os.kill(pid, signal.SIGKILL)
    assert blocker.args == [True] and tile.renderer_restarts == 1
    assert tile.page.renderProcessPid() not in (0, pid)
    qtbot.waitUntil(lambda: js(qtbot, tile, "window.ccReady === true") is True, timeout=10000)
    # the new page starts from what the hub holds now, not from an empty map
    assert js(qtbot, tile, "cc.markerState('MH-05')")["state"] == "alarm"
    assert js(qtbot, tile, "cc.stats()")["markers"] == 45
    assert not tile.message_label.isVisible() or tile.message_label.text() == ""
    close(tile)


def test_beyond_an_mbtiles_files_deepest_level_the_map_scales_its_tiles(qtbot, ctx, tmp_path, recorder):
    """A file made by another tool, tiles to zoom 10 only: at zoom 13 the page asks for zoom-10
    tiles (and scales them) instead of zoom-13 tiles the file does not have (a blank base map)."""
    import math as _m

    path = tmp_path / "county.mbtiles"
    m = MBTiles(path, writable=True)
    lat, lon = ctx.hub.entities["MH-05"].lat, ctx.hub.entities["MH-05"].lon
    rows = []
    for z in range(8, 11):
        n = 1 << z
        x = int((lon + 180) / 360 * n)
        y = int((1 - _m.asinh(_m.tan(_m.radians(lat))) / _m.pi) / 2 * n)
        rows += [(z, xx, (n - 1 - yy), b"png") for xx in range(x - 3, x + 4) for yy in range(y - 3, y + 4)]
    m._db.executemany("INSERT INTO tiles VALUES (?,?,?,?)", rows)
    m._db.commit()
    m.close()
    tile = make_tile(qtbot, ctx, tiles={"mbtiles": str(path)}, center=[lat, lon], zoom=13)
    qtbot.waitUntil(lambda: any("/tiles/" in u for u in recorder.local), timeout=5000)
    zooms = {int(u.split("/tiles/")[1].split("/")[1]) for u in recorder.local if "/tiles/" in u}
    assert zooms == {10}, zooms
    assert js(qtbot, tile, "cc.map.getZoom()") == 13
    close(tile)


def test_a_wmts_base_map_is_drawn_from_the_tile_under_each_place(qtbot, ctx, tmp_path, recorder, monkeypatch):
    """Tianditu-style WMTS on loopback: the page asks for the tile that holds MH-05 at zoom 10,
    and what it gets there is the server's tile of that matrix row and column."""
    from layers.prefetch import _tile_xy
    from tests.test_basemap import KEY, Wmts, tile_bytes

    monkeypatch.setenv("TEST_TIANDITU_KEY", KEY)
    server = Wmts()
    try:
        g = ctx.hub.entities["MH-05"]
        tile = make_tile(qtbot, ctx, center=[g.lat, g.lon], zoom=10, tiles={
            "mbtiles": str(tmp_path / "tianditu-cache.mbtiles"),
            "wmts": {"url": server.url, "layer": "img", "matrix_set": "w", "key": "${env:TEST_TIANDITU_KEY}"}})
        x, y = _tile_xy(g.lat, g.lon, 10)
        qtbot.waitUntil(lambda: (10, x, y) in server.tiles, timeout=10000)
        url = next(u for u in recorder.local if f"/tiles/" in u and u.endswith(f"/10/{x}/{y}"))
        got = js(qtbot, tile, f"(function(){{window._w=null;fetch('{url}').then(function(r){{return r.text()}})"
                              ".then(function(t){window._w=t});return true})()")
        assert got is True
        qtbot.waitUntil(lambda: js(qtbot, tile, "window._w") is not None, timeout=5000)
        assert js(qtbot, tile, "window._w") == tile_bytes(10, x, y).decode()
        assert server.tiles.count((10, x, y)) == 1  # the second read came from the cache file
        assert recorder.remote == []  # the page itself never left cmap://
        close(tile)
    finally:
        server.server.stop()


def test_a_pmtiles_base_map_is_served_offline(qtbot, ctx, tmp_path, recorder):
    from tests.test_basemap import _pmtiles, tile_bytes

    _pmtiles(tmp_path / "city.pmtiles")
    tile = make_tile(qtbot, ctx, tiles={"pmtiles": str(tmp_path / "city.pmtiles")}, zoom=12)
    qtbot.waitUntil(lambda: any("/tiles/" in u for u in recorder.local), timeout=5000)
    # beyond the archive's deepest level (10) the page asks for level-10 tiles and scales them
    assert {int(u.split("/tiles/")[1].split("/")[1]) for u in recorder.local if "/tiles/" in u} == {10}
    src = next(u for u in recorder.local if "/tiles/" in u).split("/tiles/")[1].split("/")[0]
    js(qtbot, tile, f"(function(){{window._p=null;fetch('cmap://app/tiles/{src}/9/257/129').then(function(r){{return r.text()}})"
                    ".then(function(t){window._p=t});return true})()")
    qtbot.waitUntil(lambda: js(qtbot, tile, "window._p") is not None, timeout=5000)
    assert js(qtbot, tile, "window._p") == tile_bytes(9, 257, 129).decode()
    assert recorder.remote == []
    close(tile)


def test_a_cgcs2000_wmts_layer_puts_the_page_in_plate_carree_at_the_right_tile(qtbot, ctx, tmp_path, recorder, monkeypatch):
    """Tianditu's 'c' layers (CGCS2000 geographic, level 1 = the 2 x 1 world): the page draws in
    EPSG:4326 and the tile under MH-05 at page zoom z is the server's level z + 1, row and column
    counted in degrees."""
    import math as _m

    from tests.test_basemap import KEY, Wmts, tile_bytes

    monkeypatch.setenv("TEST_TIANDITU_KEY", KEY)
    server = Wmts()
    try:
        g = ctx.hub.entities["MH-05"]
        tile = make_tile(qtbot, ctx, center=[g.lat, g.lon], zoom=9, tiles={
            "mbtiles": str(tmp_path / "tianditu-c.mbtiles"),
            "wmts": {"url": server.url, "layer": "vec", "matrix_set": "c", "key": "${env:TEST_TIANDITU_KEY}"}})
        assert js(qtbot, tile, "cc.map.options.crs.code") == "EPSG:4326"
        z = round(js(qtbot, tile, "cc.map.getZoom()"))
        x = int((g.lon + 180.0) / 360.0 * 2 ** (z + 1))
        y = int((90.0 - g.lat) / 180.0 * 2 ** z)
        qtbot.waitUntil(lambda: (z + 1, x, y) in server.tiles, timeout=10000)
        url = next(u for u in recorder.local if "/tiles/" in u and u.endswith(f"/{z}/{x}/{y}"))
        js(qtbot, tile, f"(function(){{window._c=null;fetch('{url}').then(function(r){{return r.text()}})"
                        ".then(function(t){window._c=t});return true})()")
        qtbot.waitUntil(lambda: js(qtbot, tile, "window._c") is not None, timeout=5000)
        assert js(qtbot, tile, "window._c") == tile_bytes(z + 1, x, y).decode()
        assert not _m.isnan(js(qtbot, tile, "cc.map.getCenter().lat"))
        close(tile)
    finally:
        server.server.stop()


def test_cameras_stand_on_the_map_with_their_view_cones(qtbot, ctx):
    from console.cameras.model import camera_entity

    looking = [camera_entity(f"CV{i}", f"视域 {i}", 36.9 + 0.01 * i, 118.8, group="g", source="sim://t",
                             heading=90.0 * i, fov=60.0) for i in range(3)]
    blind = camera_entity("CV9", "无朝向", 36.95, 118.8, group="g", source="sim://t")  # no heading: no cone
    ctx.hub.add_entities([*looking, blind])
    tile = make_tile(qtbot, ctx)
    stats = js(qtbot, tile, "cc.stats()")
    assert stats["cones"] == 3 and stats["markers"] == 45 + 4
    close(tile)
    tile = make_tile(qtbot, ctx, cones=False)
    assert js(qtbot, tile, "cc.stats()")["cones"] == 0
    close(tile)


def test_a_plugins_own_cameras_show_near_their_gauges_from_a_street_zoom_and_an_abnormal_one_always(qtbot, ctx):
    """The flood map's option: only flood cameras (``layer_attrs``), their normal markers and cones
    from zoom 13 (``layer_min_zoom``: at county zoom 120 cameras would hide the rivers); a camera
    whose video sees the water above the mark shows at every zoom."""
    from console.cameras.model import camera_entity
    from layers.marker_state import primary_stream

    flood = [camera_entity(f"FC{i}", f"河道 {i}", 36.88 + 0.001 * i, 118.75, group="g", source="sim://t",
                           heading=90.0, fov=60.0, domain="flood") for i in range(4)]
    parking = camera_entity("PC1", "停车场", 36.881, 118.751, group="p", source="sim://t", domain="parking")
    ctx.hub.add_entities([*flood, parking])
    streams = [primary_stream(c) for c in flood]
    ctx.hub.register_source("cams", streams).live = True
    ctx.hub.submit([Reading(sid, time.time() - 5, 1.0) for sid in streams[1:]])  # FC0 has said nothing: offline
    ctx.hub.store.flush()
    tile = make_tile(qtbot, ctx, layers=["gauge", "camera"], layer_attrs={"camera": {"domain": "flood"}},
                     layer_min_zoom={"camera": 13}, center=[36.8815, 118.75], zoom=10)
    stats = js(qtbot, tile, "cc.stats()")
    assert stats["markers"] == 42 + 4, "the parking camera is not a flood camera"
    qtbot.waitUntil(lambda: js(qtbot, tile, "cc.stats()")["drawn"].get("camera") == 1, timeout=10000)
    assert js(qtbot, tile, "cc.stats()")["cones_shown"] is False
    js(qtbot, tile, "(cc.map.setZoom(14, {animate: false}), 1)")
    qtbot.waitUntil(lambda: js(qtbot, tile, "cc.stats()")["drawn"].get("camera") == 4, timeout=10000)
    assert js(qtbot, tile, "cc.stats()")["cones_shown"] is True
    close(tile)


def test_the_layer_switcher_names_layers_and_lines_in_the_interface_language(qtbot, ctx):
    """``--lang en``: the switcher's entries are English (the manifests write them in Chinese)."""
    from PySide6.QtCore import QCoreApplication

    from console.gui.i18n import install_translators

    app = QCoreApplication.instance()
    translators = install_translators(app, "en")
    try:
        tile = MapTile(ctx, TileSpec("map", 0, 0, title="map"))
        qtbot.addWidget(tile)
        config = tile._config()
    finally:
        for t in translators:
            app.removeTranslator(t)
    names = [layer["title"] for layer in config["layers"]] + [g["title"] for g in config["lines"]]
    assert config["layers"] and config["lines"]
    assert not [n for n in names if any("\u4e00" <= c <= "\u9fff" for c in n)], names
    close(tile)
