"""The agriculture plugin's declaration: Shouguang's produce quality-and-safety supervision.

Co-operatives and agri-input shops on the map coloured by their last inspection,
the sampling and certificate KPIs, the traceability viewer over hash-chained batch
records, and the alarms for a failed sample and a shop whose video went offline.
"""

from console.plugins.api import AlarmTakeover, EntityKind, PluginManifest
from plugins.agriculture import DEMO_TAMPERED_BATCH

PLUGIN = PluginManifest(
    name="agriculture",
    title="农产品质量安全 Produce quality and safety",
    version="0.1",
    simulator="plugins.agriculture.simulator:AgricultureSimulator",
    cameras="plugins.agriculture.cameras:SupervisionCameras",
    services={"agriculture.trace": "plugins.agriculture.trace_store:make_trace_service"},
    entity_kinds=(
        EntityKind("coop", "蔬菜合作社 Vegetable co-operative", shape="circle"),
        EntityKind("input_shop", "农资店 Agri-input shop", shape="square"),
        EntityKind("test_station", "检测站 Testing station", shape="diamond"),
        # grids and the city summary have no position: no map layer for them
    ),
    rules=(
        {
            "id": "agriculture.failed_sample", "title": "抽检不合格 Failed sample", "type": "threshold", "streams": "agriculture/coop/*/inspection",
            "limit": "attr:alarm", "severity": 3, "deadband": 0.5,
            "message": "{name} 抽检不合格 failed sample: batch held, re-check due",
            "guidance": (
                "封存该批次产品，暂停合格证开具 · Hold the batch; stop issuing its certificates",
                "通知属地监管站2小时内复检留样 · Have the township station re-test the kept sample within 2 hours",
                "追溯该批次农资购买记录与去向 · Trace the batch's input purchases and where it was sold",
                "复检仍不合格的，依法销毁并立案调查 · If the re-test fails, destroy the batch and open a case",
            ),
        },
        {
            "id": "agriculture.shop_failed", "title": "巡检不合格 Failed inspection", "type": "threshold", "streams": "agriculture/shop/*/inspection",
            "limit": "attr:alarm", "severity": 3, "deadband": 0.5,
            "message": "{name} 巡检不合格 failed inspection: banned product on sale",
            "guidance": (
                "责令下架禁限用农资并登记数量 · Order the banned inputs off the shelf and count them",
                "调取门店销售台账，追查购买农户 · Get the shop's sales ledger and find the farmers who bought them",
                "移交农业综合执法大队立案 · Hand the case to agricultural law enforcement",
            ),
        },
        {
            "id": "agriculture.shop_video_offline", "title": "门店视频离线 Shop video offline", "type": "threshold", "streams": "agriculture/shop/*/video",
            "limit": 0.5, "direction": "below", "severity": 1, "deadband": 0.25, "delay_s": 600,
            "message": "{name} 门店视频离线 shop video offline",
        },
        {
            "id": "agriculture.pass_rate_low", "title": "抽检合格率偏低 Sampling pass rate low", "type": "threshold", "streams": "agriculture/city/*/pass_rate",
            "limit": "attr:pass_rate_warning", "direction": "below", "severity": 2, "deadband": 0.2,
            "message": "抽检合格率偏低 sampling pass rate low: {value:.1f} % < {limit:.1f} %",
        },
    ),
    takeovers={
        "coop": AlarmTakeover(
            "抽检结果 Sampling results", stream="inspection", thresholds=("warning", "alarm"), window_h=72,
            map_layers=("coop", "input_shop", "test_station"), zoom=15, cameras_title="基地摄像机 Farm cameras",
            camera_select={"kind": "camera", "attrs": {"domain": "agriculture"}}, cameras=4,
        ),
        "input_shop": AlarmTakeover(
            "巡检结果 Inspection results", stream="inspection", thresholds=("warning", "alarm"), window_h=72,
            map_layers=("input_shop", "coop"), zoom=16, cameras_title="门店视频 Shop video",
            camera_select={"kind": "camera", "attrs": {"domain": "agriculture"}}, cameras=4,
        ),
    },
    tile_kinds={"trace_viewer": "plugins.agriculture.views.trace_viewer_tile:TraceViewerTile"},
    layouts=(
        "plugins.agriculture:layouts/overview.json",
        "plugins.agriculture:layouts/map.json",
        # the 大屏: map at the centre, KPIs and trends on the wings (console.layouts.wall_check)
        "plugins.agriculture:layouts/wall-32x9.json",
        "plugins.agriculture:layouts/wall-16x9.json",
    ),
    tour_steps=(
        {
            "layout": "agriculture-map", "duration_s": 30,
            "caption_zh": "{city}2128家蔬菜合作社、2119家农资店全部纳入网格化监管，颜色表示最近一次巡检结果。",
            "caption_en": "All 2,128 vegetable co-operatives and 2,119 agri-input shops are under grid supervision; colour shows the last inspection.",
        },
        {
            "layout": "agriculture-overview", "duration_s": 25,
            "caption_zh": "扫码即可查看一批蔬菜从种植、农资、采收、检测、合格证到销售的全过程，每条记录都与前一条哈希链接。",
            "caption_en": "Scan a batch to see planting, inputs, harvest, testing, certificate and sale, each record hash-chained to the one before.",
            "events": [{"type": "scan_batch", "batch": "latest"}],
        },
        {
            "layout": "agriculture-overview", "duration_s": 40,
            "caption_zh": f"批次{DEMO_TAMPERED_BATCH}的检测结果被人改成了“合格”：哈希链当场断裂，并指出被改的记录和字段。",
            "caption_en": f"Someone changed batch {DEMO_TAMPERED_BATCH}'s failed test to 'pass': the chain breaks and names the record and field.",
            "events": [{"type": "scan_batch", "batch": DEMO_TAMPERED_BATCH}],
        },
    ),
)
