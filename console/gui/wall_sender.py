"""A desk's wall commands to another console's wall through the centre: checked at this desk
(the logged-in operator's role) and audited here, run and audited again at the wall; an answer
that is not ``ok``, and a command that goes unanswered, told to the operator as a notice."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from console.audit.permissions import Gate, user_of
from console.centre.mirror import CentreAlarms
from console.centre.wall_link import WallCommand, wall_cmd_topic

ANSWER_S = 10.0  # as long as the CLI waits (console.app.alarms_cli.REPLY_S)
_ACTIONS = {"veto": "wall.veto", "hold": "playlist.hold", "next": "playlist.step", "previous": "playlist.step",
            "stop": "playlist.stop"}  # the others (layout, play, tile, release) take the screen: wall.take


def wall_action(op: str) -> str:
    """The permission a wall command needs (the same the wall itself checks)."""
    return _ACTIONS.get(op, "wall.take")


class WallSender(QObject):
    sig_answered = Signal(str, str)
    """A command sent from this desk was answered (its id, the wall's outcome; ``no answer`` when none came)."""

    _sig_reply = Signal(str, str)  # (command id, outcome): from paho's thread to the GUI's

    def __init__(self, mirror: CentreAlarms, gate: Gate, notice: Callable[[str], None],
                 answer_s: float = ANSWER_S, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mirror = mirror
        self.gate = gate
        self.notice = notice
        self.answer_s = answer_s
        self._pending: dict[str, tuple[str, WallCommand]] = {}  # id -> (wall console, command)
        self._sig_reply.connect(self._answered)

    def send(self, console: str, op: str, screen: str, arg: str = "") -> str | None:
        """Send ``op`` to ``console``'s ``screen``; the command id, or None when refused here."""
        target = f"wall:{console}/screen:{screen}"
        if not self.gate.allows(wall_action(op), target, op=op, arg=arg, via="centre"):
            self.notice(QCoreApplication.translate("WallSender", "需要值班员登录才能操作其他大屏"))
            return None
        cmd = WallCommand(op, screen, user_of(self.gate.session), arg)
        self._pending[cmd.id] = (console, cmd)
        self.mirror.request(wall_cmd_topic(self.mirror.topics, console), cmd.payload(), cmd.id,
                            lambda outcome: self._sig_reply.emit(cmd.id, outcome))
        QTimer.singleShot(round(self.answer_s * 1000), self, lambda: self._unanswered(cmd.id))
        return cmd.id

    def _answered(self, cmd_id: str, outcome: str) -> None:
        sent = self._pending.pop(cmd_id, None)
        if sent is None:
            return  # already given up on (a notice said so)
        console, cmd = sent
        self.gate.done(wall_action(cmd.op), f"wall:{console}/screen:{cmd.screen}", outcome, op=cmd.op, arg=cmd.arg,
                       via="centre")
        if outcome != "ok":
            self.notice(QCoreApplication.translate("WallSender", "大屏 {console}（{screen}）：{outcome}").format(
                console=console, screen=cmd.screen, outcome=outcome))
        self.sig_answered.emit(cmd_id, outcome)

    def _unanswered(self, cmd_id: str) -> None:
        sent = self._pending.pop(cmd_id, None)
        if sent is None:
            return
        console, cmd = sent
        self.gate.done(wall_action(cmd.op), f"wall:{console}/screen:{cmd.screen}", "no answer", op=cmd.op, arg=cmd.arg,
                       via="centre")
        self.notice(QCoreApplication.translate("WallSender", "大屏 {console} 在 {n} 秒内没有回应；它在线吗？").format(
            console=console, n=f"{self.answer_s:.0f}"))
        self.sig_answered.emit(cmd_id, "no answer")
