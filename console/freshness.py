"""One freshness model for every view: fresh, late, catching up, stale, offline.

Derived from a stream's expected interval and the age of its last value; every tile
uses this, so a chart, a KPI and a map marker agree on what "stale" means. A value whose
source is back-filling (readings arriving with times well behind the clock, a simulator
behind its clock) is *catching up*, never offline: offline is for a source that is down
or silent.
"""

from __future__ import annotations

import enum

LATE_AFTER = 1.5  # intervals: one missed report is late
STALE_AFTER = 3.0  # three missed reports: the value is no longer current
OFFLINE_AFTER = 20.0  # long silence: treat the sensor as gone


class Freshness(enum.Enum):
    FRESH = "fresh"
    LATE = "late"
    CATCHING_UP = "catching_up"
    STALE = "stale"
    OFFLINE = "offline"

    @property
    def is_current(self) -> bool:
        return self in (Freshness.FRESH, Freshness.LATE)

    @property
    def rank(self) -> int:
        """How bad: the worst of several values is the one with the highest rank."""
        return _ORDER.index(self)


_ORDER = (Freshness.FRESH, Freshness.LATE, Freshness.CATCHING_UP, Freshness.STALE, Freshness.OFFLINE)


def freshness(
    age_s: float | None, expected_interval_s: float, source_live: bool = True, catching_up: bool = False
) -> Freshness:
    """Classify a value by its age. ``None`` age (never received) is offline.

    With its source switched off (``--offline`` or a dead connection) a value can be
    at best stale: it is the last known state, not the current one. While its source
    catches up (a source that goes down stops catching up), a value older than one
    missed report is catching up, however old.
    """
    if age_s is None:
        return Freshness.CATCHING_UP if catching_up else Freshness.OFFLINE
    interval = max(expected_interval_s, 1e-6)
    ratio = max(age_s, 0.0) / interval
    if catching_up and ratio > LATE_AFTER:
        return Freshness.CATCHING_UP
    if ratio > OFFLINE_AFTER:
        return Freshness.OFFLINE
    if ratio > STALE_AFTER or not source_live:
        return Freshness.STALE
    if ratio > LATE_AFTER:
        return Freshness.LATE
    return Freshness.FRESH


def format_age(age_s: float | None) -> str:
    """Short age for a label: ``12 s``, ``4 min``, ``3 h``, ``2 d``."""
    if age_s is None:
        return "—"
    age_s = max(age_s, 0.0)
    if age_s < 60:
        return f"{age_s:.0f} s"
    if age_s < 3600:
        return f"{age_s / 60:.0f} min"
    if age_s < 86400 * 2:
        return f"{age_s / 3600:.1f} h"
    return f"{age_s / 86400:.0f} d"


def format_progress(behind_s: float | None, fraction: float | None) -> str:
    """The backlog of a source catching up: ``3.3 h behind · 40 %``."""
    parts = [f"{format_age(behind_s)} behind"] if behind_s is not None else []
    if fraction is not None:
        parts.append(f"{100 * min(max(fraction, 0.0), 1.0):.0f} %")
    return " · ".join(parts)
