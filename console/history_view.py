"""History as a chart draws it: a span of time at the resolution of the pixels that show it.

The store folds readings into min/max buckets in SQL (``Store.history_buckets``); here the
rows become the numpy arrays a curve takes, on the loader's worker thread, never the GUI's.
A bucket with one reading is that reading; a bucket with more is two points, its minimum at
its first reading's time and its maximum at its last's, so the line covers every value the
bucket held (what peak downsampling draws) in a few thousand points whatever the span.
numpy, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: a span is folded into at least this many buckets (a plot not laid out yet is narrow):
#: six hours of 1-minute readings stay every reading
MIN_BUCKETS = 1000
MAX_BUCKETS = 4000
#: a span holding at most this many readings comes back reading by reading (a day of 1-minute
#: readings: what the chart shows and exports is each reading at its own time, not an envelope)
RAW_READINGS = 4000


def bucket_s(span_s: float, pixels: float, interval_s: float | None = None) -> float:
    """Seconds per bucket: one bucket per pixel column (within MIN_BUCKETS..MAX_BUCKETS), or
    half the expected interval (a bucket per reading) when the span holds few readings."""
    if interval_s and span_s / interval_s <= RAW_READINGS:
        return max(float(interval_s) / 2, 1e-3)
    n = min(max(int(pixels), MIN_BUCKETS), MAX_BUCKETS)
    return max(float(span_s) / n, 1e-3)


@dataclass(frozen=True)
class Envelope:
    """One stream's history over [since, until] at ``bucket_s`` resolution, ready to draw."""

    t: np.ndarray
    v: np.ndarray
    since: float
    until: float
    bucket_s: float


def envelope_arrays(rows: list[tuple]) -> tuple[np.ndarray, np.ndarray]:
    """(t, v) from ``history_buckets`` rows: a point per one-reading bucket, two per fuller one.
    A value NULL in every reading of a bucket is NaN (the line breaks there)."""
    if not rows:
        return np.empty(0), np.empty(0)
    a = np.array(rows, dtype=np.float64).reshape(len(rows), 6)
    t = a[:, 1:3]  # first ts, last ts
    v = a[:, 3:5]  # min, max
    keep = np.ones((len(a), 2), dtype=bool)
    keep[:, 1] = a[:, 2] > a[:, 1]  # one reading: one point
    return np.ascontiguousarray(t[keep]), np.ascontiguousarray(v[keep])


def load_envelope(store, stream: str, since: float, until: float, pixels: float,
                  interval_s: float | None = None) -> Envelope:
    """Query and convert: what a loader's worker runs for one stream."""
    b = bucket_s(until - since, pixels, interval_s)
    t, v = envelope_arrays(store.history_buckets(stream, since, until, b))
    return Envelope(t, v, float(since), float(until), b)
