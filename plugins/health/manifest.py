"""The health plugin's declaration: the internet hospital and the health platform.

Five city hospitals and the township clinics; appointments, online consultations,
e-prescriptions, queues, beds and e-health-card use; alarms for a long queue and
beds above 95 %.
"""

from console.plugins.api import EntityKind, PluginManifest

PLUGIN = PluginManifest(
    name="health",
    title="互联网医院 Internet hospital and health platform",
    version="0.1",
    simulator="plugins.health.simulator:HealthSimulator",
    entity_kinds=(
        EntityKind("hospital", "医院 Hospital", shape="square"),
        EntityKind("clinic", "乡镇卫生院 Township clinic", shape="circle"),
        # the city summary has no position: no map layer for it
    ),
    rules=(
        {
            "id": "health.queue_long", "title": "候诊排队过长 Outpatient queue long", "type": "threshold", "streams": "health/*/*/queue",
            "limit": "attr:queue_limit", "severity": 2, "deadband": 5, "delay_s": 600,
            "message": "{name} 候诊排队过长 outpatient queue long: {value:.0f} > {limit:.0f}",
        },
        {
            "id": "health.beds_full", "title": "床位紧张 Beds nearly full", "type": "threshold", "streams": "health/*/*/bed_occupancy",
            "limit": "attr:beds_alarm_pct", "severity": 3, "deadband": 1.0, "delay_s": 900,
            "message": "{name} 床位紧张 beds above {limit:.0f} %: {value:.1f} %",
        },
        {
            "id": "health.stale", "title": "医院数据中断 Hospital data missing", "type": "stale", "streams": "health/hospital/*/queue", "after_intervals": 6,
            "severity": 1, "message": "{name} 数据中断 no data for {age}",
        },
    ),
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
