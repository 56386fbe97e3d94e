"""The focused camera's live video: pulls the newest decoded frame at the paint rate, as a QImage.

The decoder runs in its own thread (console.cameras.video); this only turns its newest frame into
a QImage on the GUI thread, ten times a second at most, and only when there is a new one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QImage

from console.freshness import format_age

PULL_MS = 100  # 10 Hz: a wall does not need more, and a 1080p copy costs ~2 ms


def rgb_image(frame) -> QImage:
    """A QImage holding its own copy of a decoded frame's pixels."""
    return QImage(frame.rgb.data, frame.width, frame.height, 3 * frame.width, QImage.Format.Format_RGB888).copy()


class FocusVideo(QObject):
    """One view's live stream of one camera, from the shared pool; ``close()`` gives it back."""

    def __init__(self, pool, owner: object, camera: str, url: str, on_frame: Callable[[QImage], None],
                 parent: QObject | None = None, pull_ms: int = PULL_MS, transport: str = "tcp") -> None:
        super().__init__(parent)
        self.pool, self.owner, self.camera = pool, owner, camera
        self.stream = pool.acquire(owner, camera, url, transport)
        self._on_frame = on_frame
        self._shown = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._pull)
        if self.stream is not None:
            self.timer.start(pull_ms)

    @property
    def refused(self) -> bool:
        """The pool was full: the view shows snapshots and says so."""
        return self.stream is None

    def has_picture(self) -> bool:
        return self.stream is not None and self._shown > 0

    def playing(self) -> bool:
        return self.stream is not None and self.stream.state()[0].value == "playing"

    def caption(self) -> str:
        """What the focus view says about the video: live, frozen with its age, connecting, or why not."""
        if self.stream is None:
            return QCoreApplication.translate("Video", "直播已满：{n} 路在播 · 显示快照").format(n=self.pool.max_streams)
        state, reason = self.stream.state()
        if state.value == "playing":
            info = self.stream.info
            live = QCoreApplication.translate("Video", "▶ 直播")
            return f"{live} · {info.codec} {info.width}×{info.height}" if info else live
        if state.value == "frozen":
            age = self.stream.age_s()
            return QCoreApplication.translate("Video", "❚❚ 画面冻结 · {age} · 重连中").format(age=format_age(age) if age is not None else "—")
        return QCoreApplication.translate("Video", "… 连接中") + (f" · {reason}" if reason else "")

    def _pull(self) -> None:
        frame = self.stream.latest() if self.stream is not None else None
        if frame is None or frame.index == self._shown:
            return
        self._shown = frame.index
        self._on_frame(rgb_image(frame))

    def close(self) -> None:
        self.timer.stop()
        if self.stream is not None:
            self.pool.release(self.owner, self.camera)
            self.stream = None
