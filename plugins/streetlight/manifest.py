"""The smart lamp posts' declaration (智慧灯杆): lamps switched at dusk and dawn, faults, the EV
chargers' use and the information displays' messages (禹城's lamp posts: display, 5G, charging)."""

from console.languages import QT_TRANSLATE_NOOP, Text
from console.plugins.api import AlarmTakeover, EntityKind, PluginManifest

_FAULT_STEPS = (
    QT_TRANSLATE_NOOP("Rule", "远程复位单灯控制器，确认故障仍在"),
    QT_TRANSLATE_NOOP("Rule", "派路灯维护班组到场检修，夜间先设警示"),
    QT_TRANSLATE_NOOP("Rule", "检查同一回路其他灯杆与充电桩是否受影响"),
)

PLUGIN = PluginManifest(
    name="streetlight",
    title=QT_TRANSLATE_NOOP("Plugin", "智慧灯杆"),
    version="0.1",
    simulator="plugins.streetlight.simulator:StreetlightSimulator",
    cameras="plugins.streetlight.cameras:PostCameras",  # at the city scale only (--scale city)
    entity_kinds=(EntityKind("lamppost", QT_TRANSLATE_NOOP("EntityKind", "智慧灯杆"), shape="circle"),),
    rules=(
        {
            "id": "streetlight.fault", "title": QT_TRANSLATE_NOOP("Rule", "灯杆故障"), "type": "threshold",
            "streams": "streetlight/post/*/fault", "limit": 1, "inclusive": True, "severity": 2,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 单灯控制器报告故障"),
            "guidance": _FAULT_STEPS,
        },
        {
            "id": "streetlight.stale", "title": QT_TRANSLATE_NOOP("Rule", "灯杆离线"), "type": "stale",
            "streams": "streetlight/post/*/lamp_on", "after_intervals": 6, "severity": 1,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 单灯控制器离线 {age}"),
            "guidance": (
                QT_TRANSLATE_NOOP("Rule", "检查灯杆网关与通信链路（4G/5G、电力载波）"),
                QT_TRANSLATE_NOOP("Rule", "夜间派员现场确认灯是否亮"),
            ),
        },
    ),
    takeovers={
        "lamppost": AlarmTakeover(Text("Takeover", "亮灯"), stream="lamp_on", window_h=24, map_layers=("lamppost",), zoom=16,
                                  cameras_title=Text("Takeover", "灯杆周边摄像机")),
    },
    tile_kinds={"streetlight_displays": "plugins.streetlight.views.display_tile:DisplayTile"},
    layers={"streetlight.posts": "plugins.streetlight.layers:post_state"},
    layouts=(
        "plugins.streetlight:layouts/overview.json",
        "plugins.streetlight:layouts/wall-32x9.json",
        "plugins.streetlight:layouts/wall-16x9.json",
    ),
    tour_steps=(
        {
            "layout": "streetlight-overview", "duration_s": 30, "events": [{"type": "lamp_fault"}],
            "caption_zh": "智慧灯杆：日落亮灯、日出熄灯；单灯故障自动报警，信息屏与充电桩一并管理。",
            "caption_en": "Smart lamp posts: on at sunset, off at sunrise; a lamp's fault raises an alarm; displays and chargers on the same posts.",
        },
    ),
)
