"""The thin Qt driver of ``console.wall.switching``: time, alarms and operator input in, layouts on screens out.

A one-second timer feeds the switcher the clock, the hub's alarm signal feeds it the
open alarms, and each Decision becomes a screen showing a layout (a takeover also
flies the map tiles to the alarm's entity). Every operator input (take a screen, send a
tile, veto, hotkeys, playlist play/hold/stop) goes through the core's permission
``Gate``: refused with nobody logged in or the wrong role, and audited either way.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from console.languages import Text
from console.audit.permissions import Gate
from console.layouts.layout import Layout, TileSpec
from console.wall.commands import Command
from console.wall.switching import Decision, WallSwitcher
from console.wall.tile_ref import find_tile

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
        gate: Gate | None = None,
    ) -> None:
        super().__init__(parent)
        self.switcher = switcher
        self.shows = shows
        self.layouts = layouts
        self.now = now
        self.open_alarms = open_alarms
        self.notice = notice
        self.gate = gate  # every operator input is checked and audited through it (None: tests of switching)
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
        self._operate(self.gate, "wall.take", screen, self.switcher.take_control, screen, layout, layout=layout)

    def send_tile(self, screen: str, spec: TileSpec) -> None:
        self._operate(self.gate, "wall.take", screen, self.switcher.send_tile, screen, spec, tile=spec.kind)

    def release(self, screen: str) -> None:
        self._operate(self.gate, "wall.take", screen, self.switcher.release, screen, release=True)

    def veto(self, screen: str) -> None:
        self._operate(self.gate, "wall.veto", screen, self.switcher.veto, screen)

    def hotkey(self, n: int) -> None:
        self._operate(self.gate, "wall.hotkey", self.target, self.switcher.hotkey, self.target, n, key=n)

    def toggle_hold(self) -> None:
        self.run_command(Command("hold"))

    def next_item(self) -> None:
        self.run_command(Command("next"))

    def previous_item(self) -> None:
        self.run_command(Command("previous"))

    def stop_playlist(self) -> None:
        self.run_command(Command("stop"))

    def _playlist_action(self, gate: Gate | None, screen: str, action: str, op, *args) -> None:
        """An operator's playlist key on ``screen``: the permission checked, done or refused audited."""
        target = f"screen:{screen}"
        item = self.switcher.playlist_item(screen)
        if item is None:
            self.notice(Text("Wall", "屏幕 {screen} 没有轮播").format(screen=repr(screen)))
            if gate is not None:
                gate.done(action, target, outcome="rejected: no playlist", step=args[0] if args else None)
            return
        if gate is not None and not gate.allows(action, target, playlist=item[0]):
            self.notice(Text("Wall", "无权操作轮播：{action} 需要值班员登录").format(action=action))
            return
        self._run(op, screen, *args)
        if gate is not None:
            after = self.switcher.playlist_item(screen)
            detail = {"playlist": item[0], "from_item": item[1], "from_layout": item[2]}
            if after is not None:
                detail |= {"item": after[1], "layout": after[2], "held": self.switcher.held(screen)}
            gate.done(action, target, **detail)

    def run_command(self, cmd: Command) -> None:
        """A command of this desk's operator (palette, keys) on the target screen."""
        self.run_as(self.gate, self.target, cmd)

    def run_as(self, gate: Gate | None, screen: str, cmd: Command) -> None:
        """``cmd`` on ``screen``, checked and audited by ``gate`` (another desk's operator, through the
        centre), leaving this desk's own gate and target as they are."""
        sw = self.switcher
        actions = {
            "layout": lambda: self._operate(gate, "wall.take", screen, sw.take_control, screen, cmd.arg, layout=cmd.arg),
            "play": lambda: self._operate(gate, "wall.take", screen, sw.play, screen, cmd.arg, playlist=cmd.arg),
            "tile": lambda: self._send_named_tile(gate, screen, cmd.arg),
            "release": lambda: self._operate(gate, "wall.take", screen, sw.release, screen, release=True),
            "veto": lambda: self._operate(gate, "wall.veto", screen, sw.veto, screen),
            "hold": lambda: self._playlist_action(gate, screen, "playlist.hold", sw.toggle_hold),
            "stop": lambda: self._playlist_action(gate, screen, "playlist.stop", sw.stop_playlist),
            "next": lambda: self._playlist_action(gate, screen, "playlist.step", sw.step, 1),
            "previous": lambda: self._playlist_action(gate, screen, "playlist.step", sw.step, -1),
        }
        if cmd.action in actions:
            actions[cmd.action]()

    def _send_named_tile(self, gate: Gate | None, screen: str, ref: str) -> None:
        """A tile named ``LAYOUT/N`` or ``LAYOUT/KIND`` (``console.wall.tile_ref``), big on ``screen``."""
        try:
            spec = find_tile(self.layouts(), ref)
        except ValueError as exc:
            self.notice(str(exc))
            if gate is not None:
                gate.done("wall.take", f"screen:{screen}", "rejected: no such tile", tile=ref)
            return
        self._operate(gate, "wall.take", screen, self.switcher.send_tile, screen, spec, tile=spec.kind, ref=ref)

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

    def _operate(self, gate: Gate | None, action: str, screen: str, op, *args, **detail) -> bool:
        """An operator's input: the permission check, the switch, the audit row. True if done."""
        target = f"screen:{screen}"
        if gate is not None and not gate.allows(action, target, **detail):
            self.notice(f"需要值班员登录 Refused: {action} needs an operator login ({refusal_text(gate)})")
            return False
        ok = self._run(op, *args)
        if gate is not None:
            gate.done(action, target, "ok" if ok else "rejected", **detail)
        return ok

    def _run(self, op, *args) -> bool:
        try:
            self.apply(op(*args, self.now()))
        except ValueError as exc:
            self.notice(str(exc))
            return False
        return True


def refusal_text(gate: Gate) -> str:
    who = gate.session
    return f"{who.user}, {who.role}" if getattr(who, "user", None) else "nobody logged in"
