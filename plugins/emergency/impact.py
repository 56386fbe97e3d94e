"""An event's impact range (影响范围) and what lies inside it: people, schools, hospitals, shelters.

The range is a buffer around the event, its radius set by the event's kind and size: a chemical
leak's by the amount leaked (the initial isolation and protective-action distance grows with the
square root of the amount, from 500 m, capped at 5 km), a flooded underpass's by its water depth.
Geometry is done in metres on a local equirectangular projection about the event (x east, y
north; good to well under 0.1 % over the few kilometres a range spans; pyproj is not installed,
and a transverse Mercator would change nothing at this size). Qt-free.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from shapely.geometry import Point, Polygon
from shapely.ops import transform

EARTH_R = 6_371_008.8  # mean radius, m

#: the leak's radius: from 500 m, plus 400 m per sqrt(tonne), at most 5 km
LEAK_BASE_M, LEAK_PER_SQRT_T_M, LEAK_MAX_M = 500.0, 400.0, 5000.0
#: a flooded underpass's range: the dip itself and its approaches, 150 m + 100 m per metre of water
UNDERPASS_BASE_M, UNDERPASS_PER_M = 150.0, 100.0


@dataclass(frozen=True)
class LocalProjection:
    """Metres east/north of (lat0, lon0) on a local equirectangular projection."""

    lat0: float
    lon0: float

    def to_xy(self, lat: float, lon: float) -> tuple[float, float]:
        k = math.radians(1.0) * EARTH_R
        return (lon - self.lon0) * k * math.cos(math.radians(self.lat0)), (lat - self.lat0) * k

    def to_latlon(self, x: float, y: float) -> tuple[float, float]:
        k = math.radians(1.0) * EARTH_R
        return self.lat0 + y / k, self.lon0 + x / (k * math.cos(math.radians(self.lat0)))

    def polygon_xy(self, latlon: Sequence[Sequence[float]]) -> Polygon:
        return Polygon([self.to_xy(lat, lon) for lat, lon in latlon])

    def geom_to_latlon(self, geom):
        """A shapely geometry in (x, y) metres as one in (lon, lat) degrees."""
        return transform(lambda x, y, z=None: self.to_latlon(x, y)[::-1], geom)


def radius_m(kind: str, size: float) -> float:
    """The range's radius: ``size`` is tonnes leaked (chemical_leak) or water depth in m (underpass_flooded)."""
    if kind == "chemical_leak":
        return min(LEAK_MAX_M, LEAK_BASE_M + LEAK_PER_SQRT_T_M * math.sqrt(max(0.0, size)))
    if kind == "underpass_flooded":
        return UNDERPASS_BASE_M + UNDERPASS_PER_M * max(0.0, size)
    raise ValueError(f"no impact model for event kind {kind!r} (known: chemical_leak, underpass_flooded)")


@dataclass(frozen=True)
class Place:
    id: str
    kind: str  # school | hospital | shelter
    lat: float
    lon: float


@dataclass(frozen=True)
class ImpactRange:
    """The range as a polygon (lat, lon ring), its radius, and what it holds."""

    kind: str
    lat: float
    lon: float
    radius_m: float
    area: list[list[float]]  # [[lat, lon], ...], closed ring
    people: int = 0
    inside: dict[str, tuple[str, ...]] = field(default_factory=dict)  # place kind -> ids

    def count(self, kind: str) -> int:
        return len(self.inside.get(kind, ()))

    def polygon_lonlat(self) -> Polygon:
        return Polygon([(lon, lat) for lat, lon in self.area])


def buffer_area(lat: float, lon: float, r_m: float, segments: int = 16) -> tuple[LocalProjection, Polygon]:
    """The circle of radius ``r_m`` about the event, in the event's local metres."""
    proj = LocalProjection(lat, lon)
    return proj, Point(0.0, 0.0).buffer(r_m, quad_segs=segments)


def people_inside(poly_xy: Polygon, proj: LocalProjection, cells: Iterable[Sequence[float]], cell_deg: float) -> float:
    """People in the range from a population grid (``[lat, lon, people]`` cell centres, square cells of
    ``cell_deg``): each cell counts by the share of its area inside the polygon (people spread evenly)."""
    total = 0.0
    h = cell_deg / 2
    minx, miny, maxx, maxy = poly_xy.bounds
    for lat, lon, n in cells:
        cell = proj.polygon_xy([(lat - h, lon - h), (lat - h, lon + h), (lat + h, lon + h), (lat + h, lon - h)])
        cx0, cy0, cx1, cy1 = cell.bounds
        if cx1 < minx or cx0 > maxx or cy1 < miny or cy0 > maxy:
            continue
        share = poly_xy.intersection(cell).area / cell.area
        total += n * share
    return total


def impact_range(kind: str, size: float, lat: float, lon: float, places: Iterable[Place] = (),
                 cells: Iterable[Sequence[float]] = (), cell_deg: float = 0.01) -> ImpactRange:
    """The range of an event of ``kind`` and ``size`` at (lat, lon), with what is counted inside it."""
    r = radius_m(kind, size)
    proj, poly = buffer_area(lat, lon, r)
    inside: dict[str, list[str]] = {}
    for p in places:
        if poly.covers(Point(proj.to_xy(p.lat, p.lon))):
            inside.setdefault(p.kind, []).append(p.id)
    ring = [[round(a, 6), round(b, 6)] for a, b in (proj.to_latlon(x, y) for x, y in poly.exterior.coords)]
    return ImpactRange(kind, lat, lon, r, ring, int(round(people_inside(poly, proj, cells, cell_deg))),
                       {k: tuple(v) for k, v in inside.items()})


__all__ = ["EARTH_R", "ImpactRange", "LocalProjection", "Place", "buffer_area", "impact_range",
           "people_inside", "radius_m"]
