"""Faults and lost terminals, drawn from the seed; and outages read back from indicator data.

A fault trips one fault indicator and cuts every transformer on its run until it is
restored (30 min to 5 h). About 580 a year over 340 indicators puts the outage time
per household near, but under, the book's 3.98 h target. A terminal that loses its
link goes silent for 1-5 h (about 8 a day across the fleet).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from console.sources.simulator import unit_random

BLOCK_S = 6 * 3600  # faults are drawn per six-hour block
FAULT_P = 0.4
MAX_FAULT_S = 5 * 3600
OFFLINE_P_PER_DAY = 0.003
MAX_OFFLINE_S = 5 * 3600


@dataclass(frozen=True)
class Fault:
    start: float
    end: float
    indicator: int  # index of the fault indicator


@dataclass(frozen=True)
class Outage:
    """One outage as the outage list shows it. ``end`` None: still out."""

    indicator: str
    start: float
    end: float | None
    start_known: bool = True  # False when the history began mid-outage

    def duration(self, now: float) -> float:
        return (self.end if self.end is not None else now) - self.start


class FaultPlan:
    """Every fault and offline window of a seed, memoised per block and per day."""

    def __init__(self, seed: int, n_indicators: int, n_terminals: int) -> None:
        self.seed = seed
        self.n_indicators = n_indicators
        self.n_terminals = n_terminals
        self.extra: list[Fault] = []
        self._blocks: dict[int, Fault | None] = {}
        self._days: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def _block(self, b: int) -> Fault | None:
        if b not in self._blocks:
            f = None
            if unit_random(self.seed, "fault", b) < FAULT_P:
                start = round(b * BLOCK_S + BLOCK_S * unit_random(self.seed, "fault-start", b))
                dur = 1800 + 16200 * unit_random(self.seed, "fault-dur", b) ** 2
                ind = min(int(self.n_indicators * unit_random(self.seed, "fault-fi", b)), self.n_indicators - 1)
                f = Fault(float(start), float(round(start + dur)), ind)
            self._blocks[b] = f
        return self._blocks[b]

    def faults(self, t0: float, t1: float) -> list[Fault]:
        """Faults active at some instant of [t0, t1]."""
        out = []
        for b in range(math.floor((t0 - MAX_FAULT_S) / BLOCK_S), math.floor(t1 / BLOCK_S) + 1):
            f = self._block(b)
            if f is not None and f.start <= t1 and f.end > t0:
                out.append(f)
        out += [f for f in self.extra if f.start <= t1 and f.end > t0]
        return out

    def cut_mask(self, t: float, feeder: np.ndarray) -> np.ndarray:
        """Transformers without supply at instant t."""
        out = np.zeros(len(feeder), dtype=bool)
        for f in self.faults(t, t):
            if f.start <= t < f.end:
                out |= feeder == f.indicator
        return out

    def _day(self, d: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if d not in self._days:
            rng = np.random.default_rng([self.seed, 23, d])
            lost = rng.random(self.n_terminals) < OFFLINE_P_PER_DAY
            start = d * 86400.0 + rng.random(self.n_terminals) * 86400.0
            dur = 3600.0 * (1 + 4 * rng.random(self.n_terminals))
            self._days[d] = (lost, start, start + dur)
            if len(self._days) > 64:
                self._days.pop(next(iter(self._days)))
        return self._days[d]

    def offline_mask(self, t: float) -> np.ndarray:
        """Terminals whose link is down at instant t (they send nothing)."""
        out = np.zeros(self.n_terminals, dtype=bool)
        d = math.floor(t / 86400)
        for day in (d - 1, d):
            lost, start, end = self._day(day)
            out |= lost & (start <= t) & (t < end)
        return out

    def outage_hours_per_household(self, since: float, until: float, households: np.ndarray, total: int) -> float:
        """Household-weighted outage hours in [since, until], per household."""
        hh = 0.0
        for f in self.faults(since, until):
            overlap = min(f.end, until) - max(f.start, since)
            if overlap > 0:
                hh += overlap / 3600.0 * households[f.indicator]
        return hh / max(total, 1)


def outages_from_history(indicator: str, rows: list[tuple[float, float | None]], now: float) -> list[Outage]:
    """Outage spans of one fault indicator from its (ts, tripped) readings, oldest first."""
    out: list[Outage] = []
    start: float | None = None
    known = True
    for i, (ts, value) in enumerate(rows):
        if value is None:
            continue
        if value >= 0.5 and start is None:
            start, known = ts, i > 0  # tripped already in the first row: we saw it start no earlier than this
        elif value < 0.5 and start is not None:
            out.append(Outage(indicator, start, ts, known))
            start = None
    if start is not None:
        out.append(Outage(indicator, start, None, known))
    return out
