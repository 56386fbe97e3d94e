"""The health plugin's declaration: the internet hospital and the health platform.

Five city hospitals and the township clinics; appointments, online consultations,
e-prescriptions, queues, beds and e-health-card use; alarms for a long queue and
beds above 95 %.
"""

from console.languages import QT_TRANSLATE_NOOP, Text
from console.plugins.api import AlarmTakeover, EntityKind, PluginManifest

PLUGIN = PluginManifest(
    name="health",
    title=QT_TRANSLATE_NOOP("Plugin", "互联网医院"),
    version="0.1",
    simulator="plugins.health.simulator:HealthSimulator",
    cameras="plugins.health.cameras:HealthCameras",
    entity_kinds=(
        EntityKind("hospital", QT_TRANSLATE_NOOP("EntityKind", "医院"), shape="square"),
        EntityKind("clinic", QT_TRANSLATE_NOOP("EntityKind", "乡镇卫生院"), shape="circle"),
        # the city summary has no position: no map layer for it
    ),
    rules=(
        {
            "id": "health.queue_long", "title": QT_TRANSLATE_NOOP("Rule", "候诊排队过长"), "type": "threshold", "streams": "health/*/*/queue",
            "limit": "attr:queue_limit", "severity": 2, "deadband": 5, "delay_s": 600,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 候诊排队过长：{value:.0f} > {limit:.0f}"),
            "guidance": (
                QT_TRANSLATE_NOOP("Rule", "增开门诊诊室与挂号收费窗口"),
                QT_TRANSLATE_NOOP("Rule", "引导复诊患者转互联网医院在线问诊"),
                QT_TRANSLATE_NOOP("Rule", "安排导医分流，发布候诊信息"),
            ),
        },
        {
            "id": "health.beds_full", "title": QT_TRANSLATE_NOOP("Rule", "床位紧张"), "type": "threshold", "streams": "health/*/*/bed_occupancy",
            "limit": "attr:beds_alarm_pct", "severity": 3, "deadband": 1.0, "delay_s": 900,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 床位紧张：超过 {limit:.0f} %，现 {value:.1f} %"),
            "guidance": (
                QT_TRANSLATE_NOOP("Rule", "启动院内床位统筹，加快符合条件患者出院"),
                QT_TRANSLATE_NOOP("Rule", "联系医共体内有空床的医院与乡镇卫生院接收转诊"),
                QT_TRANSLATE_NOOP("Rule", "暂缓择期手术入院，保障急诊床位"),
                QT_TRANSLATE_NOOP("Rule", "向卫健局报告床位使用情况"),
            ),
        },
        {
            "id": "health.stale", "title": QT_TRANSLATE_NOOP("Rule", "医院数据中断"), "type": "stale", "streams": "health/hospital/*/queue", "after_intervals": 6,
            "severity": 1, "message": QT_TRANSLATE_NOOP("Rule", "{name} 数据中断 {age}"),
        },
    ),
    takeovers={
        "health.beds_full": AlarmTakeover(
            Text("Takeover", "床位使用率"), stream="bed_occupancy", thresholds=("beds_alarm_pct",), window_h=24,
            map_layers=("hospital", "clinic"), zoom=15, cameras_title=Text("Takeover", "医院摄像机"),
            camera_select={"kind": "camera", "attrs": {"domain": "health"}}, cameras=4,
        ),
        "health.queue_long": AlarmTakeover(
            Text("Takeover", "门诊候诊"), stream="queue", thresholds=("queue_limit",), window_h=12,
            map_layers=("hospital", "clinic"), zoom=15, cameras_title=Text("Takeover", "医院摄像机"),
            camera_select={"kind": "camera", "attrs": {"domain": "health"}}, cameras=4,
        ),
    },
    layouts=(
        "plugins.health:layouts/overview.json",
        "plugins.health:layouts/map.json",
        # the 大屏: map at the centre, KPIs and trends on the wings (console.layouts.wall_check)
        "plugins.health:layouts/wall-32x9.json",
        "plugins.health:layouts/wall-16x9.json",
    ),
    tour_steps=(
        {
            "layout": "health-overview", "duration_s": 35,
            "caption_zh": "互联网医院：五家市级医院的预约、在线问诊、电子处方和床位一屏掌握。",
            "caption_en": "The internet hospital: appointments, online consultations, e-prescriptions and beds of five city hospitals on one screen.",
        },
        {
            "layout": "health-map", "duration_s": 25,
            "caption_zh": "人民医院门诊高峰：排队超过阈值即报警，床位超过95%提示调度。",
            "caption_en": "Morning peak at the people's hospital: a long queue raises an alarm, beds above 95 % call for transfers.",
            "events": [{"type": "patient_surge", "hospital": "H01", "hours": 3}],
        },
    ),
)
