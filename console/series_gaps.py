"""Gaps in a time series: where a chart must break its line instead of drawing a steady reading
across an outage. numpy, no Qt."""

from __future__ import annotations

import numpy as np

#: a silence longer than this many expected intervals is a gap (a missed report or two is not)
GAP_INTERVALS = 5.0


def gap_limit_s(expected_interval_s: float, intervals: float = GAP_INTERVALS) -> float:
    return max(float(expected_interval_s), 1.0) * intervals


def find_gaps(t: np.ndarray, limit_s: float) -> list[tuple[float, float]]:
    """(start, end) of every silence longer than ``limit_s`` between consecutive times."""
    if len(t) < 2:
        return []
    dt = np.diff(t)
    at = np.nonzero(dt > limit_s)[0]
    return [(float(t[i]), float(t[i + 1])) for i in at]


def broken_at_gaps(t: np.ndarray, v: np.ndarray, limit_s: float) -> tuple[np.ndarray, np.ndarray]:
    """``t, v`` with a NaN value inserted inside each gap, so a line drawn with
    ``connect="finite"`` stops at the gap's start and starts again at its end."""
    if len(t) < 2:
        return t, v
    at = np.nonzero(np.diff(t) > limit_s)[0]
    if not len(at):
        return t, v
    mid = (t[at] + t[at + 1]) / 2
    return np.insert(t, at + 1, mid), np.insert(v, at + 1, np.nan)


def merge_spans(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping spans joined (the gaps of several series shaded once)."""
    out: list[list[float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]
