"""The emergency command declaration (应急指挥, issue 22): hazards, supplies, rescue teams and shelters on
one map; an event's impact range and the safe route; the response plan's steps as a checklist over the
core's incident book. 寿光's smart emergency platform first (its 侯镇 chemical park, the 弥河 dikes)."""

from console.languages import QT_TRANSLATE_NOOP, Text
from console.plugins.api import AlarmTakeover, EntityKind, PluginManifest

_LEAK_STEPS = (
    QT_TRANSLATE_NOOP("Rule", "启动危化品泄漏应急预案，通知园区企业与侯镇"),
    QT_TRANSLATE_NOOP("Rule", "按影响范围划定警戒区，封控进入道路，派最近的防化队伍沿安全路线到场"),
    QT_TRANSLATE_NOOP("Rule", "组织下风向群众疏散到范围外的避难场所"),
    QT_TRANSLATE_NOOP("Rule", "调度范围外最近的储备点的吸附棉与防化服"),
)
_UNDERPASS_STEPS = (
    QT_TRANSLATE_NOOP("Rule", "封闭下穿通道两端，发布绕行信息"),
    QT_TRANSLATE_NOOP("Rule", "派排水车与救援队排查被困车辆和人员"),
)

PLUGIN = PluginManifest(
    name="emergency",
    title=QT_TRANSLATE_NOOP("Plugin", "应急指挥"),
    version="0.1",
    simulator="plugins.emergency.simulator:EmergencySimulator",
    entity_kinds=(
        EntityKind("hazard", QT_TRANSLATE_NOOP("EntityKind", "危险源"), shape="triangle"),
        EntityKind("rescue_team", QT_TRANSLATE_NOOP("EntityKind", "救援队伍"), shape="diamond"),
        EntityKind("supply_depot", QT_TRANSLATE_NOOP("EntityKind", "物资储备点"), shape="square"),
        EntityKind("shelter", QT_TRANSLATE_NOOP("EntityKind", "避难场所"), shape="square"),
        EntityKind("school", QT_TRANSLATE_NOOP("EntityKind", "学校"), shape="circle"),
        EntityKind("hospital", QT_TRANSLATE_NOOP("EntityKind", "医院"), shape="circle"),
        EntityKind("impact_range", QT_TRANSLATE_NOOP("EntityKind", "影响范围"), shape="circle"),
        EntityKind("rescue_route", QT_TRANSLATE_NOOP("EntityKind", "安全路线"), shape="circle"),
    ),
    rules=(
        {
            "id": "emergency.chemical_leak", "title": QT_TRANSLATE_NOOP("Rule", "危化品泄漏"), "type": "threshold",
            "streams": "emergency/hazard/*/leak_t", "limit": 0.1, "severity": 4,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 危化品泄漏：已泄漏 {value:.1f} t"), "incident_plan": "emergency.chemical_leak",
            "guidance": _LEAK_STEPS,
        },
        {
            "id": "emergency.underpass_flooded", "title": QT_TRANSLATE_NOOP("Rule", "下穿通道积水"), "type": "threshold",
            "streams": "emergency/hazard/*/water_depth_m", "limit": 0.3, "severity": 3,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 积水 {value:.2f} m，超过 {limit:.2f} m"), "incident_plan": "emergency.underpass_flooded",
            "guidance": _UNDERPASS_STEPS,
        },
        {
            "id": "emergency.shelter_full", "title": QT_TRANSLATE_NOOP("Rule", "避难场所将满"), "type": "threshold",
            "streams": "emergency/shelter/*/occupancy", "limit": "attr:full_at", "severity": 2,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 安置 {value:.0f} 人，已过容量九成（{limit:.0f}）"),
            "guidance": (QT_TRANSLATE_NOOP("Rule", "启用范围外下一处避难场所，调整疏散引导"),
                         QT_TRANSLATE_NOOP("Rule", "从储备库调拨帐篷、棉被与饮用水")),
        },
    ),
    takeovers={
        "hazard": AlarmTakeover(Text("Takeover", "泄漏量 / 积水深度"), window_h=3,
                                map_layers=("hazard", "impact_range", "rescue_route", "rescue_team", "shelter"), zoom=13,
                                cameras_title=Text("Takeover", "事发点周边摄像机")),
        "shelter": AlarmTakeover(Text("Takeover", "安置人数"), stream="occupancy", window_h=6,
                                 map_layers=("shelter", "impact_range", "rescue_route"), zoom=13),
    },
    tile_kinds={
        "emergency_checklist": "plugins.emergency.views.checklist_tile:ChecklistTile",
        "emergency_resources": "plugins.emergency.views.resources_tile:ResourcesTile",
    },
    layers={"emergency.states": "plugins.emergency.layers:emergency_states"},
    layouts=(
        "plugins.emergency:layouts/overview.json",
        "plugins.emergency:layouts/wall-32x9.json",
        "plugins.emergency:layouts/typhoon-flood.json",
    ),
    incident_plans=(
        "plugins.emergency:plans/chemical_leak.json",
        "plugins.emergency:plans/underpass_flooded.json",
    ),
    tour_steps=(
        {
            # the shipped data and road graph are 寿光's: elsewhere the chapter is left out
            "id": "emergency.leak", "cities": ["shouguang"], "focus": {"tile_kind": "map"},
            "layout": "emergency-wall-32x9", "duration_s": 40, "events": [{"type": "chemical_leak"}],
            "caption_zh": "应急指挥：侯镇化工园区液氯泄漏，影响范围随泄漏量扩大，范围内人口、学校、医院即时统计。",
            "caption_en": "Emergency command: a chlorine leak at the Houzhen chemical park; the impact range grows with the amount leaked, the people, schools and hospitals inside it counted at once.",
        },
        {
            "id": "emergency.response", "cities": ["shouguang"], "focus": {"tile_kind": "emergency_checklist"},
            "layout": "emergency-wall-32x9", "duration_s": 40, "events": [],
            "caption_zh": "按道路用时派出最近的防化队伍，安全路线绕开影响范围；群众疏散，避难场所安置人数上升；预案步骤逐项打勾。",
            "caption_en": "The nearest hazmat team by road time is dispatched on a safe route around the range; people are evacuated and the shelter fills; the plan's steps are ticked off.",
        },
    ),
)
