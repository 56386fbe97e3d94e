"""TileContractTests: every tile kind gets these for free (Orange's widget test base).

Subclass with ``kind`` and ``options`` (and ``needs_data`` streams, if any):
renders with no data, renders stale data marked stale, round-trips its options,
and lets go of everything when torn down.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QCoreApplication

from console.freshness import Freshness
from console.layouts.layout import TileSpec
from console.model import Entity, Reading, StreamSpec
from console.plugins.api import load_object
from widgets import theme

#: kinds that show the state of alarms or incidents, not a stream's freshness
STATE_VIEWS = ("alarms", "alarm_load", "incident_list", "incident_timeline")

def gauge_entities(n: int = 4) -> list[Entity]:
    return [
        Entity(f"G{i}", "gauge", f"{i}号站", 36.8 + i * 0.01, 118.8, {"warning_level": 2.0, "guarantee_level": 2.5, "river_no": 1},
               (StreamSpec(f"flood/gauge/G{i}/level", "level", "m", 60.0),))
        for i in range(n)
    ]


def registered_tile_kinds() -> dict[str, str]:
    """Every tile kind the console can build: the core's and every loaded plugin's."""
    from console.plugins.registry import PluginRegistry
    from widgets.tile_kinds import CORE_TILE_KINDS

    return {**CORE_TILE_KINDS, **PluginRegistry.discover().tile_kinds()}


class TileContractTests:
    kind: str = ""
    options: dict = {}
    title: str = "contract"

    def make(self, qtbot, tmp_path, with_data: bool, live: bool = True):
        from console.alarms.engine import AlarmEngine
        from console.gui.app import _prepare_environment
        from console.gui.history_loader import HistoryLoader
        from console.gui.hub_signals import HubSignals
        from console.hub.hub import Hub
        from console.store.store import Store
        from widgets.tile import TileContext

        _prepare_environment()
        store = Store(tmp_path / "contract.cache", retention_days=None)
        hub = Hub(store)
        ents = gauge_entities()
        hub.add_entities(ents)
        if live:
            hub.register_source("test", [s.id for e in ents for s in e.streams]).live = True
        if with_data:
            now = time.time()
            hub.submit([Reading(e.streams[0].id, now - 60 * k, 1.5 + 0.01 * k) for e in ents for k in range(30)])
            store.flush()
        signals = HubSignals(hub)
        from console.incidents.book import IncidentBook

        incidents = IncidentBook(store, hub)
        if with_data:  # an incident on the first gauge, one team dispatched, for the incident tiles
            first = incidents.open("flood", "积水", "contract", severity=2, place=ents[0].name, entity_id=ents[0].id)
            incidents.act(first.id, "assign", "contract", team="team-1")
        ctx = TileContext(hub, signals, HistoryLoader(store), AlarmEngine(hub, []), incidents=incidents)
        cls = load_object(registered_tile_kinds()[self.kind])
        tile = cls(ctx, TileSpec(self.kind, 0, 0, title=self.title, options=dict(self.options)))
        qtbot.addWidget(tile)
        tile.resize(640, 360)
        tile.show()
        signals.drain()
        signals.sig_second_ticked.emit(hub.clock.now())
        self._cleanup = (signals, ctx.history, store)
        return tile, hub, signals

    def close(self, tile):
        signals, history, store = self._cleanup
        tile.teardown()
        tile.close()
        history.shutdown()
        store.close()

    def test_renders_empty(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=False)
        img = tile.grab().toImage()
        assert img.width() == 640 and not img.isNull()
        assert tile.status_label.property("freshness") in (None, Freshness.OFFLINE.value) or self.kind in STATE_VIEWS
        self.close(tile)

    def test_renders_stale_marked_stale(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True, live=False)
        if self.kind in STATE_VIEWS:
            return self.close(tile)  # alarm and incident views carry their own state, not a stream's freshness
        qtbot.waitUntil(lambda: tile.status_label.property("freshness") == Freshness.STALE.value, timeout=3000)
        stale = theme.FRESHNESS_STYLE[Freshness.STALE][2]
        assert QCoreApplication.translate("Freshness", stale) in tile.status_label.text()  # in the language shown
        self.close(tile)

    def test_round_trips_its_options(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        assert tile.options() == self.options
        opts = tile.options()
        opts["mutated"] = True  # a copy: changing it does not change the tile
        assert "mutated" not in tile.options()
        self.close(tile)

    def test_closes_without_leaks(self, qtbot, tmp_path):
        from PySide6.QtCore import SIGNAL

        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        ticks = SIGNAL("sig_second_ticked(double)")
        alarms = SIGNAL("sig_alarms_changed()")
        assert signals.receivers(ticks) + signals.receivers(alarms) >= 1
        self.close(tile)
        # after teardown nothing of the hub's reaches the tile any more
        assert signals.subscriber_count() == 0
        assert signals.receivers(ticks) == 0 and signals.receivers(alarms) == 0
        del tile
        gc.collect()
