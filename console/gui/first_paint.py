"""When the console's first frame is on screen: the first paint of its first window.

Start-up is judged by it (issue 25, tests/bench/bench_startup.py): what was put off until
then (widgets.first_frame: the charts' plots) runs in the next turn of the event loop. An
event filter on that one window, removed at its first paint (an application-wide Python
filter crashes PySide6 6.11.3 once a map page is open); a window that never paints (no
screen) opens the gate after ``LATEST_S`` anyway.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

LATEST_S = 3.0


class FirstPaint(QObject):
    def __init__(self, window: QObject, then: Callable[[], None]) -> None:
        super().__init__(window)
        self.painted_at: float | None = None  # the wall clock (epoch s) of the first paint
        self._window, self._then = window, then
        window.installEventFilter(self)
        self._latest = QTimer(self)
        self._latest.setSingleShot(True)
        self._latest.timeout.connect(self._done)
        self._latest.start(int(LATEST_S * 1000))

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.time()
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self._done)  # after this paint has reached the screen
        return False

    def _done(self) -> None:
        self._latest.stop()
        if self._then is not None:
            then, self._then = self._then, None
            then()
