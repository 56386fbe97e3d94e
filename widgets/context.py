"""What a tile may use, as Protocols: Qt-free, so the core and other front-ends can share them.

``TileContext`` (widgets.tile) holds one object per Protocol; the console's Qt classes
(console.gui.hub_signals.HubSignals, console.gui.history_loader.HistoryLoader, ...)
satisfy them structurally, and so can a test's or another front-end's. Nothing here
imports Qt or console.gui.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol, runtime_checkable

from console.model import Reading


@runtime_checkable
class BoundSignal(Protocol):
    """A Qt signal on an instance (``SignalInstance``): what a tile connects to."""

    def connect(self, slot: Callable[..., Any]) -> Any: ...
    def disconnect(self, slot: Callable[..., Any] = ...) -> Any: ...
    def emit(self, *args: Any) -> Any: ...


@runtime_checkable
class HubEvents(Protocol):
    """The hub's events on the GUI thread (console.gui.hub_signals.HubSignals)."""

    sig_second_ticked: BoundSignal
    sig_alarms_changed: BoundSignal
    sig_entities_changed: BoundSignal
    sig_health_changed: BoundSignal

    def subscribe(self, owner: object, streams: Iterable[str],
                  callback: Callable[[dict[str, list[Reading]]], None]) -> None: ...
    def listen(self, owner: object, event: str, callback: Callable[[Any], None]) -> None: ...
    def unsubscribe(self, owner: object) -> None: ...
    def subscriber_count(self) -> int: ...


@runtime_checkable
class CacheLoader(Protocol):
    """Reads from the cache off the GUI thread, one task per tile (console.gui.history_loader)."""

    def request(self, owner: object, streams: list[str], since: float, callback: Callable[[Any], None]) -> int: ...
    def request_range(self, owner: object, streams: list[str], since: float, until: float, pixels: float,
                      callback: Callable[[Any], None], interval_s: float | None = None) -> int: ...
    def alarm_load(self, owner: object, now: float, period_s: float, callback: Callable[[Any], None]) -> int: ...
    def cancel(self, owner: object) -> None: ...


@runtime_checkable
class Alarms(Protocol):
    """The alarm engine as tiles use it (console.alarms.engine.AlarmEngine)."""

    def open_alarms(self, include_suppressed: bool = False) -> list[Any]: ...
    def ack(self, alarm_id: int, user: str, comment: str = "") -> Any: ...
    def shelve(self, alarm_id: int, user: str, seconds: float | None, reason: str = "") -> Any: ...
    def unshelve(self, alarm_id: int, user: str) -> Any: ...


@runtime_checkable
class Incidents(Protocol):
    """The incident book as tiles read it (console.incidents.book.IncidentBook); they redraw on the
    hub's ``incidents`` event. Operator tiles may also ``act`` (audited there)."""

    def get(self, incident_id: int) -> Any: ...
    def open_incidents(self) -> list[Any]: ...
    def recent(self, limit: int = 50) -> list[Any]: ...
    def overdue(self, now: float | None = None) -> list[Any]: ...
    def plan(self, incident: Any) -> Any: ...


@runtime_checkable
class CameraFrames(Protocol):
    """Decoded camera frames, one request per tile and slot (console.gui.camera_feed.CameraFeed)."""

    def request_frame(self, owner: object, camera: str, *args: Any, **kwargs: Any) -> int: ...
    def request_times(self, owner: object, camera: str, callback: Callable[[list[float]], None], limit: int = 60) -> int: ...
    def cancel(self, owner: object) -> None: ...


@runtime_checkable
class LiveVideo(Protocol):
    """The cameras that play live, at most a few at once (console.cameras.video_pool.VideoPool).

    ``acquire`` gives a stream with ``latest()`` (the newest decoded frame), ``state()`` and
    ``age_s()``, or None when the cap is reached; ``release`` gives it back."""

    max_streams: int

    def acquire(self, owner: object, camera: str, url: str, transport: str = "tcp") -> Any: ...
    def release(self, owner: object, camera: str | None = None) -> None: ...


@runtime_checkable
class EntitySelection(Protocol):
    """The entity an operator picked (console.gui.selection.Selection)."""

    sig_entity_selected: BoundSignal
    entity_id: str | None

    def select(self, entity_id: str) -> None: ...


@runtime_checkable
class OperatorSession(Protocol):
    """Who is at the desk (console.audit.auth.Session)."""

    user: str | None
    revision: int

    def can(self, action: str) -> bool: ...
    def touch(self) -> None: ...
