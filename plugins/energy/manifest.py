"""The energy plugin's declaration: the rural grid's terminals, its alarms, its wall and its tour."""

from console.languages import QT_TRANSLATE_NOOP, Text
from console.plugins.api import AlarmTakeover, EntityKind, PluginManifest

PLUGIN = PluginManifest(
    name="energy",
    title=QT_TRANSLATE_NOOP("Plugin", "智慧能源"),
    version="0.1",
    simulator="plugins.energy.simulator:EnergySimulator",
    cameras="plugins.energy.cameras:GridCameras",
    entity_kinds=(
        EntityKind("transformer", QT_TRANSLATE_NOOP("EntityKind", "配变终端"), shape="square"),
        EntityKind("fault_indicator", QT_TRANSLATE_NOOP("EntityKind", "故障指示器"), shape="diamond"),
        EntityKind("greenhouse_park", QT_TRANSLATE_NOOP("EntityKind", "大棚园区"), shape="triangle"),
        EntityKind("cold_store", QT_TRANSLATE_NOOP("EntityKind", "冷库"), shape="circle"),
    ),
    rules=(
        {
            "id": "energy.overload", "title": QT_TRANSLATE_NOOP("Rule", "配变过载"), "type": "threshold", "streams": "energy/transformer/*/load_kw",
            "limit": "attr:rated_kw", "severity": 3, "delay_s": 900, "deadband": 2.0,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 过载：{value:.0f} kW > 额定 {limit:.0f} kW"),
            "guidance": (
                QT_TRANSLATE_NOOP("Rule", "核实负荷：对照该台区今日、昨日曲线与终端数据"),
                QT_TRANSLATE_NOOP("Rule", "通知供电所运维班到现场测温、查看油位与接头"),
                QT_TRANSLATE_NOOP("Rule", "转移负荷：调整联络开关，将部分用户切至相邻台区"),
                QT_TRANSLATE_NOOP("Rule", "负荷持续超限时申请增容或临时加装移动变压器"),
            ),
        },
        {
            "id": "energy.fault_tripped", "title": QT_TRANSLATE_NOOP("Rule", "故障跳闸"), "type": "threshold", "streams": "energy/fault_indicator/*/tripped",
            "limit": 0.5, "severity": 4, "delay_s": 0,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 故障跳闸：线路停电"),
            "guidance": (
                QT_TRANSLATE_NOOP("Rule", "确认停电范围：查看故障指示器动作区段与停电台区"),
                QT_TRANSLATE_NOOP("Rule", "派抢修队沿线巡查故障点，优先恢复重要用户"),
                QT_TRANSLATE_NOOP("Rule", "通过95598和村级网格员发布停电信息"),
                QT_TRANSLATE_NOOP("Rule", "恢复送电后核对户均停电时间"),
            ),
        },
        {
            "id": "energy.terminal_offline", "title": QT_TRANSLATE_NOOP("Rule", "配变终端离线"), "type": "stale", "streams": "energy/transformer/*/load_kw",
            "after_intervals": 3, "severity": 2,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 终端离线 {age}"),
            "guidance": (
                QT_TRANSLATE_NOOP("Rule", "检查终端通信（载波/4G）与供电"),
                QT_TRANSLATE_NOOP("Rule", "通知计量运维班到现场"),
            ),
        },
    ),
    takeovers={
        "transformer": AlarmTakeover(
            Text("Takeover", "负荷曲线"), stream="load_kw", thresholds=("rated_kw",), window_h=24,
            map_layers=("transformer", "fault_indicator"), zoom=15, cameras_title=Text("Takeover", "配网现场摄像机"),
            camera_select={"kind": "camera", "attrs": {"domain": "energy"}}, cameras=4,
        ),
        "fault_indicator": AlarmTakeover(
            Text("Takeover", "故障指示器动作"), stream="tripped", window_h=24,
            map_layers=("fault_indicator", "transformer"), zoom=14, cameras_title=Text("Takeover", "配网现场摄像机"),
            camera_select={"kind": "camera", "attrs": {"domain": "energy"}}, cameras=4,
        ),
    },
    tile_kinds={
        "energy_top_load": "plugins.energy.views.top_load_tile:TopLoadTile",
        "energy_outages": "plugins.energy.views.outage_list_tile:OutageListTile",
    },
    layers={
        "energy.transformer_load": "plugins.energy.layers:transformer_load",
        "energy.fault_indicators": "plugins.energy.layers:fault_indicators",
    },
    layouts=(
        "plugins.energy:layouts/overview.json",
        "plugins.energy:layouts/map.json",
        # the 大屏: map at the centre, KPIs and trends on the wings (console.layouts.wall_check)
        "plugins.energy:layouts/wall-32x9.json",
        "plugins.energy:layouts/wall-16x9.json",
    ),
    tour_steps=(
        {
            "layout": "energy-overview", "duration_s": 40, "events": [],
            "caption_zh": "全市2722台智能配变终端实时负荷：今日、昨日与上周同日对比。",
            "caption_en": "Live load of all 2,722 smart transformer terminals: today against yesterday and the same day last week.",
        },
        {
            # the front comes in within minutes and the tour jumps half an hour: two reports of the
            # 15-minute grid show the load it adds, and the overloads it causes raise their alarms
            "layout": "energy-overview", "duration_s": 40, "advance_s": 1800,
            "events": [{"type": "cold_wave", "delta_c": -12, "duration_h": 36, "ramp_h": 0.25}],
            "caption_zh": "寒潮来袭：煤改电采暖和大棚加温，全市负荷随即走高，过载配变自动报警。",
            "caption_en": "A cold wave: electric heating and greenhouse heaters push the county load up at once; overloaded transformers raise alarms.",
        },
        {
            "layout": "energy-overview", "duration_s": 40,
            "events": [{"type": "feeder_fault", "duration_h": 1.5}],
            "caption_zh": "线路故障：故障指示器动作，停电范围与时长即时可见，户均停电时间对照3.98小时目标。",
            "caption_en": "A feeder fault: the indicator trips, the outage and its duration show at once, against the 3.98 h per household target.",
        },
    ),
)
