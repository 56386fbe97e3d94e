"""The desk's audible alarm: the sound of the worst new alarm's warning level, looping until
the operator silences it (one key, audited) or acknowledges what sounds.

What sounds is decided from the open alarms alone (``sound_level``, Qt-free arithmetic):
an unacknowledged alarm that has not been silenced. Silencing quiets the alarms standing
now; the next new one sounds again. The sounds are resources/sounds/alarm_<level>.wav
(packaging/make_alarm_sounds.py), played by Qt Multimedia's QSoundEffect. A desk without
an audio output (a headless test, a remote session) says so once, and keeps the state all
the same: the status bar shows what would sound, nothing blocks or crashes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from importlib import resources

from PySide6.QtCore import QObject, QUrl, Signal

from console.alarms.rules import LEVELS

log = logging.getLogger(__name__)

SOUNDING_STATE = "unack"  # a cleared-but-unacknowledged alarm is shown, not sounded (ISA-18.2 practice)


def sound_level(alarms: Iterable, silenced: set[int]) -> tuple[int, list[int]]:
    """The warning level to sound (0: none) and the ids of the alarms sounding."""
    loud = [a for a in alarms if a.state == SOUNDING_STATE and a.id not in silenced]
    return (max((a.severity for a in loud), default=0), [a.id for a in loud])


def sound_file(severity: int) -> str:
    return str(resources.files("resources") / "sounds" / f"alarm_{severity}.wav")


class AlarmSound(QObject):
    sig_sound_changed = Signal(int)
    """The level now sounding changed (0: silent)."""

    def __init__(
        self,
        open_alarms: Callable[[], list],
        audit: Callable[..., None],
        notice: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.open_alarms = open_alarms
        self.audit = audit  # Gate.done: the silence is audited with the desk's user
        self.notice = notice
        self.level = 0
        self.sounding: list[int] = []
        self.silenced: set[int] = set()
        self.output: str | None = None  # the audio output's name, None without one
        self._effects: dict[int, object] = {}
        self._playing = 0
        self._open_output()

    def _open_output(self) -> None:
        try:
            from PySide6.QtMultimedia import QMediaDevices
        except ImportError as exc:  # a bundle without Qt Multimedia: no sound, said so
            self.notice(f"无报警音 No alarm sound on this desk: Qt Multimedia is missing ({exc})")
            return
        device = QMediaDevices.defaultAudioOutput()
        if device.isNull():
            self.notice("无音频输出设备 No audio output: alarm sounds are off on this desk (the status bar still shows them)")
            return
        self._device = device
        self.output = device.description()

    # -- inputs ------------------------------------------------------------------
    def alarms_changed(self) -> None:
        alarms = self.open_alarms()
        unacked = {a.id for a in alarms if a.state == SOUNDING_STATE}
        self.silenced &= unacked  # an alarm announced again later sounds again
        self._set(*sound_level(alarms, self.silenced))

    def silence(self) -> bool:
        """Quiet what sounds now (audited); returns False when nothing was sounding."""
        if not self.level:
            return False
        level, ids = self.level, sorted(self.sounding)
        self.silenced |= set(ids)
        self.audit("alarm.silence", "desk", level=level, alarms=ids)
        self._set(0, [])
        return True

    # -- output ------------------------------------------------------------------
    def text(self) -> str:
        if not self.level:
            return ""
        lv = LEVELS[self.level]
        mute = "" if self.output else " (无声 no audio)"
        return f"🔊 {lv.zh}报警音 {lv.en} alarm sounding{mute} · F9 消音 silence"

    def _set(self, level: int, ids: list[int]) -> None:
        self.sounding = ids
        if level == self.level:
            return
        self.level = level
        self._play(level)
        self.sig_sound_changed.emit(level)

    def _play(self, level: int) -> None:
        if self.output is None:
            return
        current = self._effects.get(self._playing)
        if current is not None:
            current.stop()
        self._playing = level
        if not level:
            return
        effect = self._effects.get(level) or self._effect(level)
        if effect is not None:
            effect.play()

    def _effect(self, level: int):
        from PySide6.QtMultimedia import QSoundEffect

        effect = QSoundEffect(self._device, self)
        effect.setSource(QUrl.fromLocalFile(sound_file(level)))
        effect.setLoopCount(QSoundEffect.Loop.Infinite.value)
        effect.setVolume(0.8)
        effect.statusChanged.connect(lambda e=effect, lv=level: self._status(e, lv))
        self._effects[level] = effect
        return effect

    def _status(self, effect, level: int) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        if effect.status() == QSoundEffect.Status.Error:
            log.error("alarm sound %s could not be played", sound_file(level))
            self.notice(f"报警音无法播放 Alarm sound {sound_file(level)} could not be played")

    def teardown(self) -> None:
        for e in self._effects.values():
            e.stop()
