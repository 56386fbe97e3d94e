"""The smart-community plugin's declaration (智慧社区, part 3 of the provincial standard).

Each community's part-3 indicators and weights (data/indicators.json) and its progress towards
the 80 % line; its live systems: access control, elderly-care calls, parcel lockers, EV charging.
The task board (plugins/taskboard) keeps the city's own prescribed weight; this plugin publishes
the communities' weights as hub streams (community/city/*/...), and its ``community-taskboard``
layout shows them beside the board's own tile.
"""

from console.languages import QT_TRANSLATE_NOOP, Text
from console.plugins.api import AlarmTakeover, EntityKind, PluginManifest

_CARE_STEPS = (
    QT_TRANSLATE_NOOP("Rule", "电话回拨老人或紧急联系人，确认情况"),
    QT_TRANSLATE_NOOP("Rule", "派社区网格员或家庭医生15分钟内上门"),
    QT_TRANSLATE_NOOP("Rule", "需要时拨打120并开启门禁、电梯绿色通道"),
    QT_TRANSLATE_NOOP("Rule", "上门处置后在养老平台登记结果"),
)

PLUGIN = PluginManifest(
    name="community",
    title=QT_TRANSLATE_NOOP("Plugin", "智慧社区"),
    version="0.1",
    simulator="plugins.community.simulator:CommunitySimulator",
    entity_kinds=(EntityKind("community", QT_TRANSLATE_NOOP("EntityKind", "智慧社区"), shape="diamond"),),
    rules=(
        {
            "id": "community.elderly_call", "title": QT_TRANSLATE_NOOP("Rule", "养老紧急呼叫"), "type": "threshold",
            "streams": "community/site/*/care_calls", "limit": 1, "inclusive": True, "severity": 3,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 老人紧急呼叫未处置：{value:.0f}"),
            "guidance": _CARE_STEPS,
        },
        {
            "id": "community.lockers_full", "title": QT_TRANSLATE_NOOP("Rule", "快递柜将满"), "type": "threshold",
            "streams": "community/site/*/locker_fill_pct", "limit": 95, "inclusive": True, "severity": 1, "delay_s": 1800, "deadband": 3.0,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 快递柜占用 {value:.0f} %"),
            "guidance": (QT_TRANSLATE_NOOP("Rule", "通知快递企业暂缓投柜或增派临时存放点"),),
        },
        {
            "id": "community.stale", "title": QT_TRANSLATE_NOOP("Rule", "社区数据中断"), "type": "stale",
            "streams": "community/site/*/access_events", "after_intervals": 6, "severity": 1,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 门禁数据中断 {age}"),
        },
    ),
    takeovers={
        "community.elderly_call": AlarmTakeover(
            Text("Takeover", "养老呼叫"), stream="care_calls", window_h=12, map_layers=("community",), zoom=16,
            cameras_title=Text("Takeover", "社区出入口摄像机"),
        ),
    },
    tile_kinds={"community_indicators": "plugins.community.views.indicator_progress_tile:IndicatorProgressTile"},
    layers={"community.indicators": "plugins.community.layers:indicator_progress"},
    layouts=(
        "plugins.community:layouts/overview.json",
        "plugins.community:layouts/wall-32x9.json",
        "plugins.community:layouts/wall-16x9.json",
        # the task board's tile (the taskboard plugin's kind, named as data) beside the communities'
        # weights: composed by the layout, no import; without the taskboard plugin its cell says so
        "plugins.community:layouts/taskboard.json",
    ),
    tour_steps=(
        # one step: the default tour has a length cap (resources/tours), so every step shortens all the others
        {
            "layout": "community-overview", "duration_s": 40, "events": [{"type": "elderly_call"}],
            "caption_zh": "智慧社区：各社区按省标准第3部分指标权重对照80%达标线；独居老人一键呼叫，报警上屏，网格员15分钟内上门。",
            "caption_en": "Smart communities against the 80 % line of the provincial standard, part 3; a resident's SOS call is on screen and the grid worker is at the door within 15 minutes.",
        },
    ),
)
