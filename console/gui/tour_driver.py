"""Plays a tour on the main window: ticks the Qt-free player, switches layouts, focuses a
tile or the map, shows the caption band and the attract card; and the desk's controls.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar

from widgets import theme
from console.gui.tour_overlay import AttractCard, CaptionBand
from console.layouts.layout import Layout
from console.tours.default import resolve_layout
from console.tours.player import TourPlayer, TourState

_FOCUS_STYLE = f"QFrame#tile {{ border: 3px solid {theme.DEMO}; }}"
READY_WAIT_S = 180.0  # a source that never catches up does not hold the tour longer than this



class TourDriver(QObject):
    """The player's hands on the window. ``live_layout`` is what "return to live" shows."""

    sig_state_changed = Signal(str)
    """The player's state changed (its value: playing, paused, attract, interrupted, live, ended)."""

    def __init__(
        self, window, player: TourPlayer, layouts: Mapping[str, Layout], lang: str = "zh_CN", interval_ms: int = 200
    ) -> None:
        super().__init__(window)
        self.window = window
        self.player = player
        self.layouts = layouts
        self.lang = lang
        self.live_layout: Layout | None = window.wall.layout_model if window.wall is not None else None
        city = window.runtime.city
        parent = window.centralWidget()
        self.band = CaptionBand(parent)
        self.attract = AttractCard(parent, city.name, city.name_en, player.tour.title_en)
        self.focused_tile = None
        self.started: float | None = None  # time.monotonic() when the tour began (None: still waiting)
        window.tour_driver = self  # --dump-state reads the tour from here
        player.subscribe(self._on_player)
        self.timer = QTimer(self)
        self.timer.timeout.connect(player.tick)
        self.timer.start(interval_ms)

    def start(self, at: int = 0) -> None:
        self.player.start(at)
        self.started = time.monotonic()

    def start_when_ready(self, at: int, ready: Callable[[], bool], max_wait_s: float = READY_WAIT_S) -> None:
        """The attract card until ``ready()`` (or ``max_wait_s``), then the tour from step ``at``:
        never an empty wall while the sources catch up, and a step's scenario acts on live data."""
        self.attract.show_card()
        deadline = time.monotonic() + max_wait_s

        def check() -> None:
            if ready() or time.monotonic() >= deadline:
                self._ready_timer.stop()
                self.start(at)

        self._ready_timer = QTimer(self)
        self._ready_timer.timeout.connect(check)
        self._ready_timer.start(250)
        check()

    def stop(self) -> None:
        self.timer.stop()
        if getattr(self, "_ready_timer", None) is not None:
            self._ready_timer.stop()

    def state(self) -> dict:
        """What the tour shows now, for ``--dump-state``: the step, its caption, where the band is."""
        p = self.player
        step = p.step
        band = self.band
        top = band.mapTo(self.window, band.rect().topLeft()).y() if band.isVisible() else None
        return {
            "state": p.state.value, "step": p.index + 1, "steps": len(p.tour.steps), "id": step.id,
            "events": [e["type"] for e in step.events], "advance_s": step.advance_s, "remaining_s": round(p.remaining_s(), 1),
            "caption": [band.main_label.text(), band.second_label.text()] if band.isVisible() else None,
            "band": {"visible": band.isVisible(), "top": top, "height": band.height() if band.isVisible() else 0},
            "attract": self.attract.isVisible(), "waiting": self.started is None,
            "focused": self.focused_tile.kind if self.focused_tile is not None else None,
        }

    # -- the player's calls ------------------------------------------------------------
    def _on_player(self, player: TourPlayer, what: str) -> None:
        state = player.state
        # a step's alarm flood is that step's: the banner counts from the step's start, on the tour only
        self.window.ctx.news_since = player.step_since if state in (TourState.PLAYING, TourState.PAUSED) else None
        if what == "attract":
            self.band.hide()
            self.attract.show_card()
        elif state == TourState.PLAYING:
            self.attract.hide()
            self._show_step()
        elif state == TourState.PAUSED:
            self._show_step(mark=QCoreApplication.translate("TourDriver", "‖ 已暂停"))
        elif state == TourState.INTERRUPTED:
            self.attract.hide()
            self._show_live()
            a = player.interrupting
            self.band.show_caption(QCoreApplication.translate("TourDriver", "紧急报警，导览已中断"), a.message, "◆")
        elif state in (TourState.LIVE, TourState.ENDED):
            self.attract.hide()
            self.band.hide()
            self._show_live()
        self.sig_state_changed.emit(state.value)

    def _show_step(self, mark: str = "") -> None:
        p = self.player
        step = p.step
        layout = resolve_layout(step.layout, self.layouts)
        if layout is not None and (self.window.wall is None or self.window.wall.layout_model is not layout):
            self.window.show_layout(layout)
            self.focused_tile = None
        self._focus(step.focus)
        main, second = step.caption(self.lang)
        self.band.show_caption(main, second, mark or f"{p.index + 1}/{len(p.tour.steps)}")

    def _show_live(self) -> None:
        self._unfocus()
        if self.live_layout is not None and self.window.wall is not None and self.window.wall.layout_model is not self.live_layout:
            self.window.show_layout(self.live_layout)

    def _focus(self, focus: dict) -> None:
        self._unfocus()
        wall = self.window.wall
        if wall is None or not focus:
            return
        tile = None
        if "tile" in focus and focus["tile"] < len(wall.tiles):
            tile = wall.tiles[focus["tile"]]
        elif "tile_kind" in focus:
            tile = next((t for t in wall.tiles if t.kind == focus["tile_kind"]), None)
        maps = [t for t in wall.tiles if t.kind == "map"]
        if "entity" in focus:
            selection = getattr(self.window.ctx, "selection", None)
            if selection is not None:  # the tiles that follow the selection show this entity (its cameras lead)
                selection.select(focus["entity"])
            for m in maps:
                m.fly_to(focus["entity"])
            tile = tile or (maps[0] if maps else None)
        if "view" in focus:
            lat, lon = focus["view"]["center"]
            zoom = focus["view"].get("zoom", 12)
            for m in maps:
                m.run_js(f"cc.map.setView([{float(lat)}, {float(lon)}], {float(zoom)})")
            tile = tile or (maps[0] if maps else None)
        if tile is not None:
            tile.setStyleSheet(_FOCUS_STYLE)
            self.focused_tile = tile

    def _unfocus(self) -> None:
        tile, self.focused_tile = self.focused_tile, None
        wall = self.window.wall
        if tile is not None and wall is not None and tile in wall.tiles:
            tile.setStyleSheet("")


class TourControls(QToolBar):
    """The desk's tour controls. Never built in kiosk mode (a read-only role has none)."""

    def __init__(self, player: TourPlayer, parent=None) -> None:
        super().__init__(QCoreApplication.translate("TourDriver", "导览"), parent)
        self.setObjectName("tourControls")
        self.player = player
        self.back_action = QAction(QCoreApplication.translate("TourDriver", "◀ 上一步"), self)
        self.play_action = QAction(QCoreApplication.translate("TourDriver", "▶ 播放"), self)
        self.pause_action = QAction(QCoreApplication.translate("TourDriver", "‖ 暂停"), self)
        self.skip_action = QAction(QCoreApplication.translate("TourDriver", "下一步 ▶"), self)
        self.live_action = QAction(QCoreApplication.translate("TourDriver", "■ 返回实时"), self)
        for action, slot in (
            (self.back_action, player.back), (self.play_action, player.play), (self.pause_action, player.pause),
            (self.skip_action, player.skip), (self.live_action, player.return_to_live),
        ):
            action.triggered.connect(slot)
            self.addAction(action)
        player.subscribe(lambda p, _what: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        state = self.player.state
        self.play_action.setEnabled(state != TourState.PLAYING)
        self.pause_action.setEnabled(state == TourState.PLAYING)
        self.back_action.setEnabled(self.player.active)
        self.skip_action.setEnabled(self.player.active)
        self.live_action.setEnabled(state != TourState.LIVE)
