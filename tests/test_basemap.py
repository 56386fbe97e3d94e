"""Base maps: a WMTS server (Tianditu's KVP form) on loopback drawn in the right place through
the fetch-once cache; `map prefetch` fills an MBTiles file from it that then renders offline;
bad options are named. The server checks its key as Tianditu does (``tk``)."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from layers.basemap import BaseMapError, parse_basemap
from layers.mbtiles import MBTiles, TileCache, tms_row
from layers.prefetch import count_tiles, tile_range
from tests.source_servers import LoopbackServer

ROOT = Path(__file__).resolve().parents[1]
KEY = "k-7f3a9"


def tile_bytes(z, x, y) -> bytes:
    return f"PNG z{z} col{x} row{y}".encode()


class Wmts:
    """GetTile in KVP form; 403 without the key, 400 for a tile outside the matrix."""

    def __init__(self):
        self.server = LoopbackServer(self.app).start()
        self.tiles: list[tuple[int, int, int]] = []

    def app(self, req):
        q = req.query
        if q.get("tk") != KEY:
            return 403, {}, b"<html>key</html>"
        if q.get("SERVICE") != "WMTS" or q.get("REQUEST") != "GetTile" or q.get("LAYER") not in ("img", "vec") \
                or q.get("TILEMATRIXSET") not in ("w", "c"):
            return 400, {}, b"bad request"
        z, row, col = int(q["TILEMATRIX"]), int(q["TILEROW"]), int(q["TILECOL"])
        # "w": 2^z x 2^z tiles; "c" (CGCS2000 geographic): level 1 is 2 x 1, level z 2^z x 2^(z-1)
        rows, cols = (2 ** z, 2 ** z) if q["TILEMATRIXSET"] == "w" else (2 ** (z - 1), 2 ** z)
        if not (0 <= row < rows and 0 <= col < cols):
            return 400, {}, b"out of matrix"
        self.tiles.append((z, col, row))
        return 200, {"Content-Type": "image/png"}, tile_bytes(z, col, row)

    @property
    def url(self):
        return f"{self.server.url}/img_w/wmts"


@pytest.fixture
def wmts(monkeypatch):
    monkeypatch.setenv("TEST_TIANDITU_KEY", KEY)
    w = Wmts()
    yield w
    w.server.stop()


def test_a_wmts_tile_comes_from_the_matrix_row_and_column_of_its_xyz_tile_and_is_kept(tmp_path, wmts):
    base = parse_basemap({"mbtiles": str(tmp_path / "c.mbtiles"),
                          "wmts": {"url": wmts.url, "layer": "img", "key": "${env:TEST_TIANDITU_KEY}"}})
    cache = TileCache(MBTiles(base.mbtiles, writable=True), base.url)
    assert cache.get(10, 843, 388) == tile_bytes(10, 843, 388)  # web mercator: TILEROW is the XYZ row
    assert cache.get(10, 843, 388) == tile_bytes(10, 843, 388)
    assert wmts.tiles == [(10, 843, 388)]  # fetched once, then read from the file
    cache.mbtiles.close()


def test_a_wrong_key_is_counted_with_its_reason_and_never_logged_with_the_url(tmp_path, wmts, monkeypatch):
    monkeypatch.setenv("TEST_TIANDITU_KEY", "wrong")
    base = parse_basemap({"mbtiles": str(tmp_path / "c.mbtiles"),
                          "wmts": {"url": wmts.url, "layer": "img", "key": "${env:TEST_TIANDITU_KEY}"}})
    cache = TileCache(MBTiles(base.mbtiles, writable=True), base.url)
    assert cache.get(10, 843, 388) is None
    assert cache.failed == 1 and cache.last_error == "HTTP 403" and "wrong" not in cache.last_error
    cache.mbtiles.close()


@pytest.mark.parametrize("options, key", [
    ({"wmts": {"url": "http://x/wmts"}}, "tiles.mbtiles"),
    ({"mbtiles": "a.mbtiles", "wmts": {"url": "http://x/wmts"}}, "tiles.wmts.layer"),
    ({"mbtiles": "a.mbtiles", "wmts": {"url": "http://x/wmts", "layer": "img", "matrix_set": "EPSG:32650"}},
     "tiles.wmts.matrix_set"),
    ({"mbtiles": "a.mbtiles", "url": "https://x/{z}/{x}.png"}, "tiles.url"),
    ({"mbtiles": "a.mbtiles", "url": "file:///etc/{z}/{x}/{y}"}, "tiles.url"),
    ({"mbtiles": "a.mbtiles", "url": "https://x/{z}/{x}/{y}", "tms": "https://y/{z}/{x}/{y}"}, "both given"),
])
def test_bad_base_map_options_name_the_key(options, key):
    with pytest.raises(BaseMapError, match=key.replace(".", r"\.")):
        parse_basemap(options)


def test_tms_rows_count_from_the_south():
    base = parse_basemap({"mbtiles": "a.mbtiles", "tms": "https://t/{z}/{x}/{y}.png"})
    assert base.url(3, 2, 1) == f"https://t/3/2/{tms_row(3, 1)}.png"


def _prefetch(tmp_path, wmts, *extra):
    out = tmp_path / "shouguang.mbtiles"
    cmd = [sys.executable, "-m", "console", "map", "prefetch", "--city", "shouguang", "--zoom", "8-9", "-o", str(out),
           "--wmts", wmts.url, "--layer", "img", "--key", "${env:TEST_TIANDITU_KEY}", *extra]
    return out, subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120, env=os.environ.copy())


def test_prefetch_estimates_first_and_needs_a_yes(tmp_path, wmts):
    _, run = _prefetch(tmp_path, wmts)
    assert run.returncode == 1 and "not downloading: add --yes" in run.stderr
    assert "tiles, about" in run.stdout and "MB" in run.stdout


def test_prefetch_fills_an_mbtiles_file_that_then_renders_offline(tmp_path, wmts, qtbot):
    from console.city import load_city

    out, run = _prefetch(tmp_path, wmts, "--yes")
    assert run.returncode == 0, run.stderr
    city = load_city("shouguang")
    n = count_tiles(city.bbox, 8, 9)
    db = sqlite3.connect(out)
    rows = db.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles").fetchall()
    meta = dict(db.execute("SELECT name, value FROM metadata"))
    db.close()
    assert len(rows) == n and f"{n} tiles" in run.stdout
    for z, col, trow, data in rows:  # stored TMS rows: the flip of the server's XYZ row
        assert data == tile_bytes(z, col, tms_row(z, trow))
    assert (meta["minzoom"], meta["maxzoom"]) == ("8", "9")
    x0, x1, y0, y1 = tile_range(city.bbox, 9)
    assert {(c, tms_row(9, r)) for z, c, r, _ in rows if z == 9} == {(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)}
    wmts.server.stop()  # offline from here on

    offline = TileCache(MBTiles(out), None)
    assert offline.get(9, x0, y0) == tile_bytes(9, x0, y0) and offline.fetched == 0
    offline.mbtiles.close()


def _pmtiles(path, zooms=(8, 9, 10), tile_type=None):
    """A real PMTiles v3 archive written with the pmtiles package's own writer."""
    from pmtiles.tile import Compression, TileType, zxy_to_tileid
    from pmtiles.writer import write

    tiles = {}
    for z in zooms:
        for x in range(2 ** z // 2, 2 ** z // 2 + 3):
            for y in range(2 ** z // 4, 2 ** z // 4 + 3):
                tiles[zxy_to_tileid(z, x, y)] = tile_bytes(z, x, y)
    with write(str(path)) as w:
        for tid in sorted(tiles):
            w.write_tile(tid, tiles[tid])
        w.finalize({
            "tile_type": tile_type or TileType.PNG, "tile_compression": Compression.NONE,
            "min_zoom": min(zooms), "max_zoom": max(zooms), "min_lon_e7": -1800000000, "min_lat_e7": -850000000,
            "max_lon_e7": 1800000000, "max_lat_e7": 850000000, "center_zoom": zooms[0], "center_lon_e7": 0, "center_lat_e7": 0,
        }, {"attribution": "test"})
    return tiles


def test_a_pmtiles_archive_serves_its_tiles_and_its_zoom_range(tmp_path):
    from layers.basemap import open_tiles

    _pmtiles(tmp_path / "city.pmtiles")
    base = parse_basemap({"pmtiles": str(tmp_path / "city.pmtiles")})
    archive = open_tiles(base)
    cache = TileCache(archive, None)
    assert cache.get(9, 257, 129) == tile_bytes(9, 257, 129)
    assert cache.get(9, 0, 0) is None and cache.get(30, 0, 0) is None
    assert archive.zoom_range() == (8, 10)
    archive.close()


def test_a_broken_or_vector_pmtiles_file_is_named(tmp_path):
    from pmtiles.tile import TileType

    from layers.pmtiles_file import PMTilesError, PMTilesFile

    (tmp_path / "junk.pmtiles").write_bytes(b"\x89PNG not an archive" * 20)
    with pytest.raises(PMTilesError, match="junk.pmtiles: not a PMTiles v3 archive"):
        PMTilesFile(tmp_path / "junk.pmtiles")
    _pmtiles(tmp_path / "vector.pmtiles", tile_type=TileType.MVT)
    with pytest.raises(PMTilesError, match="vector tiles"):
        PMTilesFile(tmp_path / "vector.pmtiles")
    with pytest.raises(BaseMapError, match="pmtiles is an offline archive"):
        parse_basemap({"pmtiles": "a.pmtiles", "url": "https://x/{z}/{x}/{y}"})
