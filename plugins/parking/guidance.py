"""Parking guidance: from a point, the nearest car parks that have free spaces. Qt-free."""

from __future__ import annotations

import math
from dataclasses import dataclass

from console.model import Entity

EARTH_RADIUS_M = 6_371_000.0


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points, in metres."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class Suggestion:
    carpark: Entity
    distance_m: float
    free: int
    current: bool  # False: the count is stale, the driver should not trust it


def nearest_with_free(
    carparks: list[Entity], free: dict[str, tuple[float | None, bool]], origin: tuple[float, float],
    n: int = 5, min_free: int = 1,
) -> list[Suggestion]:
    """The n nearest car parks with at least ``min_free`` spaces, nearest first.

    ``free`` maps car park id -> (free spaces or None, whether the count is current).
    Car parks with a stale count are suggested only after every current one.
    """
    out = []
    for e in carparks:
        value, current = free.get(e.id, (None, False))
        if value is None or value < min_free or not e.has_position:
            continue
        out.append(Suggestion(e, distance_m(origin, (e.lat, e.lon)), int(value), current))
    out.sort(key=lambda s: (not s.current, s.distance_m))
    return out[:n]
