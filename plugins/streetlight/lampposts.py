"""Smart lamp posts (智慧灯杆) as entities: a lamp, an information display, some with an EV charger
and a leased 5G micro-site. Placed along two main streets through the city centre (the demo's
positions, not surveyed), each inside the city boundary."""

from __future__ import annotations

from console.city import City
from console.model import Entity, StreamSpec
from layers.boundaries import contains, load_boundary
from console.languages import QT_TRANSLATE_NOOP

INTERVAL_S = 300.0
SPACING_DEG = 0.0025  # about 250 m between the posts the demo shows (real posts stand 30-40 m apart)
POSTS_PER_STREET = 12
CHARGER_EVERY = 3  # every third post carries a 7 kW charger
CHARGER_KW = 7.0

#: what the displays show in turn, ten minutes each
MESSAGES = (
    "文明出行 礼让行人 · Yield to pedestrians",
    "今日空气质量良 · Air quality today: good",
    "智慧停车 扫码找车位 · Scan for free parking spaces",
    "防范电信诈骗 · Beware of phone scams",
    "夜间行车 请减速慢行 · Slow down at night",
)

#: (stream, name, unit, decimals) of a post
STREAMS = (
    ("lamp_on", QT_TRANSLATE_NOOP("Entity", "灯亮"), "", 0),
    ("fault", QT_TRANSLATE_NOOP("Entity", "故障"), "", 0),
    ("charging_kw", QT_TRANSLATE_NOOP("Entity", "充电功率"), "kW", 1),
    ("message", QT_TRANSLATE_NOOP("Entity", "信息屏当前内容"), "", 0),
)
SUMMARY_STREAMS = (
    ("lamps_on", QT_TRANSLATE_NOOP("Entity", "亮灯数"), "盏", 0),
    ("faults", QT_TRANSLATE_NOOP("Entity", "故障灯杆"), "根", 0),
    ("charging_kw", QT_TRANSLATE_NOOP("Entity", "充电总功率"), "kW", 1),
)


def _streams(prefix: str, name: str, which) -> tuple[StreamSpec, ...]:
    return tuple(StreamSpec(f"{prefix}/{s}", f"{name} {zh}", unit, INTERVAL_S, decimals) for s, zh, unit, decimals in which)


def lamp_posts(city: City) -> list[Entity]:
    """The city's posts (only those inside its boundary) and the city's lamp summary."""
    feature = load_boundary(city.id)
    out = []
    lat0, lon0 = city.center
    streets = (("东西", "E-W", lambda k: (lat0, lon0 + (k - POSTS_PER_STREET / 2) * SPACING_DEG)),
               ("南北", "N-S", lambda k: (lat0 + (k - POSTS_PER_STREET / 2) * SPACING_DEG, lon0 + SPACING_DEG / 2)))
    n = 0
    for zh, en, place in streets:
        for k in range(POSTS_PER_STREET):
            lat, lon = (round(v, 5) for v in place(k))
            if not contains(feature, lat, lon):
                continue
            n += 1
            pid = f"LP-{city.id[:2].upper()}-{n:03d}"
            name = f"{zh}主干道 {k + 1}号灯杆"
            out.append(Entity(
                pid, "lamppost", name, lat, lon,
                {"name_en": f"{en} main street post {k + 1}", "index": n, "charger": n % CHARGER_EVERY == 0,
                 "fivg": n % 4 == 1, "messages": MESSAGES, "map_stream": "lamp_on"},
                _streams(f"streetlight/post/{pid}", name, STREAMS),
            ))
    out.append(Entity(f"STREETLIGHT-{city.id.upper()}", "streetlight_summary", f"{city.name}智慧灯杆",
                      attrs={"posts": n}, streams=_streams(f"streetlight/city/{city.id}", "全市", SUMMARY_STREAMS)))
    return out
