"""The parking plugin is found by its entry point, its layout loads, and the wall renders live data."""

from pathlib import Path

from console.plugins.registry import PluginRegistry
from tests.energy_parking_helpers import make_discoverable
from tests.gui_helpers import running_console, tiles_of

LAYOUT = Path(__file__).resolve().parents[1] / "plugins" / "parking" / "layouts" / "overview.json"


def test_found_through_its_entry_point_with_everything_it_declares(tmp_path, monkeypatch):
    make_discoverable(tmp_path / "site", monkeypatch, "parking")
    m = PluginRegistry.discover(only={"parking"}).plugins["parking"]
    assert {r["id"] for r in m.rules} == {"parking.full", "parking.sensor_offline"}
    assert m.tile_kinds == {"parking_guidance": "plugins.parking.views.parking_guidance_tile:ParkingGuidanceTile"}
    assert m.layers == {"parking.occupancy": "plugins.parking.layers:carpark_occupancy"}
    assert [s["layout"] for s in m.tour_steps] == ["parking-overview"] * 2


def test_the_overview_renders_guidance_live(qtbot, tmp_path, monkeypatch):
    make_discoverable(tmp_path / "site", monkeypatch, "parking")
    with running_console(qtbot, tmp_path, demo=True, speed=60, plugins=frozenset({"parking"}), layout_file=LAYOUT) as (rt, window, ctx):
        assert rt.notices == [] and window.wall.layout_model.name == "parking-overview"
        assert not tiles_of(window, "placeholder")
        guide = tiles_of(window, "parking_guidance")[0]
        qtbot.waitUntil(lambda: len(guide.suggestions) == 6, timeout=20000)
        assert all(s.free >= 1 for s in guide.suggestions)
        assert [s.distance_m for s in guide.suggestions] == sorted(s.distance_m for s in guide.suggestions)
        chart = tiles_of(window, "chart")[0]
        assert len(chart.series) == 5  # city-wide and the four types
        from plugins.parking.layers import carpark_occupancy

        layer = carpark_occupancy(rt.hub)
        assert len(layer) == 50 and all(0 <= v["value"] <= 100 for v in layer.values() if v["value"] is not None)
        png = tmp_path / "parking.png"
        assert window.grab().save(str(png)) and png.stat().st_size > 20000
