"""Who and where: co-operatives, agri-input shops, testing stations, supervision grids,
inspectors and farmers. Deterministic from the seed; placed inside the county's real
boundary (the vegetable belt is the south of Shouguang, so placement leans south).

Co-operatives, shops and stations are map entities. Grids carry the per-grid
inspection streams (no position: the map has no grid polygons). Inspectors and
farmers are records, computed on demand, never entities: 70,000 farmers do not
belong on a map or in the hub.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from console.city import City
from console.model import Entity, StreamSpec
from console.sources.simulator import unit_random
from layers.boundaries import boundary_bbox, load_boundary, polygons
from console.languages import QT_TRANSLATE_NOOP

N_COOPS = 2128
N_SHOPS = 2119
N_STATIONS = 15
N_INSPECTORS = 5000
N_FARMERS = 70000
INSPECTION_INTERVAL_S = 3600.0
VIDEO_INTERVAL_S = 600.0
GRID_INTERVAL_S = 600.0
SUMMARY_INTERVAL_S = 300.0
_CELL = (0.06, 0.075)  # supervision grid cell, degrees (lat, lon): about 6.7 km square
_CROPS = (QT_TRANSLATE_NOOP("Entity", "黄瓜"), QT_TRANSLATE_NOOP("Entity", "番茄"), QT_TRANSLATE_NOOP("Entity", "彩椒"), QT_TRANSLATE_NOOP("Entity", "茄子"), QT_TRANSLATE_NOOP("Entity", "西葫芦"), QT_TRANSLATE_NOOP("Entity", "苦瓜"))
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
_GIVEN = "建国立军志强海燕秀英玉兰春华明亮红梅宝山庆丰德胜文斌桂芳振东新民秋菊永福金凤国庆"

# an inspection's outcome, the value of every ``.../inspection`` stream
PASS, RECTIFY, FAIL = 0.0, 1.0, 2.0


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    role: str  # inspector | farmer
    grid: str
    coop: str | None = None


def _inside(ring: np.ndarray, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Even-odd point-in-polygon for many points at once (numpy: 4,000 points x 656 edges
    in milliseconds, where the per-point loop of layers.boundaries takes seconds)."""
    xi, yi = ring[:, 0][None, :], ring[:, 1][None, :]
    xj, yj = np.roll(ring[:, 0], 1)[None, :], np.roll(ring[:, 1], 1)[None, :]
    y, x = lat[:, None], lon[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = ((yi > y) != (yj > y)) & (x < (xj - xi) * (y - yi) / (yj - yi) + xi)
    return (cross.sum(axis=1) % 2) == 1


def _place_all(city: City, seed: int, keys: list[str]) -> dict[str, tuple[float, float]]:
    """A point inside the boundary for each key; rejection sampling, deterministic per key."""
    feature = load_boundary(city.id)
    (s, w), (n, e) = boundary_bbox(feature)
    rings = [np.asarray(poly[0], dtype=float) for poly in polygons(feature)]
    out: dict[str, tuple[float, float]] = {}
    todo = list(keys)
    for attempt in range(60):
        if not todo:
            break
        # lean south: the greenhouse belt; the saline coast in the north has few farms
        # rounded before the test: the stored position is the one that must be inside
        lat = np.array([round(s + (n - s) * unit_random(seed, k, "lat", attempt) ** 1.6, 5) for k in todo])
        lon = np.array([round(w + (e - w) * unit_random(seed, k, "lon", attempt), 5) for k in todo])
        ok = np.zeros(len(todo), dtype=bool)
        for ring in rings:
            ok |= _inside(ring, lat, lon)
        for k, a, b, good in zip(todo, lat, lon, ok):
            if good:
                out[k] = (float(a), float(b))
        todo = [k for k, good in zip(todo, ok) if not good]
    for k in todo:
        out[k] = city.center
    return out


def _cell_of(city: City, lat: float, lon: float) -> tuple[int, int]:
    (s, w), _ = city.bbox
    return int((lat - s) / _CELL[0]), int((lon - w) / _CELL[1])


def _person_name(seed: int, key: object) -> str:
    a = _SURNAMES[int(unit_random(seed, key, "s") * len(_SURNAMES))]
    i = int(unit_random(seed, key, "g") * (len(_GIVEN) // 2)) * 2
    return a + _GIVEN[i : i + 2]


class AgriPlaces:
    """All the plugin's entities and records for one city and seed."""

    def __init__(self, city: City, seed: int = 1, n_coops: int = N_COOPS, n_shops: int = N_SHOPS) -> None:
        self.city = city
        self.seed = seed
        raw = [("C", i, "coop") for i in range(1, n_coops + 1)] + [("S", i, "input_shop") for i in range(1, n_shops + 1)]
        where = _place_all(city, seed, [f"{p}{i:04d}" for p, i, _ in raw] + [f"T{k:02d}" for k in range(1, N_STATIONS + 1)])
        placed = [(p, i, kind, *where[f"{p}{i:04d}"]) for p, i, kind in raw]
        cells = sorted({_cell_of(city, lat, lon) for *_, lat, lon in placed})
        self.grid_of_cell = {cell: f"G{k + 1:02d}" for k, cell in enumerate(cells)}
        self.coops: list[Entity] = []
        self.shops: list[Entity] = []
        for p, i, kind, lat, lon in placed:
            eid = f"{p}{i:04d}"
            grid = self.grid_of_cell[_cell_of(city, lat, lon)]
            phase = int(unit_random(seed, eid, "phase") * 30)
            if kind == "coop":
                crop = _CROPS[int(unit_random(seed, eid, "crop") * len(_CROPS))]
                name = f"{crop.split()[0]}专业合作社{i:04d}"
                streams = (StreamSpec(f"agriculture/coop/{eid}/inspection", f"{name} 最近巡检", "", INSPECTION_INTERVAL_S),)
                attrs = {"grid": grid, "crop": crop, "phase": phase, "warning": 0.5, "alarm": 1.5, "map_stream": "inspection"}
                self.coops.append(Entity(eid, "coop", name, lat, lon, attrs, streams))
            else:
                name = f"农资店{i:04d}"
                streams = (
                    StreamSpec(f"agriculture/shop/{eid}/inspection", f"{name} 最近巡检", "", INSPECTION_INTERVAL_S),
                    StreamSpec(f"agriculture/shop/{eid}/video", f"{name} 视频在线", "", VIDEO_INTERVAL_S),
                )
                attrs = {"grid": grid, "phase": phase, "warning": 0.5, "alarm": 1.5, "map_stream": "inspection"}
                self.shops.append(Entity(eid, "input_shop", name, lat, lon, attrs, streams))
        self.grids: list[Entity] = []
        members: dict[str, int] = {}
        for e in self.coops + self.shops:
            members[e.attrs["grid"]] = members.get(e.attrs["grid"], 0) + 1
        for gid in sorted(members):
            name = f"第{gid[1:]}网格"
            self.grids.append(
                Entity(
                    gid, "grid", name, attrs={"members": members[gid], "completion_warning": 0.0},
                    streams=tuple(
                        StreamSpec(f"agriculture/grid/{gid}/{s}", f"{name} {zh}", unit, GRID_INTERVAL_S, None if unit == "%" else 0)
                        for s, zh, unit in (("done", "今日已巡检", "次"), ("due", "今日应巡检", "次"), ("completion", "完成率", "%"))
                    ),
                )
            )
        self.stations: list[Entity] = []
        for k in range(1, N_STATIONS + 1):
            sid = f"T{k:02d}"
            lat, lon = where[sid]
            name = f"农产品检测站{k:02d}"
            self.stations.append(
                Entity(sid, "test_station", name, lat, lon, {"grid": self.grid_of_cell.get(_cell_of(city, lat, lon), "")},
                       (StreamSpec(f"agriculture/station/{sid}/samples_today", f"{name} 今日检测", "批", SUMMARY_INTERVAL_S, 0),))
            )
        self.summary = Entity(
            "AGRI-SG", "agri_summary", f"{city.name}农产品质量安全",
            attrs={"pass_rate_warning": 97.0},
            streams=tuple(
                StreamSpec(f"agriculture/city/{city.id}/{s}", zh, unit, SUMMARY_INTERVAL_S, None if unit == "%" else 0)
                for s, zh, unit in (
                    ("certificates_today", "今日开具合格证", "张"),
                    ("samples_today", "今日抽检", "批"),
                    ("failed_samples_today", "今日抽检不合格", "批"),
                    ("pass_rate", "抽检合格率(24h)", "%"),
                    ("inspections_done", "今日已巡检", "次"),
                    ("inspections_due", "今日应巡检", "次"),
                )
            ),
        )

    def entities(self) -> list[Entity]:
        return [*self.coops, *self.shops, *self.stations, *self.grids, self.summary]

    # -- people: records, not entities --------------------------------------------
    def inspector(self, i: int) -> Person:
        """Inspector i (1..5,000): grid inspectors, spread over the grids."""
        gid = self.grids[(i - 1) % len(self.grids)].id
        return Person(f"I{i:04d}", _person_name(self.seed, ("I", i)), "inspector", gid)

    def farmer(self, i: int) -> Person:
        """Farmer i (1..70,000), a member of a co-operative."""
        coop = self.coops[(i - 1) % len(self.coops)]
        return Person(f"F{i:05d}", _person_name(self.seed, ("F", i)), "farmer", coop.attrs["grid"], coop.id)

    def inspector_for(self, grid: str, key: object) -> Person:
        gi = next(k for k, g in enumerate(self.grids) if g.id == grid)
        per_grid = max(1, N_INSPECTORS // len(self.grids))
        return self.inspector(gi + 1 + len(self.grids) * int(unit_random(self.seed, key, "insp") * per_grid))


_CACHE: dict[tuple[str, int], AgriPlaces] = {}
_CACHE_LOCK = threading.Lock()


def agri_places(city: City, seed: int) -> AgriPlaces:
    """Placing 4,247 points costs a fraction of a second: built once per (city, seed), shared."""
    with _CACHE_LOCK:
        places = _CACHE.get((city.id, seed))
        if places is None:
            places = _CACHE[(city.id, seed)] = AgriPlaces(city, seed)
        return places
