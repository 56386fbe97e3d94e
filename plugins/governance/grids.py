"""Each city's grids (网格) as entities with their area (a polygon the map draws) and grid members,
the departments cases go to, and the city's summary: shipped as data (data/grids.json). A grid
member's phone is masked here, at the door: the console never holds the whole number."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from console.city import City
from console.languages import QT_TRANSLATE_NOOP
from console.model import Entity, StreamSpec
from layers.boundaries import contains, load_boundary
from plugins.governance.cases import catalogue
from plugins.governance.volume import CASES_PER_1000_PER_DAY

INTERVAL_S = 300.0
SURGE_TIMES = 3.5
GRID_KIND, DEPARTMENT_KIND, SUMMARY_KIND = "gov_grid", "gov_department", "gov_summary"

#: (stream, name, unit, decimals): the figures of a grid, a department and the city (last 24 h)
FIGURES = (
    ("received", QT_TRANSLATE_NOOP("Entity", "近24小时受理"), "件", 0),
    ("received_1h", QT_TRANSLATE_NOOP("Entity", "近1小时受理"), "件", 0),
    ("closed", QT_TRANSLATE_NOOP("Entity", "近24小时办结"), "件", 0),
    ("on_time_pct", QT_TRANSLATE_NOOP("Entity", "按时办结率"), "%", 1),
    ("overdue", QT_TRANSLATE_NOOP("Entity", "超期未办结"), "件", 0),
    ("satisfaction_pct", QT_TRANSLATE_NOOP("Entity", "满意率"), "%", 1),
    ("open", QT_TRANSLATE_NOOP("Entity", "在办工单"), "件", 0),
)


def mask_phone(phone: str) -> str:
    """"13905361127" -> "139****1127": enough to tell two members apart, not to call them."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def grid_data(city_id: str) -> list[dict[str, Any]]:
    raw = json.loads((resources.files("plugins.governance") / "data" / "grids.json").read_text("utf-8"))
    return list(raw["cities"].get(city_id, ()))


def _streams(prefix: str, name: str) -> tuple[StreamSpec, ...]:
    return tuple(StreamSpec(f"{prefix}/{s}", f"{name} {zh}", unit, INTERVAL_S, decimals) for s, zh, unit, decimals in FIGURES)


def grids(city: City) -> list[Entity]:
    """The city's grids, each inside the boundary, with its area, members (masked) and figures."""
    feature = load_boundary(city.id)
    lat0, lon0 = city.center
    out = []
    for d in grid_data(city.id):
        area = [[round(lat0 + a, 5), round(lon0 + b, 5)] for a, b in d["area"]]
        outside = [p for p in area if not contains(feature, p[0], p[1])]
        if outside:
            raise ValueError(f"grid {d['id']}: corner {outside[0]} lies outside {city.id}'s boundary")
        lat = round(sum(p[0] for p in area) / len(area), 5)
        lon = round(sum(p[1] for p in area) / len(area), 5)
        members = tuple({"name": m["name"], "phone": mask_phone(m["phone"])} for m in d["members"])
        out.append(Entity(
            d["id"], GRID_KIND, d["name"], lat, lon,
            {"name_en": d["name_en"], "street": d["street"], "area": area, "population": d["population"],
             "members": members, "map_stream": "overdue"},
            _streams(f"governance/grid/{d['id']}", d["name"]),
        ))
    return out


def departments() -> list[Entity]:
    return [Entity(f"GOV-DEPT-{d.id}", DEPARTMENT_KIND, d.name, attrs={"name_en": d.name_en, "department": d.id},
                   streams=_streams(f"governance/dept/{d.id}", d.name))
            for d in catalogue().departments.values()]


def governance_entities(city: City) -> list[Entity]:
    """Grids, departments and the city's summary."""
    gs = grids(city)
    population = sum(g.attrs["population"] for g in gs)
    # a surge: the last hour's cases past 3.5 times the day's mean hourly (a rainstorm at the morning peak)
    surge = round(SURGE_TIMES * population / 1000 * CASES_PER_1000_PER_DAY / 24)
    summary = Entity(f"GOVERNANCE-{city.id.upper()}", SUMMARY_KIND, f"{city.name}网格化治理",
                     attrs={"grids": len(gs), "population": population, "surge_1h": surge}, streams=_streams(f"governance/city/{city.id}", "全市"))
    return [*gs, *departments(), summary]
