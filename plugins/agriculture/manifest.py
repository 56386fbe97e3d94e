"""The agriculture plugin's declaration: Shouguang's produce quality-and-safety supervision.

Co-operatives and agri-input shops on the map coloured by their last inspection,
the sampling and certificate KPIs, the traceability viewer over hash-chained batch
records, and the alarms for a failed sample and a shop whose video went offline.
"""

from console.languages import QT_TRANSLATE_NOOP, Text
from console.plugins.api import AlarmTakeover, EntityKind, PluginManifest
from plugins.agriculture import DEMO_TAMPERED_BATCH

PLUGIN = PluginManifest(
    name="agriculture",
    title=QT_TRANSLATE_NOOP("Plugin", "农产品质量安全"),
    version="0.1",
    simulator="plugins.agriculture.simulator:AgricultureSimulator",
    cameras="plugins.agriculture.cameras:SupervisionCameras",
    services={"agriculture.trace": "plugins.agriculture.trace_store:make_trace_service"},
    entity_kinds=(
        EntityKind("coop", QT_TRANSLATE_NOOP("EntityKind", "蔬菜合作社"), shape="circle"),
        EntityKind("input_shop", QT_TRANSLATE_NOOP("EntityKind", "农资店"), shape="square"),
        EntityKind("test_station", QT_TRANSLATE_NOOP("EntityKind", "检测站"), shape="diamond"),
        # grids and the city summary have no position: no map layer for them
    ),
    rules=(
        {
            "id": "agriculture.failed_sample", "title": QT_TRANSLATE_NOOP("Rule", "抽检不合格"), "type": "threshold", "streams": "agriculture/coop/*/inspection",
            "limit": "attr:alarm", "severity": 3, "deadband": 0.5,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 抽检不合格：批次已扣留，待复检"),
            "guidance": (
                QT_TRANSLATE_NOOP("Rule", "封存该批次产品，暂停合格证开具"),
                QT_TRANSLATE_NOOP("Rule", "通知属地监管站2小时内复检留样"),
                QT_TRANSLATE_NOOP("Rule", "追溯该批次农资购买记录与去向"),
                QT_TRANSLATE_NOOP("Rule", "复检仍不合格的，依法销毁并立案调查"),
            ),
        },
        {
            "id": "agriculture.shop_failed", "title": QT_TRANSLATE_NOOP("Rule", "巡检不合格"), "type": "threshold", "streams": "agriculture/shop/*/inspection",
            "limit": "attr:alarm", "severity": 3, "deadband": 0.5,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 巡检不合格：在售违禁产品"),
            "guidance": (
                QT_TRANSLATE_NOOP("Rule", "责令下架禁限用农资并登记数量"),
                QT_TRANSLATE_NOOP("Rule", "调取门店销售台账，追查购买农户"),
                QT_TRANSLATE_NOOP("Rule", "移交农业综合执法大队立案"),
            ),
        },
        {
            "id": "agriculture.shop_video_offline", "title": QT_TRANSLATE_NOOP("Rule", "门店视频离线"), "type": "threshold", "streams": "agriculture/shop/*/video",
            "limit": 0.5, "direction": "below", "severity": 1, "deadband": 0.25, "delay_s": 600,
            "message": QT_TRANSLATE_NOOP("Rule", "{name} 门店视频离线"),
        },
        {
            "id": "agriculture.pass_rate_low", "title": QT_TRANSLATE_NOOP("Rule", "抽检合格率偏低"), "type": "threshold", "streams": "agriculture/city/*/pass_rate",
            "limit": "attr:pass_rate_warning", "direction": "below", "severity": 2, "deadband": 0.2,
            "message": QT_TRANSLATE_NOOP("Rule", "抽检合格率偏低：{value:.1f} % < {limit:.1f} %"),
        },
    ),
    takeovers={
        "coop": AlarmTakeover(
            Text("Takeover", "抽检结果"), stream="inspection", thresholds=("warning", "alarm"), window_h=72,
            map_layers=("coop", "input_shop", "test_station"), zoom=15, cameras_title=Text("Takeover", "基地摄像机"),
            camera_select={"kind": "camera", "attrs": {"domain": "agriculture"}}, cameras=4,
        ),
        "input_shop": AlarmTakeover(
            Text("Takeover", "巡检结果"), stream="inspection", thresholds=("warning", "alarm"), window_h=72,
            map_layers=("input_shop", "coop"), zoom=16, cameras_title=Text("Takeover", "门店视频"),
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
