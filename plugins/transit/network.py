"""The transit plugin's entities: stops (where the e-stop boards stand), routes and buses, from the
city's shipped timetable (plugins/transit/gtfs/<city>/). A stop outside the city boundary is refused."""

from __future__ import annotations

from console.city import City
from console.languages import QT_TRANSLATE_NOOP
from console.model import Entity, StreamSpec
from layers.boundaries import contains, load_boundary
from plugins.transit.headway import BUNCH_RATIO, GAP_RATIO
from plugins.transit.timetable import Timetable, TimetableError, load_city_timetable

BUS_INTERVAL_S = 60.0
STOP_INTERVAL_S = 300.0
BUS_CAPACITY = 80  # passengers, seated and standing (a 10.5 m city bus)
ADVISE_PCT = 80.0  # a route's buses fuller than this: add a bus in that hour

BUS_STREAMS = (
    ("in_service", QT_TRANSLATE_NOOP("Entity", "运营中"), "", 0),
    ("trip", QT_TRANSLATE_NOOP("Entity", "班次序号"), "", 0),
    ("position", QT_TRANSLATE_NOOP("Entity", "位置（站序）"), "", 2),
    ("delay_min", QT_TRANSLATE_NOOP("Entity", "晚点"), "min", 1),
    ("headway_min", QT_TRANSLATE_NOOP("Entity", "与前车间隔"), "min", 1),
    ("headway_ratio", QT_TRANSLATE_NOOP("Entity", "间隔/计划间隔"), "", 2),
    ("load_pct", QT_TRANSLATE_NOOP("Entity", "满载率"), "%", 0),
)
ROUTE_STREAMS = (
    ("load_pct", QT_TRANSLATE_NOOP("Entity", "平均满载率"), "%", 0),
    ("load_pct_10min", QT_TRANSLATE_NOOP("Entity", "平均满载率（10分钟滑动平均）"), "%", 0),
    ("buses", QT_TRANSLATE_NOOP("Entity", "在线车辆"), "辆", 0),
    ("bunched", QT_TRANSLATE_NOOP("Entity", "串车"), "辆", 0),
    ("gaps", QT_TRANSLATE_NOOP("Entity", "大间隔"), "处", 0),
)


def _spec(prefix: str, name: str, which, interval: float) -> tuple[StreamSpec, ...]:
    return tuple(StreamSpec(f"{prefix}/{s}", f"{name} {zh}", unit, interval, decimals) for s, zh, unit, decimals in which)


def bus_number(block: str) -> str:
    return block.rsplit("-", 1)[-1]


def transit_entities(city: City, timetable: Timetable | None = None) -> list[Entity]:
    tt = timetable if timetable is not None else load_city_timetable(city.id)
    if tt is None:
        return []
    feature = load_boundary(city.id)
    out = []
    for s in tt.stops.values():
        if not contains(feature, s.lat, s.lon):
            raise TimetableError(f"stop {s.id} {s.name} ({s.lat}, {s.lon}) is outside the {city.id} boundary")
        routes = sorted({tt.routes[t.route].name for t in tt.trips if s.id in t.stops})
        out.append(Entity(f"STOP-{s.id}", "bus_stop", s.name, s.lat, s.lon,
                          {"stop_id": s.id, "city": city.id, "routes": routes, "map_stream": "boardings_h"},
                          (StreamSpec(f"transit/stop/{s.id}/boardings_h", f"{s.name} 上车客流", "人/h", STOP_INTERVAL_S, 0),)))
    for r in tt.routes.values():
        out.append(Entity(f"ROUTE-{r.id}", "bus_route", f"{r.name} {r.long_name}", attrs={"route": r.id, "advise_pct": ADVISE_PCT},
                          streams=_spec(f"transit/route/{r.id}", r.name, ROUTE_STREAMS, BUS_INTERVAL_S)))
    for block, trips in sorted(tt.blocks().items()):
        route = tt.routes[trips[0].route]
        name = f"{route.name} {bus_number(block)}号车"
        out.append(Entity(f"BUS-{block}", "bus", name,
                          attrs={"route": route.id, "block": block, "capacity": BUS_CAPACITY,
                                 "bunch_ratio": round(BUNCH_RATIO, 3), "gap_ratio": GAP_RATIO},
                          streams=_spec(f"transit/bus/{block}", name, BUS_STREAMS, BUS_INTERVAL_S)))
    return out
