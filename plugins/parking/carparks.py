"""The city's car parks: 50 of them, 8,000 spaces, street, mall, office and hospital."""

from __future__ import annotations

import math

import numpy as np

from console.city import City
from console.model import Entity, StreamSpec
from console.languages import QT_TRANSLATE_NOOP

N_CARPARKS = 50
TOTAL_SPACES = 8000
INTERVAL_S = 60.0  # guidance boards need the minute

TYPES = ("street", "mall", "office", "hospital")
TYPE_NAMES = {"street": QT_TRANSLATE_NOOP("Entity", "路侧"), "mall": QT_TRANSLATE_NOOP("Entity", "商场"), "office": QT_TRANSLATE_NOOP("Entity", "办公"), "hospital": QT_TRANSLATE_NOOP("Entity", "医院")}
_COUNTS = {"street": 20, "mall": 10, "office": 12, "hospital": 8}
_CAPACITY = {"street": (40, 120), "mall": (250, 500), "office": (80, 250), "hospital": (150, 400)}
TARIFF_YUAN_H = {"street": 2.0, "mall": 3.0, "office": 2.0, "hospital": 2.0}
DAILY_CAP_YUAN = {"street": 15.0, "mall": 20.0, "office": 10.0, "hospital": 10.0}
MEAN_STAY_H = {"street": 1.2, "mall": 2.2, "office": 6.5, "hospital": 2.5}
_NAMES = {"street": "路侧停车场", "mall": "商业广场停车场", "office": "办公区停车场", "hospital": "医院停车场"}


def build_carparks(city: City, seed: int) -> list[Entity]:
    rng = np.random.default_rng([seed, 202])
    kinds = [t for t in TYPES for _ in range(_COUNTS[t])]
    caps = np.array([rng.uniform(*_CAPACITY[t]) for t in kinds])
    caps = np.floor(caps * TOTAL_SPACES / caps.sum()).astype(int)
    caps[np.argmax(caps)] += TOTAL_SPACES - caps.sum()  # exactly 8,000
    lat0, lon0 = city.center
    # the market quarter lies a little north of the centre
    market = (lat0 + 0.012, lon0 + 0.004)
    out = []
    for i, (t, cap) in enumerate(zip(kinds, caps)):
        r = 0.035 * math.sqrt(rng.random()) + 0.002
        ang = 2 * math.pi * rng.random()
        lat, lon = lat0 + r * math.sin(ang), lon0 + r * math.cos(ang) * 1.25
        if t == "street" and i % 3 == 0:  # a third of the street car parks serve the market
            lat, lon = market[0] + rng.normal(0, 0.004), market[1] + rng.normal(0, 0.005)
        pid = f"P{i + 1:02d}"
        name = f"{_NAMES[t]}{i + 1}"
        out.append(
            Entity(
                id=pid, kind="carpark", name=name, lat=round(lat, 5), lon=round(lon, 5),
                attrs={
                    "type": t, "capacity": int(cap), "tariff_yuan_h": TARIFF_YUAN_H[t], "daily_cap_yuan": DAILY_CAP_YUAN[t],
                    "near_market": bool(t == "street" and i % 3 == 0), "full_limit": 0.5,
                },
                streams=(
                    StreamSpec(f"parking/carpark/{pid}/free", f"{name} 空位", "spaces", INTERVAL_S, 0),
                    StreamSpec(f"parking/carpark/{pid}/arrivals", f"{name} 驶入", "cars/min", INTERVAL_S),
                    StreamSpec(f"parking/carpark/{pid}/departures", f"{name} 驶出", "cars/min", INTERVAL_S),
                ),
            )
        )
    return out


def derived_entities() -> list[Entity]:
    classes = [
        Entity(t, "parking_class", TYPE_NAMES[t], streams=(StreamSpec(f"parking/class/{t}/occupancy_pct", TYPE_NAMES[t], "%", INTERVAL_S),))
        for t in TYPES
    ]
    city = Entity(
        "all", "parking_class", QT_TRANSLATE_NOOP("Entity", "全市"), attrs={"capacity": TOTAL_SPACES, "full_limit": 0},
        streams=(
            StreamSpec("parking/class/all/occupancy_pct", QT_TRANSLATE_NOOP("Entity", "全市占用率"), "%", INTERVAL_S),
            StreamSpec("parking/class/all/free", QT_TRANSLATE_NOOP("Entity", "全市空位"), "spaces", INTERVAL_S, 0),
            StreamSpec("parking/class/all/full_count", QT_TRANSLATE_NOOP("Entity", "满位车场"), "", INTERVAL_S, 0),
            StreamSpec("parking/class/all/turnover_today", QT_TRANSLATE_NOOP("Entity", "今日周转率"), "", INTERVAL_S),
            StreamSpec("parking/class/all/revenue_today", QT_TRANSLATE_NOOP("Entity", "今日收入"), "元", INTERVAL_S, 0),
        ),
    )
    return [city, *classes]
