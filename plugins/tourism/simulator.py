"""Visitors in the scenic spots, simulated: gates open at 08:00 and close at 18:00, the crowd peaks
around 11:00 and 15:00, weekends bring twice a weekday, a rainy day (about one in seven, fixed by the
seed) or a ``rain``/``rainstorm`` event keeps half of them away, a ``holiday`` event (a Golden Week
day) brings 2.5 times a weekday and more of them from afar, and a ``holiday_crowd`` event (the demo's
tour) fills one spot towards and past its capacity at any hour.

Entries of the day are the day's total times the share of opening hours elapsed; visitors in the
spot are the arrivals of the last average stay. Where visitors come from (this county, elsewhere in
the province, other provinces: the phone-signal counts' home areas) and how long they stay in the
county (same day or overnight) follow the spot's pull and the day. Every value is a closed-form
function of time.
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
RAINY_DAY_P = 0.15
RAIN_FACTOR = 0.5
HOLIDAY_FACTOR = 2.5
SAME_DAY_H, OVERNIGHT_H = 5.0, 30.0  # hours in the county of a same-day and of an overnight visitor


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
    """A holiday crowd at one spot: from ``start`` its occupancy climbs evenly to ``peak_pct`` in
    ``ramp_s`` (whatever the hour: the tour may run at night), holds ``hours``, then clears in an hour."""

    spot: str
    start: float
    ramp_s: float
    peak_pct: float
    hours: float

    def pct(self, sid: str, t: float) -> float:
        """The crowd's share of capacity at ``t`` (0 outside it or at another spot)."""
        x = t - self.start
        end = self.ramp_s + self.hours * 3600
        if sid != self.spot or x < 0 or x >= end + 3600:
            return 0.0
        if x < self.ramp_s:
            return self.peak_pct * x / self.ramp_s
        return self.peak_pct if x < end else self.peak_pct * (1 - (x - end) / 3600)

    def arrived_pct(self, sid: str, t: float) -> float:
        """The crowd's entries by ``t`` on its own day, as a share of capacity (they only grow)."""
        x = t - self.start
        same_day = (t + TZ_OFFSET_S) // DAY == (self.start + TZ_OFFSET_S) // DAY
        if sid != self.spot or x < 0 or not same_day:
            return 0.0
        return self.peak_pct * min(1.0, x / self.ramp_s)


@dataclass(frozen=True)
class Spell:
    """Rain or a holiday, from ``start`` for ``hours``."""

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
        self._rain: list[Spell] = []
        self._holidays: list[Spell] = []

    def entities(self) -> Sequence[Entity]:
        return self._all

    def apply_event(self, event: ScenarioEvent) -> bool:
        p = event.params
        hours = float(p.get("duration_h", p.get("hours", 3)))
        if event.type == "holiday_crowd":
            spot = str(p.get("spot") or (self._spots[0].id if self._spots else ""))
            self._crowds.append(Crowd(spot, event.ts, float(p.get("ramp_s", 1800)), float(p.get("peak_pct", 115.0)),
                                      float(p.get("hours", 6))))
        elif event.type in ("rainstorm", "rain"):
            self._rain.append(Spell(event.ts, hours))
        elif event.type == "holiday":
            self._holidays.append(Spell(event.ts, float(p.get("hours", 24))))
        else:
            return False
        self.events.append(event)
        return True

    def rainy_day(self, d: int) -> bool:
        """About one day in seven rains (fixed by the seed); the weather events add their hours."""
        return unit_random(self.seed, "rainy", d) < RAINY_DAY_P

    def raining(self, t: float) -> bool:
        return self.rainy_day(int((t + TZ_OFFSET_S) // DAY)) or any(r.on(t) for r in self._rain)

    def holiday(self, t: float) -> bool:
        return any(h.on(t) for h in self._holidays)

    def _day_total(self, e: Entity, d: int, t: float) -> float:
        weekday = (d + 3) % 7  # day 0 (1970-01-01) was a Thursday; 5, 6 = Saturday, Sunday
        factor = HOLIDAY_FACTOR if self.holiday(t) else 2.0 if weekday in (5, 6) else 1.0
        factor *= 0.9 + 0.2 * unit_random(self.seed, e.id, "day", d)
        if self.raining(t):
            factor *= RAIN_FACTOR
        return e.attrs["daily_visitors"] * factor

    def origin(self, e: Entity, d: int, t: float) -> dict[str, float]:
        """Shares (%) of visitors from this county, elsewhere in the province and other provinces, the
        overnight share and the mean hours in the county: far visitors come on weekends and holidays."""
        far = 1.0 + (0.3 if self.holiday(t) else 0.15 if (d + 3) % 7 in (5, 6) else 0.0)
        outside = min(e.attrs["from_outside"] * far * (0.95 + 0.1 * unit_random(self.seed, e.id, "out", d)), 0.95)
        # the province's own share of the visitors from outside falls as the trip is a holiday's
        in_province = outside * (0.68 - 0.2 * (far - 1.0))
        other = outside - in_province
        overnight = min(0.05 + 0.25 * in_province + 0.7 * other, 0.9)
        return {"origin_local_pct": round(100 * (1 - outside), 1), "origin_province_pct": round(100 * in_province, 1),
                "origin_other_pct": round(100 * other, 1), "from_outside_pct": round(100 * outside, 1),
                "overnight_pct": round(100 * overnight, 1),
                "stay_h": round(SAME_DAY_H + (OVERNIGHT_H - SAME_DAY_H) * overnight, 1)}

    def values(self, e: Entity, t: float) -> dict[str, float]:
        local = t + TZ_OFFSET_S
        d, hour = int(local // DAY), (local % DAY) / 3600
        total = self._day_total(e, d, t)
        entries = math.floor(total * arrived_share(hour))
        inside = total * (arrived_share(hour) - arrived_share(hour - STAY_H)) if hour < CLOSE_H else 0.0
        crowd = max((c.pct(e.id, t) for c in self._crowds), default=0.0) * e.attrs["capacity"] / 100
        inside = max(inside, crowd)
        entries += math.floor(sum(c.arrived_pct(e.id, t) for c in self._crowds) * e.attrs["capacity"] / 100)
        inside = max(0, round(inside * (1 + 0.04 * unit_noise(self.seed, e.id, "in", round(t)))))
        occupancy = round(100.0 * inside / e.attrs["capacity"], 1)
        stay = STAY_H * 60 * (0.9 + 0.2 * unit_random(self.seed, e.id, "stay", d))
        return {"visitors": float(inside), "occupancy": occupancy, "entries": float(entries),
                **self.origin(e, d, t), "stay_min": round(stay)}

    def readings_between(self, t0: float, t1: float) -> list[Reading]:
        out: list[Reading] = []
        for t in grid_times(t0, t1, INTERVAL_S):
            sums: dict[str, float] = {}
            weight = 0.0
            for e in self._spots:
                values = self.values(e, t)
                for s in e.streams:
                    out.append(Reading(s.id, t, values[s.id.rsplit("/", 1)[1]]))
                # the county's shares are the spots' weighted by the day's entries (by the spot's
                # normal day before the gates open, so the night keeps yesterday's picture)
                w = values["entries"] or float(e.attrs["daily_visitors"]) / 1000
                weight += w
                for name, v in values.items():
                    sums[name] = sums.get(name, 0.0) + (v if name in ("visitors", "entries") else v * w)
            for s in self._summary.streams:
                name = s.id.rsplit("/", 1)[1]
                v = sums.get(name, 0.0)
                out.append(Reading(s.id, t, v if name in ("visitors", "entries") else round(v / weight, 1) if weight else 0.0))
        return out
