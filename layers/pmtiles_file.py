"""PMTiles raster tiles: one file, read with the maintained ``pmtiles`` reader (BSD, no
dependencies), behind the same small interface as an MBTiles file (get, zoom_range, close),
so the fetch-once TileCache and the scheme handler serve either. Read-only. Qt-free.
"""

from __future__ import annotations

import gzip
import mmap
import threading
from pathlib import Path

from pmtiles.reader import Reader
from pmtiles.tile import Compression, TileType


class PMTilesError(ValueError):
    """A file that is not a PMTiles archive we can draw; the message names the file."""


class PMTilesFile:
    writable = False

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self._f = open(self.path, "rb")  # noqa: SIM115 (kept open for the mapping)
            self._map = mmap.mmap(self._f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as exc:
            raise PMTilesError(f"{self.path}: cannot open ({exc})") from None
        self._reader = Reader(lambda offset, length: self._map[offset: offset + length])
        try:
            self.header = self._reader.header()
        except Exception as exc:  # a file of another kind: the reader raises whatever it meets
            self.close()
            raise PMTilesError(f"{self.path}: not a PMTiles v3 archive ({type(exc).__name__})") from None
        if self.header.get("tile_type") == TileType.MVT:
            self.close()
            raise PMTilesError(f"{self.path}: holds vector tiles (MVT); the map draws raster tiles (png, jpg, webp)")
        self._lock = threading.Lock()

    def zoom_range(self) -> tuple[int, int] | None:
        return int(self.header["min_zoom"]), int(self.header["max_zoom"])

    def metadata(self) -> dict:
        with self._lock:
            return self._reader.metadata()

    def get(self, z: int, x: int, y: int) -> bytes | None:
        """The tile at XYZ (z, x, y), or None."""
        if z < 0 or not (0 <= x < (1 << z) and 0 <= y < (1 << z)):
            return None
        with self._lock:
            data = self._reader.get(z, x, y)
        if data is None:
            return None
        if self.header.get("tile_compression") == Compression.GZIP:
            data = gzip.decompress(data)
        return bytes(data)

    def close(self) -> None:
        for closing in (getattr(self, "_map", None), getattr(self, "_f", None)):
            if closing is not None:
                try:
                    closing.close()
                except (OSError, ValueError, BufferError):
                    pass
