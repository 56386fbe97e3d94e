"""The parking plugin's declaration: 50 car parks, their alarms, the guidance wall and its tour."""

from console.languages import QT_TRANSLATE_NOOP, Text
from console.plugins.api import AlarmTakeover, EntityKind, PluginManifest

PLUGIN = PluginManifest(
    name="parking",
    title=QT_TRANSLATE_NOOP("Plugin", "智慧停车"),
    version="0.1",
    simulator="plugins.parking.simulator:ParkingSimulator",
    cameras="plugins.parking.cameras:CarparkCameras",
    entity_kinds=(EntityKind("carpark", QT_TRANSLATE_NOOP("EntityKind", "停车场"), shape="square"),),
    rules=(
        {
            "id": "parking.full", "title": QT_TRANSLATE_NOOP("Rule", "车场满位"), "type": "threshold", "streams": "parking/carpark/*/free", "direction": "below",
            "limit": 0.5, "severity": 2, "delay_s": 1800, "deadband": 2.0,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 车位已满超过30分钟"),
            "guidance": (
                QT_TRANSLATE_NOOP("Rule", "诱导屏与导航发布附近有空位的停车场"),
                QT_TRANSLATE_NOOP("Rule", "通知交警与停车管理员疏导入口排队车辆"),
                QT_TRANSLATE_NOOP("Rule", "必要时开放临时停车点或错峰共享车位"),
            ),
        },
        {
            "id": "parking.sensor_offline", "title": QT_TRANSLATE_NOOP("Rule", "车位检测离线"), "type": "stale", "streams": "parking/carpark/*/free",
            "after_intervals": 5, "severity": 2,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 车位检测离线 {age}"),
            "guidance": (QT_TRANSLATE_NOOP("Rule", "通知停车场运维检查车位检测器与网关"),),
        },
    ),
    takeovers={
        "carpark": AlarmTakeover(
            Text("Takeover", "空位曲线"), stream="free", window_h=12, map_layers=("carpark",), zoom=16,
            cameras_title=Text("Takeover", "出入口摄像机"), camera_select={"kind": "camera", "attrs": {"domain": "parking"}}, cameras=4,
        ),
    },
    tile_kinds={"parking_guidance": "plugins.parking.views.parking_guidance_tile:ParkingGuidanceTile"},
    layers={"parking.occupancy": "plugins.parking.layers:carpark_occupancy"},
    layouts=(
        "plugins.parking:layouts/overview.json",
        "plugins.parking:layouts/map.json",
        # the 大屏: map at the centre, KPIs and trends on the wings (console.layouts.wall_check)
        "plugins.parking:layouts/wall-32x9.json",
        "plugins.parking:layouts/wall-16x9.json",
    ),
    tour_steps=(
        {
            "layout": "parking-overview", "duration_s": 40, "events": [],
            "caption_zh": "全市50个停车场、8000个车位实时空位，一键诱导到最近的有空位车场。",
            "caption_en": "Free spaces in all 50 car parks and 8,000 spaces, live; guidance to the nearest car park with room.",
        },
        {
            # the market's crowd arrives when the step starts, at any hour; a quarter of an hour on, it is there.
            # 16 minutes: the counts come once a minute, so the newest on screen is at least 15 minutes on
            # whatever second of the minute the step starts in (at 900 s it could be 14 minutes, 2 full, not 4)
            "layout": "parking-overview", "duration_s": 40, "advance_s": 960, "events": [{"type": "market_day"}],
            "caption_zh": "逢集日：农贸市场周边路侧车位早高峰爆满，诱导屏把车流引向附近车场。",
            "caption_en": "Market day: street parking around the vegetable market fills in the morning; guidance sends drivers to nearby car parks.",
        },
    ),
)
