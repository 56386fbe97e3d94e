"""Grid-based social governance (网格化社会治理): every grid's polygon and members, citizens'
12345 hotline complaints and the grid members' inspection findings (巡查) on the map by stage
(received, dispatched, in hand, closed, overdue) with their SLA clock; the figures per grid and
per department (received, closed on time %, overdue, satisfaction). A serious case opens an
incident in the core's incident book, and its handling shows on the incident's timeline.
"""

from console.languages import QT_TRANSLATE_NOOP, Text
from console.plugins.api import AlarmTakeover, EntityKind, PluginManifest
from plugins.governance.cases import CLOSED, DISPATCHED, IN_HAND, OVERDUE, RECEIVED, case_kind

CASE_KINDS = tuple(case_kind(s) for s in (OVERDUE, RECEIVED, DISPATCHED, IN_HAND, CLOSED))
MAP_LAYERS = ("gov_grid", *CASE_KINDS)

_OVERDUE_STEPS = (
    QT_TRANSLATE_NOOP("Rule", "打开该网格的超期工单，逐件确认承办部门与超期原因"),
    QT_TRANSLATE_NOOP("Rule", "电话督办承办部门负责人，要求当日办结或说明延期理由"),
    QT_TRANSLATE_NOOP("Rule", "通知网格员到现场核实，向群众说明进度"),
    QT_TRANSLATE_NOOP("Rule", "超期两次以上的部门列入周督办通报"),
)

PLUGIN = PluginManifest(
    name="governance",
    title=QT_TRANSLATE_NOOP("Plugin", "网格化治理"),
    version="0.1",
    simulator="plugins.governance.simulator:GovernanceSimulator",
    entity_kinds=(
        EntityKind("gov_grid", QT_TRANSLATE_NOOP("EntityKind", "网格"), shape="square"),
        EntityKind(case_kind(OVERDUE), QT_TRANSLATE_NOOP("EntityKind", "工单 超期"), shape="diamond"),
        EntityKind(case_kind(RECEIVED), QT_TRANSLATE_NOOP("EntityKind", "工单 受理待派遣"), shape="triangle"),
        EntityKind(case_kind(DISPATCHED), QT_TRANSLATE_NOOP("EntityKind", "工单 已派遣"), shape="diamond"),
        EntityKind(case_kind(IN_HAND), QT_TRANSLATE_NOOP("EntityKind", "工单 处置中"), shape="square"),
        EntityKind(case_kind(CLOSED), QT_TRANSLATE_NOOP("EntityKind", "工单 已办结"), shape="circle"),
    ),
    rules=(
        {
            "id": "governance.grid_overdue", "title": QT_TRANSLATE_NOOP("Rule", "网格工单超期"), "type": "threshold",
            "streams": "governance/grid/*/overdue", "limit": 3, "inclusive": True, "severity": 2, "deadband": 1,
            "message": QT_TRANSLATE_NOOP("Rule", "{name}：{value:.0f} 件工单超期未办结"),
            "guidance": _OVERDUE_STEPS,
        },
        {
            "id": "governance.department_overdue", "title": QT_TRANSLATE_NOOP("Rule", "部门工单超期"), "type": "threshold",
            "streams": "governance/dept/*/overdue", "limit": 3, "inclusive": True, "severity": 2, "deadband": 1,
            "message": QT_TRANSLATE_NOOP("Rule", "{name}：{value:.0f} 件工单超期未办结"),
            "guidance": (
                QT_TRANSLATE_NOOP("Rule", "向该部门发督办单，限时反馈办理进度"),
                QT_TRANSLATE_NOOP("Rule", "确认是否派错部门，需要时退回12345中心重新派遣"),
                QT_TRANSLATE_NOOP("Rule", "超期原因记入部门考核"),
            ),
        },
        {
            "id": "governance.city_overdue", "title": QT_TRANSLATE_NOOP("Rule", "全市超期工单偏多"), "type": "threshold",
            "streams": "governance/city/*/overdue", "limit": 10, "inclusive": True, "severity": 3, "deadband": 2,
            "message": QT_TRANSLATE_NOOP("Rule", "{name}：{value:.0f} 件工单超期未办结"),
            "guidance": (
                QT_TRANSLATE_NOOP("Rule", "按部门查看超期工单，找出积压最多的部门"),
                QT_TRANSLATE_NOOP("Rule", "报告分管领导，召开调度会"),
                *_OVERDUE_STEPS[1:2],
            ),
        },
        {
            "id": "governance.complaint_surge", "title": QT_TRANSLATE_NOOP("Rule", "诉求量激增"), "type": "threshold",
            "streams": "governance/city/*/received_1h", "limit": "attr:surge_1h", "inclusive": True, "severity": 2,
            "deadband": 5,
            "message": QT_TRANSLATE_NOOP("Rule", "{name}：近1小时受理 {value:.0f} 件，远超平时"),
            "guidance": (
                QT_TRANSLATE_NOOP("Rule", "查看新工单的类别与网格分布，找共同原因（降雨积水、停水停电）"),
                QT_TRANSLATE_NOOP("Rule", "通知12345中心增开座席，统一答复口径"),
                QT_TRANSLATE_NOOP("Rule", "共同原因明确时通知牵头部门，按一件事集中处置"),
                QT_TRANSLATE_NOOP("Rule", "严重时（道路积水、燃气）转为事件，启动预案"),
            ),
        },
        {
            "id": "governance.stale", "title": QT_TRANSLATE_NOOP("Rule", "工单数据中断"), "type": "stale",
            "streams": "governance/city/*/received", "after_intervals": 6, "severity": 1,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 12345工单数据中断 {age}"),
            "guidance": (QT_TRANSLATE_NOOP("Rule", "检查与12345政务服务热线平台的接口"),),
        },
    ),
    takeovers={
        "gov_grid": AlarmTakeover(Text("Takeover", "超期工单"), stream="overdue", window_h=24, map_layers=MAP_LAYERS, zoom=15,
                                  cameras_title=Text("Takeover", "网格内摄像机")),
        "governance.complaint_surge": AlarmTakeover(Text("Takeover", "近1小时受理"), stream="received_1h", window_h=24,
                                                    map_layers=MAP_LAYERS, zoom=14),
    },
    tile_kinds={
        "gov_figures": "plugins.governance.views.figures_tile:FiguresTile",
        "gov_cases": "plugins.governance.views.case_list_tile:CaseListTile",
    },
    layers={"governance.cases": "plugins.governance.layers:case_state", "governance.grids": "plugins.governance.layers:grid_state"},
    layouts=(
        "plugins.governance:layouts/overview.json",
        "plugins.governance:layouts/wall-32x9.json",
        "plugins.governance:layouts/wall-16x9.json",
    ),
    incident_plans=(
        "plugins.governance:plans/waterlogging.json",
        "plugins.governance:plans/manhole.json",
        "plugins.governance:plans/gas_leak.json",
    ),
    tour_steps=(
        {
            "layout": "governance-overview", "duration_s": 35,
            "events": [{"type": "rainstorm", "duration_h": 2}, {"type": "case_report", "category": "waterlogging"}],
            "caption_zh": "网格化治理：12345诉求和网格巡查按办理阶段上图，逐件计时；暴雨中积水诉求激增，严重的一件转为事件，处置过程记入时间线。",
            "caption_en": "Grid governance: hotline complaints and inspection findings on the map by stage, each on its clock; in a rainstorm the waterlogging calls surge, and a serious one becomes an incident with its handling on the timeline.",
        },
    ),
)
