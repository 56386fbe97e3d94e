"""Fill an MBTiles file with a city's tiles from a configured server, for offline use. Qt-free.

First the count and a size estimate (a few sample tiles from the middle zoom level), then
the tiles, each fetched once (tiles already in the file are kept), with progress.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from layers.mbtiles import TileCache

Bbox = tuple[tuple[float, float], tuple[float, float]]  # (south, west), (north, east)


def _tile_xy(lat: float, lon: float, z: int) -> tuple[int, int]:
    n = 1 << z
    lat = max(min(lat, 85.05112878), -85.05112878)
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def tile_range(bbox: Bbox, z: int) -> tuple[int, int, int, int]:
    """x0, x1, y0, y1 (inclusive, XYZ rows from the north) covering the box at zoom z."""
    (south, west), (north, east) = bbox
    x0, y0 = _tile_xy(north, west, z)
    x1, y1 = _tile_xy(south, east, z)
    return x0, x1, y0, y1


def tiles_in(bbox: Bbox, zmin: int, zmax: int) -> Iterator[tuple[int, int, int]]:
    for z in range(zmin, zmax + 1):
        x0, x1, y0, y1 = tile_range(bbox, z)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                yield z, x, y


def count_tiles(bbox: Bbox, zmin: int, zmax: int) -> int:
    total = 0
    for z in range(zmin, zmax + 1):
        x0, x1, y0, y1 = tile_range(bbox, z)
        total += (x1 - x0 + 1) * (y1 - y0 + 1)
    return total


@dataclass
class Estimate:
    tiles: int
    sample_bytes: float | None  # mean size of the sampled tiles, None if none could be fetched

    @property
    def total_bytes(self) -> float | None:
        return None if self.sample_bytes is None else self.sample_bytes * self.tiles


def estimate(cache: TileCache, bbox: Bbox, zmin: int, zmax: int, samples: int = 6) -> Estimate:
    """How many tiles, and about how many bytes (sampled tiles are kept in the file)."""
    z = (zmin + zmax) // 2
    x0, x1, y0, y1 = tile_range(bbox, z)
    picks = {((x0 + x1) // 2 + dx, (y0 + y1) // 2 + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
    sizes = []
    for x, y in sorted(picks)[:samples]:
        if x0 <= x <= x1 and y0 <= y <= y1:
            data = cache.get(z, x, y)
            if data:
                sizes.append(len(data))
    return Estimate(count_tiles(bbox, zmin, zmax), sum(sizes) / len(sizes) if sizes else None)


@dataclass
class PrefetchResult:
    tiles: int = 0
    fetched: int = 0
    already: int = 0
    failed: int = 0
    bytes: int = 0


def prefetch(cache: TileCache, bbox: Bbox, zmin: int, zmax: int,
             progress: Callable[[PrefetchResult, int], None] | None = None) -> PrefetchResult:
    """Every tile of the box at zmin..zmax into the cache's file; ``progress(result, total)`` as it goes."""
    total = count_tiles(bbox, zmin, zmax)
    out = PrefetchResult()
    for z, x, y in tiles_in(bbox, zmin, zmax):
        out.tiles += 1
        had = cache.mbtiles.get(z, x, y)
        if had is not None:
            out.already += 1
            out.bytes += len(had)
        else:
            before = cache.fetched
            data = cache.get(z, x, y)
            if data is None or cache.fetched == before:
                out.failed += 1
            else:
                out.fetched += 1
                out.bytes += len(data)
        if progress is not None and (out.tiles % 25 == 0 or out.tiles == total):
            progress(out, total)
    (south, west), (north, east) = bbox
    cache.mbtiles.set_metadata(
        name=cache.mbtiles.path.stem, format="png", type="baselayer", minzoom=str(zmin), maxzoom=str(zmax),
        bounds=f"{west},{south},{east},{north}",
    )
    return out
