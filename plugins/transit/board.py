"""What an e-stop board shows: the next buses to the stop, each with its minutes to arrival.

A bus on the road is predicted from what it reports (its trip, position and delay): the timetable's
arrival at the stop plus the bus's delay now. A trip no bus reports yet is shown by its timetable
and marked scheduled; a trip whose bus has passed the stop is gone from the board. A bus whose
reports went stale is not trusted: its trip falls back to the timetable, marked so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from plugins.transit.timetable import Timetable

DAY = 86400.0
TZ_OFFSET_S = 8 * 3600.0


@dataclass(frozen=True)
class BusNow:
    """What one bus last reported."""

    bus: str  # entity name, as the board says it
    trip: int  # index into the timetable's trips
    position: float
    delay_s: float
    load_pct: float | None = None


@dataclass(frozen=True)
class Arrival:
    route: str  # 1路
    headsign: str
    trip_id: str
    eta_s: float  # seconds from now (0: at the stop)
    live: bool  # predicted from the bus, or only the timetable
    bus: str = ""
    load_pct: float | None = None

    @property
    def minutes(self) -> int:
        return max(0, round(self.eta_s / 60))


def service_day0(now: float) -> float:
    """The epoch of local midnight of the service day ``now`` is in."""
    return (now + TZ_OFFSET_S) // DAY * DAY - TZ_OFFSET_S


def next_arrivals(tt: Timetable, stop_id: str, now: float, buses: Iterable[BusNow], n: int = 6,
                  horizon_s: float = 3600.0) -> list[Arrival]:
    day0 = service_day0(now)
    live: Mapping[str, BusNow] = {tt.trips[b.trip].id: b for b in buses if 0 <= b.trip < len(tt.trips)}
    out = []
    for trip in tt.trips:
        k = trip.index_of(stop_id)
        if k is None or k == len(trip.stops) - 1:
            continue  # a bus ending its trip here takes no one on
        due = day0 + trip.times[k]
        bus = live.get(trip.id)
        if bus is not None:
            if bus.position > k:
                continue  # passed the stop
            eta = due + bus.delay_s - now
            out.append(Arrival(tt.routes[trip.route].name, trip.headsign, trip.id, max(0.0, eta), True, bus.bus, bus.load_pct))
        elif now <= due <= now + horizon_s:
            # not on the road yet, or its bus silent: the timetable's word
            out.append(Arrival(tt.routes[trip.route].name, trip.headsign, trip.id, due - now, False))
    out.sort(key=lambda a: (a.eta_s, a.route))
    return out[:n]


def buses_now(hub, now: float) -> list[BusNow]:
    """The buses in service whose trip, position and delay are current in the hub."""
    out = []
    for e in hub.entities.values():
        if e.kind != "bus":
            continue
        prefix = f"transit/bus/{e.attrs['block']}"
        if not hub.freshness(f"{prefix}/position", now)[0].is_current:
            continue
        got = {k: hub.latest(f"{prefix}/{k}") for k in ("in_service", "trip", "position", "delay_min", "load_pct")}
        if any(got[k] is None for k in ("in_service", "trip", "position", "delay_min")) or not got["in_service"].value:
            continue
        if got["trip"].ts != got["position"].ts:
            continue  # a trip and a position from different moments would put the bus on the wrong trip
        load = got["load_pct"].value if got["load_pct"] is not None else None
        out.append(BusNow(e.name, int(got["trip"].value), got["position"].value, got["delay_min"].value * 60, load))
    return out
