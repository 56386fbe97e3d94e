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
import socket
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer

from console.app.watchdog import Notifier

log = logging.getLogger(__name__)
FREEZE_ENV = "CITY_CONSOLE_TEST_FREEZE_AFTER"


class ServiceHeartbeat(QObject):
    def __init__(
        self, window, layout_name, notifier: Notifier | None = None, on_terminate: Callable[[str], None] | None = None,
    ) -> None:
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
        # last batch) instead of dying mid-write, a kiosk too
        self.terminate = TerminateWatcher(self, on_terminate or (lambda _why: QCoreApplication.quit()))
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
        self.terminate.stop()
        self.timer.stop()
        self.notifier.stopping()
        self.notifier.close()


class TerminateWatcher(QObject):
    """SIGTERM ends the console through ``on_terminate`` on the GUI thread.

    Python runs a signal handler only when the interpreter next runs, and while Qt's
    loop sleeps in C++ it does not: the C-level handler also writes a byte to a socket
    (``signal.set_wakeup_fd``) whose QSocketNotifier wakes the loop, so the handler
    runs within milliseconds even when nothing else is scheduled.
    """

    def __init__(self, parent: QObject, on_terminate: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.on_terminate = on_terminate
        self.notifier: QSocketNotifier | None = None
        self._previous: tuple | None = None
        if threading.current_thread() is not threading.main_thread():
            return
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        old_fd = signal.set_wakeup_fd(self._write.fileno(), warn_on_full_buffer=False)
        self._previous = (old_fd, signal.signal(signal.SIGTERM, self._handle))
        self.notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._drain)

    def _handle(self, signum, _frame) -> None:
        log.info("signal %s: stopping", signal.Signals(signum).name)
        QTimer.singleShot(0, lambda: self.on_terminate("SIGTERM"))

    def _drain(self, *_args) -> None:
        try:
            while self._read.recv(512):
                pass
        except (BlockingIOError, InterruptedError, OSError):
            pass

    def stop(self) -> None:
        if self._previous is None:
            return
        old_fd, old_handler = self._previous
        self._previous = None
        self.notifier.setEnabled(False)
        signal.set_wakeup_fd(old_fd)
        signal.signal(signal.SIGTERM, old_handler if old_handler is not None else signal.SIG_DFL)
        self._read.close()
        self._write.close()


def _freeze() -> None:
    log.warning("%s: freezing the GUI thread (test hook)", FREEZE_ENV)
    while True:
        time.sleep(3600)
