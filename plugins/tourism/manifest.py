"""The tourism plugin's declaration: the county's culture-and-tourism big-data picture (文旅大数据平台).

Scenic spots with their capacity and live visitors, warnings at 80 % and 100 % of capacity
(LB/T 034-2014), visitors' origin and length of stay; 莒县's "one screen sees the whole county".
The car parks near each spot come from the parking plugin's entities through the hub (the map
shows both), never by importing it.
"""

from console.languages import QT_TRANSLATE_NOOP, Text
from console.plugins.api import AlarmTakeover, EntityKind, PluginManifest

_WARN_STEPS = (
    QT_TRANSLATE_NOOP("Rule", "启动限流：分时段预约、入口排队分流"),
    QT_TRANSLATE_NOOP("Rule", "发布拥挤提示，引导游客错峰或前往周边景区"),
    QT_TRANSLATE_NOOP("Rule", "通知交警与停车场疏导周边交通"),
)
_FULL_STEPS = (
    QT_TRANSLATE_NOOP("Rule", "立即停止售票和入园，只出不进"),
    QT_TRANSLATE_NOOP("Rule", "在入口和周边道路发布客满信息，引导车辆停放"),
    QT_TRANSLATE_NOOP("Rule", "加派安保与医疗力量到人流密集点位，防止踩踏"),
    QT_TRANSLATE_NOOP("Rule", "每15分钟报告在园人数，降至80%以下后恢复预约入园"),
)

# what a crowding alarm brings to the wall: the spot's share of capacity with its 80 % line, the spot
# and its car parks on the map, the cameras nearest it, and the response steps
_OCCUPANCY_TAKEOVER = AlarmTakeover(
    Text("Takeover", "承载率"), stream="occupancy", thresholds=("warn_pct",), window_h=12,
    map_layers=("scenic_spot", "carpark"), zoom=15, cameras_title=Text("Takeover", "景区周边摄像机"),
)

PLUGIN = PluginManifest(
    name="tourism",
    title=QT_TRANSLATE_NOOP("Plugin", "智慧文旅"),
    version="0.1",
    simulator="plugins.tourism.simulator:TourismSimulator",
    entity_kinds=(
        EntityKind("scenic_spot", QT_TRANSLATE_NOOP("EntityKind", "景区"), shape="triangle", limits={"warning": "warning", "alarm": "alarm"}),
        # the county summary has no position: no map layer for it
    ),
    rules=(
        {
            "id": "tourism.full", "title": QT_TRANSLATE_NOOP("Rule", "景区客满"), "type": "threshold",
            "streams": "tourism/spot/*/occupancy", "limit": "attr:full_pct", "inclusive": True, "severity": 4, "deadband": 2.0,
            "delay_s": 300, "message": QT_TRANSLATE_NOOP("Rule", "{name} 在园人数达到最大承载量：{value:.0f} % ≥ {limit:.0f} %"),
            "guidance": _FULL_STEPS,
        },
        {
            "id": "tourism.crowded", "title": QT_TRANSLATE_NOOP("Rule", "景区接近饱和"), "type": "threshold",
            "streams": "tourism/spot/*/occupancy", "limit": "attr:warn_pct", "inclusive": True, "severity": 3, "deadband": 2.0,
            "delay_s": 300, "message": QT_TRANSLATE_NOOP("Rule", "{name} 在园人数超过承载量80%：{value:.0f} %"),
            "suppressed_by": "tourism.full", "guidance": _WARN_STEPS,
        },
        {
            "id": "tourism.stale", "title": QT_TRANSLATE_NOOP("Rule", "客流数据中断"), "type": "stale",
            "streams": "tourism/spot/*/visitors", "after_intervals": 6, "severity": 1,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 客流数据中断 {age}"),
        },
    ),
    takeovers={"tourism.full": _OCCUPANCY_TAKEOVER, "tourism.crowded": _OCCUPANCY_TAKEOVER},
    tile_kinds={"tourism_parking": "plugins.tourism.views.spot_parking_tile:SpotParkingTile"},
    layouts=(
        "plugins.tourism:layouts/overview.json",
        # the 大屏 (一屏观全县): the county's map at the centre, KPIs and trends on the wings (console.layouts.wall_check)
        "plugins.tourism:layouts/wall-32x9.json",
        "plugins.tourism:layouts/wall-16x9.json",
    ),
    tour_fields="plugins.tourism.spots:tour_fields",
    tour_steps=(
        {
            # a Golden Week day: the crowd at the county's first spot climbs from the step's start at
            # any hour (plugins.tourism.simulator.Crowd: 125 % in an hour); 46 min on, the last
            # five-minute count shows 85-95 % wherever the jump lands between two counts
            "id": "tourism.holiday", "layout": "tourism-overview", "duration_s": 35, "advance_s": 2750,
            "events": [{"type": "holiday_crowd", "spot": "{scenic_spot_id}", "ramp_s": 3600, "peak_pct": 125}],
            "focus": {"tile_kind": "tourism_parking"},
            "caption_zh": "黄金周：{scenic_spot}游客快速增加，在园人数超过最大承载量的80%，启动限流并引导车辆到周边停车场。",
            "caption_en": "Golden Week: visitors pour into {scenic_spot_en}; past 80 % of its capacity, entry is limited and cars go to the car parks nearby.",
        },
        {
            # 20 min on, the crowd has been past capacity for over five minutes: the full alarm takes the wall
            "id": "tourism.at_capacity", "layout": "tourism-overview", "duration_s": 35, "advance_s": 1200, "events": [],
            "focus": {"tile_kind": "alarms"},
            "caption_zh": "{scenic_spot}在园人数达到最大承载量：停止入园、只出不进，报警接管大屏，显示处置步骤。",
            "caption_en": "{scenic_spot_en} reaches its capacity: entry stops, exits only; the alarm takes the wall with its response steps.",
        },
    ),
)
