"""Where a bus stands on the map: its fractional stop index along its trip as a point between the
two stops (straight between them: the shipped timetable has no shapes), and where it waits
between trips (at the terminal it arrived at)."""

from __future__ import annotations

from dataclasses import replace

from console.model import Entity
from plugins.transit.timetable import Timetable, Trip


def point_on_trip(tt: Timetable, trip: Trip, position: float) -> tuple[float, float]:
    """(lat, lon) of a bus at ``position`` (2.5: halfway from the third stop to the fourth)."""
    k = max(0, min(int(position), len(trip.stops) - 2))
    f = max(0.0, min(1.0, position - k))
    a, b = tt.stops[trip.stops[k]], tt.stops[trip.stops[k + 1]]
    return round(a.lat + f * (b.lat - a.lat), 6), round(a.lon + f * (b.lon - a.lon), 6)


def placed(bus: Entity, point: tuple[float, float] | None) -> Entity:
    """The bus entity at that point (None: off the map, in the depot)."""
    lat, lon = point if point is not None else (None, None)
    return replace(bus, lat=lat, lon=lon)
