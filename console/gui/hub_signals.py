"""The hub's Qt face: drains the hub at ~10 Hz on the GUI thread and feeds subscribers.

One timer for the whole console, one dispatch per tick; a tile hears only about its
own streams, and only when something changed (PyDM's one-connection-per-address).
Besides readings the hub has three kinds of event: entities (added/changed), source
health and alarms. A tile listens with ``listen(owner, event, callback)``; every
subscription of an owner ends with ``unsubscribe(owner)`` (the Tile's teardown).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from console.hub.hub import Hub, Updates
from console.model import Reading

ReadingsCallback = Callable[[dict[str, list[Reading]]], None]
EVENTS = ("entities", "health", "alarms", "incidents")


class HubSignals(QObject):
    sig_updates_arrived = Signal(object)
    """Emitted at most every ``interval_ms`` with the hub's coalesced Updates."""
    sig_alarms_changed = Signal()
    """Emitted when any alarm was raised, acknowledged, cleared or shelved."""
    sig_entities_changed = Signal(object)
    """Emitted with an EntityEvent when entities were added or changed."""
    sig_health_changed = Signal(object)
    """Emitted with the frozenset of source names whose health changed."""
    sig_second_ticked = Signal(float)
    """Emitted once a second with the clock's now: views re-evaluate freshness and ages."""

    def __init__(self, hub: Hub, interval_ms: int = 100, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self._subs: dict[int, tuple[frozenset[str], ReadingsCallback]] = {}
        self._listeners: dict[str, dict[int, Callable]] = {e: {} for e in EVENTS}
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

    def listen(self, owner: object, event: str, callback: Callable) -> None:
        """Call ``callback`` on the GUI thread at each drain that has ``event``:

        ``entities`` -> callback(EntityEvent), ``health`` -> callback(frozenset of source
        names), ``alarms`` -> callback(frozenset of alarm ids, empty when unknown),
        ``incidents`` -> callback(frozenset of incident ids opened or changed).
        One callback per owner and event; a later one replaces it.
        """
        if event not in self._listeners:
            raise ValueError(f"no hub event {event!r}: one of {', '.join(EVENTS)}")
        self._listeners[event][id(owner)] = callback

    def unsubscribe(self, owner: object) -> None:
        """End every subscription of ``owner``: its streams and its event listeners."""
        self._subs.pop(id(owner), None)
        for listeners in self._listeners.values():
            listeners.pop(id(owner), None)

    def subscriber_count(self) -> int:
        """How many owners still hear anything from the hub."""
        owners = set(self._subs)
        for listeners in self._listeners.values():
            owners.update(listeners)
        return len(owners)

    def drain(self) -> Updates:
        updates = self.hub.take_updates()
        # entities first: a tile that builds itself from new entities subscribes to their
        # streams and so hears this very drain's readings
        if updates.entities:
            self._tell("entities", updates.entities)
            self.sig_entities_changed.emit(updates.entities)
        if updates.readings:
            readings = updates.readings
            for streams, callback in list(self._subs.values()):
                if len(streams) < len(readings):
                    mine = {s: readings[s] for s in streams if s in readings}
                else:
                    mine = {s: r for s, r in readings.items() if s in streams}
                if mine:
                    callback(mine)
        if updates.health_changed:
            self._tell("health", updates.health_changed)
            self.sig_health_changed.emit(updates.health_changed)
        if updates:
            self.sig_updates_arrived.emit(updates)
        if updates.alarms_changed:
            self._tell("alarms", updates.alarm_ids)
            self.sig_alarms_changed.emit()
        if updates.incident_ids:
            self._tell("incidents", updates.incident_ids)
        return updates

    def _tell(self, event: str, payload: object) -> None:
        for callback in list(self._listeners[event].values()):
            callback(payload)
