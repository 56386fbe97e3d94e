"""Each city's smart communities as entities: shipped as data (data/communities.json), placed
inside the city boundary, with their indicator progress as attributes and their live systems
as streams."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from console.city import City
from console.model import Entity, StreamSpec
from layers.boundaries import contains, load_boundary
from plugins.community.indicators import Standard, load_standard, progress
from console.languages import QT_TRANSLATE_NOOP

INTERVAL_S = 300.0

#: (stream, name, unit, decimals) of a community
STREAMS = (
    ("access_events", QT_TRANSLATE_NOOP("Entity", "门禁通行（5分钟）"), "次", 0),
    ("care_calls", QT_TRANSLATE_NOOP("Entity", "养老呼叫未处置"), "起", 0),
    ("locker_fill_pct", QT_TRANSLATE_NOOP("Entity", "快递柜占用"), "%", 1),
    ("ev_in_use", QT_TRANSLATE_NOOP("Entity", "充电桩在用"), "个", 0),
    ("indicator_pct", QT_TRANSLATE_NOOP("Entity", "指标完成权重"), "%", 1),
)
SUMMARY_STREAMS = (
    ("smart_count", QT_TRANSLATE_NOOP("Entity", "达标智慧社区"), "个", 0),
    ("indicator_pct", QT_TRANSLATE_NOOP("Entity", "社区指标平均完成权重"), "%", 1),
)


def community_data(city_id: str) -> list[dict[str, Any]]:
    raw = json.loads((resources.files("plugins.community") / "data" / "communities.json").read_text("utf-8"))
    return list(raw["cities"].get(city_id, ()))


def _streams(prefix: str, name: str, which) -> tuple[StreamSpec, ...]:
    return tuple(StreamSpec(f"{prefix}/{s}", f"{name} {zh}", unit, INTERVAL_S, decimals) for s, zh, unit, decimals in which)


def communities(city: City, standard: Standard | None = None) -> list[Entity]:
    """The city's communities (each inside the boundary) and the city's community summary."""
    standard = standard or load_standard()
    feature = load_boundary(city.id)
    out = []
    for d in community_data(city.id):
        lat, lon = round(city.center[0] + d["offset"][0], 5), round(city.center[1] + d["offset"][1], 5)
        if not contains(feature, lat, lon):
            raise ValueError(f"community {d['id']} at {lat}, {lon} lies outside {city.id}'s boundary")
        p = progress(standard, d["done"], d.get("building", ()))
        out.append(Entity(
            d["id"], "community", d["name"], lat, lon,
            {"name_en": d["name_en"], "households": d["households"], "elderly": d["elderly"],
             "lockers": d["lockers"], "locker_cells": d["locker_cells"], "chargers": d["chargers"],
             "done": tuple(d["done"]), "building": tuple(d.get("building", ())),
             "indicator_pct": round(100 * p.share, 1), "building_pct": round(100 * p.building_weight / p.total_weight, 1),
             "bar_pct": round(100 * standard.bar, 1), "map_stream": "indicator_pct"},
            _streams(f"community/site/{d['id']}", d["name"], STREAMS),
        ))
    out.append(Entity(f"COMMUNITY-{city.id.upper()}", "community_summary", f"{city.name}智慧社区",
                      attrs={"communities": len(out)}, streams=_streams(f"community/city/{city.id}", "全市", SUMMARY_STREAMS)))
    return out
