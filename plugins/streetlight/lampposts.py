"""Smart lamp posts (智慧灯杆) as entities: a lamp, an information display, some with an EV charger
and a leased 5G micro-site. Placed along two main streets through the city centre (the demo's
positions, not surveyed), each inside the city boundary."""

from __future__ import annotations

from console.city import City
from console.model import Entity, StreamSpec
from console.sources.simulator import unit_noise, unit_random
from layers.boundaries import boundary_bbox, contains, load_boundary
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


# --- the city scale (``--scale city``): the posts of a whole city, not the demo's two streets ---
CITY_POSTS = 8_500  # a county-level city's lit roads at the demo's spacing, about
CITY_INTERVAL_S = 60.0  # the single-lamp controllers and sensors report every minute
CITY_PHASES = 60  # and not all at once: a post's reports fall on its own second of the minute
CITY_CAMERA_SHARE = 0.57  # the posts that carry a junction camera
CITY_CENTRE_SHARE = 0.7  # the rest stand along the roads between towns
CITY_CENTRE_SIGMA_DEG = 0.03  # about 3 km: the built-up area around the centre
STREET_DEG = 0.004  # posts stand on a road grid about 400 m apart (one coordinate on a road line)
#: a city post carries the environment sensors and the lamp's meter as well (多功能智慧灯杆)
CITY_STREAMS = STREAMS + (
    ("power_w", QT_TRANSLATE_NOOP("Entity", "灯功率"), "W", 0),
    ("voltage_v", QT_TRANSLATE_NOOP("Entity", "电压"), "V", 1),
    ("temperature_c", QT_TRANSLATE_NOOP("Entity", "气温"), "°C", 1),
    ("humidity_pct", QT_TRANSLATE_NOOP("Entity", "湿度"), "%", 0),
    ("pm25", QT_TRANSLATE_NOOP("Entity", "PM2.5"), "μg/m³", 0),
    ("noise_db", QT_TRANSLATE_NOOP("Entity", "噪声"), "dB", 0),
)


def city_posts(city: City, seed: int, count: int = CITY_POSTS, first: int = 1) -> list[Entity]:
    """``count`` posts over the whole city (inside its boundary): most around the centre, the rest
    along the roads out to the towns, each on a road line of a grid. Deterministic from the seed."""
    feature = load_boundary(city.id)
    (south, west), (north, east) = boundary_bbox(feature)
    lat0, lon0 = city.center
    out: list[Entity] = []
    k = 0
    while len(out) < count:
        k += 1
        if unit_random(seed, "post-where", k) < CITY_CENTRE_SHARE:
            lat = lat0 + CITY_CENTRE_SIGMA_DEG * 1.7 * unit_noise(seed, "post-lat", k) * abs(unit_noise(seed, "post-r", k))
            lon = lon0 + CITY_CENTRE_SIGMA_DEG * 2.0 * unit_noise(seed, "post-lon", k) * abs(unit_noise(seed, "post-r", k))
        else:
            lat = south + (north - south) * unit_random(seed, "post-lat", k)
            lon = west + (east - west) * unit_random(seed, "post-lon", k)
        if k % 2:  # an east-west road: the latitude on the road line
            lat = lat0 + round((lat - lat0) / STREET_DEG) * STREET_DEG
        else:
            lon = lon0 + round((lon - lon0) / STREET_DEG) * STREET_DEG
        lat, lon = round(lat, 5), round(lon, 5)
        if not (south <= lat <= north and west <= lon <= east) or not contains(feature, lat, lon):
            continue
        n = first + len(out)
        pid = f"LP-{city.id[:2].upper()}-{n:05d}"
        name = f"城区 {n}号灯杆"
        out.append(Entity(
            pid, "lamppost", name, lat, lon,
            {"name_en": f"city post {n}", "index": n, "charger": n % CHARGER_EVERY == 0, "fivg": n % 4 == 1,
             "messages": MESSAGES, "map_stream": "lamp_on", "phase_s": float(n % CITY_PHASES),
             "camera": unit_random(seed, pid, "camera") < CITY_CAMERA_SHARE},
            tuple(StreamSpec(f"streetlight/post/{pid}/{s}", f"{name} {zh}", unit, CITY_INTERVAL_S, decimals)
                  for s, zh, unit, decimals in CITY_STREAMS),
        ))
    return out
