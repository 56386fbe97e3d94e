"""The GUI side of running as a service: sd_notify READY/WATCHDOG from the GUI thread.

The heartbeat is a QTimer on the GUI thread on purpose: if the GUI thread hangs (a
stuck paint, a deadlock, a blocking call), the heartbeats stop and systemd's
``WatchdogSec=`` kills and restarts the console. A thread of its own would keep
beating for a frozen window.

``CITY_CONSOLE_TEST_FREEZE_AFTER=N`` (seconds) freezes the GUI thread after N seconds:
the tests use it to prove a hung GUI gets restarted. It does nothing unless set.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from console.app.watchdog import Notifier

log = logging.getLogger(__name__)
FREEZE_ENV = "CITY_CONSOLE_TEST_FREEZE_AFTER"


class ServiceHeartbeat(QObject):
    def __init__(self, window, layout_name, notifier: Notifier | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.layout_name = layout_name  # a callable: the layout shown now
        self.notifier = notifier or Notifier()
        self.beats = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._beat)
        interval = self.notifier.heartbeat_interval_s
        if interval:
            self.timer.start(max(50, int(interval * 1000)))
        if self.notifier.enabled:
            # after the event loop has started and the window is on screen
            QTimer.singleShot(0, self._ready)
        # systemctl stop / a supervisor's terminate: quit cleanly (the store flushes its
        # last batch) instead of dying mid-write. Python runs the handler at the next
        # bytecode, which the hub's timers guarantee within a fraction of a second.
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, QCoreApplication.quit))
        freeze = os.environ.get(FREEZE_ENV)
        if freeze:
            QTimer.singleShot(int(float(freeze) * 1000), _freeze)

    def _ready(self) -> None:
        self.window.repaint()  # synchronous: the wall is painted when READY=1 goes out
        status = f"wall: layout {self.layout_name() or '-'}"
        self.notifier.ready(status)
        log.info("sd_notify READY=1 (%s)", status)

    def _beat(self) -> None:
        self.beats += 1
        self.notifier.heartbeat()

    def stop(self) -> None:
        self.timer.stop()
        self.notifier.stopping()
        self.notifier.close()


def _freeze() -> None:
    log.warning("%s: freezing the GUI thread (test hook)", FREEZE_ENV)
    while True:
        time.sleep(3600)
