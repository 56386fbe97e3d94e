"""Visitors in the scenic spots, simulated: gates open at 08:00 and close at 18:00, the crowd peaks
around 11:00 and 15:00, weekends bring twice a weekday, rain keeps half of them away, and a
``holiday_crowd`` event (a Golden Week day, the demo's tour) fills a spot towards and past its capacity.

Entries of the day are the day's total times the share of opening hours elapsed; visitors in the
spot are the arrivals of the last average stay. Every value is a closed-form function of time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from console.city import City
from console.model import Entity, Reading
from console.sources.simulator import ScenarioEvent, Simulator, grid_times, unit_noise, unit_random
from plugins.tourism.spots import INTERVAL_S, scenic_spots

DAY = 86400.0
TZ_OFFSET_S = 8 * 3600.0  # the pilots are in China: gates open by Beijing time
OPEN_H, CLOSE_H = 8.0, 18.0
STAY_H = 2.5


def arrival_rate(hour: float) -> float:
    """Relative arrivals per hour of the opening hours (integrates to 1 over the day)."""
    if not OPEN_H <= hour < CLOSE_H:
        return 0.0
    x = hour - OPEN_H
    shape = math.exp(-((x - 3.0) ** 2) / 3.0) + 0.8 * math.exp(-((x - 7.0) ** 2) / 3.5)
    return shape / _SHAPE_TOTAL


_SHAPE_TOTAL = sum(math.exp(-((k / 10 - 3.0) ** 2) / 3.0) + 0.8 * math.exp(-((k / 10 - 7.0) ** 2) / 3.5)
                   for k in range(100)) / 10


def arrived_share(hour: float) -> float:
    """The share of the day's entries in by this local hour."""
    steps = int(max(0.0, min(hour, CLOSE_H) - OPEN_H) * 10)
    return sum(arrival_rate(OPEN_H + (k + 0.5) / 10) for k in range(steps)) / 10


@dataclass(frozen=True)
class Crowd:
    spot: str
    start: float
    hours: float
    factor: float  # times a normal day's arrivals

    def on(self, sid: str, t: float) -> bool:
        return sid == self.spot and self.start - 6 * 3600 <= t < self.start + self.hours * 3600


@dataclass(frozen=True)
class Rain:
    start: float
    hours: float

    def on(self, t: float) -> bool:
        return self.start <= t < self.start + self.hours * 3600


class TourismSimulator(Simulator):
    backfill_s = 12 * 3600

    def __init__(self, city: City, seed: int = 1) -> None:
        super().__init__(city, seed)
        self._all = scenic_spots(city)
        self._spots = [e for e in self._all if e.kind == "scenic_spot"]
        self._summary = next(e for e in self._all if e.kind == "tourism_summary")
        self._crowds: list[Crowd] = []
        self._rain: list[Rain] = []

    def entities(self) -> Sequence[Entity]:
        return self._all

    def apply_event(self, event: ScenarioEvent) -> bool:
        p = event.params
        if event.type == "holiday_crowd":
            spot = str(p.get("spot") or (self._spots[0].id if self._spots else ""))
            self._crowds.append(Crowd(spot, event.ts, float(p.get("hours", 6)), float(p.get("factor", 6.0))))
        elif event.type in ("rainstorm", "rain"):
            self._rain.append(Rain(event.ts, float(p.get("hours", 3))))
        else:
            return False
        self.events.append(event)
        return True

    def _day_total(self, e: Entity, d: int, t: float) -> float:
        weekday = (d + 3) % 7  # day 0 (1970-01-01) was a Thursday; 5, 6 = Saturday, Sunday
        factor = 2.0 if weekday in (5, 6) else 1.0
        factor *= 0.9 + 0.2 * unit_random(self.seed, e.id, "day", d)
        crowd = next((c for c in self._crowds if c.on(e.id, t)), None)
        if crowd is not None:
            factor *= crowd.factor
        if any(r.on(t) for r in self._rain):
            factor *= 0.5
        return e.attrs["daily_visitors"] * factor

    def values(self, e: Entity, t: float) -> dict[str, float]:
        local = t + TZ_OFFSET_S
        d, hour = int(local // DAY), (local % DAY) / 3600
        total = self._day_total(e, d, t)
        entries = math.floor(total * arrived_share(hour))
        inside = total * (arrived_share(hour) - arrived_share(hour - STAY_H)) if hour < CLOSE_H else 0.0
        inside = max(0, round(inside * (1 + 0.04 * unit_noise(self.seed, e.id, "in", round(t)))))
        occupancy = round(100.0 * inside / e.attrs["capacity"], 1)
        outside = 100 * e.attrs["from_outside"] * (1.15 if (d + 3) % 7 in (5, 6) else 1.0)
        stay = STAY_H * 60 * (0.9 + 0.2 * unit_random(self.seed, e.id, "stay", d))
        return {"visitors": float(inside), "occupancy": occupancy, "entries": float(entries),
                "from_outside_pct": round(min(outside, 95.0), 1), "stay_min": round(stay)}

    def readings_between(self, t0: float, t1: float) -> list[Reading]:
        out: list[Reading] = []
        for t in grid_times(t0, t1, INTERVAL_S):
            sums = {"visitors": 0.0, "entries": 0.0}
            for e in self._spots:
                values = self.values(e, t)
                for s in e.streams:
                    name = s.id.rsplit("/", 1)[1]
                    out.append(Reading(s.id, t, values[name]))
                sums["visitors"] += values["visitors"]
                sums["entries"] += values["entries"]
            for s in self._summary.streams:
                out.append(Reading(s.id, t, sums[s.id.rsplit("/", 1)[1]]))
        return out
