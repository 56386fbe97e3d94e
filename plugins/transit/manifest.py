"""The transit plugin's declaration: the city's buses on their timetable (GTFS-style data shipped per
city), headways and delays, bunching and gaps alarmed, bus loads, the e-stop boards' next arrivals,
passenger flow per stop and the advice to add a bus where the load runs high."""

from console.languages import QT_TRANSLATE_NOOP, Text
from console.plugins.api import AlarmTakeover, EntityKind, PluginManifest

_BUNCH_STEPS = (
    QT_TRANSLATE_NOOP("Rule", "通知后车驻站调整：在下一站停留至计划间隔的一半"),
    QT_TRANSLATE_NOOP("Rule", "前车不停靠非必要站点（越站快行），拉开间隔"),
    QT_TRANSLATE_NOOP("Rule", "在电子站牌发布后车较空的提示"),
)
_GAP_STEPS = (
    QT_TRANSLATE_NOOP("Rule", "查明前方车辆延误原因（故障、事故、拥堵），联系驾驶员"),
    QT_TRANSLATE_NOOP("Rule", "从场站调派备用车在间隔处插入发车"),
    QT_TRANSLATE_NOOP("Rule", "在受影响站点的电子站牌发布延误信息"),
)
_ADVICE_STEPS = (
    QT_TRANSLATE_NOOP("Rule", "核对该线路本时段各站上车客流"),
    QT_TRANSLATE_NOOP("Rule", "在下一运营日该时段加开一班（或调整发车间隔）"),
)

PLUGIN = PluginManifest(
    name="transit",
    title=QT_TRANSLATE_NOOP("Plugin", "智慧公交"),
    version="0.1",
    simulator="plugins.transit.simulator:TransitSimulator",
    entity_kinds=(
        EntityKind("bus_stop", QT_TRANSLATE_NOOP("EntityKind", "公交站（电子站牌）"), shape="square"),
        # a bus is on the map where its trip has taken it (the simulator re-adds it every 10 s);
        # a route has no position: it is on the route tiles
        EntityKind("bus", QT_TRANSLATE_NOOP("EntityKind", "公交车"), shape="triangle"),
    ),
    rules=(
        {
            "id": "transit.bunching", "title": QT_TRANSLATE_NOOP("Rule", "串车"), "type": "threshold", "direction": "below",
            "streams": "transit/bus/*/headway_ratio", "limit": "attr:bunch_ratio", "severity": 2, "delay_s": 120,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 与前车间隔过小：计划间隔的 {value:.2f} 倍 < {limit:.2f}"),
            "guidance": _BUNCH_STEPS,
        },
        {
            "id": "transit.gap", "title": QT_TRANSLATE_NOOP("Rule", "大间隔"), "type": "threshold",
            "streams": "transit/bus/*/headway_ratio", "limit": "attr:gap_ratio", "severity": 2, "delay_s": 120,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 与前车间隔过大：计划间隔的 {value:.2f} 倍 > {limit:.1f}"),
            "guidance": _GAP_STEPS,
        },
        {
            "id": "transit.add_bus", "title": QT_TRANSLATE_NOOP("Rule", "建议加车"), "type": "threshold",
            "streams": "transit/route/*/load_pct", "limit": "attr:advise_pct", "severity": 1, "delay_s": 1800, "deadband": 5.0,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 平均满载率 {value:.0f} % > {limit:.0f} % 持续半小时：本时段建议加车"),
            "guidance": _ADVICE_STEPS,
        },
        {
            "id": "transit.stale", "title": QT_TRANSLATE_NOOP("Rule", "车载定位中断"), "type": "stale",
            "streams": "transit/route/*/buses", "after_intervals": 5, "severity": 1,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 车辆定位数据中断 {age}"),
        },
    ),
    # a bus bunching or behind a gap brings its headway chart, the map of the buses and stops around
    # it, and its route's buses in order with their headways (a bus has no cameras)
    takeovers={
        rule: AlarmTakeover(
            Text("Takeover", "间隔/计划间隔"), stream="headway_ratio", thresholds=("bunch_ratio", "gap_ratio"),
            window_h=3, map_layers=("bus", "bus_stop"), zoom=14,
            tile={"kind": "transit_headways", "title": Text("Transit", "本线路车辆间隔"),
                  "options": {"select": {"kind": "bus_route", "attrs": {"route": "{route}"}}}},
        )
        for rule in ("transit.bunching", "transit.gap")
    },
    tile_kinds={
        "transit_board": "plugins.transit.views.stop_board_tile:StopBoardTile",
        "transit_headways": "plugins.transit.views.headway_tile:HeadwayTile",
        "transit_flow": "plugins.transit.views.passenger_flow_tile:PassengerFlowTile",
    },
    source_kinds={"gtfs_realtime": "plugins.transit.realtime_source:KIND"},
    layers={"transit.stops": "plugins.transit.layers:stop_boards", "transit.buses": "plugins.transit.layers:bus_positions"},
    layouts=(
        "plugins.transit:layouts/overview.json",
        # the 大屏: map at the centre, KPIs and lists on the wings (console.layouts.wall_check)
        "plugins.transit:layouts/wall-32x9.json",
        "plugins.transit:layouts/wall-16x9.json",
    ),
    tour_steps=(
        {
            # only 禹城 ships a timetable: elsewhere the transit desk is empty, so no step there;
            # 20 s keeps every step of 禹城's eight-minute tour long enough to read
            "id": "transit.bunching", "layout": "transit-overview", "duration_s": 20, "cities": ["yucheng"],
            "focus": {"tile_kind": "transit_headways"},
            # a bus held on route 1 (a breakdown): the bus behind catches it up, a gap opens ahead;
            # a quarter of an hour on, both are alarmed and the advice counts the trips to add
            "events": [{"type": "bus_incident", "route": "R1", "hours": 1.0, "slow": 0.8}], "advance_s": 900,
            "caption_zh": "智慧公交：1路一辆车故障滞留，后车追上形成串车、前方出现大间隔，系统自动报警并给出调度建议。",
            "caption_en": "Smart transit: a bus on route 1 is held up; the bus behind bunches on it and a gap opens ahead, both alarmed with what to do.",
        },
    ),
)
