"""Exponential backoff with jitter: how long a failing source waits before trying again."""

from __future__ import annotations

import random


def backoff_delay(failures: int, base_s: float, cap_s: float, rng: random.Random | None = None) -> float:
    """Seconds to wait after ``failures`` consecutive failures (1, 2, ...).

    The ceiling doubles per failure from ``base_s`` up to ``cap_s``; the delay is drawn
    between half the ceiling and the ceiling ("equal jitter"), so many consoles that
    lost the same server do not all come back in the same second, and none waits
    less than half of what the doubling asks.
    """
    ceiling = min(cap_s, base_s * 2.0 ** max(failures - 1, 0))
    return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)
