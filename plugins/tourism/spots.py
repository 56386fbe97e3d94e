"""The scenic spots of each pilot county, with the capacity their warnings use.

Names are the counties' own spots; capacities and positions are set for the demo from each
spot's size (the offsets from the county centre are approximate, not surveyed). The daily
capacity rule follows LB/T 034-2014 (景区最大承载量核定导则): at 80 % of the instantaneous
capacity a spot warns and limits entry, at 100 % it stops entry.
"""

from __future__ import annotations

from console.city import City
from console.model import Entity, StreamSpec
from layers.boundaries import contains, load_boundary

INTERVAL_S = 300.0
WARN_PCT, FULL_PCT = 80.0, 100.0

# id, name, English, instantaneous capacity (people in the spot at once), daily visitors on a
# normal weekday, share of visitors from outside the county, offset from the centre (dlat, dlon)
SPOTS: dict[str, tuple[tuple[str, str, str, int, int, float, tuple[float, float]], ...]] = {
    "juxian": (
        ("FLS", "浮来山风景区", "Fulai Mountain", 12000, 9000, 0.55, (0.04, -0.10)),
        ("JGC", "莒国古城", "Ju State Ancient City", 15000, 14000, 0.48, (0.0, 0.01)),
        ("JZM", "莒州博物馆", "Juzhou Museum", 1500, 1800, 0.40, (0.01, 0.02)),
        ("MQS", "马鬐山风景区", "Maqi Mountain", 6000, 2600, 0.35, (0.20, 0.05)),
        ("SHW", "沭河湿地公园", "Shu River Wetland Park", 8000, 3500, 0.20, (-0.04, 0.03)),
    ),
    "shouguang": (
        ("SVP", "寿光蔬菜高科技示范园", "Vegetable Hi-tech Demonstration Park", 20000, 12000, 0.62, (0.02, 0.05)),
        ("LHP", "林海生态博览园", "Linhai Ecological Park", 10000, 4000, 0.40, (0.25, -0.05)),
        ("MHW", "弥河湿地公园", "Mi River Wetland Park", 8000, 3000, 0.20, (-0.02, 0.02)),
    ),
    "yucheng": (
        ("YWT", "禹王亭博物馆", "Yu the Great Pavilion Museum", 3000, 1600, 0.45, (0.01, 0.0)),
        ("THW", "徒骇河湿地公园", "Tuhai River Wetland Park", 8000, 2500, 0.25, (-0.03, 0.04)),
    ),
    "weifang": (
        ("YJB", "杨家埠民间艺术大观园", "Yangjiabu Folk Art Park", 12000, 7000, 0.66, (0.03, 0.06)),
        ("SHY", "十笏园", "Shihu Garden", 3000, 3500, 0.60, (0.0, 0.0)),
        ("KTM", "潍坊世界风筝博物馆", "World Kite Museum", 4000, 3000, 0.58, (0.01, 0.02)),
    ),
    "zhangqiu": (
        ("BMQ", "百脉泉", "Baimai Spring", 15000, 9000, 0.52, (0.0, 0.0)),
        ("ZJY", "朱家峪", "Zhujiayu Old Village", 6000, 3000, 0.57, (-0.10, 0.03)),
        ("LQZ", "李清照纪念馆", "Li Qingzhao Memorial Hall", 2500, 2200, 0.50, (0.005, 0.01)),
    ),
}

#: where visitors come from and how long they stay (phone-signal counts: home area, nights in the county)
ORIGIN_STREAMS = (
    ("origin_local_pct", "本县游客占比", "%"),
    ("origin_province_pct", "省内外市县游客占比", "%"),
    ("origin_other_pct", "省外游客占比", "%"),
    ("from_outside_pct", "县外游客占比", "%"),
    ("overnight_pct", "过夜游客占比", "%"),
    ("stay_h", "县域平均停留", "h"),
)
#: (stream, name, unit) of a spot
STREAMS = (
    ("visitors", "在园人数", "人"),
    ("occupancy", "承载率", "%"),
    ("entries", "今日入园", "人次"),
    *ORIGIN_STREAMS,
    ("stay_min", "平均停留", "min"),
)
#: the county's totals and its visitors' origin and stay (the spots' weighted by their entries)
SUMMARY_STREAMS = (("visitors", "全县在园人数", "人"), ("entries", "全县今日入园", "人次"),
                   *ORIGIN_STREAMS)


def _streams(prefix: str, name: str, which) -> tuple[StreamSpec, ...]:
    return tuple(StreamSpec(f"{prefix}/{s}", f"{name} {zh}", unit, INTERVAL_S) for s, zh, unit in which)


def scenic_spots(city: City) -> list[Entity]:
    """The county's spots (each inside the county boundary) and its summary entity."""
    feature = load_boundary(city.id)
    out = []
    for sid, name, name_en, capacity, daily, outside, (dlat, dlon) in SPOTS.get(city.id, ()):
        lat, lon = round(city.center[0] + dlat, 5), round(city.center[1] + dlon, 5)
        if not contains(feature, lat, lon):
            lat, lon = city.center
        out.append(Entity(
            sid, "scenic_spot", name, lat, lon,
            {"name_en": name_en, "capacity": capacity, "daily_visitors": daily, "from_outside": outside,
             "warn_pct": WARN_PCT, "full_pct": FULL_PCT, "warning": round(capacity * WARN_PCT / 100),
             "alarm": capacity, "map_stream": "visitors"},
            _streams(f"tourism/spot/{sid}", name, STREAMS),
        ))
    out.append(Entity(f"TOURISM-{city.id.upper()}", "tourism_summary", f"{city.name}文旅 Tourism", attrs={},
                      streams=_streams(f"tourism/county/{city.id}", "全县", SUMMARY_STREAMS)))
    return out


def tour_fields(city: City) -> dict[str, str]:
    """The words the tour's captions use: the spot the holiday crowd fills (the county's first)."""
    first = SPOTS.get(city.id, ())[:1]
    if not first:
        return {}
    sid, name, name_en, *_ = first[0]
    return {"scenic_spot": name, "scenic_spot_en": name_en, "scenic_spot_id": sid}
