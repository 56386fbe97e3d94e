"""City profiles: the five pilot cities, their centre and extent (data in resources/cities). A
plugin keeps its own data of a city (the flood plugin its rivers)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from console.city_time import DEFAULT_TZ

DEFAULT_CITY = "shouguang"


@dataclass(frozen=True)
class City:
    id: str
    name: str
    name_en: str
    adcode: str
    center: tuple[float, float]
    bbox: tuple[tuple[float, float], tuple[float, float]]  # (south, west), (north, east)
    extra: dict[str, Any] = field(default_factory=dict)
    tz: str = DEFAULT_TZ  # the IANA zone every display of the city uses


def city_ids() -> list[str]:
    folder = resources.files("resources") / "cities"
    return sorted(p.name.removesuffix(".json") for p in folder.iterdir() if p.name.endswith(".json"))


def load_city(city_id: str = DEFAULT_CITY) -> City:
    """Load a city profile by id; the error lists the cities there are."""
    path = resources.files("resources") / "cities" / f"{city_id}.json"
    if not path.is_file():
        raise KeyError(f"unknown city {city_id!r}; known: {', '.join(city_ids())}")
    data = json.loads(path.read_text(encoding="utf-8"))
    known = {"id", "name", "name_en", "adcode", "center", "bbox", "tz"}
    return City(
        id=data["id"],
        name=data["name"],
        name_en=data["name_en"],
        adcode=data["adcode"],
        center=tuple(data["center"]),
        bbox=(tuple(data["bbox"][0]), tuple(data["bbox"][1])),
        extra={k: v for k, v in data.items() if k not in known},
        tz=data.get("tz", DEFAULT_TZ),
    )


def centre_title(city: City) -> str:
    """The operations centre's name as every header shows it."""
    return f"{city.name}城市运营中心 · {city.name_en} Operations Centre"
