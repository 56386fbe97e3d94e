"""The tile kinds the core ships; plugins add theirs through their manifests."""

from __future__ import annotations

CORE_TILE_KINDS: dict[str, str] = {
    "chart": "widgets.chart_tile:ChartTile",
    "kpi": "widgets.kpi_tile:KpiTile",
    "alarms": "widgets.alarm_list_tile:AlarmListTile",
    "cameras": "widgets.camera_grid_tile:CameraGridTile",
    "map": "widgets.map_tile:MapTile",
    "text": "widgets.text_tile:TextTile",
    "alarm_load": "widgets.alarm_load_tile:AlarmLoadTile",
    "incident_list": "widgets.incident_list_tile:IncidentListTile",
    "incident_timeline": "widgets.incident_timeline_tile:IncidentTimelineTile",
}
