"""The smart-community plugin's declaration (智慧社区, part 3 of the provincial standard).

Each community's part-3 indicators and weights (data/indicators.json) and its progress towards
the 80 % line; its live systems: access control, elderly-care calls, parcel lockers, EV charging.
The task board (plugins/taskboard) keeps the city's own prescribed weight; this plugin publishes
the communities' weights as hub streams (community/city/*/...), and its ``community-taskboard``
layout shows them beside the board's own tile.
"""

from console.plugins.api import AlarmTakeover, EntityKind, PluginManifest

_CARE_STEPS = (
    "电话回拨老人或紧急联系人，确认情况 · Call the resident or their emergency contact back; find out what happened",
    "派社区网格员或家庭医生15分钟内上门 · Send the grid worker or family doctor to the home within 15 minutes",
    "需要时拨打120并开启门禁、电梯绿色通道 · Call 120 if needed; open the gates and lift for the ambulance",
    "上门处置后在养老平台登记结果 · Record the outcome on the elderly-care platform after the visit",
)

PLUGIN = PluginManifest(
    name="community",
    title="智慧社区 Smart communities",
    version="0.1",
    simulator="plugins.community.simulator:CommunitySimulator",
    entity_kinds=(EntityKind("community", "智慧社区 Smart community", shape="diamond"),),
    rules=(
        {
            "id": "community.elderly_call", "title": "养老紧急呼叫 Elderly-care call", "type": "threshold",
            "streams": "community/site/*/care_calls", "limit": 1, "inclusive": True, "severity": 3,
            "message": "{name} 老人紧急呼叫未处置 elderly-care call open: {value:.0f}",
            "guidance": _CARE_STEPS,
        },
        {
            "id": "community.lockers_full", "title": "快递柜将满 Parcel lockers nearly full", "type": "threshold",
            "streams": "community/site/*/locker_fill_pct", "limit": 95, "inclusive": True, "severity": 1, "delay_s": 1800, "deadband": 3.0,
            "message": "{name} 快递柜占用 lockers {value:.0f} % full",
            "guidance": ("通知快递企业暂缓投柜或增派临时存放点 · Ask the couriers to hold deliveries or open a temporary pick-up point",),
        },
        {
            "id": "community.stale", "title": "社区数据中断 Community data missing", "type": "stale",
            "streams": "community/site/*/access_events", "after_intervals": 6, "severity": 1,
            "message": "{name} 门禁数据中断 no access-control data for {age}",
        },
    ),
    takeovers={
        "community.elderly_call": AlarmTakeover(
            "养老呼叫 Elderly-care calls", stream="care_calls", window_h=12, map_layers=("community",), zoom=16,
            cameras_title="社区出入口摄像机 Community gate cameras",
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
