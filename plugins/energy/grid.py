"""Where the grid is: 2,722 transformer terminals by town, 340 fault indicators, farms.

Built once per (city, seed) as numpy arrays (the simulator works on whole columns)
and as Entities (what the hub, the map and the tiles know). Transformers are
numbered town by town, and each fault indicator guards a run of consecutive
transformers on one feeder, so a trip takes out a neighbourhood, not a scatter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from console.city import City
from console.model import Entity, StreamSpec
from console.languages import QT_TRANSLATE_NOOP

N_TRANSFORMERS = 2722
N_INDICATORS = 340
N_GREENHOUSE_PARKS = 12
N_COLD_STORES = 16
# smart terminals report on the 15-minute grid of the power-use collection system (96 points a day)
TERMINAL_INTERVAL_S = 900.0
POWER_FACTOR = 0.9  # load % = kW / (kVA x power factor)
HOUSEHOLD_KVA = 4.0  # the book's household capacity

TYPES = ("village", "greenhouse", "cold_store", "town")
TYPE_NAMES = {"village": QT_TRANSLATE_NOOP("Entity", "村居"), "greenhouse": QT_TRANSLATE_NOOP("Entity", "大棚"), "cold_store": QT_TRANSLATE_NOOP("Entity", "冷库"), "town": QT_TRANSLATE_NOOP("Entity", "城镇")}
_TYPE_SHARE = (0.60, 0.25, 0.05, 0.10)
_CAPACITIES = {"village": (200, 315, 400), "greenhouse": (100, 200, 315), "cold_store": (315, 400, 630), "town": (400, 630, 800)}


@dataclass(frozen=True)
class GridArrays:
    """Column view of the transformers, index i = transformer i."""

    ids: list[str]
    type_idx: np.ndarray  # index into TYPES
    rated_kw: np.ndarray
    peak_util: np.ndarray  # the load's share of rated at the type's normal daily peak
    feeder: np.ndarray  # fault indicator index
    households: np.ndarray


def _towns(city: City) -> list[str]:
    return list(city.extra.get("districts") or [f"{k + 1}号片区" for k in range(10)])


def _town_centres(city: City, n: int, rng: np.random.Generator) -> np.ndarray:
    (s, w), (nn, e) = city.bbox
    lat0, lon0 = city.center
    out = []
    for k in range(n):
        # the first town is the centre; the others on a ring, a little jitter
        if k == 0:
            out.append((lat0, lon0))
            continue
        ang = 2 * math.pi * k / (n - 1) + rng.uniform(-0.2, 0.2)
        r = rng.uniform(0.45, 0.85)
        out.append((lat0 + r * (nn - s) / 2 * math.sin(ang), lon0 + r * (e - w) / 2 * math.cos(ang)))
    return np.array(out)


def build_grid(city: City, seed: int) -> tuple[GridArrays, list[Entity], list[Entity], list[Entity]]:
    """(arrays, transformer entities, fault indicator entities, farm entities)."""
    rng = np.random.default_rng([seed, 101])
    towns = _towns(city)
    centres = _town_centres(city, len(towns), rng)
    (s, w), (nn, e) = city.bbox
    # towns get transformers in proportion to a random size; the centre is biggest
    weight = rng.uniform(0.6, 1.4, len(towns))
    weight[0] = 1.8
    town_of = np.sort(rng.choice(len(towns), N_TRANSFORMERS, p=weight / weight.sum()))
    type_idx = rng.choice(len(TYPES), N_TRANSFORMERS, p=_TYPE_SHARE)
    type_idx[(town_of == 0) & (type_idx == 1)] = 3  # no greenhouses in the city centre
    cap = np.array([rng.choice(_CAPACITIES[TYPES[t]]) for t in type_idx], dtype=float)
    rated = np.round(cap * POWER_FACTOR, 1)
    # most terminals peak at 40-80 % of rated; one in twenty-five has outgrown its size
    # (the rural "heavy and overloaded transformer" problem) and peaks near or past 100 %
    peak_util = 0.3 + 0.55 * rng.beta(2.4, 2.2, N_TRANSFORMERS)
    peak_util += np.where(rng.random(N_TRANSFORMERS) < 0.04, rng.uniform(0.15, 0.35, N_TRANSFORMERS), 0.0)
    spread = np.where(town_of == 0, 0.025, 0.05)
    lat = np.clip(centres[town_of, 0] + rng.normal(0, 1, N_TRANSFORMERS) * spread, s, nn)
    lon = np.clip(centres[town_of, 1] + rng.normal(0, 1, N_TRANSFORMERS) * spread * 1.25, w, e)
    feeder = np.arange(N_TRANSFORMERS) * N_INDICATORS // N_TRANSFORMERS
    households = np.where(
        type_idx == 0, np.round(cap / HOUSEHOLD_KVA * 0.9),
        np.where(type_idx == 3, np.round(cap / HOUSEHOLD_KVA * 1.2), np.where(type_idx == 1, np.round(cap / 30), 1)),
    ).astype(int)
    ids = [f"T{i + 1:04d}" for i in range(N_TRANSFORMERS)]
    transformers = []
    for i, tid in enumerate(ids):
        t = TYPES[type_idx[i]]
        town = towns[town_of[i]]
        name = f"{town}{TYPE_NAMES[t].split()[0]}{i + 1:04d}号配变"
        transformers.append(
            Entity(
                id=tid, kind="transformer", name=name, lat=round(float(lat[i]), 5), lon=round(float(lon[i]), 5),
                attrs={
                    "town": town, "type": t, "capacity_kva": int(cap[i]), "rated_kw": float(rated[i]),
                    "feeder": f"FI-{feeder[i] + 1:03d}", "households": int(households[i]),
                },
                streams=(StreamSpec(f"energy/transformer/{tid}/load_kw", f"{name} 负荷", "kW", TERMINAL_INTERVAL_S),),
            )
        )
    indicators = []
    for j in range(N_INDICATORS):
        members = np.flatnonzero(feeder == j)
        fid = f"FI-{j + 1:03d}"
        town = towns[town_of[members[0]]]
        name = f"{town}{j + 1:03d}线故障指示器"
        indicators.append(
            Entity(
                id=fid, kind="fault_indicator", name=name,
                lat=round(float(lat[members].mean()), 5), lon=round(float(lon[members].mean()), 5),
                attrs={
                    "town": town, "transformers": len(members), "households": int(households[members].sum()),
                    "first": ids[members[0]], "last": ids[members[-1]],
                },
                streams=(StreamSpec(f"energy/fault_indicator/{fid}/tripped", f"{name} 动作", "", TERMINAL_INTERVAL_S),),
            )
        )
    farms = []
    for k in range(N_GREENHOUSE_PARKS + N_COLD_STORES):
        park = k < N_GREENHOUSE_PARKS
        no = k + 1 if park else k - N_GREENHOUSE_PARKS + 1
        fid = f"GH-{no:02d}" if park else f"CS-{no:02d}"
        t = int(rng.integers(1, len(towns)))
        la = float(np.clip(centres[t, 0] + rng.normal(0, 0.03), s, nn))
        lo = float(np.clip(centres[t, 1] + rng.normal(0, 0.04), w, e))
        kind = "greenhouse_park" if park else "cold_store"
        name = f"{towns[t]}{'蔬菜大棚园区' if park else '冷库'}{no}"
        farms.append(
            Entity(
                id=fid, kind=kind, name=name, lat=round(la, 5), lon=round(lo, 5),
                attrs={"town": towns[t], "contract_kw": float(rng.choice((800, 1250, 1600)) if park else rng.choice((250, 400, 630)))},
                streams=(
                    StreamSpec(f"energy/{kind}/{fid}/power_kw", f"{name} 用电", "kW", TERMINAL_INTERVAL_S),
                    StreamSpec(f"energy/{kind}/{fid}/temp_c", f"{name} 温度", "°C", TERMINAL_INTERVAL_S),
                ),
            )
        )
    arrays = GridArrays(ids, type_idx, rated, peak_util, feeder, households)
    return arrays, transformers, indicators, farms


def derived_entities(total_households: int) -> list[Entity]:
    """Streams the simulator computes from the whole fleet: cached and charted like any other."""
    curves = [
        Entity("D", "load_curve", QT_TRANSLATE_NOOP("Entity", "今日"), attrs={"offset_days": 0},
               streams=(StreamSpec("energy/load/D/load_mw", QT_TRANSLATE_NOOP("Entity", "今日全市负荷"), "MW", TERMINAL_INTERVAL_S),)),
        Entity("D-1", "load_curve", QT_TRANSLATE_NOOP("Entity", "昨日"), attrs={"offset_days": 1},
               streams=(StreamSpec("energy/load/D-1/load_mw", QT_TRANSLATE_NOOP("Entity", "昨日全市负荷"), "MW", TERMINAL_INTERVAL_S),)),
        Entity("D-7", "load_curve", QT_TRANSLATE_NOOP("Entity", "上周同日"), attrs={"offset_days": 7},
               streams=(StreamSpec("energy/load/D-7/load_mw", QT_TRANSLATE_NOOP("Entity", "上周同日全市负荷"), "MW", TERMINAL_INTERVAL_S),)),
    ]
    classes = [
        Entity(t, "load_class", TYPE_NAMES[t], streams=(StreamSpec(f"energy/class/{t}/load_mw", TYPE_NAMES[t], "MW", TERMINAL_INTERVAL_S),))
        for t in TYPES
    ]
    city = Entity(
        "grid", "grid", QT_TRANSLATE_NOOP("Entity", "全市配网"),
        attrs={"outage_target_h": 3.98, "households": total_households, "overload_limit": 0},
        streams=(
            StreamSpec("energy/grid/grid/peak_today_mw", QT_TRANSLATE_NOOP("Entity", "今日峰值"), "MW", TERMINAL_INTERVAL_S),
            StreamSpec("energy/grid/grid/overloaded", QT_TRANSLATE_NOOP("Entity", "过载配变"), "", TERMINAL_INTERVAL_S, 0),
            StreamSpec("energy/grid/grid/outage_h_ytd", QT_TRANSLATE_NOOP("Entity", "户均停电时间"), "h", TERMINAL_INTERVAL_S),
        ),
    )
    return [*curves, *classes, city]
