"""Clocks: the wall clock, and a simulated clock that can run N times faster."""

from __future__ import annotations

import threading
import time


class Clock:
    """Real time. ``now()`` is seconds since the epoch."""

    speed = 1.0

    def now(self) -> float:
        return time.time()


class SimClock(Clock):
    """Simulated time starting at ``start`` and running ``speed`` times real time.

    Thread-safe: simulator threads and the GUI read the same instant.
    """

    def __init__(self, start: float | None = None, speed: float = 1.0) -> None:
        if speed <= 0:
            raise ValueError(f"speed must be positive, got {speed}")
        self.speed = float(speed)
        self._start = time.time() if start is None else float(start)
        self._t0 = time.monotonic()
        self._lock = threading.Lock()
        self._offset = 0.0

    def now(self) -> float:
        with self._lock:
            return self._start + self._offset + (time.monotonic() - self._t0) * self.speed

    def jump(self, seconds: float) -> None:
        """Move simulated time forward (tours and tests fast-forward with this)."""
        with self._lock:
            self._offset += seconds
