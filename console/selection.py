"""Which streams a tile shows, from its options: glob patterns or an entity selection.

Options either list ``streams`` (globs over stream ids) or ``select`` entities by
kind and attributes and name the ``stream`` to take from each (its last path part).
Layouts stay generic this way: "the gauges of the first river", in any city.
"""

from __future__ import annotations

import fnmatch
from typing import Any

from console.model import Entity


def select_entities(entities: dict[str, Entity], select: dict[str, Any]) -> list[Entity]:
    kind = select.get("kind")
    attrs = select.get("attrs", {})
    ids = select.get("ids")
    out = [
        e
        for e in entities.values()
        if (kind is None or e.kind == kind)
        and (ids is None or e.id in ids)
        and all(e.attrs.get(k) == v for k, v in attrs.items())
    ]
    return sorted(out, key=lambda e: e.id)


def evenly(items: list, n: int | None) -> list:
    """Up to n items spread evenly over the list (first and last included)."""
    if n is None or len(items) <= n:
        return items
    if n == 1:
        return items[:1]
    step = (len(items) - 1) / (n - 1)
    return [items[round(i * step)] for i in range(n)]


def select_streams(
    options: dict[str, Any], entities: dict[str, Entity], known_streams: set[str] | list[str]
) -> list[str]:
    """The stream ids a tile's options name, in a stable order."""
    found: list[str] = []
    if "streams" in options:
        pool = sorted(set(known_streams) | {s.id for e in entities.values() for s in e.streams})
        for pattern in options["streams"]:
            found += [s for s in pool if fnmatch.fnmatchcase(s, pattern) and s not in found]
    elif "select" in options:
        suffix = "/" + options.get("stream", "")
        for e in select_entities(entities, options["select"]):
            found += [s.id for s in e.streams if s.id.endswith(suffix)]
    return evenly(found, options.get("max_series"))


def title_fields(options: dict[str, Any], entities: dict[str, Entity]) -> dict[str, Any]:
    """Fields a tile title may use: the attributes of the first selected entity."""
    if "select" not in options:
        return {}
    chosen = select_entities(entities, options["select"])
    return dict(chosen[0].attrs) | {"name": chosen[0].name} if chosen else {}
