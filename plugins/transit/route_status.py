"""Each route's buses in order along it, with the headway to the bus ahead and its state, as the
hub last heard them (the scheduling advice is plugins.transit.passenger_flow's)."""

from __future__ import annotations

from dataclasses import dataclass

from plugins.transit.headway import BUNCH_RATIO, GAP_RATIO
from plugins.transit.timetable import Timetable


@dataclass(frozen=True)
class BusRow:
    bus: str
    direction: int
    headsign: str
    position: float
    next_stop: str
    headway_min: float | None
    ratio: float | None
    delay_min: float
    load_pct: float | None
    entity: str = ""  # the bus's entity id

    @property
    def state(self) -> str:
        if self.ratio is None:
            return "first"  # the first bus of the day in its direction: nobody ahead
        if self.ratio < BUNCH_RATIO:
            return "bunched"
        if self.ratio > GAP_RATIO:
            return "gap"
        return "ok"


def route_rows(hub, tt: Timetable, route: str, now: float) -> list[BusRow]:
    """The route's buses in service with current reports, by direction, the one furthest on first."""
    rows = []
    for e in hub.entities.values():
        if e.kind != "bus" or e.attrs.get("route") != route:
            continue
        prefix = f"transit/bus/{e.attrs['block']}"
        if not hub.freshness(f"{prefix}/position", now)[0].is_current:
            continue
        got = {k: hub.latest(f"{prefix}/{k}") for k in ("in_service", "trip", "position", "delay_min", "headway_min", "headway_ratio", "load_pct")}
        if got["in_service"] is None or not got["in_service"].value or got["trip"] is None or got["position"] is None:
            continue
        trip = tt.trips[int(got["trip"].value)]
        p = got["position"].value
        ts = got["position"].ts
        # a headway from an earlier trip of this bus is no headway of this one
        hw, ratio = ((got["headway_min"].value, got["headway_ratio"].value)
                     if got["headway_ratio"] is not None and got["headway_min"] is not None and got["headway_ratio"].ts == ts else (None, None))
        nxt = tt.stops[trip.stops[min(len(trip.stops) - 1, int(p) + (0 if p == int(p) else 1))]].name
        load = got["load_pct"].value if got["load_pct"] is not None and got["load_pct"].ts == ts else None
        rows.append(BusRow(e.name, trip.direction, trip.headsign, p, nxt, hw, ratio, got["delay_min"].value if got["delay_min"] else 0.0, load, e.id))
    rows.sort(key=lambda r: (r.direction, -r.position))
    return rows
