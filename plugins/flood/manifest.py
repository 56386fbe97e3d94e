"""The flood plugin's declaration: gauges along the rivers, their alarms, the overview wall."""

from console.languages import QT_TRANSLATE_NOOP, Text
from console.plugins.api import AlarmTakeover, EntityKind, PluginManifest

PLUGIN = PluginManifest(
    name="flood",
    title=QT_TRANSLATE_NOOP("Plugin", "防汛监测"),
    version="0.1",
    order=10,  # the flood overview is the demo's opening wall
    simulator="plugins.flood.simulator:FloodSimulator",
    cameras="plugins.flood.cameras:RiverCameras",
    map_lines={QT_TRANSLATE_NOOP("MapLines", "河流"): "plugins.flood.rivers:river_lines"},
    tour_fields="plugins.flood.rivers:tour_fields",
    entity_kinds=(
        EntityKind("gauge", QT_TRANSLATE_NOOP("EntityKind", "水位站"), shape="triangle",
                   limits={"warning": "warning_level", "alarm": "guarantee_level"}),
        EntityKind("rain_station", QT_TRANSLATE_NOOP("EntityKind", "雨量站"), shape="circle"),
        EntityKind("camera", QT_TRANSLATE_NOOP("EntityKind", "河道摄像机"), shape="camera"),
    ),
    rules=(
        {
            "id": "flood.above_guarantee", "title": QT_TRANSLATE_NOOP("Rule", "超保证水位"), "type": "threshold", "streams": "flood/gauge/*/level",
            "limit": "attr:guarantee_level", "severity": 4, "deadband": 0.05, "delay_s": 120,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 超保证水位：{value:.2f} m > {limit:.2f} m"),
            "guidance": (
                QT_TRANSLATE_NOOP("Rule", "立即报告防汛指挥部值班领导，启动相应级别应急响应"),
                QT_TRANSLATE_NOOP("Rule", "通知下游沿河乡镇、村组按预案转移危险区群众"),
                QT_TRANSLATE_NOOP("Rule", "调度上游水库、闸坝削峰错峰，记录调度指令"),
                QT_TRANSLATE_NOOP("Rule", "组织抢险队伍和物资（编织袋、块石）到险工险段"),
                QT_TRANSLATE_NOOP("Rule", "每15分钟复核水位与雨情，直至回落至保证水位以下"),
            ),
        },
        {
            "id": "flood.above_warning", "title": QT_TRANSLATE_NOOP("Rule", "超警戒水位"), "type": "threshold", "streams": "flood/gauge/*/level",
            "limit": "attr:warning_level", "severity": 3, "deadband": 0.05, "delay_s": 120,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 超警戒水位：{value:.2f} m > {limit:.2f} m"),
            # while the same gauge is above its guarantee level, the warning adds nothing
            "suppressed_by": "flood.above_guarantee",
            "guidance": (
                QT_TRANSLATE_NOOP("Rule", "核实水位：查看该站及上下游站点曲线与河道视频"),
                QT_TRANSLATE_NOOP("Rule", "通知属地乡镇和河长，安排人员巡堤查险"),
                QT_TRANSLATE_NOOP("Rule", "检查排涝泵站与闸门状态，做好开闸准备"),
                QT_TRANSLATE_NOOP("Rule", "关注气象雨情预报，加密观测频次"),
            ),
        },
        {
            "id": "flood.stale", "title": QT_TRANSLATE_NOOP("Rule", "水位数据中断"), "type": "stale", "streams": "flood/gauge/*/level", "after_intervals": 10,
            "severity": 2, "message": QT_TRANSLATE_NOOP("Rule", "{name} 数据中断 {age}"),
            "guidance": (
                QT_TRANSLATE_NOOP("Rule", "检查遥测终端供电与通信（4G/北斗）状态"),
                QT_TRANSLATE_NOOP("Rule", "联系运维单位派员到站，必要时人工观测水尺"),
            ),
        },
        {
            "id": "flood.camera_offline", "title": QT_TRANSLATE_NOOP("Rule", "摄像机离线"), "type": "threshold", "streams": "camera/*/status", "limit": 0.5,
            "severity": 1, "deadband": 0.25, "delay_s": 60,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 摄像机离线"),
            "guidance": (QT_TRANSLATE_NOOP("Rule", "通知视频运维单位检修"),),
        },
        {
            # the river cameras' video analytics: the water above the warning mark painted on the staff gauge
            "id": "flood.video_water_mark", "title": QT_TRANSLATE_NOOP("Rule", "视频识别：水位越线"), "type": "threshold",
            "streams": "camera/*/event/water_above_mark", "limit": 0.5, "severity": 3, "deadband": 0.25, "delay_s": 0,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 视频识别：水位越过警戒标线"),
            "guidance": (
                QT_TRANSLATE_NOOP("Rule", "查看该摄像机实时视频与报警帧，核对水尺读数"),
                QT_TRANSLATE_NOOP("Rule", "与附近水位站曲线比对，确认是否超警戒"),
            ),
        },
        {
            "id": "flood.camera_silent", "title": QT_TRANSLATE_NOOP("Rule", "摄像机无响应"), "type": "stale", "streams": "camera/*/status", "after_intervals": 3,
            "severity": 1, "message": QT_TRANSLATE_NOOP("Rule", "{name} 摄像机无响应 {age}"),
        },
    ),
    takeovers={
        "gauge": AlarmTakeover(
            Text("Takeover", "过程线"), stream="level", thresholds=("warning_level", "guarantee_level"), window_h=12,
            map_layers=("gauge", "rain_station"), zoom=14, cameras_title=Text("Takeover", "河道摄像机"),
            camera_select={"kind": "camera", "attrs": {"domain": "flood"}}, cameras=4,
        ),
    },
    layouts=(
        "plugins.flood:layouts/overview.json",
        "plugins.flood:layouts/map.json",
        "plugins.flood:layouts/cameras.json",
        "plugins.flood:layouts/alarms.json",
        # the 大屏: map at the centre, KPIs and trends on the wings (console.layouts.wall_check)
        "plugins.flood:layouts/wall-32x9.json",
        "plugins.flood:layouts/wall-16x9.json",
    ),
    # the flood part of a visitor tour ({river}, {river_id}: the city's main river, see console.tours.default)
    tour_steps=(
        {
            "id": "flood.rainstorm", "layout": "flood-overview",
            "caption_zh": "暴雨来袭：雨量站读数快速上升，{river}沿线水位开始上涨",
            "caption_en": "A rainstorm starts: the rain gauges climb and the {river_en} begins to rise",
            "duration_s": 45, "focus": {"tile_kind": "chart"},
            "events": [{"type": "rainstorm", "intensity_mm_h": 45, "duration_h": 3}],
        },
        {
            "id": "flood.warning", "layout": "flood-cameras",
            "caption_zh": "{river}{river_id}-07号站水位超过警戒线，附近摄像机自动切上大屏",
            "caption_en": "Gauge {river_id}-07 on the {river_en} crosses its warning level and its cameras come up",
            "duration_s": 50, "focus": {"tile_kind": "cameras", "entity": "{river_id}-07"}, "advance_s": 420,
            "events": [{"type": "gauge_surge", "gauge": "{river_id}-07", "ramp_s": 180, "margin_m": 0.3, "hold_s": 1800}],
        },
        {
            "id": "flood.map", "layout": "flood-map",
            "caption_zh": "防汛一张图：超警站点在地图上醒目标出，值班人员一眼可见",
            "caption_en": "The flood map: gauges above warning stand out, seen by the duty team at a glance",
            "duration_s": 40, "focus": {"entity": "{river_id}-07"},
        },
    ),
)
