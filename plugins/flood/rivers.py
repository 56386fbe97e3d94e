"""The rivers of a city: the flood plugin's data (plugins/flood/river_data/<city>.json), its map
lines and its tour words. Qt-free."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from console.city import City


@dataclass(frozen=True)
class River:
    id: str
    name: str
    name_en: str
    path: tuple[tuple[float, float], ...]  # (lat, lon) from upstream to downstream


@lru_cache(maxsize=16)
def _rivers(city_id: str) -> tuple[River, ...]:
    f = resources.files("plugins.flood") / "river_data" / f"{city_id}.json"
    if not f.is_file():
        return ()
    data = json.loads(f.read_text(encoding="utf-8"))
    return tuple(River(r["id"], r["name"], r["name_en"], tuple(tuple(p) for p in r["path"])) for r in data["rivers"])


def rivers_of(city: City) -> tuple[River, ...]:
    """The city's rivers, main river first (none for a city the plugin has no data for)."""
    return _rivers(city.id)


def river_lines(city: City) -> list[dict]:
    """The map's 河流 Rivers overlay (the manifest's ``map_lines``)."""
    return [{"id": r.id, "name": r.name, "name_en": r.name_en, "path": [list(p) for p in r.path]}
            for r in rivers_of(city)]


def tour_fields(city: City) -> dict[str, str]:
    """The words tour captions use: {river}, {river_en}, {river_id} (the city's main river)."""
    rivers = rivers_of(city)
    river = rivers[0] if rivers else None
    return {"river": river.name if river else "", "river_en": river.name_en if river else "",
            "river_id": river.id if river else ""}
