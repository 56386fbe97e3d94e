"""The Tile base: a framed view with a title, a status line and a message area.

A tile is given its options and a context; it subscribes to streams through the
context and never fetches anything itself. Subclasses build ``self.body`` and
override ``on_readings`` (new readings of their streams), ``on_entities`` (entities
arrived or changed) and ``on_second`` (ages and freshness text only).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from collections.abc import Iterable
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from console.freshness import Freshness, format_age, format_progress
from widgets import theme
from console.hub.hub import EntityEvent, Hub
from console.layouts.layout import TileSpec
from console.model import Reading
from console.selection import select_streams, title_fields
from widgets.translation import shown, title_shown
from widgets.context import (
    Alarms, CacheLoader, CameraFrames, EntitySelection, HubEvents, Incidents, LiveVideo, OperatorSession,
)


@dataclass
class TileContext:
    """What a tile may use: the hub (read-only), its signals, the history loader, alarms, the task board."""

    hub: Hub
    signals: HubEvents  # console.gui.hub_signals.HubSignals
    history: CacheLoader  # console.gui.history_loader.HistoryLoader
    alarms: Alarms | None = None  # console.alarms.engine.AlarmEngine
    cameras: CameraFrames | None = None  # console.gui.camera_feed.CameraFeed: decoded camera frames
    video: LiveVideo | None = None  # console.cameras.video_pool.VideoPool: the cameras that play live
    user: str = "operator"
    read_only: bool = False  # a wall or kiosk screen: no operator controls, whoever is logged in
    kiosk: bool = False  # unattended wall: web views locked too (widgets._web_lock)
    city: str | None = None  # the runtime's city id (the map tile's default)
    services: dict[str, Any] = field(default_factory=dict)  # plugin services by name (Qt-free, thread-safe)
    selection: EntitySelection | None = None  # console.gui.selection.Selection: the entity an operator picked
    session: OperatorSession | None = None  # console.audit.auth.Session: who is at the desk; None: no operator controls
    # alarms raised before this simulated instant are no news to the flood banner: a tour sets it as
    # each step begins, so the flood a step's scenario causes ends with that step (None: the last ten minutes)
    news_since: float | None = None
    incidents: Incidents | None = None  # console.incidents.book.IncidentBook (get, open_incidents, recent, overdue, plan)

    def can(self, action: str) -> bool:
        """Whether the operator may do ``action`` here (``alarm.ack``, ``layout.edit`` ...)."""
        return not self.read_only and self.session is not None and self.session.can(action)

    def operator(self) -> str:
        """The name to audit an action under."""
        return (self.session.user if self.session is not None else None) or self.user


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


class Tile(QFrame):
    kind: ClassVar[str] = "tile"
    #: JSON schema of the options; the layout editor builds its form from it
    options_schema: ClassVar[dict[str, Any]] = {"type": "object"}
    #: options a contract test builds the kind with (widgets.testing, tests/test_tiles_contract.py)
    example_options: ClassVar[dict[str, Any]] = {}

    def __init__(self, ctx: TileContext, spec: TileSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.ctx = ctx
        self.spec = spec
        self._options = copy.deepcopy(spec.options)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 6, 10, 8)
        outer.setSpacing(4)
        head = QHBoxLayout()
        self.title_label = QLabel(self._title_text())
        self.title_label.setObjectName("tileTitle")
        self.status_label = QLabel("")
        self.status_label.setObjectName("tileStatus")
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # a long title is cut by the tile's width, never widens the wall
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        head.addWidget(self.title_label, 1)
        head.addWidget(self.status_label)
        outer.addLayout(head)
        self.message_label = QLabel("")
        self.message_label.setObjectName("tileMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        outer.addWidget(self.message_label)
        self.body = QWidget(self)
        outer.addWidget(self.body, 1)
        ctx.signals.sig_second_ticked.connect(self.on_second)
        ctx.signals.listen(self, "entities", self._entities_arrived)

    # -- what subclasses use -------------------------------------------------
    def options(self) -> dict[str, Any]:
        """The tile's options as saved in a layout (a copy)."""
        return copy.deepcopy(self._options)

    def streams(self) -> list[str]:
        return select_streams(self._options, self.ctx.hub.entities, self.ctx.hub.streams())

    def subscribe(self, streams: list[str]) -> None:
        self.ctx.signals.subscribe(self, streams, self.on_readings)

    def show_message(self, text: str) -> None:
        """Show a problem in the tile (and keep the last data visible)."""
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def set_freshness_of_newest(self, streams: Iterable[str], now: float) -> bool:
        """A tile over many entities is as fresh as the newest of their ``streams``; with no
        reading yet, the first stream's freshness (offline, or catching up while its source
        back-fills). False, and nothing shown, when there is no stream at all."""
        hub = self.ctx.hub
        first, newest = None, None
        for sid in streams:
            first = sid if first is None else first
            r = hub.latest(sid)
            if r is not None and (newest is None or r.ts > newest.ts):
                newest = r
        if first is None:
            return False
        self.set_freshness(*hub.freshness(newest.stream if newest is not None else first, now))
        return True

    def set_freshness(self, state: Freshness, age_s: float | None, stream: str | None = None) -> None:
        """The one freshness display every tile shares: mark, label and age; catching up says
        how far behind and how far along (``stream``'s source, else the furthest behind)."""
        mark, color, label = theme.FRESHNESS_STYLE[state]
        label = QCoreApplication.translate("Freshness", label) if label else ""
        text = f"{mark} {label} · {format_age(age_s)}" if label else format_age(age_s)
        if state is Freshness.CATCHING_UP:
            behind, done = self.ctx.hub.catch_up(stream=stream)
            text = f"{mark} {label} · {shown(format_progress(age_s if age_s is not None else behind, done))}"
        self._freshness_age_s = age_s  # for the state dump (console.gui.state_dump)
        if text == self.status_label.text() and self.status_label.property("freshness") == state.value:
            return
        self.status_label.setText(text)
        if self.status_label.property("freshness") != state.value:  # restyling is not free
            self.status_label.setStyleSheet(f"color: {color if label else theme.MUTED};")
            self.status_label.setProperty("freshness", state.value)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """On the desk, a tile's menu exports it; wall and kiosk screens have no menu."""
        if self.ctx.read_only:
            return
        from widgets.export import show_export_menu

        show_export_menu(self, event.globalPos())

    # -- what subclasses override --------------------------------------------
    def on_readings(self, readings: dict[str, list[Reading]]) -> None:
        """New readings of this tile's streams (GUI thread, at most ~10 Hz)."""

    def on_second(self, now: float) -> None:
        """Once a second: re-evaluate freshness and ages (never re-scan the hub's entities here)."""

    def on_entities(self, event: EntityEvent) -> None:
        """Entities were added or changed (GUI thread): rebuild what depends on them."""

    def _entities_arrived(self, event: EntityEvent) -> None:
        title = self._title_text()  # a "{river}" title can only be filled once its entities exist
        if title != self.title_label.text():
            self.title_label.setText(title)
        self.on_entities(event)

    def teardown(self) -> None:
        """Let go of subscriptions and requests; called before the tile is deleted."""
        self.ctx.signals.unsubscribe(self)
        self.ctx.history.cancel(self)
        try:
            self.ctx.signals.sig_second_ticked.disconnect(self.on_second)
        except (RuntimeError, TypeError):
            pass

    def title_filter(self) -> str:
        """What a tile showing only part of its data says it left out (added to its title); "": nothing."""
        return ""

    def _title_text(self) -> str:
        """The title with its {fields} filled from the tile's entities; a field with no entity yet
        (an empty cache, a source not started) is left out, never shown as a literal ``{river}``;
        then the tile's filter, if it has one."""
        title = title_shown(self.spec.title) if self.spec.title else self.kind
        try:
            text = title.format_map(_Blank(title_fields(self._options, self.ctx.hub.entities)))
            text = " ".join(text.split()).strip(" ·") or self.kind
        except (IndexError, ValueError):
            text = title
        shown = self.title_filter()
        return f"{text} · {shown}" if shown else text
