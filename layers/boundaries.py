"""City boundaries shipped in resources/boundaries (extracted by packaging/extract_boundaries.py).

Plain GeoJSON (lon, lat order) and a small point-in-polygon, so the core can check
that entities lie inside their city without a geometry library.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=8)
def _text(city_id: str) -> str:
    path = resources.files("resources") / "boundaries" / f"{city_id}.geojson"
    if not path.is_file():
        raise KeyError(f"no boundary shipped for city {city_id!r}")
    return path.read_text(encoding="utf-8")


def load_boundary(city_id: str) -> dict[str, Any]:
    """The city's boundary as a GeoJSON Feature with a MultiPolygon (a fresh copy)."""
    return json.loads(_text(city_id))


def polygons(feature: dict[str, Any]) -> list[list[list[list[float]]]]:
    geom = feature.get("geometry", feature)
    return geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]


def boundary_bbox(feature: dict[str, Any]) -> tuple[tuple[float, float], tuple[float, float]]:
    """((south, west), (north, east)) of the outer rings."""
    xs = [x for poly in polygons(feature) for x, _ in poly[0]]
    ys = [y for poly in polygons(feature) for _, y in poly[0]]
    return (min(ys), min(xs)), (max(ys), max(xs))


def _in_ring(lon: float, lat: float, ring: list[list[float]]) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def contains(feature: dict[str, Any], lat: float, lon: float) -> bool:
    """Whether (lat, lon) lies inside the boundary (holes excluded)."""
    for poly in polygons(feature):
        if _in_ring(lon, lat, poly[0]) and not any(_in_ring(lon, lat, hole) for hole in poly[1:]):
            return True
    return False
