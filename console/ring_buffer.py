"""A fixed-capacity time series buffer: what a chart keeps per series. numpy, no Qt."""

from __future__ import annotations

import numpy as np


class RingBuffer:
    """Appends are O(1) amortised; ``view`` returns contiguous time-ordered arrays.

    Stored twice-capacity linear so a view is a slice, never a copy or a roll.
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = max(int(capacity), 2)
        self._t = np.empty(2 * self.capacity, dtype=np.float64)
        self._v = np.empty(2 * self.capacity, dtype=np.float64)
        self._start = 0
        self._end = 0

    def __len__(self) -> int:
        return self._end - self._start

    def extend(self, ts, values) -> None:
        ts = np.asarray(ts, dtype=np.float64)
        values = np.asarray(values, dtype=np.float64)
        n = len(ts)
        if n == 0:
            return
        if n >= self.capacity:
            ts, values, n = ts[-self.capacity :], values[-self.capacity :], self.capacity
        if self._end + n > len(self._t):
            keep = min(len(self), self.capacity - n)
            self._t[:keep] = self._t[self._end - keep : self._end]
            self._v[:keep] = self._v[self._end - keep : self._end]
            self._start, self._end = 0, keep
        self._t[self._end : self._end + n] = ts
        self._v[self._end : self._end + n] = values
        self._end += n
        if len(self) > self.capacity:
            self._start = self._end - self.capacity

    def replace(self, ts, values) -> None:
        self._start = self._end = 0
        self.extend(ts, values)

    def view(self) -> tuple[np.ndarray, np.ndarray]:
        return self._t[self._start : self._end], self._v[self._start : self._end]

    @property
    def last_ts(self) -> float | None:
        return float(self._t[self._end - 1]) if len(self) else None
