"""The shapes of load: weather, and daily and seasonal curves per kind of customer.

Closed-form and vectorised: ``shapes(h, doy, temp)`` takes an array of local hours
(one per transformer, each a little shifted) and returns each type's share of its
normal daily peak. Weather drives the peaks: electric heating in village homes
("coal to electricity") and greenhouses on cold nights, air conditioning and fans
on hot afternoons, cold stores working harder in heat and in the harvest seasons.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from console.sources.simulator import unit_noise

LOCAL_OFFSET_S = 8 * 3600  # China Standard Time
_FRONT_S = 3 * 86400  # weather fronts: one anomaly per three days, smoothly joined


@dataclass(frozen=True)
class WeatherEvent:
    """A cold wave (negative delta) or heat wave: ramps in and out over ``ramp_s`` (six hours;
    a front that a tour brings in arrives faster)."""

    start: float
    duration: float
    delta_c: float
    ramp_s: float = 21600.0


def local_hour(t: float) -> float:
    return ((t + LOCAL_OFFSET_S) % 86400) / 3600.0


def day_of_year(t: float) -> int:
    return time.gmtime(t + LOCAL_OFFSET_S).tm_yday


def local_midnight(t: float) -> float:
    return t - (t + LOCAL_OFFSET_S) % 86400


def year_start(t: float) -> float:
    g = time.gmtime(t + LOCAL_OFFSET_S)
    return local_midnight(t) - (g.tm_yday - 1) * 86400


def temperature(seed: int, t: float, events: list[WeatherEvent] = ()) -> float:
    """Air temperature (°C) of a north-China plain county: season, day and night, fronts."""
    doy = day_of_year(t)
    season = 12.5 - 15.0 * math.cos(2 * math.pi * (doy - 20) / 365.0)
    diurnal = 5.0 * math.sin(2 * math.pi * (local_hour(t) - 9) / 24.0)
    b = math.floor(t / _FRONT_S)
    f = (t / _FRONT_S) - b
    a0, a1 = 4.0 * unit_noise(seed, "front", b), 4.0 * unit_noise(seed, "front", b + 1)
    front = a0 + (a1 - a0) * (1 - math.cos(math.pi * f)) / 2
    extra = 0.0
    for e in events:
        if e.start <= t < e.start + e.duration:
            ramp = min(1.0, (t - e.start) / e.ramp_s, (e.start + e.duration - t) / e.ramp_s)
            extra += e.delta_c * ramp
    return season + diurnal + front + extra


def _g(h: np.ndarray, mu: float, sd: float) -> np.ndarray:
    """A bump at hour mu, wrapped around midnight."""
    d = (h - mu + 12.0) % 24.0 - 12.0
    return np.exp(-0.5 * (d / sd) ** 2)


def _sig(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def shapes(h: np.ndarray, doy: int, temp: float) -> np.ndarray:
    """A (4, len(h)) array: village, greenhouse, cold store, town, as a share of the normal peak."""
    # heating keeps rising below -13 °C (heat pumps lose output, greenhouses lose more heat), up to -27 °C
    cold = min(max((8.0 - temp) / 14.0, 0.0), 2.5)
    heat = min(max((temp - 25.0) / 8.0, 0.0), 1.5)
    winter_light = min(max(1.5 * math.cos(2 * math.pi * (doy - 15) / 365.0), 0.0), 1.0)
    harvest = 0.5 + 0.5 * math.cos(4 * math.pi * (doy - 135) / 365.0)
    village = 0.30 + 0.18 * _g(h, 7.5, 1.3) + 0.12 * _g(h, 12, 1.5) + 0.45 * _g(h, 19.8, 1.8) \
        + 0.30 * cold * (0.6 + 0.4 * _g(h, 20, 4)) + 0.30 * heat * _g(h, 15, 5)
    night = 0.5 + 0.5 * np.cos(2 * np.pi * (h - 2) / 24.0)
    greenhouse = 0.15 + 0.55 * cold * night + 0.30 * winter_light * (_g(h, 6.5, 1.0) + _g(h, 18.5, 1.0)) \
        + 0.35 * heat * _g(h, 13, 3) + 0.10 * _g(h, 10, 2)
    cold_store = 0.55 + 0.25 * min(max((temp - 5.0) / 25.0, 0.0), 1.0) + 0.08 * _g(h, 15, 3) + 0.12 * harvest + 0 * h
    town = 0.35 + 0.45 * _sig((h - 8.5) * 2) * _sig((21.5 - h) * 2) + 0.15 * _g(h, 20, 1.5) \
        + 0.20 * heat * _g(h, 15, 4) + 0.15 * cold * _g(h, 19, 4)
    return np.vstack([village, greenhouse, cold_store, town])
