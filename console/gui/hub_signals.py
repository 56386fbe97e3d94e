"""The hub's Qt face: drains the hub at ~10 Hz on the GUI thread and feeds subscribers.

One timer for the whole console, one dispatch per tick; a tile hears only about its
own streams, and only when something changed (PyDM's one-connection-per-address).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from console.hub.hub import Hub, Updates
from console.model import Reading

ReadingsCallback = Callable[[dict[str, list[Reading]]], None]


class HubSignals(QObject):
    sig_updates_arrived = Signal(object)
    """Emitted at most every ``interval_ms`` with the hub's coalesced Updates."""
    sig_alarms_changed = Signal()
    """Emitted when any alarm was raised, acknowledged, cleared or shelved."""
    sig_second_ticked = Signal(float)
    """Emitted once a second with the clock's now: views re-evaluate freshness."""

    def __init__(self, hub: Hub, interval_ms: int = 100, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self._subs: dict[int, tuple[frozenset[str], ReadingsCallback]] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.drain)
        self._second = QTimer(self)
        self._second.setInterval(1000)
        self._second.timeout.connect(lambda: self.sig_second_ticked.emit(self.hub.clock.now()))

    def start(self) -> None:
        self._timer.start()
        self._second.start()

    def stop(self) -> None:
        self._timer.stop()
        self._second.stop()

    def subscribe(self, owner: object, streams: Iterable[str], callback: ReadingsCallback) -> None:
        """Call ``callback`` with the new readings of ``streams`` (replaces owner's earlier subscription)."""
        self._subs[id(owner)] = (frozenset(streams), callback)

    def unsubscribe(self, owner: object) -> None:
        self._subs.pop(id(owner), None)

    def subscriber_count(self) -> int:
        return len(self._subs)

    def drain(self) -> Updates:
        updates = self.hub.take_updates()
        if updates.readings:
            readings = updates.readings
            for streams, callback in list(self._subs.values()):
                if len(streams) < len(readings):
                    mine = {s: readings[s] for s in streams if s in readings}
                else:
                    mine = {s: r for s, r in readings.items() if s in streams}
                if mine:
                    callback(mine)
        if updates:
            self.sig_updates_arrived.emit(updates)
        if updates.alarms_changed:
            self.sig_alarms_changed.emit()
        return updates
