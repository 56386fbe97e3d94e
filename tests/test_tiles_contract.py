"""The contract tests for the core tile kinds."""

from tests.tile_contract import TileContractTests


class TestChartTile(TileContractTests):
    kind = "chart"
    options = {"select": {"kind": "gauge"}, "stream": "level", "max_series": 3, "window_h": 2, "thresholds": ["warning_level"]}


class TestKpiTile(TileContractTests):
    kind = "kpi"
    options = {"metric": "above", "select": {"kind": "gauge"}, "stream": "level", "limit_attr": "warning_level"}


class TestAlarmListTile(TileContractTests):
    kind = "alarms"
    options = {"max_rows": 50}


class TestAlarmLoadTile(TileContractTests):
    kind = "alarm_load"
    options = {"period_h": 12, "refresh_s": 60}
