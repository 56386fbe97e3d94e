"""One freshness model for every view: fresh, late, stale, offline.

Derived from a stream's expected interval and the age of its last value; every tile
uses this, so a chart, a KPI and a map marker agree on what "stale" means.
"""

from __future__ import annotations

import enum

LATE_AFTER = 1.5  # intervals: one missed report is late
STALE_AFTER = 3.0  # three missed reports: the value is no longer current
OFFLINE_AFTER = 20.0  # long silence: treat the sensor as gone


class Freshness(enum.Enum):
    FRESH = "fresh"
    LATE = "late"
    STALE = "stale"
    OFFLINE = "offline"

    @property
    def is_current(self) -> bool:
        return self in (Freshness.FRESH, Freshness.LATE)


def freshness(age_s: float | None, expected_interval_s: float, source_live: bool = True) -> Freshness:
    """Classify a value by its age. ``None`` age (never received) is offline.

    With its source switched off (``--offline`` or a dead connection) a value can be
    at best stale: it is the last known state, not the current one.
    """
    if age_s is None:
        return Freshness.OFFLINE
    interval = max(expected_interval_s, 1e-6)
    ratio = max(age_s, 0.0) / interval
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
