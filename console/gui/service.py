"""The GUI side of running as a service: sd_notify READY/WATCHDOG from the GUI thread.

The heartbeat is a QTimer on the GUI thread on purpose: if the GUI thread hangs (a
stuck paint, a deadlock, a blocking call), the heartbeats stop and systemd's
``WatchdogSec=`` kills and restarts the console. A thread of its own would keep
beating for a frozen window.

``CITY_CONSOLE_TEST_FREEZE_AFTER=N`` (seconds) freezes the GUI thread after N seconds:
the tests use it to prove a hung GUI gets restarted. It does nothing unless set.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from console.app.watchdog import Notifier

log = logging.getLogger(__name__)
FREEZE_ENV = "CITY_CONSOLE_TEST_FREEZE_AFTER"


class ServiceHeartbeat(QObject):
    def __init__(
        self, window, layout_name, notifier: Notifier | None = None, on_terminate: Callable[[str], None] | None = None,
        terminate: TerminateWatcher | None = None,
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
        self.terminate = terminate or TerminateWatcher(self, on_terminate or (lambda _why: QCoreApplication.quit()))
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
    """SIGTERM ends the console through ``on_terminate`` on the GUI thread, within ``grace_s``.

    The C-level handler writes the signal's number to a socket (``signal.set_wakeup_fd``);
    a thread of its own waits on that socket, so the signal is seen at once even while
    the GUI thread is busy for seconds (a map page loading on a loaded PC) or sleeps in
    Qt's C++ loop. That thread hands the stop to the GUI thread (a queued signal) and, if
    the clean stop has not ended the process ``grace_s`` after the signal, exits anyway:
    a supervisor's stop always wins. The Python-level handler does nothing: it runs in
    the middle of whatever Python code the GUI thread is in, and logging or touching Qt
    there hung a kiosk for good.

    Arm it as soon as the application exists: start-up takes seconds, and a SIGTERM then
    must wait for the loop, not kill the process half-way through a cache write.
    """

    _sig_received = Signal(str)
    """A stop signal arrived (emitted from the watching thread, delivered queued)."""

    def __init__(self, parent: QObject, on_terminate: Callable[[str], None], grace_s: float = 4.0) -> None:
        super().__init__(parent)
        self.on_terminate = on_terminate
        self.grace_s = grace_s
        self.received: str | None = None
        self.on_received: list[Callable[[str], None]] = []
        """Called on the watching thread the moment a signal arrives, before the GUI thread
        hears of it: for the few precious writes (the kiosk's audited stop) that must not
        wait for a GUI thread busy for seconds. Each must be thread-safe and quick."""
        self._previous: tuple | None = None
        self._sig_received.connect(self._stop_on_gui_thread, Qt.ConnectionType.QueuedConnection)
        if threading.current_thread() is not threading.main_thread():
            return
        self._read, self._write = socket.socketpair()
        self._write.setblocking(False)
        old_fd = signal.set_wakeup_fd(self._write.fileno(), warn_on_full_buffer=False)
        self._previous = (old_fd, signal.signal(signal.SIGTERM, _ignore_in_python))
        threading.Thread(target=self._watch, name="sigterm-watch", daemon=True).start()

    def _watch(self) -> None:
        while True:
            try:
                got = self._read.recv(512)
            except OSError:
                return  # closed by stop()
            if not got:
                return
            if signal.SIGTERM in got:
                self.received = "SIGTERM"
                log.info("signal SIGTERM: stopping")
                self._sig_received.emit("SIGTERM")
                # on a thread of their own: a hook waiting on the disk must not hold the grace back
                threading.Thread(target=self._run_hooks, args=("SIGTERM",), name="sigterm-hooks", daemon=True).start()
                time.sleep(self.grace_s)
                log.error("still running %.1f s after SIGTERM: exiting without a clean stop", self.grace_s)
                faulthandler.dump_traceback(file=sys.stderr, all_threads=True)  # where it hung, for support
                logging.shutdown()
                os._exit(0)

    def _run_hooks(self, why: str) -> None:
        for hook in list(self.on_received):
            try:
                hook(why)
            except Exception:  # noqa: BLE001 (the stop goes on whatever a hook does)
                log.exception("on %s: %r failed", why, hook)

    def _stop_on_gui_thread(self, why: str) -> None:
        log.info("%s: stopping on the GUI thread", why)
        self.on_terminate(why)

    def stop(self) -> None:
        if self._previous is None:
            return
        old_fd, old_handler = self._previous
        self._previous = None
        signal.set_wakeup_fd(old_fd)
        signal.signal(signal.SIGTERM, old_handler if old_handler is not None else signal.SIG_DFL)
        try:
            self._read.shutdown(socket.SHUT_RDWR)  # wakes the watching thread's recv
        except OSError:
            pass
        self._write.close()
        if self.received is None:
            self._read.close()
        # after a SIGTERM the watching thread still counts down its grace: the process
        # is ending, and if it hangs on the way out it is ended anyway


def _ignore_in_python(_signum, _frame) -> None:
    """The wakeup byte already told the watching thread; see TerminateWatcher."""


def _freeze() -> None:
    log.warning("%s: freezing the GUI thread (test hook)", FREEZE_ENV)
    while True:
        time.sleep(3600)
