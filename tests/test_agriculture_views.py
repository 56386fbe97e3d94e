"""The plugins seen from the console: found through their entry points, their services built
by the runtime, the trace viewer showing a broken chain, their layouts rendered offscreen."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from console.layouts.layout import TileSpec, parse_layout
from plugins.agriculture import DEMO_TAMPERED_BATCH
from plugins.agriculture.trace_store import TraceService
from tests.agri_health_helpers import T_MORNING, agri_sim, health_sim, register_plugins


@pytest.fixture
def registered(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(register_plugins(tmp_path / "dist")))
    from widgets import map_tile

    map_tile._plugin_kinds.cache_clear()
    yield
    map_tile._plugin_kinds.cache_clear()


def _ctx(hub, services=None):
    from console.alarms.engine import AlarmEngine
    from console.gui.app import _prepare_environment
    from console.gui.history_loader import HistoryLoader
    from console.gui.hub_signals import HubSignals
    from widgets.tile import TileContext

    _prepare_environment()
    return TileContext(hub, HubSignals(hub), HistoryLoader(hub.store), AlarmEngine(hub, []), services=services or {})


def _close(ctx, tiles):
    for t in tiles:
        t.teardown()
        t.close()
    ctx.history.shutdown()


def test_both_plugins_are_found_and_the_runtime_builds_the_trace_service(registered, tmp_path):
    from console.plugins.registry import PluginRegistry
    from console.app.runtime import Runtime, RuntimeOptions

    reg = PluginRegistry.discover()
    assert {"agriculture", "health"} <= set(reg.plugins), reg.failed
    assert reg.tile_kinds()["trace_viewer"] == "plugins.agriculture.views.trace_viewer_tile:TraceViewerTile"
    for name in ("agriculture", "health"):
        steps = reg.plugins[name].tour_steps
        assert steps and all({"layout", "caption_zh", "caption_en", "duration_s"} <= set(s) for s in steps)
    assert any(e.get("batch") == DEMO_TAMPERED_BATCH for s in reg.plugins["agriculture"].tour_steps for e in s.get("events", []))
    rt = Runtime(RuntimeOptions(cache_dir=tmp_path / "cache", offline=True))
    try:
        assert isinstance(rt.services["agriculture.trace"], TraceService)
        assert {"agriculture-overview", "agriculture-map", "health-overview", "health-map"} <= set(rt.layouts)
        tour_layouts = {s["layout"] for m in ("agriculture", "health") for s in reg.plugins[m].tour_steps}
        assert tour_layouts <= set(rt.layouts)
        assert not [n for n in rt.notices if "agriculture" in n or "health" in n]
    finally:
        rt.stop()


@pytest.fixture
def demo_trace(store):
    svc = TraceService(store)
    sim = agri_sim()
    svc.put(sim.book.records_between(T_MORNING - 6 * 3600, T_MORNING))
    chain, altered = sim.book.demo_tampered(T_MORNING)
    svc.put(chain)
    svc.overwrite(altered)
    svc.flush()
    yield svc
    svc.close()


def test_the_trace_viewer_shows_where_the_chain_breaks(qtbot, hub, demo_trace):
    from widgets import theme
    from plugins.agriculture.views.trace_viewer_tile import TraceViewerTile

    ctx = _ctx(hub, {"agriculture.trace": demo_trace})
    tile = TraceViewerTile(ctx, TileSpec("trace_viewer", 0, 0, options={"batch": DEMO_TAMPERED_BATCH}))
    qtbot.addWidget(tile)
    tile.resize(900, 420)
    tile.show()
    qtbot.waitUntil(lambda: tile.lookup is not None, timeout=5000)
    text = tile.verdict_label.text()
    assert "CHAIN BROKEN" in text and "record 4" in text and "result" in text
    assert theme.ALARM in tile.verdict_label.styleSheet()
    marks = [tile.timeline.topLevelItem(i).text(0) for i in range(tile.timeline.topLevelItemCount())]
    assert marks == ["✓", "✓", "✓", "✕", "?"]
    assert "✕ result: pass" in tile.timeline.topLevelItem(3).text(3)
    # a scan (a tour step, a handheld scanner) of a sound batch: the chain holds
    good = demo_trace.latest_batch()
    demo_trace.scan(good)
    ctx.signals.sig_second_ticked.emit(0.0)
    qtbot.waitUntil(lambda: tile.lookup is not None and tile.lookup.batch == good, timeout=5000)
    assert tile.verdict_label.text().startswith("✓") and "CHAIN BROKEN" not in tile.verdict_label.text()
    assert tile.code_edit.text() == good
    assert not tile.grab().toImage().isNull()
    assert tile.options() == {"batch": DEMO_TAMPERED_BATCH}
    _close(ctx, [tile])
    assert ctx.signals.subscriber_count() == 0


def test_the_trace_viewer_without_its_service_says_so(qtbot, hub):
    from plugins.agriculture.views.trace_viewer_tile import TraceViewerTile

    ctx = _ctx(hub)
    tile = TraceViewerTile(ctx, TileSpec("trace_viewer", 0, 0, options={}))
    qtbot.addWidget(tile)
    tile.show()
    assert "no trace service" in tile.message_label.text() and not tile.code_edit.isEnabled()
    _close(ctx, [tile])


def _layout(package: str, rel: str):
    return parse_layout(json.loads((resources.files(package) / rel).read_text(encoding="utf-8")), rel)


@pytest.mark.parametrize("package, rel, minutes", [
    ("plugins.agriculture", "layouts/overview.json", 60),
    ("plugins.health", "layouts/overview.json", 180),
])
def test_overview_layouts_render_offscreen_with_live_values(qtbot, hub, demo_trace, registered, package, rel, minutes):
    from console.gui.wall_grid import WallGrid
    from console.plugins.registry import PluginRegistry
    from widgets.placeholder_tile import PlaceholderTile
    from widgets.tile_kinds import CORE_TILE_KINDS

    sim = agri_sim() if package == "plugins.agriculture" else health_sim()
    hub.add_entities(sim.entities())
    hub.register_source("sim", [s.id for e in sim.entities() for s in e.streams]).live = True
    now = hub.clock.now()
    # the simulator's last hours, shifted to now
    readings = sim.readings_between(T_MORNING - minutes * 60, T_MORNING)
    hub.submit([r._replace(ts=r.ts - T_MORNING + now) for r in readings])
    hub.store.flush()
    ctx = _ctx(hub, {"agriculture.trace": demo_trace})
    kinds = CORE_TILE_KINDS | PluginRegistry.discover().tile_kinds()
    wall = WallGrid(ctx, _layout(package, rel), kinds)
    qtbot.addWidget(wall)
    wall.resize(1600, 900)
    wall.show()
    ctx.signals.drain()
    ctx.signals.sig_second_ticked.emit(now)
    assert not [t for t in wall.tiles if isinstance(t, PlaceholderTile)]
    kpis = [t for t in wall.tiles if t.kind == "kpi"]
    qtbot.waitUntil(lambda: all(t.value_label.text() not in ("—", "") for t in kpis), timeout=5000)
    assert not wall.grab().toImage().isNull()
    for chart in (t for t in wall.tiles if t.kind == "chart"):
        # the city's totals are one entity's streams: the legend names each stream
        qtbot.waitUntil(lambda: chart.legend.text() != "", timeout=5000)
        if package == "plugins.health":
            assert "今日在线问诊" in chart.legend.text() and "今日预约" in chart.legend.text()
    wall.teardown()
    ctx.history.shutdown()


@pytest.mark.parametrize("package", ["plugins.agriculture", "plugins.health"])
def test_map_layouts_load_and_name_only_known_layers(package):
    from plugins.agriculture.manifest import PLUGIN as AGRI
    from plugins.health.manifest import PLUGIN as HEALTH

    manifest = AGRI if package == "plugins.agriculture" else HEALTH
    layout = _layout(package, "layouts/map.json")
    (map_spec,) = [t for t in layout.tiles if t.kind == "map"]
    assert set(map_spec.options["layers"]) <= {k.id for k in manifest.entity_kinds}
