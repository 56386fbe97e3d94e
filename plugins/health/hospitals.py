"""The internet hospital's sites: the five city hospitals of the task book and the township
clinics, with capacity and the limits their alarms use. Positions are placed from the
seed inside the county (the city hospitals in the urban area), not surveyed.
"""

from __future__ import annotations

import math

from console.city import City
from console.model import Entity, StreamSpec
from console.sources.simulator import unit_random
from layers.boundaries import contains, load_boundary
from console.languages import QT_TRANSLATE_NOOP

INTERVAL_S = 300.0
N_CLINICS = 14
# id, name, English, beds, outpatients a day, typical bed occupancy, internet hospital since
HOSPITALS = (
    ("H01", "寿光市人民医院", "City People's Hospital", 1500, 4200, 0.91, 2020),
    ("H02", "寿光市中医医院", "TCM Hospital", 700, 1800, 0.84, 2020),
    ("H03", "寿光市妇幼保健院", "Maternal and Child Health Hospital", 400, 1300, 0.78, 2021),
    ("H04", "寿光市东城医院", "Dongcheng Hospital", 300, 800, 0.80, 2021),
    ("H05", "寿光市皮肤病医院", "Dermatology Hospital", 120, 520, 0.70, 2021),
)
#: (stream, name, unit); cumulative counts restart at local midnight
STREAMS = (
    ("appointments_booked", QT_TRANSLATE_NOOP("Entity", "今日预约"), "人次"),
    ("appointments_served", QT_TRANSLATE_NOOP("Entity", "今日预约就诊"), "人次"),
    ("online_consultations", QT_TRANSLATE_NOOP("Entity", "今日在线问诊"), "人次"),
    ("e_prescriptions", QT_TRANSLATE_NOOP("Entity", "今日电子处方"), "张"),
    ("health_card_scans", QT_TRANSLATE_NOOP("Entity", "今日电子健康卡用卡"), "次"),
    ("queue", QT_TRANSLATE_NOOP("Entity", "门诊候诊"), "人"),
    ("beds_occupied", QT_TRANSLATE_NOOP("Entity", "在院人数"), "床"),
    ("bed_occupancy", QT_TRANSLATE_NOOP("Entity", "床位使用率"), "%"),
)


def _streams(kind: str, eid: str, name: str, which=STREAMS) -> tuple[StreamSpec, ...]:
    return tuple(StreamSpec(f"health/{kind}/{eid}/{s}", f"{name} {zh}", unit, INTERVAL_S, 1 if unit == "%" else 0)
                 for s, zh, unit in which)


def _place(city: City, seed: int, key: str, radius_deg: float) -> tuple[float, float]:
    feature = load_boundary(city.id)
    for attempt in range(100):
        ang = 2 * math.pi * unit_random(seed, key, "ang", attempt)
        r = radius_deg * math.sqrt(unit_random(seed, key, "r", attempt))
        lat, lon = city.center[0] + r * math.sin(ang), city.center[1] + 1.25 * r * math.cos(ang)
        if contains(feature, lat, lon):
            return round(lat, 5), round(lon, 5)
    return city.center


def health_sites(city: City, seed: int = 1) -> list[Entity]:
    out = []
    for hid, name, name_en, beds, daily, occ, since in HOSPITALS:
        lat, lon = _place(city, seed, hid, 0.04)
        queue_limit = round(daily * 0.06)  # 6 % of a day's patients waiting at once: above a normal peak
        out.append(Entity(
            hid, "hospital", name, lat, lon,
            {"name_en": name_en, "beds": beds, "daily_outpatients": daily, "typical_occupancy": occ,
             "internet_hospital_since": since, "queue_limit": queue_limit, "warning": round(queue_limit * 0.7),
             "alarm": queue_limit, "beds_alarm_pct": 95.0, "map_stream": "queue"},
            _streams("hospital", hid, name),
        ))
    for k in range(1, N_CLINICS + 1):
        cid = f"K{k:02d}"
        lat, lon = _place(city, seed, cid, 0.28)
        beds = 40 + int(40 * unit_random(seed, cid, "beds"))
        daily = 120 + int(180 * unit_random(seed, cid, "daily"))
        queue_limit = max(25, round(daily * 0.06))
        name = f"乡镇卫生院{k:02d}"
        out.append(Entity(
            cid, "clinic", name, lat, lon,
            {"name_en": f"Township clinic {k:02d}", "beds": beds, "daily_outpatients": daily,
             "typical_occupancy": 0.6 + 0.15 * unit_random(seed, cid, "occ"), "queue_limit": queue_limit,
             "warning": round(queue_limit * 0.7), "alarm": queue_limit, "beds_alarm_pct": 95.0, "map_stream": "queue"},
            _streams("clinic", cid, name),
        ))
    out.append(Entity("HEALTH-SG", "health_summary", f"{city.name}互联网医院", attrs={},
                      streams=_streams("city", city.id, "全市", STREAMS[:5])))
    return out
