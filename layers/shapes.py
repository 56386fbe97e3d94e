"""Entities' shapes on the map: an ``area`` (a grid's polygon, an event's impact range) or a
``path`` (a rescue route), given by the plugin as the entity's attribute ``[[lat, lon], ...]``.

The page draws them under the markers, coloured by their entity's marker state, shown with
their kind's layer (``cc.setShapes``). A shape that is not a list of at least three (area) or
two (path) numeric [lat, lon] pairs is left out and logged once, never drawn half. Qt-free.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from typing import Any

from console.model import Entity

log = logging.getLogger(__name__)

#: points kept per shape (a longer one is thinned evenly: the page stays light)
MAX_POINTS = 2000
_warned: set[str] = set()


def _points(raw: Any, least: int) -> list[list[float]] | None:
    if not isinstance(raw, (list, tuple)) or len(raw) < least:
        return None
    out = []
    for p in raw:
        if not isinstance(p, (list, tuple)) or len(p) != 2:
            return None
        lat, lon = p
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in (lat, lon)):
            return None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        out.append([float(lat), float(lon)])
    if len(out) > MAX_POINTS:
        step = len(out) / MAX_POINTS
        out = [out[int(k * step)] for k in range(MAX_POINTS)]
    return out


def entity_shape(e: Entity) -> dict[str, Any] | None:
    """The page's shape of ``e`` (``{"id", "layer", "area"|"path"}``), or None if it has none."""
    for key, least in (("area", 3), ("path", 2)):
        if key not in e.attrs:
            continue
        pts = _points(e.attrs[key], least)
        if pts is None:
            if e.id not in _warned:
                _warned.add(e.id)
                log.warning("entity %s: its %s is not a list of at least %d [lat, lon] pairs; not drawn", e.id, key, least)
            return None
        return {"id": e.id, "layer": e.kind, key: pts}
    return None


def entity_shapes(entities: Iterable[Entity]) -> list[dict[str, Any]]:
    """Every shape among ``entities``."""
    return [s for e in entities if (s := entity_shape(e)) is not None]


def shape_changes(before: dict[str, Entity], after: dict[str, Entity], ids: Iterable[str]) -> list[dict[str, Any]]:
    """The shapes to send for entities ``ids`` whose area or path changed (a growing impact range,
    a new route); an entity that lost its shape gets an entry without points (removed)."""
    out = []
    for i in ids:
        old, new = before.get(i), after.get(i)
        was = entity_shape(old) if old is not None else None
        now = entity_shape(new) if new is not None else None
        if was == now:
            continue
        out.append(now if now is not None else {"id": i, "layer": (old or new).kind})
    return out


__all__ = ["MAX_POINTS", "entity_shape", "entity_shapes", "shape_changes"]
