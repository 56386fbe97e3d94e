"""How big a demo is: ``demo`` (the shipped scene, a few thousand entities) or ``city``
(issue 25's city scale: about 100k streams, 20k entities on the map, 5,000 cameras).

The core knows no numbers: it hands the scale to each plugin's simulator and camera set,
and each sizes itself. A class that takes no ``scale`` is made at demo size (and said so).
"""

from __future__ import annotations

import inspect
from typing import Any

from console.city import City

DEMO, CITY = "demo", "city"
SCALES = (DEMO, CITY)


def check_scale(scale: str) -> str:
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {', '.join(SCALES)}, not {scale!r}")
    return scale


def takes_scale(cls: Any) -> bool:
    try:
        params = inspect.signature(cls).parameters
    except (TypeError, ValueError):
        return False
    return "scale" in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


def make_sized(cls: Any, city: City, seed: int, scale: str = DEMO) -> tuple[Any, bool]:
    """``cls(city, seed=seed)`` sized to ``scale``; and whether it was (the demo scale always is).
    At the demo scale the call is exactly the one made before scales existed."""
    if check_scale(scale) == DEMO:
        return cls(city, seed=seed), True
    if not takes_scale(cls):
        return cls(city, seed=seed), False
    return cls(city, seed=seed, scale=scale), True
