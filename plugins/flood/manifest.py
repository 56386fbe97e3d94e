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
)
