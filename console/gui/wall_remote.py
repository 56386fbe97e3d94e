"""The wall driven from another desk of the centre: a wall command from the broker
(``console.centre.wall_link``) run by this console's wall driver on the GUI thread, as the
named operator (their role from this console's user directory; checked and audited as a key
pressed here), and what each screen shows published for every desk."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from console.audit.permissions import Actor, Gate
from console.centre.wall_link import WallCommand, WallLink
from console.centre.wall_overview import grid_of
from console.gui.wall_driver import WallDriver
from console.wall.commands import Command
from console.wall.tile_ref import find_tile


class _Recording(Gate):
    """A gate that remembers what it said: the command's outcome for the one who sent it."""

    outcome = "ok"

    def allows(self, action: str, target: str, **detail) -> bool:
        ok = super().allows(action, target, **detail)
        if not ok:
            self.outcome = "denied: needs an operator"
        return ok

    def done(self, action: str, target: str, outcome: str = "ok", **detail) -> None:
        super().done(action, target, outcome, **detail)
        if self.outcome == "ok":
            self.outcome = outcome


class WallRemote(QObject):
    _sig_command = Signal(object, object)  # (WallCommand, answer): from paho's thread to the GUI's

    def __init__(self, driver: WallDriver, runtime, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.driver = driver
        self.runtime = runtime
        centre = runtime.centre
        self._sig_command.connect(self._run)
        self.link = WallLink(centre.broker, centre.topics.centre, centre.console,
                             lambda cmd, answer: self._sig_command.emit(cmd, answer),
                             quarantine=runtime.store.quarantine)
        driver.sig_screen_switched.connect(lambda _d: self.publish())
        self.link.start()
        self.publish()

    def publish(self) -> None:
        now = self.runtime.clock.now()
        screens = {}
        for sid in self.driver.shows:
            d = self.driver.switcher.current(sid, now)
            item = self.driver.switcher.playlist_item(sid)
            screens[sid] = {"layout": d.layout, "reason": d.reason, "held": self.driver.switcher.held(sid),
                            "playlist": item[0] if item else None,
                            "grid": grid_of(d.generated or self.runtime.layouts.get(d.layout))}
        self.link.publish_state(screens)

    def _run(self, cmd: WallCommand, answer: Callable[[str], None]) -> None:
        audit = self.runtime.store.audit
        role = dict(self.runtime.users.users()).get(cmd.user)
        target = f"screen:{cmd.screen}"
        if role is None:
            audit(cmd.user, f"wall.{cmd.op}", target, {"via": "centre"}, outcome="denied: unknown user")
            return answer("denied: unknown user")
        if cmd.screen not in self.driver.shows:
            audit(cmd.user, f"wall.{cmd.op}", target, {"via": "centre"}, outcome="rejected: no such screen")
            return answer(f"rejected: no screen {cmd.screen!r} on this wall ({', '.join(self.driver.shows)})")
        if cmd.op == "layout" and cmd.arg not in self.runtime.layouts:
            audit(cmd.user, "wall.take", target, {"via": "centre", "layout": cmd.arg}, outcome="rejected: no such layout")
            return answer(f"rejected: no layout {cmd.arg!r}")
        if cmd.op == "tile":
            try:
                find_tile(self.runtime.layouts, cmd.arg)
            except ValueError as exc:
                audit(cmd.user, "wall.take", target, {"via": "centre", "tile": cmd.arg}, outcome="rejected: no such tile")
                return answer(f"rejected: {exc}")
        gate = _Recording(Actor(cmd.user, role), audit)
        self.driver.run_as(gate, cmd.screen, Command(cmd.op, cmd.arg))
        self.publish()
        answer(gate.outcome)

    def teardown(self) -> None:
        self.link.stop()
