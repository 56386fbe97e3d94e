"""Buses on their timetable, simulated: the day's traffic slows them in the peaks, rain slows them
more, and a ``bus_incident`` (a breakdown, a crash on the road) holds one bus back so the bus behind
catches it up (bunching) and a gap opens ahead of it. Passenger demand peaks in the mornings and
evenings; a bus behind a gap fills up, one bunched behind another runs empty.

A trip's delay grows along it: departure delay plus its slowness times the scheduled running time;
every value is a closed-form function of time, so a back-fill and the live run agree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from console.city import City
from console.model import Entity, Reading
from console.sources.simulator import ScenarioEvent, Simulator, grid_times, unit_noise, unit_random
from plugins.transit.bus_places import placed, point_on_trip
from plugins.transit.headway import BUNCH_RATIO, GAP_RATIO, headway, position_at, time_at
from plugins.transit.network import BUS_INTERVAL_S, STOP_INTERVAL_S, transit_entities
from plugins.transit.timetable import Timetable, Trip, load_city_timetable

DAY = 86400.0
TZ_OFFSET_S = 8 * 3600.0  # timetables are in Beijing time
RAIN_SLOW = 1.35
ROLLING_S = 600.0  # the charted route load: a 10-minute rolling mean of the route's mean bus load


def congestion(hour: float) -> float:
    """Extra running time per scheduled second by the hour of the day (0.15: 15 % slower)."""
    if 7 <= hour < 9 or 17 <= hour < 19:
        return 0.15
    return 0.06 if 6 <= hour < 21 else 0.02


def demand(hour: float) -> float:
    """Passengers wanting a bus, relative to a bus full at a peak."""
    peaks = math.exp(-((hour - 7.5) ** 2) / 0.8) + 0.9 * math.exp(-((hour - 17.6) ** 2) / 1.0)
    base = 0.3 if 6 <= hour < 20 else 0.1
    return base + 0.6 * peaks


@dataclass(frozen=True)
class Incident:
    route: str
    ts: float  # epoch
    hours: float
    slow: float  # extra running time per scheduled second for the held bus


class TransitSimulator(Simulator):
    backfill_s = 3 * 3600
    move_interval_s = 10.0  # the buses' markers move every 10 s of simulated time

    def __init__(self, city: City, seed: int = 1, timetable: Timetable | None = None) -> None:
        super().__init__(city, seed)
        self.timetable = timetable if timetable is not None else load_city_timetable(city.id)
        self._all = transit_entities(city, self.timetable) if self.timetable else []
        self._buses = [e for e in self._all if e.kind == "bus"]
        self._incidents: list[Incident] = []
        self._rain: list[tuple[float, float]] = []  # (from, until), epoch
        self._index = {t.id: i for i, t in enumerate(self.timetable.trips)} if self.timetable else {}
        self._ahead = {t.id: self.timetable.ahead_of(t) for t in self.timetable.trips} if self.timetable else {}
        self._by_block: dict[str, list[Trip]] = self.timetable.blocks() if self.timetable else {}
        self._means: dict[float, dict[str, float | None]] = {}  # grid time -> route -> mean load

    def entities(self) -> Sequence[Entity]:
        return self._all

    def apply_event(self, event: ScenarioEvent) -> bool:
        p = event.params
        if self.timetable is None:
            return False  # no buses in this city
        if event.type == "bus_incident":
            route = str(p.get("route") or next(iter(self.timetable.routes)))
            self._incidents.append(Incident(route, event.ts, float(p.get("hours", 1.0)), float(p.get("slow", 0.6))))
        elif event.type in ("rainstorm", "rain"):
            self._rain.append((event.ts, event.ts + float(p.get("hours", 3)) * 3600))
        else:
            return False
        self.events.append(event)
        self._actual.cache_clear()
        self._means.clear()
        return True

    def _raining(self, t: float) -> bool:
        return any(a <= t < b for a, b in self._rain)

    def prepare_demo(self, now: float) -> None:
        # open on a held bus on route 1: a gap ahead of it and the bus behind bunching up
        if self.timetable:
            self.apply_event(ScenarioEvent("bus_incident", now - 1800, {"route": next(iter(self.timetable.routes)), "hours": 1.0}))

    # -- the model --------------------------------------------------------------------------
    @lru_cache(maxsize=4096)
    def _actual(self, trip_id: str, day0: float) -> tuple[float, ...]:
        """The trip's actual arrival times (epoch) on the service day starting at ``day0``."""
        trip = self.timetable.trips[self._index[trip_id]]
        start = day0 + trip.start
        slow = congestion(trip.start / 3600) + 0.03 * unit_noise(self.seed, trip_id, day0, "slow")
        if self._raining(start):
            slow = slow * RAIN_SLOW + 0.05
        delay0 = 60.0 * unit_random(self.seed, trip_id, day0, "dep")
        held = [inc for inc in self._incidents if inc.route == trip.route and self._held(trip, day0, inc)]
        out = []
        for s in trip.times:
            sched = day0 + s
            d = delay0 + slow * (s - trip.start)
            for inc in held:
                d += inc.slow * max(0.0, min(sched, inc.ts + inc.hours * 3600) - max(inc.ts, start))
            out.append(sched + d)
        return tuple(out)

    def _held(self, trip: Trip, day0: float, inc: Incident) -> bool:
        running = [t for t in self.timetable.trips if t.route == inc.route and t.direction == 0
                   and day0 + t.start <= inc.ts <= day0 + t.end]
        # the bus that left last is held: the most of its trip is still ahead of it
        return bool(running) and running[-1].id == trip.id

    def _on_trip(self, bus: Entity, t: float) -> tuple[Trip, float, float] | None:
        """(trip, position, service day's midnight) of the bus at time t, None between trips."""
        day0 = (t + TZ_OFFSET_S) // DAY * DAY - TZ_OFFSET_S
        for trip in self._by_block.get(bus.attrs["block"], ()):
            p = position_at(self._actual(trip.id, day0), t)
            if p is not None:
                return trip, p, day0
        return None

    def where(self, bus: Entity, t: float) -> tuple[float, float] | None:
        """(lat, lon) of the bus at time t: on its trip, at the terminal between two trips, None
        before its first trip of the day and after its last (in the depot)."""
        on = self._on_trip(bus, t)
        if on is not None:
            return point_on_trip(self.timetable, on[0], on[1])
        day0 = (t + TZ_OFFSET_S) // DAY * DAY - TZ_OFFSET_S
        trips = self._by_block.get(bus.attrs["block"], ())
        done = [tr for tr in trips if self._actual(tr.id, day0)[-1] < t]
        if not done or len(done) == len(trips):
            return None
        last = done[-1]
        return point_on_trip(self.timetable, last, len(last.stops) - 1)

    def moved_entities(self, t: float) -> Sequence[Entity]:
        return [placed(b, self.where(b, t)) for b in self._buses]

    def bus_state(self, bus: Entity, t: float) -> dict[str, float]:
        """The values a bus reports at time t (only ``in_service`` = 0 when it is not on a trip)."""
        on = self._on_trip(bus, t)
        if on is not None:
            trip, p, day0 = on
            sched = tuple(day0 + s for s in trip.times)
            out = {"in_service": 1.0, "trip": float(self._index[trip.id]), "position": round(p, 3),
                   "delay_min": round((t - time_at(sched, p)) / 60, 2)}
            ratio = 1.0
            ahead = self._ahead[trip.id]
            if ahead is not None:
                h = headway(t, p, self._actual(ahead.id, day0), sched, tuple(day0 + s for s in ahead.times))
                ratio = h.ratio
                out["headway_min"] = round(h.actual_s / 60, 2)
                out["headway_ratio"] = round(h.ratio, 3)
            hour = ((t + TZ_OFFSET_S) % DAY) / 3600
            frac = p / (len(trip.times) - 1)
            rain = 1.2 if self._raining(t) else 1.0
            load = 100 * demand(hour) * rain * max(0.3, min(ratio, 2.5)) ** 0.7 * (0.45 + 0.75 * math.sin(math.pi * frac))
            out["load_pct"] = float(round(max(0.0, load * (1 + 0.06 * unit_noise(self.seed, bus.id, round(t))))))
            return out
        return {"in_service": 0.0}

    def boardings(self, stop: Entity, t: float) -> float:
        hour = ((t + TZ_OFFSET_S) % DAY) / 3600
        rain = 1.2 if self._raining(t) else 1.0
        weight = 0.6 + unit_random(self.seed, stop.id, "weight")
        return float(round(90 * demand(hour) * weight * len(stop.attrs["routes"]) * rain * (1 + 0.05 * unit_noise(self.seed, stop.id, round(t)))))

    def _route_means(self, t: float) -> dict[str, float | None]:
        """Each route's mean bus load at grid time t (None: no bus in service), remembered for the
        rolling mean: the minutes before t are asked again at each of the next ten."""
        got = self._means.get(t)
        if got is None:
            loads: dict[str, list[float]] = {}
            for bus in self._buses:
                v = self.bus_state(bus, t)
                if v["in_service"]:
                    loads.setdefault(bus.attrs["route"], []).append(v["load_pct"])
            got = self._remember(t, loads)
        return got

    def _remember(self, t: float, loads: dict[str, list[float]]) -> dict[str, float | None]:
        got = {r: (sum(x) / len(x) if (x := loads.get(r)) else None) for r in self.timetable.routes}
        self._means[t] = got
        for old in [k for k in self._means if k < t - 2 * ROLLING_S]:
            del self._means[old]
        return got

    def rolling_load(self, route: str, t: float) -> float | None:
        """The route's mean load over the ROLLING_S up to grid time t (the minutes with a bus in service)."""
        vals = [m for k in range(int(ROLLING_S // BUS_INTERVAL_S))
                if (m := self._route_means(t - k * BUS_INTERVAL_S)[route]) is not None]
        return sum(vals) / len(vals) if vals else None

    def readings_between(self, t0: float, t1: float) -> list[Reading]:
        if self.timetable is None:
            return []  # no buses in this city
        out: list[Reading] = []
        routes = [e for e in self._all if e.kind == "bus_route"]
        for t in grid_times(t0, t1, BUS_INTERVAL_S):
            per_route: dict[str, list[dict[str, float]]] = {r.attrs["route"]: [] for r in routes}
            for bus in self._buses:
                values = self.bus_state(bus, t)
                prefix = f"transit/bus/{bus.attrs['block']}"
                out.extend(Reading(f"{prefix}/{k}", t, v) for k, v in values.items())
                if values["in_service"]:
                    per_route[bus.attrs["route"]].append(values)
            means = self._remember(t, {r: [v["load_pct"] for v in vals] for r, vals in per_route.items()})
            for r in routes:
                vals = per_route[r.attrs["route"]]
                prefix = f"transit/route/{r.attrs['route']}"
                ratios = [v["headway_ratio"] for v in vals if "headway_ratio" in v]
                out.append(Reading(f"{prefix}/buses", t, float(len(vals))))
                out.append(Reading(f"{prefix}/bunched", t, float(sum(x < BUNCH_RATIO for x in ratios))))
                out.append(Reading(f"{prefix}/gaps", t, float(sum(x > GAP_RATIO for x in ratios))))
                if vals:
                    out.append(Reading(f"{prefix}/load_pct", t, float(round(means[r.attrs["route"]]))))
                rolling = self.rolling_load(r.attrs["route"], t)
                if rolling is not None:
                    out.append(Reading(f"{prefix}/load_pct_10min", t, round(rolling, 1)))
        for t in grid_times(t0, t1, STOP_INTERVAL_S):
            for e in self._all:
                if e.kind == "bus_stop":
                    out.append(Reading(e.streams[0].id, t, self.boardings(e, t)))
        return out
