"""The parking simulator: occupancy by time of day and type, market days, holidays.

Demand is a closed-form share of each car park's capacity (by type, hour, workday,
weekend or holiday, market day, plus a slow per-park drift and minute noise);
occupancy is demand clipped to 0..capacity in whole cars. Departures are drawn
from the cars present and their mean stay, and arrivals are exactly what makes
the count add up: occupied(k) = occupied(k-1) + arrivals(k) - departures(k), with
departures never more than the cars present, so cars are conserved and a full car
park only lets a car in when one leaves. Computed for many minutes and all car
parks at once (numpy), from a counter-based hash: any cut of time, same data.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from console.city import City
from console.model import Entity, Reading
from console.sources.simulator import ScenarioEvent, Simulator
from plugins.parking.calendar_days import LOCAL_OFFSET_S, is_holiday, is_market_day, is_weekend, local_day
from plugins.parking.carparks import INTERVAL_S, MEAN_STAY_H, TYPES, build_carparks, derived_entities

_OFFLINE_P_PER_DAY = 0.04  # a car park's counting sensor drops out about twice a day across the city


def _hash_u01(seed: int, tag: int, k: np.ndarray, i: np.ndarray) -> np.ndarray:
    """Uniform [0, 1) from (seed, tag, minute k, car park i), vectorised (splitmix64)."""
    with np.errstate(over="ignore"):
        x = (k.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) ^ (i.astype(np.uint64) * np.uint64(0xBF58476D1CE4E5B9))
        x ^= np.uint64((seed * 1_000_003 + tag) & 0xFFFFFFFFFFFFFFFF)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        x ^= x >> np.uint64(31)
    return (x >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def _g(h: np.ndarray, mu: float, sd: float) -> np.ndarray:
    d = (h - mu + 12.0) % 24.0 - 12.0
    return np.exp(-0.5 * (d / sd) ** 2)


def _plateau(h: np.ndarray, on: float, off: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(h - on) * 2.5)) / (1.0 + np.exp(-(off - h) * 2.5))


class ParkingSimulator(Simulator):
    backfill_s = 24 * 3600  # the occupancy chart shows a day; 50 x 3 x 1,440 = 216 k rows

    def __init__(self, city: City, seed: int = 1) -> None:
        super().__init__(city, seed)
        self._parks = build_carparks(city, seed)
        self._derived = derived_entities()
        self.capacity = np.array([p.attrs["capacity"] for p in self._parks], dtype=float)
        self.type_idx = np.array([TYPES.index(p.attrs["type"]) for p in self._parks])
        self.near_market = np.array([p.attrs["near_market"] for p in self._parks])
        self.stay_min = np.array([MEAN_STAY_H[p.attrs["type"]] * 60 for p in self._parks])
        # what a stay of the type's mean length pays: the first half hour is free, then by the hour, capped
        self.fee = np.array([
            min(p.attrs["tariff_yuan_h"] * max(MEAN_STAY_H[p.attrs["type"]] - 0.5, 0.0), p.attrs["daily_cap_yuan"]) for p in self._parks
        ])
        rng = np.random.default_rng([seed, 203])
        self.popularity = rng.uniform(0.82, 1.08, len(self._parks))
        self._period = 3600.0 * rng.uniform(5, 30, len(self._parks))
        self._phase = rng.uniform(0, 2 * np.pi, len(self._parks))
        self._index = np.arange(len(self._parks))
        self.forced_market: dict[int, float] = {}  # local day -> when it was called a market day (from then on)
        self.market_rushes: list[float] = []  # when a tour's market day brought its crowd (epoch s)
        self.forced_holiday: set[int] = set()
        self._day_memo: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def entities(self) -> Sequence[Entity]:
        return [*self._parks, *self._derived]

    # -- the model -------------------------------------------------------------
    def _day_kind(self, day: int) -> tuple[bool, bool, bool]:
        holiday = is_holiday(day) or day in self.forced_holiday
        return holiday, is_weekend(day), is_market_day(day)

    def demand(self, times: np.ndarray) -> np.ndarray:
        """(T, P) share of capacity wanted; above 1 the car park is full and cars go elsewhere."""
        times = np.asarray(times, dtype=float)
        h = (((times + LOCAL_OFFSET_S) % 86400) / 3600.0)[:, None]
        days = ((times + LOCAL_OFFSET_S) // 86400).astype(int)
        kinds = {d: self._day_kind(d) for d in np.unique(days).tolist()}
        holiday = np.array([kinds[d][0] for d in days.tolist()])[:, None]
        weekend = np.array([kinds[d][1] for d in days.tolist()])[:, None]
        # a day called a market day is one from that moment: the past already shown stays as it was
        called = np.array([self.forced_market.get(d, np.inf) for d in days.tolist()])
        market = (np.array([kinds[d][2] for d in days.tolist()]) | (times >= called))[:, None]
        off = holiday | weekend
        day = _plateau(h, 9.0, 21.0)  # off-day effects act in the day time only: no jump at midnight
        street = 0.30 + 0.50 * _plateau(h, 7.5, 20.0) + 0.12 * _g(h, 18, 2) + 0.08 * off * day
        street = street + np.where(market & self.near_market, 0.65 * _g(h, 9.0, 1.8), 0.0)
        rush = self._rush(times)[:, None]
        street = street + rush * np.where(self.near_market, 0.80, 0.40)
        mall = 0.05 + (0.70 * _plateau(h, 9.5, 21.5) + 0.15 * _g(h, 15, 2) + 0.15 * _g(h, 19.5, 1.5)) * np.where(off, 1.3, 1.0)
        mall = mall + 0.40 * rush
        office = 0.05 + np.where(off, 0.15 * _plateau(h, 9, 17), 0.88 * _plateau(h, 8.0, 18.0))
        hospital = 0.20 + (0.45 * _plateau(h, 7.5, 17.0) + 0.50 * _g(h, 9.5, 1.6)) * np.where(holiday, 0.6, np.where(weekend, 0.75, 1.0))
        by_type = np.stack(np.broadcast_arrays(street, mall, office, hospital), axis=-1)  # (T, 1 or P, 4)
        d = np.take_along_axis(np.broadcast_to(by_type, (len(times), len(self._parks), 4)), self.type_idx[None, :, None], axis=2)[..., 0]
        drift = 1.0 + 0.05 * np.sin(2 * np.pi * times[:, None] / self._period + self._phase)
        k = np.round(times / INTERVAL_S).astype(np.int64)[:, None]
        noise = (_hash_u01(self.seed, 1, k, self._index[None, :]) - 0.5) * 0.008
        return d * self.popularity * drift + noise

    def _rush(self, times: np.ndarray) -> np.ndarray:
        """(T,) 0..1: the crowd a market day brings from the moment it is called, whatever the
        hour (a tour shows it at once): in over 15 minutes, at its height an hour later, gone in
        about five hours."""
        out = np.zeros(len(times))
        for ts in self.market_rushes:
            dt = times - ts
            out += np.where(dt >= 0, np.clip(dt / 900.0, 0.0, 1.0) * np.exp(-0.5 * ((dt - 3600.0) / 6480.0) ** 2), 0.0)
        return np.minimum(out, 1.0)

    def occupied(self, times: np.ndarray) -> np.ndarray:
        """(T, P) cars parked, whole cars within 0..capacity."""
        return np.clip(np.round(self.demand(times) * self.capacity), 0, self.capacity)

    def flows(self, times: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(occupied, arrivals, departures), each (T, P), for the minutes ending at ``times``."""
        times = np.asarray(times, dtype=float)
        both = self.occupied(np.concatenate([times - INTERVAL_S, times]))
        prev, occ = both[: len(times)], both[len(times):]
        k = np.round(times / INTERVAL_S).astype(np.int64)[:, None]
        lam = prev / self.stay_min
        # departures ~ Poisson(cars present / mean stay), by the normal approximation
        u1, u2 = _hash_u01(self.seed, 2, k, self._index[None, :]), _hash_u01(self.seed, 3, k, self._index[None, :])
        z = np.sqrt(-2 * np.log(1 - u1)) * np.cos(2 * np.pi * u2)
        base = np.round(np.maximum(lam + np.sqrt(lam) * z, 0))
        dep = np.minimum(np.maximum(base, prev - occ), prev)
        arr = occ - prev + dep
        return occ, arr, dep

    def sensor_offline(self, times: np.ndarray) -> np.ndarray:
        """(T, P) True where a car park's counter is silent."""
        out = np.zeros((len(times), len(self._parks)), dtype=bool)
        days = np.floor(np.asarray(times) / 86400).astype(int)
        for d in np.unique(days).tolist():
            for day in (d - 1, d):
                rng = np.random.default_rng([self.seed, 37, day])
                lost = rng.random(len(self._parks)) < _OFFLINE_P_PER_DAY
                start = day * 86400.0 + rng.random(len(self._parks)) * 86400.0
                end = start + 60.0 * rng.uniform(30, 180, len(self._parks))
                t = np.asarray(times)[:, None]
                out |= lost & (start <= t) & (t < end)
        return out

    def _today(self, t: float) -> tuple[float, float]:
        """(cars arrived, revenue in yuan) since local midnight up to minute t, memoised per day."""
        day = local_day(t)
        if day not in self._day_memo:
            start = day * 86400.0 - LOCAL_OFFSET_S
            times = start + INTERVAL_S * np.arange(1, 1441)
            _, arr, dep = self.flows(times)
            self._day_memo[day] = (np.cumsum(arr.sum(axis=1)), np.cumsum((dep * self.fee).sum(axis=1)))
            if len(self._day_memo) > 4:
                self._day_memo.pop(min(self._day_memo))
        cum_arr, cum_rev = self._day_memo[day]
        i = int(round((t - (day * 86400.0 - LOCAL_OFFSET_S)) / INTERVAL_S)) - 1
        return (float(cum_arr[i]), float(cum_rev[i])) if i >= 0 else (0.0, 0.0)

    # -- readings --------------------------------------------------------------
    def readings_between(self, t0: float, t1: float) -> list[Reading]:
        first, last = int(t0 // INTERVAL_S) + 1, int(t1 // INTERVAL_S)
        if last < first:
            return []
        times = INTERVAL_S * np.arange(first, last + 1, dtype=float)
        occ, arr, dep = self.flows(times)
        silent = self.sensor_offline(times)
        free = (self.capacity - occ).astype(int).tolist()
        arr_l, dep_l, silent_l = arr.astype(int).tolist(), dep.astype(int).tolist(), silent.tolist()
        ids = [(p.streams[0].id, p.streams[1].id, p.streams[2].id) for p in self._parks]
        cap_by_type = np.bincount(self.type_idx, weights=self.capacity, minlength=len(TYPES))
        occ_by_type = np.stack([np.bincount(self.type_idx, weights=row, minlength=len(TYPES)) for row in occ])
        out: list[Reading] = []
        for j, t in enumerate(times.tolist()):
            for (s_free, s_arr, s_dep), f, a, d, quiet in zip(ids, free[j], arr_l[j], dep_l[j], silent_l[j]):
                if not quiet:
                    out += (Reading(s_free, t, float(f)), Reading(s_arr, t, float(a)), Reading(s_dep, t, float(d)))
            total_occ = float(occ[j].sum())
            arrived, revenue = self._today(t)
            out += [
                Reading("parking/class/all/occupancy_pct", t, round(100 * total_occ / self.capacity.sum(), 2)),
                Reading("parking/class/all/free", t, float(self.capacity.sum() - total_occ)),
                Reading("parking/class/all/full_count", t, float((occ[j] >= self.capacity).sum())),
                Reading("parking/class/all/turnover_today", t, round(arrived / self.capacity.sum(), 3)),
                Reading("parking/class/all/revenue_today", t, round(revenue, 0)),
            ]
            out += [
                Reading(f"parking/class/{name}/occupancy_pct", t, round(100 * float(o) / float(c), 2))
                for name, o, c in zip(TYPES, occ_by_type[j], cap_by_type)
            ]
        return out

    # -- scenario ----------------------------------------------------------------
    def apply_event(self, event: ScenarioEvent) -> bool:
        if event.type == "market_day":
            day = local_day(event.ts)
            self.forced_market[day] = min(self.forced_market.get(day, np.inf), float(event.ts))
            self.market_rushes.append(float(event.ts))
        elif event.type == "holiday":
            self.forced_holiday.add(local_day(event.ts))
        else:
            return False
        self._day_memo.pop(local_day(event.ts), None)
        self.events.append(event)
        return True
