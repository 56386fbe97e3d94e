"""What the resources tile shows, read from the hub: the rescue teams by road time to the current event
(or to the city's first hazard when nothing has happened), with status and ETA; the depots' stock per
kind; the shelters' fill. Road times over the plugin's graph (plugins.emergency.routing). Qt-free."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from plugins.emergency.places import STOCK_KINDS
from plugins.emergency.routing import RoadGraph


@lru_cache(maxsize=8)
def _roads(city_id: str) -> RoadGraph | None:
    return RoadGraph.for_city(city_id)


@dataclass(frozen=True)
class TeamRow:
    id: str
    name: str
    specialty: str
    members: int
    status: int  # 0 standby, 1 on the way, 2 on scene
    road_min: float | None  # road time to the event
    eta_min: float | None  # while on the way


def _v(hub: Any, sid: str) -> float | None:
    r = hub.latest(sid)
    return None if r is None or r.value is None else float(r.value)


def event_place(hub: Any) -> tuple[str, float, float, str] | None:
    """(city id, lat, lon, what) of the current event, else of the first hazard; None without either."""
    imp = next((e for e in hub.entities.values() if e.kind == "impact_range"), None)
    if imp is None:
        return None
    if imp.has_position and "area" in imp.attrs:
        return imp.attrs["city"], imp.lat, imp.lon, imp.name
    hz = next((e for e in hub.entities.values() if e.kind == "hazard" and e.has_position), None)
    return (imp.attrs["city"], hz.lat, hz.lon, hz.name) if hz is not None else None


def team_rows(hub: Any) -> list[TeamRow]:
    teams = [e for e in hub.entities.values() if e.kind == "rescue_team"]
    place = event_place(hub)
    roads = _roads(place[0]) if place else None
    times: dict[str, float] = {}
    if roads is not None:
        # from each team's station (its base), not from where it stands while driving
        base = {e.id: e.attrs.get("base") or [e.lat, e.lon] for e in teams}
        times = {r.id: r.seconds / 60 for r in roads.nearest(place[1], place[2], [(i, b[0], b[1]) for i, b in base.items()])}
    rows = []
    for e in teams:
        st = int(_v(hub, f"emergency/team/{e.id}/status") or 0)
        rows.append(TeamRow(e.id, e.name, e.attrs.get("specialty", ""), int(e.attrs.get("members", 0)), st,
                            times.get(e.id), _v(hub, f"emergency/team/{e.id}/eta_min") if st == 1 else None))
    rows.sort(key=lambda r: (r.road_min is None, r.road_min or 0.0, r.id))
    return rows


def depot_rows(hub: Any) -> list[tuple[str, dict[str, float | None]]]:
    return [(e.name, {k: _v(hub, f"emergency/depot/{e.id}/{k}") for k in e.attrs.get("stock_kinds", ())})
            for e in hub.entities.values() if e.kind == "supply_depot"]


def shelter_rows(hub: Any) -> list[tuple[str, float | None, int]]:
    return [(e.name, _v(hub, f"emergency/shelter/{e.id}/occupancy"), int(e.attrs["capacity"]))
            for e in hub.entities.values() if e.kind == "shelter"]


STOCK_COLUMNS = tuple(STOCK_KINDS)
