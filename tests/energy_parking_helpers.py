"""Helpers for the energy and parking tests: discovery, a hub on a settable clock, tile contracts."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from console.clock import Clock
from console.layouts.layout import TileSpec
from console.model import Entity, Reading
from console.plugins.api import load_object
from console.plugins.registry import GROUP
from tests.tile_contract import TileContractTests


def make_discoverable(folder: Path, monkeypatch, *names: str) -> None:
    """Register the built-in plugins by entry point, as an installed package would, unless they are."""
    known = {ep.name for ep in metadata.entry_points(group=GROUP)}
    missing = [n for n in names if n not in known]
    if not missing:
        return
    info = folder / "city_console_extra_builtins-0.1.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: city-console-extra-builtins\nVersion: 0.1\n", encoding="utf-8")
    lines = "".join(f"{n} = plugins.{n}.manifest:PLUGIN\n" for n in missing)
    (info / "entry_points.txt").write_text(f"[{GROUP}]\n{lines}", encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))


class SetClock(Clock):
    """A clock the test moves by hand."""

    def __init__(self, now: float) -> None:
        self.t = now

    def now(self) -> float:
        return self.t


class PluginTileContract(TileContractTests):
    """The core tile contract, for a plugin's tile over that plugin's entities."""

    ref: str = ""  # "widgets.module:Class"
    at: float | None = None  # the hub's clock, fixed at this moment; None: the wall clock

    def entities(self) -> list[Entity]:
        raise NotImplementedError

    def readings(self, ents: list[Entity], now: float) -> list[Reading]:
        raise NotImplementedError

    def make(self, qtbot, tmp_path, with_data: bool, live: bool = True):
        from console.alarms.engine import AlarmEngine
        from console.gui.app import _prepare_environment
        from console.gui.history_loader import HistoryLoader
        from console.gui.hub_signals import HubSignals
        from console.hub.hub import Hub
        from console.store.store import Store
        from widgets.tile import TileContext

        _prepare_environment()
        store = Store(tmp_path / "c.sqlite3", retention_days=None)
        hub = Hub(store, SetClock(self.at) if self.at is not None else None)
        ents = self.entities()
        hub.add_entities(ents)
        if live:
            hub.register_source("test", [s.id for e in ents for s in e.streams]).live = True
        if with_data:
            hub.submit(self.readings(ents, hub.clock.now()))
            store.flush()
        signals = HubSignals(hub)
        ctx = TileContext(hub, signals, HistoryLoader(store), AlarmEngine(hub, []))
        tile = load_object(self.ref)(ctx, TileSpec(self.kind, 0, 0, title=self.title, options=dict(self.options)))
        qtbot.addWidget(tile)
        tile.resize(640, 360)
        tile.show()
        signals.drain()
        signals.sig_second_ticked.emit(hub.clock.now())
        self._cleanup = (signals, ctx.history, store)
        return tile, hub, signals
