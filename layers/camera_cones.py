"""A camera's view on the map: a cone from its position, its heading and its field of view.

Settings (or a plugin) give ``heading`` (degrees clockwise from north, where the lens points),
``fov`` (the horizontal field of view, degrees) and optionally ``view_m`` (how far it sees,
default 150 m). Plain geometry on a local flat earth: good to a metre over a few hundred metres.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from console.model import Entity

EARTH_M_PER_DEG = 111_320.0
DEFAULT_VIEW_M = 150.0
_ARC_POINTS = 8


def cone(lat: float, lon: float, heading: float, fov: float, view_m: float = DEFAULT_VIEW_M) -> list[list[float]]:
    """The cone as a closed ring of [lat, lon]: the camera, then the far arc from left to right."""
    fov = max(1.0, min(float(fov), 359.0))
    ring = [[lat, lon]]
    for k in range(_ARC_POINTS + 1):
        bearing = math.radians(heading - fov / 2 + fov * k / _ARC_POINTS)
        north, east = view_m * math.cos(bearing), view_m * math.sin(bearing)
        ring.append([round(lat + north / EARTH_M_PER_DEG, 7),
                     round(lon + east / (EARTH_M_PER_DEG * math.cos(math.radians(lat))), 7)])
    ring.append([lat, lon])
    return ring


def camera_cones(entities: Iterable[Entity]) -> list[dict[str, Any]]:
    """The page's cones: every placed camera that says where it looks (``heading`` and ``fov``)."""
    out = []
    for e in entities:
        a = e.attrs
        if e.kind != "camera" or not e.has_position or a.get("heading") is None or a.get("fov") is None:
            continue
        try:
            ring = cone(e.lat, e.lon, float(a["heading"]), float(a["fov"]), float(a.get("view_m", DEFAULT_VIEW_M)))
        except (TypeError, ValueError):
            continue  # a camera with a heading that is not a number is drawn without its cone
        out.append({"id": e.id, "ring": ring, "live": bool(a.get("stream"))})
    return out
