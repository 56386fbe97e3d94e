"""A real tile context over a real cache file, for tile tests: hub, signals, history loader."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from console.gui.history_loader import HistoryLoader
from console.gui.hub_signals import HubSignals
from console.hub.hub import Hub
from console.model import Entity
from console.store.store import Store
from widgets.tile import TileContext


@contextmanager
def live_tile_context(folder: Path, entities: list[Entity], source: str = "t"):
    """A TileContext whose hub holds ``entities``, their streams fed by a live source ``source``."""
    store = Store(folder / "cache.sqlite3", retention_days=None)
    hub = Hub(store)
    hub.add_entities(entities)
    hub.register_source(source, [s.id for e in entities for s in e.streams]).live = True
    signals = HubSignals(hub, interval_ms=50)
    history = HistoryLoader(store)
    signals.start()
    try:
        yield TileContext(hub, signals, history)
    finally:
        signals.stop()
        history.shutdown()
        store.close()
