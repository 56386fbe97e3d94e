"""Where a bus is on its trip, and the headway to the bus ahead, from arrival times at the stops.

A position is a fractional stop index along the trip (2.5: halfway between its third and fourth
stop). The headway of a bus at its position is how long ago the bus ahead passed that position;
the scheduled headway is the timetable's gap between the two trips at the same position. Bunching
is a headway under a third of the scheduled one, a gap one over twice it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

BUNCH_RATIO = 1 / 3
GAP_RATIO = 2.0


def position_at(times: Sequence[float], t: float) -> float | None:
    """The fractional stop index at time t, None before the first stop or after the last."""
    if t < times[0] or t > times[-1]:
        return None
    k = min(bisect_right(times, t) - 1, len(times) - 2)
    span = times[k + 1] - times[k]
    return k + (0.0 if span <= 0 else min(1.0, (t - times[k]) / span))


def time_at(times: Sequence[float], p: float) -> float:
    """When a trip with these arrival times is at position p."""
    k = min(int(p), len(times) - 2)
    return times[k] + (p - k) * (times[k + 1] - times[k])


@dataclass(frozen=True)
class Headway:
    actual_s: float
    scheduled_s: float

    @property
    def ratio(self) -> float:
        return self.actual_s / self.scheduled_s if self.scheduled_s > 0 else float("inf")

    @property
    def state(self) -> str:
        """``bunched``, ``gap`` or ``ok``."""
        if self.ratio < BUNCH_RATIO:
            return "bunched"
        if self.ratio > GAP_RATIO:
            return "gap"
        return "ok"


def headway(t: float, p: float, actual_ahead: Sequence[float], sched_self: Sequence[float], sched_ahead: Sequence[float]) -> Headway:
    """The headway at time t of a bus at position p behind a bus whose trip had these actual times.

    A bus that has caught up with (or passed) the one ahead has a headway of 0."""
    return Headway(max(0.0, t - time_at(actual_ahead, p)), time_at(sched_self, p) - time_at(sched_ahead, p))
