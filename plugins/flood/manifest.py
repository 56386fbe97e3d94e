"""The flood plugin's declaration: gauges along the rivers, their alarms, the overview wall."""

from console.plugin_api import EntityKind, PluginManifest

PLUGIN = PluginManifest(
    name="flood",
    title="防汛监测 Flood monitoring",
    version="0.1",
    simulator="plugins.flood.simulator:FloodSimulator",
    cameras="plugins.flood.cameras:RiverCameras",
    entity_kinds=(
        EntityKind("gauge", "水位站 Water-level gauge", shape="triangle"),
        EntityKind("rain_station", "雨量站 Rain gauge", shape="circle"),
        EntityKind("camera", "河道摄像机 River camera", shape="camera"),
    ),
    rules=(
        {
            "id": "flood.above_guarantee", "type": "threshold", "streams": "flood/gauge/*/level",
            "limit": "attr:guarantee_level", "severity": 4, "deadband": 0.05, "delay_s": 120,
            "message": "{name} 超保证水位 above guarantee level: {value:.2f} m > {limit:.2f} m",
        },
        {
            "id": "flood.above_warning", "type": "threshold", "streams": "flood/gauge/*/level",
            "limit": "attr:warning_level", "severity": 3, "deadband": 0.05, "delay_s": 120,
            "message": "{name} 超警戒水位 above warning level: {value:.2f} m > {limit:.2f} m",
        },
        {
            "id": "flood.stale", "type": "stale", "streams": "flood/gauge/*/level", "after_intervals": 10,
            "severity": 2, "message": "{name} 数据中断 no data for {age}",
        },
        {
            "id": "flood.camera_offline", "type": "threshold", "streams": "camera/*/status", "limit": 0.5,
            "severity": 1, "deadband": 0.25, "delay_s": 60,
            "message": "{name} 摄像机离线 camera offline",
        },
        {
            "id": "flood.camera_silent", "type": "stale", "streams": "camera/*/status", "after_intervals": 3,
            "severity": 1, "message": "{name} 摄像机无响应 camera silent for {age}",
        },
    ),
    layouts=(
        "plugins.flood:layouts/overview.json",
        "plugins.flood:layouts/map.json",
        "plugins.flood:layouts/cameras.json",
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
            "duration_s": 50, "focus": {"tile_kind": "cameras"}, "advance_s": 420,
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
