"""How a camera grid orders its cameras: pages, groups, and cameras near alarms first. Qt-free."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from console.model import Entity


@dataclass(frozen=True)
class Page:
    label: str
    cameras: tuple[str, ...]
    alarm: bool = False  # a page of cameras pushed to the front by alarms


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371000.0 * math.asin(math.sqrt(a))


def nearest_cameras(cameras: Iterable[Entity], lat: float, lon: float, n: int) -> list[Entity]:
    placed = [c for c in cameras if c.has_position]
    placed.sort(key=lambda c: distance_m(lat, lon, c.lat, c.lon))  # type: ignore[arg-type]
    return placed[:n]


def group_pages(cameras: Sequence[Entity], per_page: int, group_by: str | None = None) -> list[Page]:
    """Pages of ``per_page`` cameras; with ``group_by`` (an attribute) each group starts a page."""
    per_page = max(1, per_page)
    groups: dict[str, list[str]] = {}
    for c in cameras:
        key = str(c.attrs.get(group_by, "—")) if group_by else ""
        groups.setdefault(key, []).append(c.id)
    pages = []
    for label, ids in groups.items():
        chunks = [ids[i : i + per_page] for i in range(0, len(ids), per_page)]
        for k, chunk in enumerate(chunks):
            suffix = f" {k + 1}/{len(chunks)}" if len(chunks) > 1 and label else ""
            pages.append(Page(label + suffix, tuple(chunk)))
    return pages


def alarm_pages(
    cameras: Sequence[Entity], alarmed: Sequence[Entity], per_page: int, nearest: int = 4
) -> tuple[list[Page], dict[str, str]]:
    """Pages of the cameras watching, then nearest, each alarmed entity (worst alarm first, as given).

    Returns the pages and, per camera pushed forward, the id of the entity that pulled it.
    """
    chosen: dict[str, str] = {}
    for e in alarmed:
        if e.kind == "camera":
            continue
        for c in cameras:  # a camera set to watch this entity (settings' ``watches``) comes first
            if c.attrs.get("watches") == e.id:
                chosen.setdefault(c.id, e.id)
        if not e.has_position:
            continue
        for c in nearest_cameras(cameras, e.lat, e.lon, nearest):  # type: ignore[arg-type]
            chosen.setdefault(c.id, e.id)
    ids = list(chosen)
    pages = [Page("报警附近 Near alarms", tuple(ids[i : i + per_page]), alarm=True) for i in range(0, len(ids), max(1, per_page))]
    return pages, chosen
