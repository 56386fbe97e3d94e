"""The figures of a set of cases at a moment, per grid, per department and for the city. Qt-free.

Over the cases received in the last ``window_s`` (24 h): received, closed, the share of the closed
ones closed by their due time, and the satisfaction (the share of rated ones rated 4 or 5); open
and overdue count every case open at the moment, however old (an overdue case never ages out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from plugins.governance.cases import CLOSED, OVERDUE, Case

WINDOW_S = 24 * 3600.0
SATISFIED = 4  # a rating of 4 or 5 of 5 is "satisfied" (满意、基本满意)


@dataclass
class Figures:
    received: int = 0
    received_1h: int = 0  # the last hour's: a surge shows here first
    closed: int = 0
    closed_on_time: int = 0
    overdue: int = 0
    open: int = 0
    rated: int = 0
    satisfied: int = 0

    @property
    def on_time_pct(self) -> float | None:
        return 100.0 * self.closed_on_time / self.closed if self.closed else None

    @property
    def satisfaction_pct(self) -> float | None:
        return 100.0 * self.satisfied / self.rated if self.rated else None

    def values(self) -> dict[str, float | None]:
        """As the streams carry them (None: nothing to say, no reading)."""
        return {"received": float(self.received), "received_1h": float(self.received_1h), "closed": float(self.closed), "on_time_pct": self.on_time_pct,
                "overdue": float(self.overdue), "satisfaction_pct": self.satisfaction_pct, "open": float(self.open)}


def add_case(f: Figures, c: Case, now: float, window_s: float = WINDOW_S) -> None:
    stage = c.stage(now)
    if stage is None:
        return
    if stage != CLOSED:
        f.open += 1
        f.overdue += stage == OVERDUE
    if c.received_ts <= now - window_s:
        return
    f.received += 1
    f.received_1h += c.received_ts > now - 3600
    if stage == CLOSED:
        f.closed += 1
        f.closed_on_time += c.on_time
        if c.rating is not None:
            f.rated += 1
            f.satisfied += c.rating >= SATISFIED


def figures_by(cases: Iterable[Case], now: float, key: Callable[[Case], str], window_s: float = WINDOW_S) -> dict[str, Figures]:
    """Figures per ``key(case)`` (the grid, the department)."""
    out: dict[str, Figures] = {}
    for c in cases:
        add_case(out.setdefault(key(c), Figures()), c, now, window_s)
    return out


def figures_of(cases: Iterable[Case], now: float, window_s: float = WINDOW_S) -> Figures:
    f = Figures()
    for c in cases:
        add_case(f, c, now, window_s)
    return f
