"""The grid simulator: 2,722 terminals on the 15-minute grid, faults, weather, farms.

Every value is a closed-form function of (seed, time, scenario events), computed a
whole fleet at a time with numpy, so ``readings_between`` gives the same readings
however time is cut, and a tick at --speed 60 costs a few milliseconds.

Why 15 minutes: it is the interval of the power-use collection system the
terminals report into (96 points a day), and it keeps a day of back-fill at
2,722 x 96 = 261 k rows; at 1 minute it would be 3.9 M rows, a minute of
SQLite writes and 300 MB of cache a day for nothing an operator can see.
The overload rule ("above 100 % for 15 min") is two reports in a row.

Derived streams (city load today, yesterday and a week ago at the same time of
day, load by customer type, the peak so far today, overloaded terminals,
outage hours per household this year) are computed here from the same model,
so they are cached and charted like any other stream.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from console.city import City
from console.model import Entity, Reading
from console.sources.simulator import ScenarioEvent, Simulator, grid_times, unit_random
from plugins.energy.faults import Fault, FaultPlan
from plugins.energy.grid import N_INDICATORS, TERMINAL_INTERVAL_S, TYPES, build_grid, derived_entities
from plugins.energy.load_model import WeatherEvent, day_of_year, local_hour, local_midnight, shapes, temperature, year_start

_STEP = TERMINAL_INTERVAL_S


class EnergySimulator(Simulator):
    backfill_s = 24 * 3600

    def __init__(self, city: City, seed: int = 1) -> None:
        super().__init__(city, seed)
        self.grid, self._transformers, self._indicators, self._farms = build_grid(city, seed)
        g = self.grid
        self.total_households = int(g.households[(g.type_idx == 0) | (g.type_idx == 3)].sum())
        self._derived = derived_entities(self.total_households)
        self.plan = FaultPlan(seed, N_INDICATORS, len(g.ids))
        self.weather: list[WeatherEvent] = []
        rng = np.random.default_rng([seed, 7])
        self._shift = rng.normal(0, 0.6, len(g.ids))  # each transformer's day a little early or late
        self._drift_period = 86400.0 * rng.uniform(3, 9, len(g.ids))
        self._drift_phase = rng.uniform(0, 2 * np.pi, len(g.ids))
        self._scale = g.rated_kw * g.peak_util
        self._residential_hh = np.where((g.type_idx == 0) | (g.type_idx == 3), g.households, 0)
        self._fi_households = np.bincount(g.feeder, weights=self._residential_hh, minlength=N_INDICATORS)
        self._load_ids = [f"energy/transformer/{tid}/load_kw" for tid in g.ids]
        self._fi_ids = [e.streams[0].id for e in self._indicators]
        self._farm_rng = np.random.default_rng([seed, 11])
        self._farm_scale = np.array([f.attrs["contract_kw"] for f in self._farms]) * rng.uniform(0.55, 0.8, len(self._farms))
        self._farm_is_park = np.array([f.kind == "greenhouse_park" for f in self._farms])
        self._memo: dict[int, tuple[float, np.ndarray, int]] = {}

    # -- the model -------------------------------------------------------------
    def entities(self) -> Sequence[Entity]:
        return [*self._transformers, *self._indicators, *self._farms, *self._derived]

    def loads_at(self, t: float) -> np.ndarray:
        """Every transformer's load (kW) at instant t; 0 where a fault cut the supply."""
        g = self.grid
        temp = temperature(self.seed, t, self.weather)
        h = (local_hour(t) + self._shift) % 24.0
        s = shapes(h, day_of_year(t), temp)[g.type_idx, np.arange(len(g.ids))]
        drift = 1.0 + 0.06 * np.sin(2 * np.pi * t / self._drift_period + self._drift_phase)
        noise = np.random.default_rng([self.seed, 17, int(round(t))]).normal(0.0, 0.03, len(g.ids))
        load = self._scale * s * drift * (1.0 + noise)
        load[self.plan.cut_mask(t, g.feeder)] = 0.0
        return np.maximum(load, 0.0)

    def fleet_at(self, t: float) -> tuple[float, np.ndarray, int]:
        """(city load MW, load MW per type, overloaded count) at a grid instant; memoised."""
        k = int(round(t / _STEP))
        hit = self._memo.get(k)
        if hit is None:
            load = self.loads_at(k * _STEP)
            by_type = np.bincount(self.grid.type_idx, weights=load, minlength=len(TYPES)) / 1000.0
            hit = (float(load.sum()) / 1000.0, by_type, int((load > self.grid.rated_kw).sum()))
            self._memo[k] = hit
            if len(self._memo) > 4000:
                for old in sorted(self._memo)[:1000]:
                    del self._memo[old]
        return hit

    def peak_today(self, t: float) -> float:
        k0 = math.ceil(local_midnight(t) / _STEP)
        return max(self.fleet_at(k * _STEP)[0] for k in range(k0, int(round(t / _STEP)) + 1))

    def outage_h_ytd(self, t: float) -> float:
        return self.plan.outage_hours_per_household(year_start(t), t, self._fi_households, self.total_households)

    def _farm_values(self, t: float) -> tuple[np.ndarray, np.ndarray]:
        temp = temperature(self.seed, t, self.weather)
        h = np.full(len(self._farms), local_hour(t))
        s = shapes(h, day_of_year(t), temp)
        shape = np.where(self._farm_is_park, s[1], s[2])
        noise = np.random.default_rng([self.seed, 19, int(round(t))]).normal(0.0, 1.0, len(self._farms))
        power = self._farm_scale * shape * (1 + 0.03 * noise)
        hour = local_hour(t)
        # greenhouses: warm by day under the sun, heated to ~13 °C at night; cold stores: -18 °C, defrost every 6 h
        day = math.sin(math.pi * (hour - 6) / 12) if 6 <= hour <= 18 else 0.0
        gh = 13.0 + 14.0 * day + 0.4 * noise
        defrost = 4.0 if (hour % 6) < 0.5 else 0.0
        cs = -18.0 + defrost + 0.3 * noise
        return power, np.where(self._farm_is_park, gh, cs)

    # -- readings --------------------------------------------------------------
    def readings_between(self, t0: float, t1: float) -> list[Reading]:
        out: list[Reading] = []
        for t in grid_times(t0, t1, _STEP):
            out += self._readings_at(t)
        # trips and restorations at the instant they happen (the indicators report events)
        for f in self.plan.faults(t0, t1):
            for ts, value in ((f.start, 1.0), (f.end, 0.0)):
                if t0 < ts <= t1 and ts % _STEP:
                    out.append(Reading(self._fi_ids[f.indicator], ts, value))
        return out

    def _readings_at(self, t: float) -> list[Reading]:
        load = self.loads_at(t)
        online = ~self.plan.offline_mask(t)
        values = np.round(load, 1).tolist()
        out = [Reading(sid, t, v) for sid, v, ok in zip(self._load_ids, values, online.tolist()) if ok]
        tripped = np.zeros(N_INDICATORS)
        for f in self.plan.faults(t, t):
            if f.start <= t < f.end:
                tripped[f.indicator] = 1.0
        out += [Reading(sid, t, v) for sid, v in zip(self._fi_ids, tripped.tolist())]
        power, temp = self._farm_values(t)
        for f, p, c in zip(self._farms, np.round(power, 1).tolist(), np.round(temp, 1).tolist()):
            out += [Reading(f.streams[0].id, t, p), Reading(f.streams[1].id, t, c)]
        total, by_type, overloaded = self.fleet_at(t)
        out += [
            Reading("energy/load/D/load_mw", t, round(total, 2)),
            Reading("energy/load/D-1/load_mw", t, round(self.fleet_at(t - 86400)[0], 2)),
            Reading("energy/load/D-7/load_mw", t, round(self.fleet_at(t - 7 * 86400)[0], 2)),
            Reading("energy/grid/grid/peak_today_mw", t, round(self.peak_today(t), 2)),
            Reading("energy/grid/grid/overloaded", t, float(overloaded)),
            Reading("energy/grid/grid/outage_h_ytd", t, round(float(self.outage_h_ytd(t)), 3)),
        ]
        out += [Reading(f"energy/class/{name}/load_mw", t, round(float(v), 2)) for name, v in zip(TYPES, by_type)]
        return out

    # -- scenario ----------------------------------------------------------------
    def prepare_demo(self, now: float) -> None:
        # open on a weather-driven day with one feeder out: cool in the cold half of the year,
        # hot in the warm half; the fault began 40 minutes ago. Cool, not frozen: heating
        # saturates near -13 °C, and a tour's cold wave must still have a load to add
        warm = 120 <= day_of_year(now) <= 270
        self.weather.append(WeatherEvent(now - 18 * 3600, 72 * 3600, 7.0 if warm else -4.0))
        self._memo.clear()
        ind = int(N_INDICATORS * unit_random(self.seed, "demo-fault"))
        self.plan.extra.append(Fault(float(round(now - 2400)), float(round(now + 2.5 * 3600)), ind))

    def apply_event(self, event: ScenarioEvent) -> bool:
        p = event.params
        if event.type in ("cold_wave", "heat_wave"):
            delta = float(p.get("delta_c", -10.0 if event.type == "cold_wave" else 8.0))
            ramp_s = float(p.get("ramp_h", 6)) * 3600
            self.weather.append(WeatherEvent(event.ts, float(p.get("duration_h", 48)) * 3600, delta, max(ramp_s, 60.0)))
            self._memo = {k: v for k, v in self._memo.items() if k * _STEP < event.ts}
        elif event.type == "feeder_fault":
            fi = p.get("indicator")
            ind = int(str(fi).removeprefix("FI-")) - 1 if fi else int(N_INDICATORS * unit_random(self.seed, "event-fault", event.ts))
            start = float(round(event.ts))
            self.plan.extra.append(Fault(start, start + round(float(p.get("duration_h", 2)) * 3600), ind))
            self._memo = {k: v for k, v in self._memo.items() if k * _STEP < event.ts}
        else:
            return False
        self.events.append(event)
        return True
