"""The lamp posts through the day: each lamp switches on at sunset and off at sunrise at its own
place (plugins.streetlight.daylight), a faulty lamp stays dark, chargers are busy in the evening
and overnight, and the display turns through its messages every ten minutes. ``lamp_fault``
(the tour's) breaks a post; now and then one breaks on its own; under a ``rainstorm`` the
posts' light sensors read dark and the lamps come on by day. Closed-form in time."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from console.city import City
from console.model import Entity, Reading
from console.sources.simulator import ScenarioEvent, Simulator, grid_times, unit_random
from plugins.streetlight.daylight import is_dark
from plugins.streetlight.lampposts import CHARGER_KW, CITY_INTERVAL_S, CITY_PHASES, INTERVAL_S, MESSAGES, city_posts, lamp_posts

DAY = 86400.0
TZ_OFFSET_S = 8 * 3600.0
MESSAGE_S = 600.0
OWN_FAULT_PER_DAY = 0.02  # chance a post breaks on a given day
CITY_BACKFILL_S = 120.0  # at the city scale the charts start two minutes back (80k streams a minute)
LAMP_W = 120.0  # an LED road lamp's rated power


def charging_share(hour: float) -> float:
    """Chance a post's charger is in use: evening and night."""
    d = min(abs(hour - 21.0), 24 - abs(hour - 21.0))
    return 0.1 + 0.6 * math.exp(-(d ** 2) / (2 * 3.0 ** 2))


@dataclass(frozen=True)
class Fault:
    post: str
    start: float
    hours: float

    def on(self, pid: str, t: float) -> bool:
        return pid == self.post and self.start <= t < self.start + self.hours * 3600


class StreetlightSimulator(Simulator):
    backfill_s = 24 * 3600  # a whole day: the wall's 24 h charts show the lamps' dawn and dusk

    def __init__(self, city: City, seed: int = 1, scale: str = "demo") -> None:
        super().__init__(city, seed, scale)
        self._all = lamp_posts(city)
        self._posts = [e for e in self._all if e.kind == "lamppost"]
        self._summary = next(e for e in self._all if e.kind == "streetlight_summary")
        #: the city scale's posts by the second of the minute they report on
        self._city_posts: list[list[Entity]] = [[] for _ in range(CITY_PHASES)]
        if scale == "city":
            self.backfill_s = CITY_BACKFILL_S
            more = city_posts(city, seed, first=len(self._posts) + 1)
            for e in more:
                self._city_posts[int(e.attrs["phase_s"])].append(e)
            self._summary = replace(self._summary, attrs={**self._summary.attrs, "posts": len(self._posts) + len(more)})
            self._all = [*self._posts, *more, self._summary]
        self._city_last: dict[str, tuple[float, float, float]] = {}  # a city post's last lamp_on, fault, charging_kw
        self._faults: list[Fault] = []
        self._storms: list[tuple[float, float]] = []  # (start, end): the posts' light sensors read dark

    def entities(self) -> Sequence[Entity]:
        return self._all

    def apply_event(self, event: ScenarioEvent) -> bool:
        if event.type == "rainstorm":
            p = event.params
            hours = float(p.get("duration_h", p.get("hours", 3)))
            self._storms.append((event.ts, event.ts + hours * 3600))
            self.events.append(event)
            return True
        if event.type != "lamp_fault":
            return False
        pid = str(event.params.get("post") or (self._posts[0].id if self._posts else ""))
        if pid not in {e.id for e in self._posts}:
            raise ValueError(f"lamp_fault: no lamp post {pid!r} in {self.city.id}")
        self._faults.append(Fault(pid, event.ts, float(event.params.get("hours", 24))))
        self.events.append(event)
        return True

    def faulty(self, e: Entity, t: float) -> bool:
        if any(f.on(e.id, t) for f in self._faults):
            return True
        d = int((t + TZ_OFFSET_S) // DAY)
        if unit_random(self.seed, e.id, "fault", d) >= OWN_FAULT_PER_DAY:
            return False
        return (t + TZ_OFFSET_S) % DAY >= DAY * unit_random(self.seed, e.id, "fault_at", d)  # broken from then to midnight

    def storm_dark(self, t: float) -> bool:
        return any(a <= t < b for a, b in self._storms)

    def values(self, e: Entity, t: float) -> dict[str, float]:
        fault = self.faulty(e, t)
        hour = ((t + TZ_OFFSET_S) % DAY) / 3600
        slot = int(t // 1800)
        charging = e.attrs["charger"] and unit_random(self.seed, e.id, "ev", slot) < charging_share(hour)
        return {
            "lamp_on": float((is_dark(e.lat, e.lon, t) or self.storm_dark(t)) and not fault),
            "fault": float(fault),
            "charging_kw": CHARGER_KW if charging else 0.0,
            "message": float((int(t // MESSAGE_S) + e.attrs["index"]) % len(MESSAGES)),  # neighbours show different messages
        }

    def sensors(self, e: Entity, t: float, lamp_on: float) -> dict[str, float]:
        """A city post's meter and environment sensors: the day's warmth and dryness, the traffic's
        dust and noise, each post a little off its neighbours."""
        hour = ((t + TZ_OFFSET_S) % DAY) / 3600
        day = math.cos((hour - 14.0) / 24 * 2 * math.pi)  # 1 at two in the afternoon, -1 at two at night
        traffic = math.exp(-((hour - 8.5) ** 2) / 4) + math.exp(-((hour - 18.0) ** 2) / 4)
        slot = int(t // CITY_INTERVAL_S)
        jitter = unit_random(self.seed, e.id, "sensors", slot)
        own = unit_random(self.seed, e.id, "site")
        return {
            "power_w": round(lamp_on * LAMP_W * (0.96 + 0.08 * jitter), 0),
            "voltage_v": round(220.0 + 6.0 * (jitter - 0.5) - 4.0 * lamp_on, 1),
            "temperature_c": round(9.0 + 6.0 * day + 1.5 * own + 0.3 * jitter, 1),
            "humidity_pct": round(min(100.0, 55.0 - 15.0 * day + 10.0 * own + 2.0 * jitter), 0),
            "pm25": round(30.0 + 25.0 * traffic + 20.0 * own + 5.0 * jitter, 0),
            "noise_db": round(42.0 + 18.0 * traffic + 8.0 * own + 3.0 * jitter, 0),
        }

    def readings_between(self, t0: float, t1: float) -> list[Reading]:
        out: list[Reading] = []
        for phase, posts in enumerate(self._city_posts):
            if not posts:
                continue
            for t in grid_times(t0 - phase, t1 - phase, CITY_INTERVAL_S):
                t += phase
                for e in posts:
                    v = self.values(e, t)
                    v |= self.sensors(e, t, v["lamp_on"])
                    self._city_last[e.id] = (v["lamp_on"], v["fault"], v["charging_kw"])
                    out.extend(Reading(s.id, t, v[s.id.rsplit("/", 1)[1]]) for s in e.streams)
        for t in grid_times(t0, t1, INTERVAL_S):
            sums = {"lamps_on": 0.0, "faults": 0.0, "charging_kw": 0.0}
            if self._city_last:  # the city's posts as they last reported
                on, faults, kw = (sum(col) for col in zip(*self._city_last.values()))
                sums = {"lamps_on": on, "faults": faults, "charging_kw": kw}
            for e in self._posts:
                v = self.values(e, t)
                out.extend(Reading(s.id, t, v[s.id.rsplit("/", 1)[1]]) for s in e.streams)
                sums["lamps_on"] += v["lamp_on"]
                sums["faults"] += v["fault"]
                sums["charging_kw"] += v["charging_kw"]
            out.extend(Reading(s.id, t, sums[s.id.rsplit("/", 1)[1]]) for s in self._summary.streams)
        return out
