"""The car parks near a scenic spot and their free spaces, from whatever car parks the hub holds
(the parking plugin's, or a city's own source): chosen by entity kind and distance, never by
importing the plugin that brings them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from console.cameras.paging import distance_m
from console.model import Entity, Reading

RADIUS_KM = 3.0
CARPARK_SELECT = {"kind": "carpark"}
FREE_STREAM = "free"  # the car park's stream of free spaces (its last path part)


@dataclass(frozen=True)
class NearbyParking:
    """A spot's car parks within the radius: how many, their free spaces and capacity (of those
    with a count), the nearest with room, and the newest count's stream (its freshness is the row's)."""

    spot: Entity
    count: int
    free: int
    capacity: int
    nearest: Entity | None  # the nearest car park with room, in or out of the radius
    nearest_m: float | None
    newest: str | None

    @property
    def occupancy_pct(self) -> float | None:
        return None if not self.capacity else 100.0 * (self.capacity - self.free) / self.capacity


def free_stream(carpark: Entity) -> str | None:
    return next((s.id for s in carpark.streams if s.id.rsplit("/", 1)[-1] == FREE_STREAM), None)


def parking_near(spot: Entity, carparks: Iterable[Entity], latest: Callable[[str], Reading | None],
                 radius_km: float = RADIUS_KM) -> NearbyParking:
    """The car parks within ``radius_km`` of the spot, by their latest counts."""
    count = free = capacity = 0
    nearest, nearest_m, newest = None, None, None
    for cp in carparks:
        stream = free_stream(cp)
        if not (cp.has_position and spot.has_position and stream):
            continue
        d = distance_m(spot.lat, spot.lon, cp.lat, cp.lon)  # type: ignore[arg-type]
        r = latest(stream)
        if d <= radius_km * 1000:
            count += 1
            if r is not None:
                free += max(0, int(r.value))
                capacity += int(cp.attrs.get("capacity", 0))
                if newest is None or r.ts > newest[1]:
                    newest = (stream, r.ts)
        if r is not None and r.value >= 1 and (nearest_m is None or d < nearest_m):
            nearest, nearest_m = cp, d
    return NearbyParking(spot, count, free, capacity, nearest, nearest_m, newest[0] if newest else None)
