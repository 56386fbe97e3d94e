"""A rainfall-driven water-level simulator.

Storms come from the seed (a few a week, 1-4 h, 5-40 mm/h); each gauge answers a
storm with a lag that grows downstream and recedes slowly (a gamma-shaped unit
response), plus centimetre noise. Level is a closed-form function of time, so any
span can be computed in any order: back-fill, live and replay agree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from console.city import City
from console.model import Entity, Reading
from console.sources.simulator import ScenarioEvent, Simulator, grid_times, unit_noise, unit_random
from plugins.flood.gauges import GAUGE_INTERVAL_S, RAIN_INTERVAL_S, rain_stations, river_gauges, urban_gauges

_BLOCK_S = 6 * 3600  # storms are drawn per six-hour block
_STORM_P = 0.1
_MEMORY_S = 7 * 86400  # a storm's effect on levels is negligible after a week


@dataclass(frozen=True)
class Surge:
    """A scenario event: one gauge rises to ``margin`` above its warning level (a tour's cue)."""

    gauge: str
    start: float
    ramp_s: float
    hold_s: float
    margin: float

    def shape(self, t: float) -> float:
        """0 before, rising to 1 over the ramp, held, then receding."""
        x = t - self.start
        if x <= 0:
            return 0.0
        if x < self.ramp_s:
            return x / self.ramp_s
        if x < self.ramp_s + self.hold_s:
            return 1.0
        return math.exp(-(x - self.ramp_s - self.hold_s) / max(self.hold_s, 1.0))


@dataclass(frozen=True)
class Storm:
    start: float
    duration: float  # s
    intensity: float  # mm/h

    @property
    def depth_mm(self) -> float:
        return self.intensity * self.duration / 3600


class FloodSimulator(Simulator):
    backfill_s = 12 * 3600

    def __init__(self, city: City, seed: int = 1) -> None:
        super().__init__(city, seed)
        self._gauges = river_gauges(city, seed) + urban_gauges(city, seed)
        self._rain = rain_stations(city)
        self._extra_storms: list[Storm] = []
        self._surges: list[Surge] = []

    def prepare_demo(self, now: float) -> None:
        # the demo opens during a storm that began five hours ago and is still falling:
        # levels are rising, the rain gauges read rain
        self._extra_storms.append(Storm(now - 5 * 3600, 5.5 * 3600, 20.0))

    def entities(self) -> Sequence[Entity]:
        return [*self._gauges, *self._rain]

    def apply_event(self, event: ScenarioEvent) -> bool:
        p = event.params
        if event.type == "gauge_surge":
            if not any(g.id == p.get("gauge") for g in self._gauges):
                return False
            self._surges.append(
                Surge(p["gauge"], event.ts, float(p.get("ramp_s", 300)), float(p.get("hold_s", 1800)), float(p.get("margin_m", 0.3)))
            )
            self.events.append(event)
            return True
        if event.type != "rainstorm":
            return False
        self._extra_storms.append(
            Storm(event.ts, float(p.get("duration_h", 3)) * 3600, float(p.get("intensity_mm_h", 40)))
        )
        self.events.append(event)
        return True

    def storms(self, t0: float, t1: float) -> list[Storm]:
        """Storms that start in [t0, t1]: drawn per block from the seed, plus injected ones."""
        out = []
        for block in range(math.floor(t0 / _BLOCK_S), math.floor(t1 / _BLOCK_S) + 1):
            if unit_random(self.seed, "storm", block) < _STORM_P:
                start = block * _BLOCK_S + _BLOCK_S * unit_random(self.seed, "start", block)
                dur = 3600 * (1 + 3 * unit_random(self.seed, "dur", block))
                out.append(Storm(start, dur, 5 + 35 * unit_random(self.seed, "int", block)))
        out += [s for s in self._extra_storms if t0 <= s.start <= t1]
        return out

    def rain_at(self, t: float, storms: list[Storm]) -> float:
        return sum(s.intensity for s in storms if s.start <= t < s.start + s.duration)

    def level_at(self, g: Entity, t: float, storms: list[Storm]) -> float:
        a = g.attrs
        urban = a["site"] != "river"
        # downstream gauges answer later; urban points answer within the hour and drain fast
        lag = 1200.0 if urban else 3600.0 * (2 + 6 * a["position"])
        gain = 0.001 + 0.003 * unit_random(self.seed, g.id, "gain") if urban else 0.012 + 0.012 * unit_random(self.seed, g.id, "gain")
        rise = 0.0
        for s in storms:
            tau = t - (s.start + s.duration / 2)
            if tau <= 0:
                continue
            x = tau / lag
            # rises smoothly to its peak one lag after the storm, then recedes slowly
            rise += gain * s.depth_mm * (x * math.exp(1 - x) if x <= 1 else math.exp((1 - x) / 3))
        if urban:
            return self._surged(g, t, max(0.0, rise + 0.003 * unit_noise(self.seed, g.id, round(t))))
        diurnal = 0.03 * math.sin(2 * math.pi * (t % 86400) / 86400 + unit_random(self.seed, g.id) * 6)
        return self._surged(g, t, a["base_level"] + rise + diurnal + 0.01 * unit_noise(self.seed, g.id, round(t)))

    def _surged(self, g: Entity, t: float, level: float) -> float:
        for s in self._surges:
            if s.gauge == g.id and t > s.start:
                base, target = g.attrs["base_level"], g.attrs["warning_level"] + s.margin
                level = max(level, base + (target - base) * s.shape(t))
        return level

    def readings_between(self, t0: float, t1: float) -> list[Reading]:
        out: list[Reading] = []
        times = grid_times(t0, t1, GAUGE_INTERVAL_S)
        if times:
            storms = self.storms(times[0] - _MEMORY_S, times[-1])
            for g in self._gauges:
                sid = g.streams[0].id
                out += [Reading(sid, t, round(self.level_at(g, t, storms), 3)) for t in times]
        rain_times = grid_times(t0, t1, RAIN_INTERVAL_S)
        if rain_times:
            storms = self.storms(rain_times[0] - 86400, rain_times[-1])
            for i, st in enumerate(self._rain):
                sid = st.streams[0].id
                for t in rain_times:
                    r = self.rain_at(t, storms)
                    out.append(Reading(sid, t, round(max(0.0, r * (0.8 + 0.15 * i) + (0.5 * unit_noise(self.seed, sid, t) if r else 0)), 1)))
        return out
