"""The emergency plugin's entities for a city, from ``data/<city>.json``: hazards (chemical parks,
reservoirs, dikes, underpasses), supplies depots with their stock per kind, rescue teams (members,
equipment), shelters (capacity), schools and hospitals, and the two shapes an event draws on the map
(its impact range and the rescue route). A city without a data file has none."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from console.city import City
from console.languages import QT_TRANSLATE_NOOP
from console.model import Entity, StreamSpec
from plugins.emergency.impact import Place

INTERVAL_S = 60.0

HAZARD_TYPES = {
    "chemical_plant": QT_TRANSLATE_NOOP("Emergency", "危化品企业"),
    "reservoir": QT_TRANSLATE_NOOP("Emergency", "水库"),
    "dike": QT_TRANSLATE_NOOP("Emergency", "堤防"),
    "underpass": QT_TRANSLATE_NOOP("Emergency", "下穿通道"),
    "landslide": QT_TRANSLATE_NOOP("Emergency", "地质灾害隐患点"),
}
#: the stream each hazard type reports (its name, unit)
HAZARD_STREAM = {
    "chemical_plant": ("leak_t", QT_TRANSLATE_NOOP("Emergency", "泄漏量"), "t"),
    "reservoir": ("level_m", QT_TRANSLATE_NOOP("Emergency", "库水位"), "m"),
    "dike": ("seepage", QT_TRANSLATE_NOOP("Emergency", "渗漏巡查险情"), ""),
    "underpass": ("water_depth_m", QT_TRANSLATE_NOOP("Emergency", "积水深度"), "m"),
    "landslide": ("displacement_mm", QT_TRANSLATE_NOOP("Emergency", "位移"), "mm"),
}
STOCK_KINDS = {
    "tents": (QT_TRANSLATE_NOOP("Emergency", "帐篷"), "顶"),
    "quilts": (QT_TRANSLATE_NOOP("Emergency", "棉被"), "床"),
    "sandbags": (QT_TRANSLATE_NOOP("Emergency", "沙袋"), "条"),
    "absorbent": (QT_TRANSLATE_NOOP("Emergency", "吸附棉"), "kg"),
    "hazmat_suits": (QT_TRANSLATE_NOOP("Emergency", "防化服"), "套"),
    "water_t": (QT_TRANSLATE_NOOP("Emergency", "饮用水"), "t"),
}
#: a team's status stream: 0 standby, 1 on the way, 2 on scene
TEAM_STATUS = (QT_TRANSLATE_NOOP("Emergency", "待命"), QT_TRANSLATE_NOOP("Emergency", "出动中"), QT_TRANSLATE_NOOP("Emergency", "已到场"))
IMPACT_STREAMS = (
    ("radius_m", QT_TRANSLATE_NOOP("Emergency", "影响半径"), "m", 0),
    ("people", QT_TRANSLATE_NOOP("Emergency", "范围内人口"), "人", 0),
    ("schools", QT_TRANSLATE_NOOP("Emergency", "范围内学校"), "所", 0),
    ("hospitals", QT_TRANSLATE_NOOP("Emergency", "范围内医院"), "所", 0),
    ("shelters", QT_TRANSLATE_NOOP("Emergency", "范围内避难场所"), "处", 0),
)


@lru_cache(maxsize=8)
def city_data(city_id: str) -> dict[str, Any] | None:
    path = resources.files("plugins.emergency") / "data" / f"{city_id}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


@lru_cache(maxsize=8)
def population(city_id: str) -> tuple[float, tuple[tuple[float, float, float], ...]]:
    """The city's population grid: (cell size in degrees, ((lat, lon, people), ...))."""
    path = resources.files("plugins.emergency") / "data" / f"population_{city_id}.json"
    if not path.is_file():
        return 0.01, ()
    data = json.loads(path.read_text(encoding="utf-8"))
    return float(data["cell_deg"]), tuple(tuple(c) for c in data["cells"])


def _s(sid: str, name: str, unit: str, decimals: int | None = 0) -> StreamSpec:
    return StreamSpec(sid, name, unit, INTERVAL_S, decimals)


def impact_id(city: City) -> str:
    return f"IMPACT-{city.id.upper()}"


def route_id(city: City) -> str:
    return f"ROUTE-{city.id.upper()}"


def emergency_entities(city: City) -> list[Entity]:
    data = city_data(city.id)
    if data is None:
        return []
    out: list[Entity] = []
    for h in data["hazards"]:
        s, zh, unit = HAZARD_STREAM[h["type"]]
        out.append(Entity(h["id"], "hazard", h["name"], h["lat"], h["lon"],
                          {"name_en": h["name_en"], "hazard_type": h["type"], "map_stream": s, **h.get("attrs", {})},
                          (_s(f"emergency/hazard/{h['id']}/{s}", f"{h['name']} {zh}", unit, 1),)))
    for d in data["depots"]:
        out.append(Entity(d["id"], "supply_depot", d["name"], d["lat"], d["lon"],
                          {"name_en": d["name_en"], "stock_kinds": list(d["stock"]), "map_stream": "hazmat_suits"},
                          tuple(_s(f"emergency/depot/{d['id']}/{k}", f"{d['name']} {STOCK_KINDS[k][0]}", STOCK_KINDS[k][1])
                                for k in d["stock"])))
    for t in data["teams"]:
        out.append(Entity(t["id"], "rescue_team", t["name"], t["lat"], t["lon"],
                          {"name_en": t["name_en"], "specialty": t["specialty"], "members": t["members"],
                           "equipment": t["equipment"], "equipment_en": t["equipment_en"], "base": [t["lat"], t["lon"]],
                           "map_stream": "status"},
                          (_s(f"emergency/team/{t['id']}/status", f"{t['name']} 状态", ""),
                           _s(f"emergency/team/{t['id']}/eta_min", f"{t['name']} 预计到场", "min"))))
    for sh in data["shelters"]:
        out.append(Entity(sh["id"], "shelter", sh["name"], sh["lat"], sh["lon"],
                          {"name_en": sh["name_en"], "capacity": sh["capacity"], "full_at": round(sh["capacity"] * 0.9),
                           "map_stream": "occupancy"},
                          (_s(f"emergency/shelter/{sh['id']}/occupancy", f"{sh['name']} 安置人数", "人"),)))
    for kind, key in (("school", "schools"), ("hospital", "hospitals")):
        for p in data[key]:
            out.append(Entity(p["id"], kind, p["name"], p["lat"], p["lon"], {"name_en": p["name_en"]}))
    base = f"emergency/event/{city.id}"
    out.append(Entity(impact_id(city), "impact_range", f"{city.name}突发事件影响范围", None, None,
                      {"name_en": f"{city.name_en} event impact range", "map_stream": "people", "city": city.id},
                      tuple(_s(f"{base}/{s}", zh, unit, dec) for s, zh, unit, dec in IMPACT_STREAMS)))
    out.append(Entity(route_id(city), "rescue_route", f"{city.name}救援安全路线", None, None,
                      {"name_en": f"{city.name_en} safe rescue route"}))
    return out


def counted_places(city: City) -> list[Place]:
    """What an impact range counts: schools, hospitals, shelters."""
    data = city_data(city.id) or {"schools": [], "hospitals": [], "shelters": []}
    return [Place(p["id"], kind, p["lat"], p["lon"])
            for kind, key in (("school", "schools"), ("hospital", "hospitals"), ("shelter", "shelters")) for p in data[key]]
