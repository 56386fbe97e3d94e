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


class TestIncidentListTile(TileContractTests):
    kind = "incident_list"
    options = {"max_rows": 20}


class TestIncidentTimelineTile(TileContractTests):
    kind = "incident_timeline"
    options = {"follow_selection": True}


# -- every registered kind, core or plugin, gets the contract with its example options ----------
import pytest  # noqa: E402

from console.plugins.api import load_object  # noqa: E402
from widgets.testing import registered_tile_kinds  # noqa: E402

_KINDS = sorted(registered_tile_kinds())


@pytest.mark.parametrize("kind", _KINDS)
class TestEveryRegisteredKind(TileContractTests):
    """A new kind is covered the moment it is registered: built with its ``example_options`` over
    the contract's gauges, it renders, round-trips its options and lets go of every signal.
    (Stale marking needs the kind's own entities: each kind's own contract class checks it.)"""

    test_renders_stale_marked_stale = None

    @pytest.fixture(autouse=True)
    def _kind(self, kind):
        self.kind = kind
        self.options = dict(getattr(load_object(registered_tile_kinds()[kind]), "example_options", {}))


def test_the_registry_has_the_core_and_plugin_kinds():
    assert {"chart", "kpi", "alarms", "alarm_load", "map", "cameras", "text", "incident_list", "incident_timeline"} <= set(_KINDS)
    assert {"trace_viewer", "energy_top_load", "parking_guidance"} <= set(_KINDS)
