"""MBTiles raster tiles: read from an SQLite MBTiles file, and a fetch-once tile cache.

MBTiles rows are TMS (row 0 at the south), web maps ask in XYZ (row 0 at the
north): ``tile_row = 2**z - 1 - y``. A real MBTiles file can be dropped in; when an
online URL template is configured, a missing tile is fetched once and stored in
the same file, so the map works offline afterwards. Qt-free; the scheme handler
(widgets/_map_scheme.py) calls ``TileCache.get`` off the GUI thread.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS metadata (name TEXT, value TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS metadata_name ON metadata (name);
CREATE TABLE IF NOT EXISTS tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
CREATE UNIQUE INDEX IF NOT EXISTS tile_index ON tiles (zoom_level, tile_column, tile_row);
"""


def tms_row(z: int, y: int) -> int:
    """The MBTiles (TMS) row of an XYZ tile row; the flip is its own inverse."""
    return (1 << z) - 1 - y


class MBTiles:
    """One MBTiles file. Thread-safe (one connection behind a lock)."""

    def __init__(self, path: str | Path, writable: bool = False) -> None:
        self.path = Path(path)
        self.writable = writable
        if writable:
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            self._db.executescript(SCHEMA)
        else:
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()

    def metadata(self) -> dict[str, str]:
        with self._lock:
            return dict(self._db.execute("SELECT name, value FROM metadata").fetchall())

    def zoom_range(self) -> tuple[int, int] | None:
        """The zoom levels the file holds (its metadata's minzoom/maxzoom, else its tiles'), or None if empty."""
        meta = self.metadata()
        try:
            return int(meta["minzoom"]), int(meta["maxzoom"])
        except (KeyError, ValueError):
            pass
        with self._lock:
            lo, hi = self._db.execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles").fetchone()
        return None if lo is None else (int(lo), int(hi))

    def get(self, z: int, x: int, y: int) -> bytes | None:
        """The tile at XYZ (z, x, y), or None."""
        if z < 0 or not (0 <= x < (2 << z) and 0 <= y < (1 << z)):  # 2^(z+1) columns: a geographic grid
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?", (z, x, tms_row(z, y))
            ).fetchone()
        return bytes(row[0]) if row else None

    def put(self, z: int, x: int, y: int, data: bytes) -> None:
        """Store the tile at XYZ (z, x, y)."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?,?,?,?)",
                (z, x, tms_row(z, y), sqlite3.Binary(data)),
            )
            self._db.commit()

    def set_metadata(self, **values: str) -> None:
        with self._lock:
            self._db.executemany("INSERT OR REPLACE INTO metadata (name, value) VALUES (?,?)", list(values.items()))
            self._db.commit()

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _http_get(url: str, timeout: float = 10.0) -> bytes:
    """One tile, TLS checked against the OS trust store (a city CA installed there works)."""
    import ssl
    import urllib.request  # here, not at the top: ssl and http.client are a start-up cost no offline map needs

    import truststore

    req = urllib.request.Request(url, headers={"User-Agent": "city-console tile cache"})
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT) if url.startswith("https:") else None
    with urllib.request.urlopen(req, timeout=timeout, context=context) as resp:  # noqa: S310 (configured by the operator)
        return resp.read()


def _fetch_error(exc: Exception) -> str:
    """Why a tile could not be fetched, without its URL (a key may be in it)."""
    from urllib.error import HTTPError, URLError

    if isinstance(exc, HTTPError):
        return f"HTTP {exc.code}"
    if isinstance(exc, URLError):
        return f"{type(exc.reason).__name__}: {exc.reason}"
    if isinstance(exc, LookupError):  # a secret reference that cannot be resolved names itself
        return str(exc)
    return type(exc).__name__


class TileCache:
    """Tiles from an MBTiles file; with ``url`` (``https://.../{z}/{x}/{y}.png``, or a function
    of z, x, y giving the tile's URL: see layers.basemap) a missing tile is fetched once and
    stored. Nothing is ever fetched without a URL. Failed fetches are counted, with the last
    reason (never the URL: it may carry a key)."""

    def __init__(self, mbtiles: MBTiles, url: str | Callable[[int, int, int], str] | None = None,
                 fetch: Callable[[str], bytes] = _http_get) -> None:
        if url and not mbtiles.writable:
            raise ValueError("a tile URL needs a writable MBTiles cache")
        self.mbtiles = mbtiles
        self.url = url
        self._fetch = fetch
        self.fetched = 0
        self.failed = 0
        self.last_error: str | None = None

    def get(self, z: int, x: int, y: int) -> bytes | None:
        data = self.mbtiles.get(z, x, y)
        if data is not None or not self.url:
            return data
        if z < 0 or not (0 <= x < (2 << z) and 0 <= y < (1 << z)):  # 2^(z+1) columns: a geographic grid
            return None
        try:
            url = self.url(z, x, y) if callable(self.url) else self.url.format(z=z, x=x, y=y)
            data = self._fetch(url)
        except (OSError, LookupError, ValueError) as exc:  # network, HTTP status, a missing key
            self.failed += 1
            self.last_error = _fetch_error(exc)
            return None
        self.mbtiles.put(z, x, y, data)
        self.fetched += 1
        return data
