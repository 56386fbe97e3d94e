"""Where the gauges are: placed along the city's rivers and at urban flood points."""

from __future__ import annotations

import math

from console.city import City
from plugins.flood.rivers import rivers_of
from console.model import Entity, StreamSpec
from console.sources.simulator import unit_random

# urban flood points in the built-up area (Yucheng's book: bridges, culverts, low streets)
_URBAN_KINDS = (("QL", "桥下", "underpass"), ("HD", "涵洞", "culvert"), ("DW", "低洼路段", "low street"))
GAUGE_INTERVAL_S = 60.0
RAIN_INTERVAL_S = 300.0


def _along(path: tuple[tuple[float, float], ...], f: float) -> tuple[float, float]:
    """The point a fraction f (0..1) of the way along a polyline."""
    seg = [math.dist(a, b) for a, b in zip(path, path[1:])]
    target = f * sum(seg)
    for (a, b), length in zip(zip(path, path[1:]), seg):
        if target <= length or length == 0:
            t = target / length if length else 0.0
            return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        target -= length
    return path[-1]


def level_streams(gid: str, name: str) -> tuple[StreamSpec, ...]:
    return (StreamSpec(f"flood/gauge/{gid}/level", f"{name} 水位", "m", GAUGE_INTERVAL_S),)


def river_gauges(city: City, seed: int, per_river: tuple[int, ...] = (18, 12)) -> list[Entity]:
    """Gauges spread evenly along each river, upstream first (MH-01 is upstream)."""
    out = []
    for no, (river, count) in enumerate(zip(rivers_of(city), per_river + (10,) * len(rivers_of(city))), start=1):
        for i in range(count):
            gid = f"{river.id}-{i + 1:02d}"
            lat, lon = _along(river.path, (i + 0.5) / count)
            base = 1.0 + 1.5 * unit_random(seed, gid, "base")
            warning = base + 1.6 + 0.5 * unit_random(seed, gid, "warn")
            name = f"{river.name}{i + 1}号站"
            out.append(
                Entity(
                    id=gid, kind="gauge", name=name, lat=round(lat, 5), lon=round(lon, 5),
                    attrs={
                        "river": river.name, "river_en": river.name_en, "river_no": no, "site": "river",
                        "base_level": round(base, 2), "warning_level": round(warning, 2),
                        "guarantee_level": round(warning + 0.8, 2), "position": i / max(count - 1, 1),
                    },
                    streams=level_streams(gid, name),
                )
            )
    return out


def urban_gauges(city: City, seed: int, per_kind: int = 4) -> list[Entity]:
    """Water depth at bridges, culverts and low-lying streets around the centre."""
    out = []
    for prefix, kind_zh, kind_en in _URBAN_KINDS:
        for i in range(per_kind):
            gid = f"{prefix}-{i + 1:02d}"
            ang = 2 * math.pi * unit_random(seed, gid, "ang")
            r = 0.01 + 0.04 * unit_random(seed, gid, "r")
            lat, lon = city.center[0] + r * math.sin(ang), city.center[1] + r * math.cos(ang) * 1.25
            name = f"{kind_zh}{i + 1}号点"
            out.append(
                Entity(
                    id=gid, kind="gauge", name=name, lat=round(lat, 5), lon=round(lon, 5),
                    attrs={
                        "site": kind_en, "base_level": 0.0, "warning_level": 0.15, "guarantee_level": 0.3,
                        "position": 0.0,
                    },
                    streams=level_streams(gid, name),
                )
            )
    return out


def rain_stations(city: City) -> list[Entity]:
    """One at the centre and one in each of the first two river valleys (inside the boundary:
    a point on the bbox diagonal can fall outside a county's real shape)."""
    (s, w), (n, e) = city.bbox
    places = [city.center] + [_along(r.path, f) for r, f in zip(rivers_of(city), (0.3, 0.7))]
    places += [(s + (n - s) * f, w + (e - w) * (1 - f)) for f in (0.25, 0.75)][: 3 - len(places)]
    out = []
    for i, (lat, lon) in enumerate(places):
        sid = f"RG-{i + 1:02d}"
        out.append(
            Entity(
                id=sid, kind="rain_station", name=f"雨量站{i + 1}", lat=round(lat, 5), lon=round(lon, 5),
                streams=(StreamSpec(f"flood/rain/{sid}/intensity", f"雨量站{i + 1} 雨强", "mm/h", RAIN_INTERVAL_S),),
            )
        )
    return out
