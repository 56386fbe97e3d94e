"""Passenger flow per stop and hour against the capacity the timetable runs there, and the
scheduling advice it suggests. Qt-free.

The buses' passenger counters give each bus's load (% of one bus's capacity) as it runs; a bus
between its stops k and k+1 carries what it took on leaving stop k. For each route, direction,
stop and hour (by the timetable's departure from that stop) the load there is the mean over the
trips observed of each trip's mean load leaving it; the passengers are that load times the
capacity the hour runs (its scheduled trips times one bus's capacity). Where the fullest stop of
an hour runs above ``advise_pct`` (seen for at least half its trips), the advice is the trips to add to bring it back to
``advise_pct``: ceil(trips × load / advise_pct) − trips (4 trips at 118 % → 6 → add 2).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from console.languages import Text
from plugins.transit.board import TZ_OFFSET_S, service_day0
from plugins.transit.timetable import Timetable

HOUR = 3600.0


@dataclass(frozen=True)
class Observation:
    """One report of a bus's passenger counter: on which trip, where along it, how full."""

    ts: float
    trip: int  # index into the timetable's trips
    position: float
    load_pct: float


@dataclass(frozen=True)
class StopHour:
    route: str  # route id
    direction: int
    stop: str  # stop id
    hour: float  # epoch of the hour's start
    trips: int  # trips the timetable runs from the stop in the hour
    observed: int  # of them, the trips whose counters reported leaving it
    load_pct: float  # mean load leaving the stop, % of one bus's capacity

    def passengers(self, capacity: float) -> float:
        """Passengers leaving the stop in the hour (on board), counted over every scheduled trip."""
        return self.load_pct / 100 * capacity * self.trips


@dataclass(frozen=True)
class FlowAdvice:
    peak: StopHour  # the fullest stop of the route's hour
    route_name: str  # 2路
    stop_name: str
    add_trips: int

    def text(self) -> Text:
        start = (self.peak.hour + TZ_OFFSET_S) % 86400 // HOUR
        return Text("Transit", "{route} {start}–{end}：{stop} 满载率 {load} % → 建议加开 {n} 班").format(
            route=self.route_name, start=f"{start:02.0f}:00", end=f"{(start + 1) % 24:02.0f}:00",
            stop=self.stop_name, load=f"{self.peak.load_pct:.0f}", n=self.add_trips)


def observations(history: Mapping[str, list], block: str) -> list[Observation]:
    """A bus's counter reports from the cache's history ({stream: [(ts, value, quality), ...]}):
    trip, position and load stamped at the same instant are one report."""
    prefix = f"transit/bus/{block}"

    def by_ts(name: str) -> dict[float, float]:
        return {row[0]: row[1] for row in history.get(f"{prefix}/{name}", ()) if row[1] is not None}

    trip, pos, load = by_ts("trip"), by_ts("position"), by_ts("load_pct")
    return [Observation(ts, int(trip[ts]), pos[ts], load[ts]) for ts in sorted(load) if ts in trip and ts in pos]


def _hour_of(ts: float) -> float:
    return (ts + TZ_OFFSET_S) // HOUR * HOUR - TZ_OFFSET_S


def stop_hours(tt: Timetable, obs: Iterable[Observation]) -> list[StopHour]:
    """The load leaving each stop in each hour some trip was observed there."""
    per_trip: dict[tuple[int, int, float], list[float]] = {}  # (trip, stop index, day0) -> loads
    for o in obs:
        if not 0 <= o.trip < len(tt.trips):
            continue
        trip = tt.trips[o.trip]
        k = int(o.position)
        if k >= len(trip.stops) - 1:
            continue  # at the terminal: everyone gets off
        # the service day the trip runs on: from its departure, not the report (one past midnight)
        day0 = service_day0(o.ts - (trip.times[k] - trip.start))
        per_trip.setdefault((o.trip, k, day0), []).append(o.load_pct)
    cells: dict[tuple[str, int, str, float], list[float]] = {}
    for (i, k, day0), loads in per_trip.items():
        trip = tt.trips[i]
        cells.setdefault((trip.route, trip.direction, trip.stops[k], _hour_of(day0 + trip.times[k])), []).append(sum(loads) / len(loads))
    out = []
    for (route, direction, stop, hour), loads in cells.items():
        day0 = service_day0(hour)
        trips = sum(1 for t in tt.trips if (t.route, t.direction) == (route, direction)
                    for k, s in enumerate(t.stops[:-1]) if s == stop and hour <= day0 + t.times[k] < hour + HOUR)
        out.append(StopHour(route, direction, stop, hour, max(trips, len(loads)), len(loads), sum(loads) / len(loads)))
    out.sort(key=lambda c: (c.route, c.direction, c.hour, c.stop))
    return out


def scheduling_advice(tt: Timetable, cells: Iterable[StopHour], advise_pct: float = 80.0,
                      min_observed: float = 0.5) -> list[FlowAdvice]:
    """Per route, direction and hour whose fullest stop runs above ``advise_pct``: the trips to add;
    the most trips first, then the fullest. A stop's hour seen for fewer than ``min_observed`` of
    its trips (the edge of the history, counters silent) is not judged."""
    peaks: dict[tuple[str, int, float], StopHour] = {}
    for c in cells:
        if c.observed < min_observed * c.trips:
            continue
        key = (c.route, c.direction, c.hour)
        if key not in peaks or c.load_pct > peaks[key].load_pct:
            peaks[key] = c
    out = []
    for p in peaks.values():
        if p.load_pct > advise_pct:
            add = math.ceil(round(p.trips * p.load_pct / advise_pct, 6)) - p.trips
            out.append(FlowAdvice(p, tt.routes[p.route].name, tt.stops[p.stop].name, add))
    out.sort(key=lambda a: (-a.add_trips, -a.peak.load_pct, a.peak.route, a.peak.hour))
    return out
