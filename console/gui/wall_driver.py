"""The thin Qt driver of ``console.wall.switching``: time, alarms and operator input in, layouts on screens out.

A one-second timer feeds the switcher the clock, the hub's alarm signal feeds it the
open alarms, and each Decision becomes a screen showing a layout (a takeover also
flies the map tiles to the alarm's entity).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from console.layouts.layout import Layout, TileSpec
from console.wall.commands import Command
from console.wall.switching import Decision, WallSwitcher

ShowFn = Callable[[Layout, Decision], list]  # shows a layout, returns the tiles now on that screen


class WallDriver(QObject):
    sig_screen_switched = Signal(object)
    """A screen now shows another layout (the Decision)."""

    def __init__(
        self,
        switcher: WallSwitcher,
        shows: dict[str, ShowFn],
        layouts: Callable[[], dict[str, Layout]],
        now: Callable[[], float],
        open_alarms: Callable[[], list],
        notice: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.switcher = switcher
        self.shows = shows
        self.layouts = layouts
        self.now = now
        self.open_alarms = open_alarms
        self.notice = notice
        self.target = next(iter(shows))  # the screen hotkeys and the palette act on
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.apply(self.switcher.tick(self.now()))
        self.alarms_changed()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    # -- inputs ----------------------------------------------------------------
    def tick(self) -> None:
        self.apply(self.switcher.tick(self.now()))

    def alarms_changed(self) -> None:
        self.apply(self.switcher.on_alarms(self.open_alarms(), self.now()))

    def take_control(self, screen: str, layout: str) -> None:
        self._run(self.switcher.take_control, screen, layout)

    def send_tile(self, screen: str, spec: TileSpec) -> None:
        self._run(self.switcher.send_tile, screen, spec)

    def release(self, screen: str) -> None:
        self._run(self.switcher.release, screen)

    def veto(self, screen: str) -> None:
        self._run(self.switcher.veto, screen)

    def hotkey(self, n: int) -> None:
        self._run(self.switcher.hotkey, self.target, n)

    def toggle_hold(self) -> None:
        self._run(self.switcher.toggle_hold, self.target)

    def run_command(self, cmd: Command) -> None:
        actions = {
            "layout": lambda: self.take_control(self.target, cmd.arg),
            "play": lambda: self._run(self.switcher.play, self.target, cmd.arg),
            "release": lambda: self.release(self.target),
            "hold": self.toggle_hold,
            "veto": lambda: self.veto(self.target),
            "stop": lambda: self._run(self.switcher.stop_playlist, self.target),
        }
        if cmd.action in actions:
            actions[cmd.action]()

    # -- output ----------------------------------------------------------------
    def apply(self, decisions: list[Decision]) -> None:
        for d in decisions:
            layout = d.generated or self.layouts().get(d.layout)
            if layout is None:
                self.notice(QCoreApplication.translate("Wall", "没有名为 {layout} 的布局（屏幕 {screen}），该屏保持原布局").format(layout=repr(d.layout), screen=repr(d.screen)))
                continue
            tiles = self.shows[d.screen](layout, d)
            if d.reason == "takeover" and d.alarm is not None and d.alarm.entity_id:
                for tile in tiles:
                    if hasattr(tile, "fly_to"):
                        tile.fly_to(d.alarm.entity_id)
            self.sig_screen_switched.emit(d)

    def _run(self, op, *args) -> None:
        try:
            self.apply(op(*args, self.now()))
        except ValueError as exc:
            self.notice(str(exc))
