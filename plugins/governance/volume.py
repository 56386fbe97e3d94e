"""How many cases arrive when, and of which category. Qt-free, closed-form.

Complaints follow the city's day (Beijing time): few at night, a peak mid-morning when offices
open and people are out (about 10:00), a second in the afternoon (about 15:30), a smaller one in
the evening (noise, heating). Grid members' inspections (巡查) find cases on their rounds,
08:00-18:00 only. Rain changes the mix and the volume: each category's share is multiplied by its
``rain`` factor (waterlogged roads x12, blocked drains x4, street vending x0.3 ...), so the volume
rises by the weighted sum of the factors and the drainage categories lead.
"""

from __future__ import annotations

import math

from plugins.governance.cases import Category

DAY = 86400.0
TZ_OFFSET_S = 8 * 3600.0
CASES_PER_1000_PER_DAY = 2.0  # the demo's rate: a county-level city's 12345 line takes a few hundred a day
INSPECTION_SHARE = 0.35  # of the cases in patrol hours whose category inspections find
PATROL_HOURS = (8.0, 18.0)


def local_hour(t: float) -> float:
    return ((t + TZ_OFFSET_S) % DAY) / 3600


def _bump(hour: float, at: float, width: float) -> float:
    d = min(abs(hour - at), 24 - abs(hour - at))
    return math.exp(-(d ** 2) / (2 * width ** 2))


def _raw_curve(hour: float) -> float:
    return 0.06 + 1.0 * _bump(hour, 10.0, 1.4) + 0.85 * _bump(hour, 15.5, 1.5) + 0.3 * _bump(hour, 20.5, 1.2)


_MEAN = sum(_raw_curve(k / 60) for k in range(24 * 60)) / (24 * 60)


def day_curve(hour: float) -> float:
    """The rate at a local hour relative to the day's mean (its mean over the day is 1)."""
    return _raw_curve(hour) / _MEAN


def rain_factor(categories: dict[str, Category]) -> float:
    """How much more arrives while it rains: the shares weighted by their rain factors."""
    total = sum(c.share for c in categories.values())
    return sum(c.share * c.rain for c in categories.values()) / total


def hourly_rate(hour: float, population: float, raining: bool, categories: dict[str, Category]) -> float:
    """Expected cases per hour at local ``hour`` for a city of ``population``."""
    per_day = population / 1000 * CASES_PER_1000_PER_DAY
    return per_day / 24 * day_curve(hour) * (rain_factor(categories) if raining else 1.0)


def category_weights(categories: dict[str, Category], raining: bool) -> list[tuple[str, float]]:
    return [(c.id, c.share * (c.rain if raining else 1.0)) for c in categories.values()]


def pick(weights: list[tuple[str, float]], u: float) -> str:
    """The item a uniform ``u`` in [0, 1) falls on, by weight."""
    total = sum(w for _, w in weights)
    acc = 0.0
    for key, w in weights:
        acc += w / total
        if u < acc:
            return key
    return weights[-1][0]
