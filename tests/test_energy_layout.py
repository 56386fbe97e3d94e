"""The energy plugin is found by its entry point, its layout loads, and the wall renders live data."""

from pathlib import Path

from console.plugins.registry import PluginRegistry
from tests.energy_parking_helpers import make_discoverable
from tests.gui_helpers import running_console, tiles_of

LAYOUT = Path(__file__).resolve().parents[1] / "plugins" / "energy" / "layouts" / "overview.json"


def test_found_through_its_entry_point_with_everything_it_declares(tmp_path, monkeypatch):
    make_discoverable(tmp_path / "site", monkeypatch, "energy")
    m = PluginRegistry.discover(only={"energy"}).plugins["energy"]
    assert {r["id"] for r in m.rules} == {"energy.overload", "energy.fault_tripped", "energy.terminal_offline"}
    assert set(m.tile_kinds) == {"energy_top_load", "energy_outages"}
    assert all(step["layout"] == "energy-overview" and step["caption_zh"] and step["caption_en"] for step in m.tour_steps)


def test_layers_are_plain_data_by_load_percent(hub):
    from console.model import Reading
    from plugins.energy.layers import transformer_load
    from tests.test_energy_tiles import transformers

    ents = transformers(3)
    hub.add_entities(ents)
    hub.register_source("t", [e.streams[0].id for e in ents]).live = True
    now = hub.clock.now()
    hub.submit([Reading(ents[0].streams[0].id, now, 396.0), Reading(ents[1].streams[0].id, now, 300.0),
                Reading(ents[2].streams[0].id, now - 86400, 10.0)])
    hub.store.flush()
    layer = transformer_load(hub)
    assert layer["T0001"]["state"] == "alarm" and layer["T0001"]["value"] == 110.0  # overload, in the map's words
    # heavy; a silent terminal keeps what its last load says (the map adds that it is stale)
    assert layer["T0002"]["state"] == "warning" and layer["T0003"]["state"] == "ok"


def test_the_overview_renders_the_grid_live(qtbot, tmp_path, monkeypatch):
    make_discoverable(tmp_path / "site", monkeypatch, "energy")
    with running_console(qtbot, tmp_path, demo=True, speed=60, plugins=frozenset({"energy"}), layout_file=LAYOUT) as (rt, window, ctx):
        assert rt.notices == [] and "energy-overview" in rt.layouts
        assert window.wall.layout_model.name == "energy-overview"
        assert not tiles_of(window, "placeholder")
        top = tiles_of(window, "energy_top_load")[0]
        qtbot.waitUntil(lambda: len(top.ranks) == 10, timeout=20000)
        assert top.ranks[0].load_pct >= top.ranks[-1].load_pct
        outages = tiles_of(window, "energy_outages")[0]
        qtbot.waitUntil(lambda: any(o.end is None for o in outages.outages), timeout=20000)  # the demo's feeder fault
        load = tiles_of(window, "chart")[0]
        assert [s.split("/")[2] for s in load.series] == ["D", "D-1", "D-7"]
        qtbot.waitUntil(lambda: len(load.buffers["energy/load/D/load_mw"]) > 80, timeout=20000)  # a day of it
        kpis = {t.spec.title.split()[0]: t for t in tiles_of(window, "kpi")}
        qtbot.waitUntil(lambda: kpis["全市负荷"].value_label.text().endswith("MW"), timeout=10000)
        assert "3.98" in kpis["户均停电时间（本年）"].detail_label.text()
        png = tmp_path / "energy.png"
        assert window.grab().save(str(png)) and png.stat().st_size > 20000
