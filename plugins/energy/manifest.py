"""The energy plugin's declaration: the rural grid's terminals, its alarms, its wall and its tour."""

from console.plugins.api import EntityKind, PluginManifest

PLUGIN = PluginManifest(
    name="energy",
    title="智慧能源 Rural grid and energy",
    version="0.1",
    simulator="plugins.energy.simulator:EnergySimulator",
    entity_kinds=(
        EntityKind("transformer", "配变终端 Transformer terminal", shape="square"),
        EntityKind("fault_indicator", "故障指示器 Fault indicator", shape="diamond"),
        EntityKind("greenhouse_park", "大棚园区 Greenhouse park", shape="triangle"),
        EntityKind("cold_store", "冷库 Cold store", shape="circle"),
    ),
    rules=(
        {
            "id": "energy.overload", "type": "threshold", "streams": "energy/transformer/*/load_kw",
            "limit": "attr:rated_kw", "severity": 3, "delay_s": 900, "deadband": 2.0,
            "message": "{name} 过载 overloaded: {value:.0f} kW > {limit:.0f} kW rated",
        },
        {
            "id": "energy.fault_tripped", "type": "threshold", "streams": "energy/fault_indicator/*/tripped",
            "limit": 0.5, "severity": 4, "delay_s": 0,
            "message": "{name} 故障跳闸 tripped: feeder out of supply",
        },
        {
            "id": "energy.terminal_offline", "type": "stale", "streams": "energy/transformer/*/load_kw",
            "after_intervals": 3, "severity": 2,
            "message": "{name} 终端离线 terminal offline for {age}",
        },
    ),
    tile_kinds={
        "energy_top_load": "plugins.energy.views.top_load_tile:TopLoadTile",
        "energy_outages": "plugins.energy.views.outage_list_tile:OutageListTile",
    },
    layers={
        "energy.transformer_load": "plugins.energy.layers:transformer_load",
        "energy.fault_indicators": "plugins.energy.layers:fault_indicators",
    },
    layouts=("plugins.energy:layouts/overview.json", "plugins.energy:layouts/map.json"),
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
