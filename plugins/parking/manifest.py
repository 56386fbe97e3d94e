"""The parking plugin's declaration: 50 car parks, their alarms, the guidance wall and its tour."""

from console.plugins.api import EntityKind, PluginManifest

PLUGIN = PluginManifest(
    name="parking",
    title="智慧停车 Smart parking",
    version="0.1",
    simulator="plugins.parking.simulator:ParkingSimulator",
    entity_kinds=(EntityKind("carpark", "停车场 Car park", shape="square"),),
    rules=(
        {
            "id": "parking.full", "type": "threshold", "streams": "parking/carpark/*/free", "direction": "below",
            "limit": 0.5, "severity": 2, "delay_s": 1800, "deadband": 2.0,
            "message": "{name} 车位已满超过30分钟 full for more than 30 minutes",
        },
        {
            "id": "parking.sensor_offline", "type": "stale", "streams": "parking/carpark/*/free",
            "after_intervals": 5, "severity": 2,
            "message": "{name} 车位检测离线 space sensor offline for {age}",
        },
    ),
    tile_kinds={"parking_guidance": "plugins.parking.views.parking_guidance_tile:ParkingGuidanceTile"},
    layers={"parking.occupancy": "plugins.parking.layers:carpark_occupancy"},
    layouts=("plugins.parking:layouts/overview.json", "plugins.parking:layouts/map.json"),
    tour_steps=(
        {
            "layout": "parking-overview", "duration_s": 40, "events": [],
            "caption_zh": "全市50个停车场、8000个车位实时空位，一键诱导到最近的有空位车场。",
            "caption_en": "Free spaces in all 50 car parks and 8,000 spaces, live; guidance to the nearest car park with room.",
        },
        {
            # the market's crowd arrives when the step starts, at any hour; a quarter of an hour on, it is there
            "layout": "parking-overview", "duration_s": 40, "advance_s": 900, "events": [{"type": "market_day"}],
            "caption_zh": "逢集日：农贸市场周边路侧车位早高峰爆满，诱导屏把车流引向附近车场。",
            "caption_en": "Market day: street parking around the vegetable market fills in the morning; guidance sends drivers to nearby car parks.",
        },
    ),
)
