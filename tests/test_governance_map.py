"""The governance map in the web engine: every grid's polygon drawn in its grid's state, the cases'
markers in their stages' layers, an overdue case in the alarm state and a waiting one in warning."""

from __future__ import annotations

import pytest

from console.gui.app import _prepare_environment

_prepare_environment()

import widgets._map_scheme  # noqa: E402,F401  (registers cmap:// before the QApplication exists)
from console.city import load_city  # noqa: E402
from console.gui.history_loader import HistoryLoader  # noqa: E402
from console.gui.hub_signals import HubSignals  # noqa: E402
from console.hub.hub import Hub  # noqa: E402
from console.store.store import Store  # noqa: E402
from plugins.governance.manifest import MAP_LAYERS  # noqa: E402
from plugins.governance.simulator import GovernanceSimulator  # noqa: E402
from tests.energy_parking_helpers import SetClock  # noqa: E402
from tests.test_map_tile import close, js, make_tile  # noqa: E402
from widgets.tile import TileContext  # noqa: E402

WED = 1_784_044_800.0
NOW = WED + 86400 + 11 * 3600  # 11:00 on a Thursday


def _clear_map_caches():
    from widgets import map_tile

    for fn in (map_tile._plugin_kinds, map_tile._plugin_limits, map_tile._layer_builders, map_tile._plugin_lines):
        fn.cache_clear()


@pytest.fixture
def ctx(tmp_path, qtbot, monkeypatch):
    from tests.governance_helpers import discoverable

    discoverable(tmp_path / "meta", monkeypatch)
    _clear_map_caches()
    store = Store(tmp_path / "cache.sqlite3")
    hub = Hub(store, SetClock(NOW))
    sim = GovernanceSimulator(load_city("shouguang"), seed=1)
    hub.add_entities(sim.entities())
    hub.register_source("governance", [s.id for e in sim.entities() for s in e.streams]).live = True
    hub.submit(sim.readings_between(NOW - 600, NOW), source="governance")
    hub.add_entities(sim.moved_entities(NOW), persist=False)
    assert store.flush()
    signals = HubSignals(hub, interval_ms=50)
    history = HistoryLoader(store)
    signals.start()
    yield TileContext(hub, signals, history, city="shouguang"), sim
    signals.stop()
    history.shutdown()
    store.close()
    _clear_map_caches()


def test_the_grids_are_drawn_and_the_cases_shown_by_stage(qtbot, ctx):
    ctx, sim = ctx
    tile = make_tile(qtbot, ctx, layers=list(MAP_LAYERS), zoom=14)
    for g in sim.grids:
        st = js(qtbot, tile, f"cc.shapeState({g.id!r})")
        assert st is not None and st["kind"] == "area" and st["points"] == 4 and st["shown"], (g.id, st)
    cases = {c.id: c for c in sim.cases_at(NOW)}
    shown = [e for e in sim.moved_entities(NOW) if e.has_position]
    overdue = next(e for e in shown if cases[e.id].stage(NOW) == "overdue")
    closed = next(e for e in shown if cases[e.id].stage(NOW) == "closed")
    qtbot.waitUntil(lambda: (js(qtbot, tile, f"cc.markerState({overdue.id!r})") or {}).get("state") == "alarm", timeout=5000)
    assert "超期" in js(qtbot, tile, f"cc.markerState({overdue.id!r})")["label"]
    assert js(qtbot, tile, f"cc.markerState({closed.id!r})")["state"] == "ok"
    gone = next(e for e in sim.moved_entities(NOW) if not e.has_position)
    assert js(qtbot, tile, f"cc.markerState({gone.id!r})") is None, "a case closed hours ago has left the map"
    close(tile)
