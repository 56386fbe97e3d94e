"""The base of every plugin's simulator: deterministic from a seed, any speed.

A simulator is a pure function of (seed, city, scenario events, time): the readings
it yields for a span of simulated time do not depend on how the span is cut into
ticks, so the demo, the tests and a replay all see the same data for the same seed.
"""

from __future__ import annotations

import hashlib
import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from console.city import City
from console.model import Entity, Reading


def unit_noise(seed: int, *key: Any) -> float:
    """A deterministic pseudo-random number in [-1, 1) for a seed and a key."""
    digest = hashlib.blake2b(repr((seed, key)).encode(), digest_size=8).digest()
    return struct.unpack("<Q", digest)[0] / 2**63 - 1.0


def unit_random(seed: int, *key: Any) -> float:
    """A deterministic pseudo-random number in [0, 1)."""
    return (unit_noise(seed, *key) + 1.0) / 2.0


def grid_times(t0: float, t1: float, interval: float) -> list[float]:
    """Sample instants k*interval in the half-open span (t0, t1]."""
    first = math.floor(t0 / interval) + 1
    last = math.floor(t1 / interval)
    return [k * interval for k in range(first, last + 1)]


@dataclass
class ScenarioEvent:
    """Something a tour or an operator makes happen in a simulator ("a rainstorm starts")."""

    type: str
    ts: float
    params: dict[str, Any]


class Simulator:
    """Subclass per plugin. Override ``entities`` and ``readings_between``."""

    #: how far back the demo back-fills at start, so charts are not empty
    backfill_s: float = 6 * 3600

    def __init__(self, city: City, seed: int = 1, scale: str = "demo") -> None:
        self.city = city
        self.seed = seed
        self.scale = scale  # "demo" or "city" (console.sources.scale): a subclass sizes itself by it
        self.events: list[ScenarioEvent] = []

    #: how often, in simulated seconds, the source asks where the moving entities are (0: none move)
    move_interval_s: float = 0.0

    def entities(self) -> Sequence[Entity]:
        raise NotImplementedError

    def moved_entities(self, t: float) -> Sequence[Entity]:
        """The entities that move (a bus along its route) as they stand at time t, their position
        set (None: off the map). Default: none move."""
        return ()

    def readings_between(self, t0: float, t1: float) -> list[Reading]:
        """All readings with t0 < ts <= t1 (simulated seconds since the epoch)."""
        raise NotImplementedError

    def prepare_demo(self, now: float) -> None:
        """Set the scene for the demo (open on an eventful moment). Default: nothing."""

    def attach(self, services: dict[str, Any]) -> None:
        """Take the runtime's plugin services (a record store to write to, say). Default: none used."""

    def apply_event(self, event: ScenarioEvent) -> bool:
        """Take a scenario event; False if this simulator does not know its type."""
        return False
