"""The communities' live systems, simulated through the day (Beijing time): residents through the
gates peak at 07-09 and 17-19, parcels fill the lockers through the day and are picked up in the
evening, EV chargers are busy overnight, and an elderly-care call (a fall, a wristband's SOS) stays
open until staff reach the home. ``elderly_call`` (the tour's) opens one; a few arise on their own.
The weather events the other simulators take move them too: under ``rainstorm``/``rain`` fewer
residents go out (gate passages x0.6, EV charging x0.8) and falls on wet ground double the
elderly-care calls; a ``cold_wave`` keeps residents in (x0.8) and doubles the calls too; the two
together give x4. Every value is a closed-form function of time."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from console.city import City
from console.model import Entity, Reading
from console.sources.simulator import ScenarioEvent, Simulator, grid_times, unit_noise, unit_random
from plugins.community.communities import INTERVAL_S, communities

DAY = 86400.0
TZ_OFFSET_S = 8 * 3600.0
CALL_OPEN_MIN = 25.0  # a call stays open this long before staff reach the home
RAIN_ACCESS, RAIN_CHARGING, RAIN_CALLS = 0.6, 0.8, 2.0
COLD_ACCESS, COLD_CALLS = 0.8, 2.0


def _bump(hour: float, at: float, width: float) -> float:
    d = min(abs(hour - at), 24 - abs(hour - at))
    return math.exp(-(d ** 2) / (2 * width ** 2))


def access_rate(hour: float) -> float:
    """Gate passages per household per hour."""
    return 0.02 + 0.35 * _bump(hour, 7.8, 0.8) + 0.3 * _bump(hour, 18.0, 1.0) + 0.08 * _bump(hour, 12.0, 1.5)


def locker_fill(hour: float) -> float:
    """Share of locker cells holding a parcel: deliveries from 09:00, pick-ups after work; by midnight
    the day's parcels are collected, so the day ends where it began."""
    delivered = 0.75 / (1 + math.exp(-(hour - 13.0) / 1.5))
    picked = 0.75 / (1 + math.exp(-(hour - 19.0) / 1.2))
    return min(1.0, max(0.0, 0.15 + delivered - picked))


def charging_share(hour: float) -> float:
    """Share of chargers in use: residents charge overnight."""
    return 0.15 + 0.7 * _bump(hour, 23.0, 3.5)


@dataclass(frozen=True)
class Spell:
    """A stretch of weather: rain or cold, from ``start`` for ``hours``."""

    kind: str
    start: float
    hours: float

    def on(self, t: float) -> bool:
        return self.start <= t < self.start + self.hours * 3600


@dataclass(frozen=True)
class Call:
    community: str
    start: float

    def open_at(self, cid: str, t: float) -> bool:
        return cid == self.community and self.start <= t < self.start + CALL_OPEN_MIN * 60


class CommunitySimulator(Simulator):
    backfill_s = 12 * 3600

    def __init__(self, city: City, seed: int = 1) -> None:
        super().__init__(city, seed)
        self._all = communities(city)
        self._sites = [e for e in self._all if e.kind == "community"]
        self._summary = next(e for e in self._all if e.kind == "community_summary")
        self._calls: list[Call] = []
        self._weather: list[Spell] = []

    def entities(self) -> Sequence[Entity]:
        return self._all

    def apply_event(self, event: ScenarioEvent) -> bool:
        p = event.params
        if event.type in ("rainstorm", "rain", "cold_wave"):
            kind = "cold" if event.type == "cold_wave" else "rain"
            default_h = 48.0 if kind == "cold" else 3.0
            self._weather.append(Spell(kind, event.ts, float(p.get("duration_h", p.get("hours", default_h)))))
            self.events.append(event)
            return True
        if event.type != "elderly_call":
            return False
        cid = str(event.params.get("community") or (self._sites[0].id if self._sites else ""))
        if cid not in {e.id for e in self._sites}:
            raise ValueError(f"elderly_call: no community {cid!r} in {self.city.id}")
        self._calls.append(Call(cid, event.ts))
        self.events.append(event)
        return True

    def weather(self, t: float) -> tuple[bool, bool]:
        """(raining, cold) at ``t``."""
        return (any(w.kind == "rain" and w.on(t) for w in self._weather),
                any(w.kind == "cold" and w.on(t) for w in self._weather))

    def _factors(self, t: float) -> tuple[float, float, float]:
        """(access, charging, calls) multipliers of the weather at ``t``."""
        rain, cold = self.weather(t)
        access = (RAIN_ACCESS if rain else 1.0) * (COLD_ACCESS if cold else 1.0)
        charging = RAIN_CHARGING if rain else 1.0
        calls = (RAIN_CALLS if rain else 1.0) * (COLD_CALLS if cold else 1.0)
        return access, charging, calls

    def _own_call(self, e: Entity, t: float) -> bool:
        # about one call a day in a large community, at an hour of its own; bad weather makes
        # more of them (the chance is the weather's at the call's own start)
        d = int((t + TZ_OFFSET_S) // DAY)
        start = d * DAY - TZ_OFFSET_S + 3600 * 24 * unit_random(self.seed, e.id, "call_at", d)
        if unit_random(self.seed, e.id, "call", d) > e.attrs["elderly"] / 700 * self._factors(start)[2]:
            return False
        return start <= t < start + CALL_OPEN_MIN * 60

    def values(self, e: Entity, t: float) -> dict[str, float]:
        hour = ((t + TZ_OFFSET_S) % DAY) / 3600
        a = e.attrs
        noise = unit_noise(self.seed, e.id, "n", round(t))
        f_access, f_charging, _ = self._factors(t)
        access = a["households"] * access_rate(hour) * f_access * INTERVAL_S / 3600 * (1 + 0.1 * noise)
        calls = sum(c.open_at(e.id, t) for c in self._calls) + int(self._own_call(e, t))
        return {
            "access_events": float(max(0, round(access))),
            "care_calls": float(calls),
            "locker_fill_pct": round(100 * min(1.0, locker_fill(hour) * (1 + 0.05 * noise)), 1),
            "ev_in_use": float(min(a["chargers"], round(a["chargers"] * charging_share(hour) * f_charging * (1 + 0.1 * noise)))),
            "indicator_pct": float(a["indicator_pct"]),
        }

    def readings_between(self, t0: float, t1: float) -> list[Reading]:
        out: list[Reading] = []
        bar = self._sites[0].attrs["bar_pct"] if self._sites else 80.0
        for t in grid_times(t0, t1, INTERVAL_S):
            for e in self._sites:
                values = self.values(e, t)
                out.extend(Reading(s.id, t, values[s.id.rsplit("/", 1)[1]]) for s in e.streams)
            if self._sites:
                pcts = [e.attrs["indicator_pct"] for e in self._sites]
                summary = {"smart_count": float(sum(p >= bar for p in pcts)), "indicator_pct": round(sum(pcts) / len(pcts), 1)}
                out.extend(Reading(s.id, t, summary[s.id.rsplit("/", 1)[1]]) for s in self._summary.streams)
        return out
